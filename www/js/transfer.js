// Messages between the page and its rules worker (./ers-worker.js) in pieces the page can take
// without stopping: copying a message (structured clone) of 100,000 organisations and 100,000
// applications costs the sender and the receiver a quarter of a second each, in one task. Here
// every array longer than CHUNK (in a message's value, or in its objects up to three levels
// down) goes ahead in slices of CHUNK items, one message each (each copied in a task of its
// own), and the last message carries the rest with a marker where each array was. Small
// messages go whole, as one message.
//
//   sender:   await sendInParts(port, { id, name, args }, 'args');
//   receiver: const whole = receivePart(inbox, data); if (whole) … whole.args …
//             (inbox: a Map kept by the receiver; data: a message's data)

export const CHUNK = 1000;

/** The key marking where an array was taken out (no input of ours has it). */
const PART = '\u0000ers-part';

/** A plain object or array (what may hold big arrays); a Blob, a Map or bytes go as they are. */
const plain = (v) => {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return Array.isArray(v) || proto === Object.prototype || proto === null;
};

/** A copy of `value` with its big arrays replaced by markers; the arrays go into `parts`. */
function cut(value, parts, depth) {
  if (Array.isArray(value)) {
    if (value.length > CHUNK) {
      parts.push(value);
      return { [PART]: parts.length - 1 };
    }
    return depth < 4 ? value.map((v) => (plain(v) ? cut(v, parts, depth + 1) : v)) : value;
  }
  if (!plain(value) || depth >= 4) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = plain(v) ? cut(v, parts, depth + 1) : v;
  return out;
}

/** `value` with every marker replaced by its array. */
function glue(value, parts, depth) {
  if (!plain(value) || depth >= 5) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = glue(value[i], parts, depth + 1);
    return value;
  }
  if (Object.hasOwn(value, PART)) return parts[value[PART]] ?? [];
  for (const k of Object.keys(value)) value[k] = glue(value[k], parts, depth + 1);
  return value;
}

/** Lets the page run between two slices (a new task). */
export function nextTask() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Posts `message` (an object with an `id`) to `port`, its `key` property cut into pieces as
 * above. `transfer`: buffers handed over with the last message. `pause`: wait for a new task
 * between slices (on the page; a worker need not).
 */
export async function sendInParts(port, message, key, { transfer = [], pause = true } = {}) {
  const parts = [];
  const shell = cut(message[key], parts, 0);
  if (parts.length === 0) {
    port.postMessage(message, transfer);
    return;
  }
  for (let p = 0; p < parts.length; p += 1) {
    const list = parts[p];
    for (let i = 0; i < list.length; i += CHUNK) {
      port.postMessage({ id: message.id, part: p, items: list.slice(i, i + CHUNK) });
      if (pause) await nextTask();
    }
  }
  port.postMessage({ ...message, [key]: shell, parts: parts.length }, transfer);
}

/**
 * Takes one message's `data`: a slice is kept in `inbox` (and null returned); a last or whole
 * message is returned with its arrays put back.
 */
export function receivePart(inbox, data) {
  if (data && Number.isInteger(data.part)) {
    let parts = inbox.get(data.id);
    if (!parts) inbox.set(data.id, (parts = []));
    const list = (parts[data.part] ??= []);
    for (const item of data.items) list.push(item);
    return null;
  }
  if (!data || !data.parts) return data;
  const parts = inbox.get(data.id) ?? [];
  inbox.delete(data.id);
  const out = { ...data };
  delete out.parts;
  for (const key of ['args', 'result']) if (key in out) out[key] = glue(out[key], parts, 0);
  return out;
}
