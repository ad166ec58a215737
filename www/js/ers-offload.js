// The rules module's heavy calls off the page: big legal input (a CSV or a plan of 100,000
// organisations, and the project and pack made from them) must never block the page for long.
// They run in a worker (./ers-worker.js) on ./worker-bridge.js: started on first need (a blob:
// module worker, under the page's CSP), one call at a time, and stopped after 10 s idle unless it
// keeps a plan; what crosses goes in slices (./transfer.js). Where a worker cannot start, a call runs on
// the page, as before. Only the elements that take big input load this file (the planner, the
// pack, the workspace), not the name checker.
//
//   ersInWorker(name, ...args)  always in the worker (a CSV file's bytes)
//   ersHeavy(name, ...args)     in the worker when the input is big, else on the page
//   ersHeavyFile(name, ...args) as ersHeavy, for a file to download (a Blob when big)
//   openPlan(request)           a plan kept for reading a page of rows at a time, and exporting

import { ersCall } from './ers.js';

/** The plans the worker keeps (their ids): the worker is not stopped while it keeps one. */
const kept = new Set();
let bridge = null;
let starting = null;

function workerError(error) {
  return Object.assign(new Error(error.message), {
    name: 'ErsError',
    code: error.code,
    ...(error.problems ? { problems: error.problems } : {}),
    ...(error.field ? { field: error.field } : {}),
  });
}

/** The rules worker's bridge (./worker-bridge.js), made on first need. */
function ersBridge() {
  if (bridge) return Promise.resolve(bridge);
  starting ??= (async () => {
    const [{ WorkerBridge }, { receivePart, sendInParts }] = await Promise.all([import('./worker-bridge.js'), import('./transfer.js')]);
    const inbox = new Map(); // slices of big results, until their last message (./transfer.js)
    bridge = new WorkerBridge({
      url: new URL('./ers-worker.js', import.meta.url),
      name: 'ers-golive worker',
      keep: () => kept.size > 0,
      receive: (data) => receivePart(inbox, data),
      // Big arguments (a project of 100,000 organisations) go in slices, a task each.
      post: (worker, message, transfer) => sendInParts(worker, message, 'args', { transfer }),
      onStop: () => {
        inbox.clear();
        kept.clear();
      },
    });
    return bridge;
  })().finally(() => {
    starting = null;
  });
  return starting;
}

/** Posts `name(...args)` to the worker; `fallback()` runs instead if the worker fails. */
async function post(name, args, fallback) {
  let data;
  try {
    data = await (await ersBridge()).call({ name, args });
  } catch (error) {
    if (error?.name === 'WorkerFailed' || !bridge) return fallback();
    throw error;
  }
  if (data.error) throw workerError(data.error);
  return unpackFindings(data.result);
}

/**
 * Runs the rules module's function `name` with `args` in a worker and resolves to its result;
 * the same call on the page if the worker cannot start. Only calls listed in ers-worker.js.
 */
export function ersInWorker(name, ...args) {
  return post(name, args, () => ersCall((m) => trimmed(name, m[name](...args))));
}

/** Over this weight (organisations, applications, or text in hundreds of characters), a call
 *  runs in the worker: under it, a call takes a few milliseconds here, less than starting the
 *  worker. */
export const BIG_INPUT = 5000;

/** How big `args` are: list items (one level into objects) and text, in BIG_INPUT's units. */
function weight(args) {
  let w = 0;
  const of = (v) => {
    if (typeof v === 'string') return v.length / 100;
    if (ArrayBuffer.isView(v)) return v.byteLength / 100;
    if (Array.isArray(v)) return v.length;
    return 0;
  };
  for (const arg of args) {
    w += of(arg);
    if (arg && typeof arg === 'object' && !Array.isArray(arg) && !ArrayBuffer.isView(arg)) {
      for (const v of Object.values(arg)) w += of(v);
    }
  }
  return w;
}

/**
 * As `ersInWorker` when `args` are big (over BIG_INPUT: a project of 100,000 organisations), so
 * the page is not blocked; as `ersCall` on the page otherwise.
 */
export function ersHeavy(name, ...args) {
  if (weight(args) > BIG_INPUT) return ersInWorker(name, ...args);
  return ersCall((m) => trimmed(name, m[name](...args)));
}

/**
 * For a file to download: `name(...args)`'s text, as a Blob made in the worker when the input
 * is big (a 50 MB string would take the page a quarter of a second to encode and copy into a
 * Blob), else the text. Either goes straight into actions.js's `download`.
 */
export function ersHeavyFile(name, ...args) {
  if (weight(args) > BIG_INPUT) return post('file', [name, ...args], () => ersCall((m) => m[name](...args)));
  return ersCall((m) => m[name](...args));
}

/**
 * `name(text, ...rest)` for a file's UTF-8 `bytes` (a Uint8Array): decoded and run in the
 * worker when big (a 50 MB project file is never one string on the page), else here.
 */
export function ersHeavyUtf8(name, bytes, ...rest) {
  const here = () => ersCall((m) => trimmed(name, m[name](new TextDecoder().decode(bytes), ...rest)));
  if (weight([bytes]) > BIG_INPUT) return post('fromUtf8', [name, bytes, ...rest], here);
  return here();
}

