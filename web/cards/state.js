// The page's state lives in one place: the URL's query string, one parameter per
// input ("softmax.x=..."), holding only inputs that differ from the card's example.
// So a link reproduces what you see, and a reload keeps what was typed. An input too
// long for a link (a big pasted array) is kept in this tab's sessionStorage instead,
// so a reload still keeps it; links then say they leave it out. If the browser refuses
// to store it (full, or off), the field keeps it all the same and the status says so.

const MAX_IN_URL = 4000; // characters of one input; longer URLs break in servers and chats
const key = (field) => `${field.closest("[data-op]").dataset.op}.${field.name}`;
const stored = (field) => `${globalThis.nn.shared.storage.input}${key(field)}`;

/** This tab's storage, or its refusal: false when a value could not be kept (none is left). */
const session = globalThis.nn.storage("sessionStorage");
const tabStorage = {
  get: (name) => session.get(name),
  set(name, value) {
    if (session.set(name, value)) return true;
    session.remove(name); // full (or storage off): no older value may come back on a reload
    return false;
  },
  remove: (name) => session.remove(name),
};
let refused = false; // the status says that an input is not kept

/** Put the values the URL (or, for long ones, this tab's storage) carries into the fields. */
export function restoreFields(fields, search = location.search) {
  const params = new URLSearchParams(search);
  for (const field of fields) {
    const value = params.has(key(field)) ? params.get(key(field)) : tabStorage.get(stored(field));
    if (value !== null) field.value = value;
  }
}

/** Record the fields' current values in the URL without adding a history entry. */
export function saveFields(fields) {
  const params = new URLSearchParams(location.search);
  const unkept = [];
  for (const field of fields) {
    const long = field.value.length > MAX_IN_URL;
    if (field.value === field.defaultValue || long) params.delete(key(field));
    else params.set(key(field), field.value);
    if (!long) tabStorage.remove(stored(field));
    else if (!tabStorage.set(stored(field), field.value)) unkept.push(key(field));
  }
  if (unkept.length) {
    window.nn?.status?.set("status-input-not-kept", { inputs: unkept.join(", ") }, "failed");
  } else if (refused) {
    window.nn?.status?.set("status-inputs-kept", null, "ready");
  }
  refused = unkept.length > 0;
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    history.replaceState(history.state, "", url);
  }
}

/** Whether some input is too long to be in a link. */
export function linkLeavesOut(fields) {
  return fields.some((field) => field.value.length > MAX_IN_URL);
}
