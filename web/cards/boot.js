// A classic script (modules do not run from file://), loaded before everything but the page's
// words (i18n.js): it owns the loading status, and says at once when the page cannot work here.
"use strict";
(function () {
  var root = document.documentElement;

  /** The status line says ``key`` (web/i18n/<lang>/page.json) with ``params``. */
  function setStatus(key, params, state) {
    if (!document.getElementById("status")) { // still parsing the <head>: once the body is there
      document.addEventListener("DOMContentLoaded", function () { setStatus(key, params, state); });
      return;
    }
    window.nn.i18n.set(document.getElementById("status-text"), "page." + key, params);
    document.getElementById("status").setAttribute("data-state", state);
  }

  /** Show that Python could not start (once; never after the page is ready). */
  function fail(key, params) {
    if (root.classList.contains("ready") || root.classList.contains("failed")) return;
    root.classList.remove("loading");
    root.classList.add("failed");
    setStatus(key, params, "failed");
  }

  (window.nn = window.nn || {}).status = { set: setStatus, fail: fail };

  // A vendored file did not arrive (a script or module failed): say so at once.
  addEventListener("error", function (event) {
    var element = event.target;
    var url = element && (element.href || element.src);
    if (!url || location.protocol === "file:" || !/\/vendor\//.test(url)) return;
    fail("status-file-missing", { file: url.split("/").pop() });
  }, true);

  // What is loading, from the page's Python (start/python.js; inputs stay editable throughout).
  var stages = { starting: [2, "status-starting"], binding: [3, "status-binding"] };
  addEventListener("nn:progress", function (event) {
    var stage = stages[event.detail];
    if (!stage || root.classList.contains("ready") || root.classList.contains("failed")) return;
    document.getElementById("load-progress").value = stage[0];
    setStatus(stage[1], null, "loading");
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (location.protocol === "file:") {
      fail("status-file-protocol");
    } else if (typeof WebAssembly !== "object") {
      fail("status-no-wasm");
    }
  });
})();
