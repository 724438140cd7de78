// The page's language: which one (?lang= in the URL, else the visitor's choice kept in
// localStorage, else the browser's languages, else English), its words (every catalogue of
// web/i18n/<lang>/, embedded by the build as #i18n) and switching without a reload.
// A classic script, run before everything else, so <html lang> is right from the start.
// Templates are filled in as words.py fills them; text is placed with DOM nodes, never as HTML.
"use strict";
(function () {
  var SHARED = window.nn.shared; // shared.js, loaded before
  var STORED = SHARED.storage.language;
  var storage = window.nn.storage("localStorage");
  var WORDS = JSON.parse(document.getElementById("i18n").textContent);
  var LANGUAGES = Object.keys(WORDS); // words.py's LANGUAGES, English first
  var PLACEHOLDER = new RegExp(SHARED.templates.placeholder, "g"); // {name}, or {name:one/many}
  var MARKUP = new RegExp(SHARED.templates.markup, "g"); // inline code and emphasis
  var listeners = [];

  function stored() {
    return storage.get(STORED);
  }

  /** The language to start in: the URL's, the stored choice, the browser's, or English. */
  function initial() {
    var asked = new URLSearchParams(location.search).get("lang");
    if (LANGUAGES.indexOf(asked) >= 0) return asked;
    if (LANGUAGES.indexOf(stored()) >= 0) return stored();
    var browser = navigator.languages || [navigator.language || ""];
    for (var i = 0; i < browser.length; i++) {
      var primary = String(browser[i]).toLowerCase().split("-")[0];
      if (LANGUAGES.indexOf(primary) >= 0) return primary;
    }
    return "en";
  }

  var lang = initial();
  document.documentElement.lang = lang;

  /** The words for ``key`` with ``params`` put in (a missing key is a bug: said, and shown as the key). */
  function t(key, params) {
    var template = WORDS[lang][key];
    if (template === undefined) {
      console.warn("no words for " + key + " in " + lang);
      return key;
    }
    return template.replace(PLACEHOLDER, function (whole, name, one, many) {
      var value = params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
      return one === undefined ? value : value + " " + (value === "1" ? one : many);
    });
  }

  /** Put ``text`` into ``element`` as text nodes, `code` and emphasis as elements. */
  function place(element, text) {
    element.textContent = "";
    var at = 0;
    text.replace(MARKUP, function (whole, code, strong, tag, inner, offset) {
      element.append(text.slice(at, offset));
      var node = document.createElement(code !== undefined ? "code" : strong !== undefined ? "strong" : tag);
      node.textContent = code !== undefined ? code : strong !== undefined ? strong : inner;
      element.append(node);
      at = offset + whole.length;
      return whole;
    });
    element.append(text.slice(at));
  }

  function remembered(element) {
    var params = element.getAttribute("data-i18n-params");
    return params ? JSON.parse(params) : undefined;
  }

  /** ``element``'s text from ``key``, kept in the element so a switch words it anew. */
  function set(element, key, params) {
    element.setAttribute("data-i18n", key);
    if (params) element.setAttribute("data-i18n-params", JSON.stringify(params));
    else element.removeAttribute("data-i18n-params");
    place(element, t(key, params));
  }

  /** ``element``'s attribute ``name`` from ``key`` (plain text), kept likewise. */
  function attr(element, name, key, params) {
    text(element, t(key, params), name);
    var kept = element.getAttribute("data-i18n-attr");
    element.setAttribute("data-i18n-attr", (kept ? kept + ";" : "") + name + "=" + key
      + (params ? "=" + JSON.stringify(params) : ""));
  }

  /** ``element``'s text (or its attribute ``name``) as data, not words: no key is kept for it. */
  function text(element, value, name) {
    if (name === undefined) {
      element.removeAttribute("data-i18n");
      element.removeAttribute("data-i18n-params");
      element.textContent = value;
      return;
    }
    var kept = (element.getAttribute("data-i18n-attr") || "").split(";").filter(function (pair) {
      return pair && pair.split("=")[0] !== name;
    });
    if (kept.length) element.setAttribute("data-i18n-attr", kept.join(";"));
    else element.removeAttribute("data-i18n-attr");
    element.setAttribute(name, value);
  }

  /** Word everything under ``root`` that carries its keys in the current language. */
  function apply(root) {
    root.querySelectorAll("[data-i18n]").forEach(function (element) {
      place(element, t(element.getAttribute("data-i18n"), remembered(element)));
    });
    root.querySelectorAll("[data-i18n-attr]").forEach(function (element) {
      element.getAttribute("data-i18n-attr").split(";").forEach(function (pair) {
        var parts = pair.split("=");
        var params = parts.length > 2 ? JSON.parse(parts.slice(2).join("=")) : undefined;
        if (parts[0]) element.setAttribute(parts[0], t(parts[1], params));
      });
    });
    var select = document.querySelector('select[name="lang"]');
    if (select) select.value = lang;
  }

  /** Switch to ``next``: remembered, in the URL (so a link keeps it), words replaced, no reload. */
  function choose(next) {
    if (LANGUAGES.indexOf(next) < 0 || next === lang) return;
    lang = next;
    document.documentElement.lang = lang;
    storage.set(STORED, lang); // refused: the URL keeps it
    var params = new URLSearchParams(location.search);
    params.set("lang", lang);
    history.replaceState(history.state, "", location.pathname + "?" + params + location.hash);
    apply(document);
    listeners.forEach(function (listener) { listener(lang); });
  }

  // Once the page is parsed, before any module runs: the modules find it in its language.
  document.addEventListener("readystatechange", function worded() {
    if (document.readyState !== "interactive") return;
    document.removeEventListener("readystatechange", worded);
    if (lang !== "en") apply(document);
    var select = document.querySelector('select[name="lang"]');
    select.value = lang;
    select.addEventListener("change", function () { choose(select.value); });
  });

  (window.nn = window.nn || {}).i18n = {
    get lang() { return lang; },
    t: t, set: set, attr: attr, text: text, apply: apply, choose: choose,
    /** The words for ``key`` in every language (those that have it), English first. */
    every: function (key) {
      return LANGUAGES.map(function (each) { return WORDS[each][key]; }).filter(function (words) { return words !== undefined; });
    },
    onChange: function (listener) { listeners.push(listener); },
  };
})();