/** A pack from the worker with `packedFindings` (./ers-worker.js): its `findings` and
 *  `applications` made only when read (half a million and 100,000 objects the pack element
 *  never needs: it reads `eachFinding` and the totals). */
function unpackFindings(result) {
  const packed = result?.packedFindings;
  if (!packed) return result;
  delete result.packedFindings;
  const bytes = result.packedApplications;
  if (bytes) {
    delete result.packedApplications;
    lazyProperty(result, 'applications', () => JSON.parse(new TextDecoder().decode(bytes)));
  }
  Object.defineProperty(result, PACKED, { value: packed });
  lazyProperty(result, 'findings', () =>
    Array.from(packed.which, (t, i) => ({ ...packed.templates[t], application: packed.application[i] < 0 ? null : packed.application[i] })));
  return result;
}

/** `object[key]`, made by `make()` when first read (and kept), or the value last set. */
function lazyProperty(object, key, make) {
  let value = null;
  Object.defineProperty(object, key, {
    enumerable: true,
    configurable: true,
    get: () => (value ??= make()),
    set: (v) => (value = v),
  });
}

const PACKED = Symbol('packed findings');

/**
 * Calls `visit(finding, application)` for each of a pack's findings (goLivePack's result, from
 * the page or the worker), in order: `application` is the finding's (an index, or null for the
 * pack's own). For a big pack `finding` is shared by the findings that differ only in their
 * application, and its own `application` is null: copy it (`{ ...finding, application }`) to
 * keep it.
 */
export function eachFinding(pack, visit) {
  const packed = pack?.[PACKED];
  if (!packed) {
    for (const f of pack?.findings ?? []) visit(f, f.application ?? null);
    return;
  }
  const { templates, which, application } = packed;
  for (let i = 0; i < which.length; i += 1) visit(templates[which[i]], application[i] < 0 ? null : application[i]);
}

/** What the page never reads of a result, left in the worker (./ers-worker.js does the same):
 *  projectStatus's pack (the pack element checks its own), which for 100,000 applications holds
 *  half a million findings. */
export function trimmed(name, result) {
  if (name === 'projectStatus' && result && typeof result === 'object') delete result.pack;
  return result;
}

/**
 * Plans the go-live for `request` (planGoLive's shape) off the page, and keeps the plan for
 * reading: resolves to `{ summary, repeated, rows(start, count), export(method), free() }`,
 * where `summary` is GoLivePlan's `summary()`, `repeated` the indices of repeated EUOs (when
 * the plan notes ERS-P010), and `rows`/`export` resolve to `asidRows(…)` and the named export
 * (`toCsvBytes`, `toJson`, …). Rejects with the plan's errors (`code`, `problems`).
 */
export async function openPlan(request) {
  const local = async () => {
    const handle = await ersCall((m) => new m.GoLivePlan(request));
    try {
      const summary = handle.summary();
      const repeated = summary.notes.some((n) => n.code === summary.duplicateCode)
        ? Array.from(await ersCall((m) => m.repeatedEuos(request.euos)))
        : [];
      return { local: handle, summary, repeated };
    } catch (error) {
      handle.free();
      throw error;
    }
  };
  // A small plan is made here, at once; a big one in the worker.
  const opened = weight([request]) > BIG_INPUT ? await post('plan.open', [request], local) : await local();
  return new KeptPlan(opened, request, local);
}

/** A plan kept in the worker (or, where no worker runs, on the page). */
class KeptPlan {
  #id;
  #local;
  #request;
  #replan;

  constructor({ plan, local, summary, repeated }, request, replan) {
    this.summary = summary;
    this.repeated = repeated;
    this.#id = plan ?? null;
    this.#local = local ?? null;
    this.#request = request;
    this.#replan = replan;
    if (this.#id !== null) kept.add(this.#id);
  }

  async #call(name, args, method) {
    if (this.#local) return ersCall(() => method(this.#local));
    if (!kept.has(this.#id)) {
      // The worker stopped (it failed): make the plan again on the page.
      this.#local = (await this.#replan()).local;
      return ersCall(() => method(this.#local));
    }
    return post(name, [this.#id, ...args], async () => {
      this.#local ??= (await this.#replan()).local;
      return ersCall(() => method(this.#local));
    });
  }

  /** ASIDs `start` to `start + count`, each `{ index, asid, application? }`. */
  rows(start, count) {
    return this.#call('plan.rows', [start, count], (h) => h.asidRows(start, count));
  }

  /** The plan as GoLivePlan's `method` gives it (`toCsvBytes`, `toJson`, `toMarkdown`, …). */
  export(method) {
    return this.#call('plan.export', [method], (h) => h[method]());
  }

  /** Forgets the plan. */
  free() {
    this.#local?.free();
    this.#local = null;
    if (this.#id !== null && kept.delete(this.#id) && bridge?.running) bridge.call({ name: 'plan.free', args: [this.#id] }).catch(() => {});
    this.#id = null;
  }
}
