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
