// A key generator Web Worker (started by ../keygen.js, which runs a pool of them). It loads the
// wasm module itself, once, and answers one message at a time:
//
//   { id, op: 'search', bits, budgetMs }  one step of the prime search for a `bits`-bit key: the
//       worker tests candidates of its own random window (sieved, then Miller–Rabin and
//       Baillie–PSW) for up to `budgetMs`, then answers
//       { id, type: 'prime', prime: Uint8Array | null }   (the buffer is transferred)
//   { id, op: 'assemble', p, q, request }  rsa builds and validates the key from two primes
//       found by any worker, then { id, type: 'result', result }  (what generateKeyPair returns)
//   { id, op: 'check', requests }  checks the options of every request: { id, type: 'checked' }
//   { id, request }  (no op) a whole key in this worker, as before the pool: the same result
//
// Errors: { id, type: 'error', error: { name, code, message } }. Progress while loading:
// { id, type: 'progress', phase: 'loading' | 'generating' }. The key is posted back and kept
// nowhere here: the wasm side zeroizes its copies before each call returns, and the primes
// handed in are wiped after use.

import init, {
  checkKeyOptions,
  generateKeyPair,
  keyPairFromPrimes,
  lastPanic,
  searchPrime,
} from '../pkg/ers_keys.js';

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

/** Tests candidates for up to `budgetMs` (a few at a time, so the clock is read often). */
function search(bits, budgetMs) {
  const started = performance.now();
  const batch = bits >= 4096 ? 2 : bits >= 3072 ? 4 : 8;
  do {
    const prime = searchPrime(bits, batch);
    if (prime) return prime;
  } while (performance.now() - started < budgetMs);
  return null;
}

self.addEventListener('message', async ({ data }) => {
  const { id, op, request } = data ?? {};
  const post = (message, transfer = []) => self.postMessage({ id, ...message }, transfer);
  try {
    if (!ready) post({ type: 'progress', phase: 'loading' });
    await load();
    if (op === 'check') {
      // Throws the first request's mistake (key-size, kid-invalid, …) before any search.
      for (const one of data.requests ?? []) checkKeyOptions(one);
      post({ type: 'checked' });
    } else if (op === 'search') {
      const prime = search(Number(data.bits), Number(data.budgetMs) || 50);
      post({ type: 'prime', prime }, prime ? [prime.buffer] : []);
    } else if (op === 'assemble') {
      const { p, q } = data;
      try {
        post({ type: 'result', result: keyPairFromPrimes(p, q, request ?? {}) });
      } finally {
        p?.fill?.(0);
        q?.fill?.(0);
      }
    } else {
      post({ type: 'progress', phase: 'generating' });
      post({ type: 'result', result: generateKeyPair(request ?? {}) });
    }
  } catch (error) {
    post({ type: 'error', error: describe(error) });
  }
});
