// Keeps every box in the cards that scrolls reachable from the keyboard: while its content is
// wider (or taller) than the box, it is in the tab order (tabindex="0", outlined on focus by
// app.css) and has a name; when it fits again, it leaves the tab order. Boxes come and go
// (results, practice reports), so they are found again on every change under the cards; their
// names are worded anew when the language changes.

const BOXES = 'output[name="result"], .formula, section[data-op] pre';
const watched = new WeakSet();

/** A name for a box that has none: its data-label, the heading before it or its summary. */
function nameOf(box) {
  const before = box.previousElementSibling;
  const heading = before?.matches("h3, h4, h5, summary") ? before : box.closest("details")?.querySelector("summary");
  return box.dataset.label ?? heading?.textContent.trim() ?? "";
}

function update(box) {
  const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
  if (scrolls && !box.hasAttribute("tabindex")) {
    box.tabIndex = 0;
    box.dataset.reachable = "";
    if (!box.hasAttribute("aria-labelledby") && !box.hasAttribute("aria-label")) {
      box.setAttribute("role", "group");
      box.dataset.named = ""; // the name is ours, to take back when the box fits again
      name(box);
    }
  } else if (!scrolls && "reachable" in box.dataset && document.activeElement !== box) {
    box.removeAttribute("tabindex");
    delete box.dataset.reachable;
    if (box.getAttribute("role") === "group") box.removeAttribute("role");
    if ("named" in box.dataset) {
      window.nn.i18n.text(box, "", "aria-label");
      box.removeAttribute("aria-label");
      delete box.dataset.named;
    }
  }
}

/** Name a box that scrolls after the words around it, in the page's language. */
function name(box) {
  window.nn.i18n.attr(box, "aria-label", "page.scrollable", { name: nameOf(box) });
}

export function keepScrollingBoxesReachable(root) {
  window.nn.i18n.onChange(() => root.querySelectorAll("[data-named]").forEach(name)); // after the labels changed
  const sizes = new ResizeObserver((entries) => entries.forEach((entry) => update(entry.target)));
  const watch = (box) => {
    if (!watched.has(box)) {
      watched.add(box);
      sizes.observe(box);
    }
    update(box);
  };
  root.querySelectorAll(BOXES).forEach(watch);
  new MutationObserver((records) => {
    for (const { target } of records) {
      const element = target.nodeType === Node.ELEMENT_NODE ? target : target.parentElement;
      const box = element?.closest(BOXES);
      if (box) watch(box);
      element?.querySelectorAll(BOXES).forEach(watch);
    }
  }).observe(root, { childList: true, subtree: true, characterData: true });
}
