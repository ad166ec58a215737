// A Web Worker for the wasm module's heavy, pure calls, so that big legal input (a CSV of
// 100,000 organisations) never blocks the page: started by `ersInWorker` (./ers.js) through
// keygen.js's `startWorker` (a blob: module worker, under the page's CSP). It loads the wasm
// module once and runs only the calls named in CALLS; their results are plain objects, copied
// back to the page.
//
// Messages in:  { id, name, args }
// Messages out: { id, result } | { id, error: { name, code, message } }

import init, * as wasm from '../pkg/ers_rules.js';

/** The calls this worker runs: pure functions of their arguments, returning plain objects. */
const CALLS = new Set(['parseEuoCsv']);

let ready;
function load() {
  ready ??= init({ module_or_path: new URL('../pkg/ers_rules_bg.wasm', import.meta.url) });
  return ready;
}

self.addEventListener('message', async ({ data }) => {
  const { id, name, args = [] } = data ?? {};
  try {
    if (!CALLS.has(name)) throw Object.assign(new Error(`ers-golive: no worker call ${name}`), { code: 'internal' });
    await load();
    self.postMessage({ id, result: wasm[name](...args) });
  } catch (error) {
    self.postMessage({
      id,
      error: { name: error?.name ?? 'Error', code: typeof error?.code === 'string' ? error.code : 'worker', message: String(error?.message ?? error) },
    });
  }
});
