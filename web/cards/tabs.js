// Each card's Explore | Practice tabs (the WAI-ARIA tabs pattern: arrow keys, Home and End
// move between the tabs and select them; one tab stop). Explore comes first; a card's choice
// is remembered in localStorage, and the fragment #NAME-practice (or #NAME-explore) opens
// that card on that tab. Selecting a tab dispatches "nn:tab" on the card ({ detail: tab }).

const FRAGMENT = /^#(.+)-(explore|practice)$/;

const stored = globalThis.nn.storage("localStorage", globalThis.nn.shared.storage.tab);
const remembered = {
  get: (op) => stored.get(op),
  /** Explore, the default, is remembered as nothing; storage off: not remembered. */
  set: (op, tab) => (tab === "explore" ? stored.remove(op) : stored.set(op, tab)),
};

const tabsOf = (card) => [...card.querySelectorAll('[role="tab"]')];

/** Show ``name``'s panel in ``card`` ("explore" or "practice"); ``focus`` moves the focus to its tab. */
function selectTab(card, name, { focus = false, remember = true } = {}) {
  for (const tab of tabsOf(card)) {
    const selected = tab.dataset.tab === name;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    document.getElementById(tab.getAttribute("aria-controls")).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  if (remember) remembered.set(card.dataset.op, name);
  card.dispatchEvent(new CustomEvent("nn:tab", { detail: name }));
}

function onKeydown(card, event) {
  const tabs = tabsOf(card);
  const index = tabs.indexOf(event.target);
  const next = {
    ArrowRight: (index + 1) % tabs.length,
    ArrowLeft: (index - 1 + tabs.length) % tabs.length,
    Home: 0,
    End: tabs.length - 1,
  }[event.key];
  if (index < 0 || next === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  selectTab(card, tabs[next].dataset.tab, { focus: true });
}

/** Open the card a #NAME-practice / #NAME-explore fragment names on that tab, and show it (no
 * element has such an id: the browser leaves the scrolling to this). */
function followFragment(cards) {
  const [, op, tab] = location.hash.match(FRAGMENT) ?? [];
  const card = cards.find((c) => c.dataset.op === op);
  if (!card) return;
  selectTab(card, tab);
  card.scrollIntoView({ block: "start" });
}

export function setUpTabs(cards) {
  for (const card of cards) {
    for (const tab of tabsOf(card)) tab.addEventListener("click", () => selectTab(card, tab.dataset.tab));
    card.querySelector('[role="tablist"]').addEventListener("keydown", (event) => onKeydown(card, event));
    if (remembered.get(card.dataset.op) === "practice") selectTab(card, "practice", { remember: false });
  }
  followFragment(cards);
  window.addEventListener("hashchange", () => followFragment(cards));
}
