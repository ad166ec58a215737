// A Web Worker for the rules module's heavy, pure calls, so that big legal input (a CSV or a
// plan of 100,000 organisations, the project and the pack made from them) never blocks the
// page: started by `ersInWorker` and `openPlan` (./ers-offload.js) on ./worker-bridge.js (a
// blob: module worker, under the page's CSP). It loads the wasm module once and runs only the
// calls named in CALLS, whose results are plain objects copied back to the page, and keeps the
// plans it made (GoLivePlan handles) for the page to read a page of rows at a time and export.
//
// Messages in:  { id, name, args }
//   name: a call of CALLS, or 'plan.open' (request) → { plan, summary, repeated },
//         'plan.rows' (plan, start, count) → rows, 'plan.export' (plan, method) → its result,
//         'plan.free' (plan) → true, 'file' (call, ...args) → the call's text as a Blob (UTF-8),
//         'fromUtf8' (call, bytes, ...rest) → call(bytes decoded, ...rest)
// Messages out: { id, result } | { id, error: { name, code, message, problems?, field? } }

import init, * as wasm from '../pkg/ers_rules.js';
import { CHUNK, receivePart, sendInParts } from './transfer.js';

/** The calls this worker runs: pure functions of their arguments, returning plain objects. */
const CALLS = new Set([
  'parseEuoCsv',
  'repeatedEuos',
  'euoNotes',
  'goLivePack',
  'packFromPlan',
  'packToText',
  'packToMarkdown',
  'packToCsv',
  'packToJson',
  'openProject',
  'openProjectView',
  'projectView',
  'projectToJson',
  'syncProject',
  'projectPackRequest',
  'projectStatus',
  'projectPlanCsv',
  'projectImportDetails',
]);

/** The methods of a kept plan the page may ask for (GoLivePlan's exports). */
const EXPORTS = new Set(['toCsv', 'toJson', 'toMarkdown', 'toCsvBytes', 'toJsonBytes', 'toMarkdownBytes', 'toObject', 'packRequest']);

const plans = new Map();
let nextPlan = 1;

let ready;
function load() {
  ready ??= init({ module_or_path: new URL('../pkg/ers_rules_bg.wasm', import.meta.url) });
  return ready;
}

function planOf(id) {
  const plan = plans.get(id);
  if (!plan) throw Object.assign(new Error('ers-golive: that plan is no longer kept: plan again'), { code: 'plan-gone' });
  return plan;
}

function run(name, args) {
  switch (name) {
    case 'plan.open': {
      const handle = new wasm.GoLivePlan(args[0]);
      const summary = handle.summary();
      const repeated = summary.notes.some((n) => n.code === summary.duplicateCode)
        ? Array.from(wasm.repeatedEuos(args[0]?.euos ?? []))
        : [];
      const id = nextPlan++;
      plans.set(id, handle);
      return { plan: id, summary, repeated };
    }
    case 'plan.rows':
      return planOf(args[0]).asidRows(args[1], args[2]);
    case 'plan.export': {
      if (!EXPORTS.has(args[1])) throw Object.assign(new Error(`ers-golive: a plan has no export ${args[1]}`), { code: 'internal' });
      return planOf(args[0])[args[1]]();
    }
    case 'file': {
      // A call whose text is a file to download: a Blob made here (encoding 50 MB of text and
      // copying it into a Blob would block the page for a quarter of a second); a Blob crosses
      // to the page as a handle, its bytes are not copied.
      if (!CALLS.has(args[0])) throw Object.assign(new Error(`ers-golive: no worker call ${args[0]}`), { code: 'internal' });
      return new Blob([String(wasm[args[0]](...args.slice(1)))]);
    }
    case 'fromUtf8': {
      // A file's bytes, decoded here: `call(text, ...rest)`.
      if (!CALLS.has(args[0])) throw Object.assign(new Error(`ers-golive: no worker call ${args[0]}`), { code: 'internal' });
      return wasm[args[0]](new TextDecoder().decode(args[1]), ...args.slice(2));
    }
    case 'plan.free':
      plans.get(args[0])?.free();
      plans.delete(args[0]);
      return true;
    default:
      if (!CALLS.has(name)) throw Object.assign(new Error(`ers-golive: no worker call ${name}`), { code: 'internal' });
      return wasm[name](...args);
  }
}

/**
 * A big pack's findings (half a million for 100,000 applications, most of them the same few
 * findings about different applications) cross as `packedFindings`: each distinct finding once
 * (`templates`, its application null) and two columns of numbers, `which` template and
 * which `application` (-1 for the pack's own), handed over without a copy; its `applications`
 * as JSON bytes. ers-offload.js reads them back (`eachFinding`, and `findings` and
 * `applications` when asked for).
 */
function packFindings(pack, transfer) {
  const findings = pack?.findings;
  if (!Array.isArray(findings) || findings.length <= CHUNK) return;
  const templates = [];
  const seen = new Map();
  const which = new Int32Array(findings.length);
  const application = new Int32Array(findings.length);
  findings.forEach((f, i) => {
    // (`application` kept in its place, as null, so a finding read back has its keys in order.)
    const rest = { ...f, application: null };
    const key = JSON.stringify(rest);
    let t = seen.get(key);
    if (t === undefined) {
      t = templates.length;
      seen.set(key, t);
      templates.push(rest);
    }
    which[i] = t;
    application[i] = f.application ?? -1;
  });
  delete pack.findings;
  pack.packedFindings = { templates, which, application };
  transfer.push(which.buffer, application.buffer);
  // The pack's applications (the request's, checked), which the page reads only when asked:
  // JSON bytes, handed over, parsed by the page on first reading.
  if (Array.isArray(pack.applications) && pack.applications.length > CHUNK) {
    const bytes = new TextEncoder().encode(JSON.stringify(pack.applications));
    delete pack.applications;
    pack.packedApplications = bytes;
    transfer.push(bytes.buffer);
  }
}

const inbox = new Map(); // slices of big arguments, until their last message (./transfer.js)

self.addEventListener('message', async (event) => {
  const data = receivePart(inbox, event.data);
  if (!data) return;
  const { id, name, args = [] } = data;
  try {
    await load();
    const result = run(name, args);
    // What the page never reads stays here (see ers.js `trimmed`).
    if (name === 'projectStatus' && result && typeof result === 'object') delete result.pack;
    // Bytes (a download) are handed over, not copied; big results go in slices.
    const transfer = result instanceof Uint8Array && result.byteOffset === 0 && result.byteLength === result.buffer.byteLength ? [result.buffer] : [];
    if (name === 'goLivePack') packFindings(result, transfer);
    await sendInParts(self, { id, result }, 'result', { transfer, pause: false });
  } catch (error) {
    let message = String(error?.message ?? error);
    if (error instanceof WebAssembly.RuntimeError) {
      message = `Internal error in ers-golive (a bug, not your input): ${wasm.lastPanic?.() ?? message}. Reload the page to continue, and please report this.`;
    }
    self.postMessage({
      id,
      error: {
        name: error?.name ?? 'Error',
        code: error instanceof WebAssembly.RuntimeError ? 'panic' : typeof error?.code === 'string' ? error.code : 'worker',
        message,
        problems: Array.isArray(error?.problems) ? error.problems : undefined,
        field: typeof error?.field === 'string' ? error.field : undefined,
      },
    });
  }
});
