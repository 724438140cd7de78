// What the page accepts from the learner's interpreter during a check (PROTOCOL.md, "runner"):
// only the documented kinds, with exactly their fields and types, in their order, at most one
// answer per case of the exercise, within the size limits. Anything else ends the check as
// "interrupted" (worker-client.js). The content of `top` and `case` (texts, plain data) is then
// read again, field by field, by the page's Python (practice/messages.py).

export const LIMITS = {
  messageChars: 12_000_000, // one message, as JSON (an array result of 10^6 float64 is ~10.7 MB of base64)
  textChars: 7_000, // output, a message, a traceback
  warnings: 5,
  depth: 6, // nesting of objects and lists
};

const text = (value) => typeof value === "string" && value.length <= LIMITS.textChars;
const textOrNull = (value) => value === null || text(value);
const plainObject = (value) => typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Whether ``value`` is JSON data (objects, lists, strings, finite numbers, booleans, null), no deeper than allowed. */
function plain(value, depth = 0) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (depth >= LIMITS.depth) return false;
  if (Array.isArray(value)) return value.every((item) => plain(item, depth + 1));
  return plainObject(value) && Object.values(value).every((item) => plain(item, depth + 1));
}

/** Each kind's fields and what each must be. */
export const KINDS = {
  top: { output: text, error: (value) => value === null || plainObject(value), defined: (value) => typeof value === "boolean" },
  "case-start": { index: Number.isInteger },
  raised: { index: (value) => value === null || Number.isInteger(value), error: plainObject },
  case: { index: Number.isInteger, output: text, warnings: (value) => Array.isArray(value) && value.length <= LIMITS.warnings && value.every(text),
    returned: (value) => value === null || plainObject(value), raised: (value) => value === null || plainObject(value),
    limit: (value) => value === null || plainObject(value) },
  done: {},
  failed: { message: text },
};

/** The state of one check's messages: what may come next. ``cases``: how many the exercise has. */
export function newCheck(cases) {
  return { cases, stage: "top", next: 0, open: null, raised: false, done: false };
}

/** Why ``message`` is refused at this point of the check (a short English detail), or "" when it
 * is accepted; an accepted message moves ``state`` on. */
export function refusal(state, message) {
  if (state.done) return "a message after done";
  if (!plainObject(message) || typeof message.type !== "string" || !Object.hasOwn(KINDS, message.type)) {
    return "a message of no documented kind";
  }
  const fields = KINDS[message.type];
  const names = Object.keys(message).filter((name) => name !== "type");
  if (names.length !== Object.keys(fields).length || !names.every((name) => Object.hasOwn(fields, name) && fields[name](message[name]))) {
    return `a ${message.type} message whose fields are not as documented`;
  }
  if (!plain(message)) return `a ${message.type} message that is not plain data`;
  if (JSON.stringify(message).length > LIMITS.messageChars) return `a ${message.type} message that is too big`;
  return order(state, message);
}

function order(state, message) {
  const { type, index } = message;
  if (type === "failed") {
    state.done = true;
    return "";
  }
  if (state.stage === "top") {
    if (type === "raised" && index === null && !state.raised) {
      state.raised = true;
      return "";
    }
    if (type !== "top") return `a ${type} message before the top level's`;
    state.stage = "cases";
    state.raised = false;
    return "";
  }
  if (type === "done" && state.open === null) {
    state.done = true;
    return "";
  }
  if (type === "case-start" && state.open === null && index === state.next && index < state.cases) {
    state.open = index;
    return "";
  }
  if (type === "raised" && state.open !== null && index === state.open && !state.raised) {
    state.raised = true;
    return "";
  }
  if (type === "case" && state.open !== null && index === state.open) {
    state.open = null;
    state.raised = false;
    state.next += 1;
    return "";
  }
  return `a ${type} message out of order`;
}
