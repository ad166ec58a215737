// The one door from the page to the wasm module. Every component calls `loadErs()` (the module
// is fetched and instantiated once, however many components ask) and runs its calls through
// `ersCall()`, which turns a Rust panic into a readable error instead of a bare "unreachable".

import init, * as wasm from '../pkg/ers_wasm.js';

let ready;

/** Resolves to the initialised wasm module (its exports: checkName, planGoLive, …). */
export function loadErs() {
  ready ??= init({ module_or_path: new URL('../pkg/ers_wasm_bg.wasm', import.meta.url) }).then(
    () => wasm,
    (cause) => {
      ready = undefined; // let a later call try again
      throw Object.assign(
        new Error(
          'The checking engine (WebAssembly) could not be loaded. Reload the page; if it ' +
            'still fails, your browser may block WebAssembly.',
          { cause },
        ),
        { name: 'ErsError', code: 'wasm-load' },
      );
    },
  );
  return ready;
}

/**
 * Runs `fn(module)` and returns its result. Errors thrown by the module keep their `code` and
 * `message`; a panic (a bug in ers-golive) becomes an `ErsError` with code `panic`.
 */
export async function ersCall(fn) {
  const module = await loadErs();
  try {
    return fn(module);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      const detail = module.lastPanic() ?? error.message;
      throw Object.assign(
        new Error(
          `Internal error in ers-golive (a bug, not your input): ${detail}. ` +
            'Reload the page to continue, and please report this.',
          { cause: error },
        ),
        { name: 'ErsError', code: 'panic' },
      );
    }
    throw error;
  }
}

// Heavy, pure calls (a CSV of 100,000 rows) run in a worker (./ers-worker.js), so the page is
// never blocked for long: started on first need, stopped after 10 s idle. Where a worker cannot
// start, the call runs here, as before.
let worker = null;
let idle = 0;
let nextId = 1;
const waiting = new Map();

async function ersWorker() {
  clearTimeout(idle);
  if (worker) return worker;
  const { startWorker } = await import('../keygen.js');
  worker = startWorker(new URL('./ers-worker.js', import.meta.url), 'ers-golive worker');
  worker.addEventListener('message', ({ data }) => {
    const job = waiting.get(data?.id);
    if (!job) return;
    waiting.delete(data.id);
    if (data.error) job.reject(Object.assign(new Error(data.error.message), { name: 'ErsError', code: data.error.code }));
    else job.resolve(data.result);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault?.();
    const failed = [...waiting.values()];
    waiting.clear();
    worker?.terminate();
    worker = null;
    for (const job of failed) job.fallback();
  });
  return worker;
}

/**
 * Runs the module's function `name` with `args` in a worker and resolves to its result; the
 * same call on the page if the worker cannot start. Only calls listed in ers-worker.js.
 */
export async function ersInWorker(name, ...args) {
  let w;
  try {
    w = await ersWorker();
  } catch {
    return ersCall((m) => m[name](...args));
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, fallback: () => ersCall((m) => m[name](...args)).then(resolve, reject) });
    w.postMessage({ id, name, args });
  }).finally(() => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (waiting.size === 0) {
        worker?.terminate();
        worker = null;
      }
    }, 10_000);
  });
}
