// A classic script (modules do not run from file://), loaded before everything else:
// it owns the loading status, and says at once when the page cannot work here.
"use strict";
(function () {
  var root = document.documentElement;

  function setStatus(text, state) {
    if (!document.getElementById("status")) { // still parsing the <head>: once the body is there
      document.addEventListener("DOMContentLoaded", function () { setStatus(text, state); });
      return;
    }
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

  // A file Python needs did not arrive (a preload, script or module failed): say so at once.
  addEventListener("error", function (event) {
    var element = event.target;
    var url = element && (element.href || element.src);
    if (!url || location.protocol === "file:" || !/\/vendor\/|\.(zip|py)$/.test(url)) return;
    fail("Python could not start: " + url.split("/").pop() + " could not be downloaded. " +
      "Check the connection and reload; your inputs are kept in the address.");
  }, true);

  // What is loading, from PyScript's own progress events (inputs stay editable throughout).
  var stages = {
    "Loading Pyodide": [2, "Starting Python (Pyodide) and NumPy\u2026 you can already edit the inputs."],
    "Loaded Pyodide": [3, "Binding the cards to NumPy\u2026"]
  };
  addEventListener("py:progress", function (event) {
    var stage = stages[event.detail];
    if (!stage || root.classList.contains("ready") || root.classList.contains("failed")) return;
    document.getElementById("load-progress").value = stage[0];
    setStatus(stage[1], "loading");
  });

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
