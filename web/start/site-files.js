// The page's Python files as build.py lists them in python.json (its `files`: each file of the site
// and where it goes in Pyodide's home; "DIR/*": an archive unpacked there), fetched and written into
// an interpreter's file system. Used by the page's Python (start/python-worker.js) and the worker that
// makes the page's snapshot (start/snapshot-worker.js), which place them alike. A classic script that
// only adds globalThis.nn.siteFiles; shared.js, start/hook.js and start/zip.js come before it.
"use strict";
(() => {
  /** The bytes at ``url``; an error naming the file when it does not arrive (its ``file``). */
  async function fetchBytes(url) {
    const file = String(url).split("/").pop();
    let response;
    try {
      response = await fetch(url);
    } catch (error) {
      throw Object.assign(new Error(`${file} did not arrive (${error?.message ?? error})`), { file });
    }
    if (!response.ok) throw Object.assign(new Error(`${file} answered ${response.status}`), { file });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Every file python.json (at ``manifestURL``) lists, fetched side by side: [path in the file
   * system, bytes], archives unpacked. */
  async function fetchAll(manifestURL) {
    const { files } = JSON.parse(new TextDecoder().decode(await fetchBytes(manifestURL)));
    const home = globalThis.nn.shared.home;
    const each = await Promise.all(Object.entries(files).map(async ([source, target]) => {
      const bytes = await fetchBytes(new URL(source, manifestURL).href);
      const path = `${home}/${target.replace(/^\.\//, "")}`;
      if (!path.endsWith("/*")) return [[path, bytes]];
      return (await globalThis.nn.unzip(bytes)).map(([name, data]) => [`${path.slice(0, -1)}${name}`, data]);
    }));
    return each.flat();
  }

  /** Write ``files`` (fetchAll's) into ``pyodide``'s file system. */
  function write(pyodide, files) {
    for (const [path, data] of files) globalThis.nn.start.writeFile(pyodide, path, data);
  }

  (globalThis.nn ??= {}).siteFiles = { fetchBytes, fetchAll, write };
})();
