// The key generator's Web Worker (started by ../keygen.js). It loads the wasm module itself,
// once, and runs one generateKeyPair call per message. The key it makes is posted back to the
// page and kept nowhere here: the wasm side zeroizes its copies before the call returns.
//
// Messages in:  { id, request: { bits, kid, format, passphrase } }
// Messages out: { id, type: 'progress', phase: 'loading' | 'generating' }
//               { id, type: 'result', result }   (what generateKeyPair returns)
//               { id, type: 'error', error: { name, code, message } }

import init, { generateKeyPair, lastPanic } from '../pkg/ers_keys.js';

let ready;

function load() {
  ready ??= init({ module_or_path: new URL('../pkg/ers_keys_bg.wasm', import.meta.url) }).catch(
    (cause) => {
      ready = undefined;
      throw Object.assign(
        new Error(
          'The key generator (WebAssembly) could not be loaded. Reload the page; if it still ' +
            'fails, your browser may block WebAssembly.',
          { cause },
        ),
        { name: 'ErsError', code: 'wasm-load' },
      );
    },
  );
  return ready;
}

function describe(error) {
  if (error instanceof WebAssembly.RuntimeError) {
    const detail = (() => {
      try {
        return lastPanic() ?? error.message;
      } catch {
        return error.message;
      }
    })();
    return {
      name: 'ErsError',
      code: 'panic',
      message:
        `Internal error in ers-golive (a bug, not your input): ${detail}. ` +
        'Reload the page to continue, and please report this.',
    };
  }
  return {
    name: error?.name ?? 'Error',
    code: typeof error?.code === 'string' ? error.code : 'worker',
    message: String(error?.message ?? error),
  };
}

self.addEventListener('message', async ({ data }) => {
  const { id, request } = data ?? {};
  const post = (message) => self.postMessage({ id, ...message });
  try {
    post({ type: 'progress', phase: 'loading' });
    await load();
    post({ type: 'progress', phase: 'generating' });
    post({ type: 'result', result: generateKeyPair(request ?? {}) });
  } catch (error) {
    post({ type: 'error', error: describe(error) });
  }
});
