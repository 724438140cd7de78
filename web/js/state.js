// The page's state lives in one place: the URL's query string, one parameter per
// input ("softmax.x=..."), holding only inputs that differ from the card's example.
// So a link reproduces what you see, and a reload keeps what was typed.

const key = (field) => `${field.closest("[data-op]").dataset.op}.${field.name}`;

/** Put the values a URL carries into the fields (before Python has even loaded). */
export function restoreFields(fields, search = location.search) {
  const params = new URLSearchParams(search);
  for (const field of fields) {
    if (params.has(key(field))) field.value = params.get(key(field));
  }
}

/** Record the fields' current values in the URL without adding a history entry. */
export function saveFields(fields) {
  const params = new URLSearchParams(location.search);
  for (const field of fields) {
    if (field.value === field.defaultValue) params.delete(key(field));
    else params.set(key(field), field.value);
  }
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    history.replaceState(history.state, "", url);
  }
}
