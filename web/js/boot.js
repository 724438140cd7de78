// A classic script (modules do not run from file://), loaded before everything else:
// it owns the loading status, and says at once when the page cannot work here.
"use strict";
(function () {
  var root = document.documentElement;

  function setStatus(text, state) {
    document.getElementById("status-text").textContent = text;
    document.getElementById("status").setAttribute("data-state", state);
  }

  /** Show that Python could not start (once; never after the page is ready). */
  function fail(message) {
    if (root.classList.contains("ready") || root.classList.contains("failed")) return;
    root.classList.remove("loading");
    root.classList.add("failed");
    setStatus(message, "failed");
  }

  window.nnStatus = { set: setStatus, fail: fail };

  document.addEventListener("DOMContentLoaded", function () {
    if (location.protocol === "file:") {
      fail("This page cannot run from a file: browsers only load WebAssembly over HTTP. " +
        "Run \u201cpython3 build.py serve\u201d and open the address it prints.");
    } else if (typeof WebAssembly !== "object") {
      fail("This browser cannot run WebAssembly, which Python in the page needs. " +
        "Try a current Chrome, Firefox, Safari or Edge.");
    }
  });
})();
