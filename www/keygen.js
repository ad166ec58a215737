// RSA key pairs made by a pool of Web Workers, so the page never freezes (guidance 4.2).
//
//   import { generateKeyPair, generateKeyPairs } from 'https://…/ers-golive/keygen.js';
//   const controller = new AbortController();
//   const { kid, privateKeyPem, publicKeyPem, jwks } = await generateKeyPair({
//     bits: 4096, kid: 'prod-1',
//     onProgress: ({ phase, elapsedMs }) => console.log(phase, elapsedMs),
//     signal: controller.signal,
//   });
//   // Many keys at once: each pair is handed to onKey as soon as it is made.
//   await generateKeyPairs([{ bits: 4096, kid: 'a' }, { bits: 4096, kid: 'b' }], {
//     onKey: (index, pair) => …, onProgress: ({ done, total, etaMs }) => …, signal });
//
// How: a pool of workers, one per core (navigator.hardwareConcurrency, at most 8), each with its
// own wasm instance. The primes p and q are searched for at once: every worker tests candidates
// of its own random window in steps of ~50 ms; the first two primes found, by whichever workers,
// become p and q, and the other workers' steps are dropped (with many keys they go on to the
// next key). One worker then builds the key from the two primes (rsa checks and validates it).
// The bridge follows Squoosh's worker bridge: the workers start when first needed, jobs run one
// at a time (later calls wait their turn), aborting terminates every worker (the only way to
// stop wasm mid-run), and they are terminated after 10 s idle. Nothing is stored or sent: a key
// exists in a worker until it is handed back, then only in the object this module resolves to.
//
// How a worker starts — `startWorker(url)`, the one place a Worker is made (the pool calls it
// once per worker): never `new Worker(url)`. It starts a `blob:` module worker whose only line
// imports the absolute URL of js/keygen-worker.js, as pdf.js does for cross-origin embedding
// (STYLE.md §8):
// - a worker started from a URL takes its Content-Security-Policy from that URL's response
//   headers (a static host sends none), while a `blob:` worker inherits the page's policy, so the
//   key worker runs under the same CSP as the page (`worker-src 'self' blob:` on our page);
// - `new Worker(otherOriginUrl)` throws, but a blob worker may import a module from another
//   origin: a page of another site that calls this module itself still gets a worker (the
//   elements do not: there they run in the site's frame page, js/frame-host.js) (the embedding page's CSP needs
//   `worker-src blob:`, our origin in `script-src` and `connect-src`, `'wasm-unsafe-eval'`, and
//   our host must send `Access-Control-Allow-Origin` for the module and the wasm);
// - under Trusted Types (`require-trusted-types-for 'script'`), the blob URL goes through the
//   `ers-golive` policy (js/trusted-types.js), which accepts only the URL our code passes it.

import { trustedScriptUrl } from './js/trusted-types.js';

const IDLE_MS = 10_000;
const TICK_MS = 250;
const MAX_WORKERS = 8;
const STEP_MS = 50;

/** Workers in the pool: one per logical core the browser reports, 1 to 8. */
export function poolSize() {
  const cores = Number(globalThis.navigator?.hardwareConcurrency) || 2;
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(cores)));
}

/** The key worker's module, by its absolute URL. */
export const WORKER_URL = new URL('./js/keygen-worker.js', import.meta.url);

/**
 * Starts a module worker running the module at `url` (absolute), as a `blob:` worker so that it
 * inherits the page's CSP and can be started from a page of another origin. The blob URL is
 * revoked once the worker has answered or failed.
 *
 * @param {URL|string} url the worker module's absolute URL
 * @param {string} [name] the worker's name, shown in the browser's developer tools
 * @returns {Worker}
 */
export function startWorker(url, name = 'ers-golive key generator') {
  const source = `import ${JSON.stringify(new URL(url, import.meta.url).href)};\n`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const revoke = () => URL.revokeObjectURL(blobUrl);
  let w;
  try {
    w = new Worker(trustedScriptUrl(blobUrl), { type: 'module', name });
  } catch (error) {
    revoke();
    throw error;
  }
  w.addEventListener('message', revoke, { once: true });
  w.addEventListener('error', revoke, { once: true });
  return w;
}

let hostWorker = null;

/**
 * For a host page that serves the worker itself, or must start it its own way (a CSP without
 * `worker-src blob:`, a bundler): `url`, the key worker module's URL (default js/keygen-worker.js
 * beside this file), and/or `create(url)`, a function returning a started module Worker that
 * runs it (default `startWorker`). Call it before the first key is made; every worker of the
 * pool is then started this way.
 *
 * @param {{ url?: URL|string, create?: (url: URL) => Worker }} options
 */
export function configureKeyWorker({ url, create } = {}) {
  hostWorker = { url: url ? new URL(url, document.baseURI) : WORKER_URL, create: create ?? startWorker };
}

/** A key worker of the pool. */
function createWorker() {
  return hostWorker ? hostWorker.create(hostWorker.url) : startWorker(WORKER_URL);
}

// ------------------------------------------------------------------------------------- the pool

/** @type {{ worker: Worker, busy: boolean, calls: Map<number, Function> }[]} */
let pool = [];
let idleTimer = 0;
let nextId = 1;
/** Called with an error when the pool stops under a job (a worker failed to start). */
let onPoolFailure = null;

function startPool() {
  clearTimeout(idleTimer);
  while (pool.length < poolSize()) {
    const slot = { worker: createWorker(), busy: false, calls: new Map() };
    slot.worker.addEventListener('message', ({ data }) => {
      if (!data || data.type === 'progress') return;
      const reply = slot.calls.get(data.id);
      if (!reply) return;
      slot.calls.delete(data.id);
      slot.busy = false;
      reply(data);
    });
    slot.worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      const failure = onPoolFailure;
      stopPool();
      failure?.(
        ersError(
          'worker',
          'The key generator could not start. Reload the page; if it still fails, your browser ' +
            'may block module Web Workers or WebAssembly.',
          event.error ?? event.message,
        ),
      );
    });
    pool.push(slot);
  }
  return pool;
}

function stopPool() {
  clearTimeout(idleTimer);
  for (const slot of pool) slot.worker.terminate();
  pool = [];
}

function stopWhenIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(stopPool, IDLE_MS);
}

/** Posts `message` to `slot`; `reply(data)` gets the answer. */
function send(slot, message, reply, transfer = []) {
  const id = nextId++;
  slot.busy = true;
  slot.calls.set(id, reply);
  slot.worker.postMessage({ id, ...message }, transfer);
}

function abortError() {
  return new DOMException('Key generation was cancelled.', 'AbortError');
}

function ersError(code, message, cause) {
  return Object.assign(new Error(message, cause ? { cause } : undefined), { name: 'ErsError', code });
}

function workerError(error) {
  const { code = 'worker', message = 'Key generation failed.' } = error ?? {};
  return ersError(code, message);
}

// --------------------------------------------------------------------------------- the queue

let queue = Promise.resolve();
let pending = 0;

/** Runs `job()` when the jobs before it are over; rejects at once when `signal` aborts. */
function enqueue(job, signal, onQueued) {
  if (signal?.aborted) return Promise.reject(abortError());
  pending += 1;
  if (pending > 1) onQueued();
  const turn = queue.then(() => {
    if (signal?.aborted) throw abortError();
    return job();
  });
  // The next job waits for this one to end, whether it succeeds, fails or is aborted.
  queue = turn.then(
    () => undefined,
    () => undefined,
  );
  let result = turn;
  if (signal) {
    // Aborting while queued rejects at once; the job is then skipped when its turn comes.
    const whileQueued = new Promise((_, reject) =>
      signal.addEventListener('abort', () => reject(abortError()), { once: true }),
    );
    whileQueued.catch(() => {});
    result = Promise.race([turn, whileQueued]);
  }
  return result.finally(() => {
    pending -= 1;
  });
}

// ---------------------------------------------------------------------------------- the batch

/**
 * Makes a key pair for each request on the whole pool. `onKey(index, pair)` is called as each
 * key is made (in any order); `onStarted()` once the options are checked. Resolves to the pairs,
 * in request order. Rejects with the first error; aborting terminates every worker.
 */
function runBatch(requests, { onKey, onStarted, signal }) {
  return new Promise((resolve, reject) => {
    const slots = startPool();
    const keys = requests.map((request) => ({
      request,
      bits: Number(request.bits ?? 4096),
      primes: [],
      assembling: false,
      pair: null,
    }));
    let left = keys.length;
    let over = false;

    const finish = (error) => {
      if (over) return;
      over = true;
      signal?.removeEventListener('abort', onAbort);
      onPoolFailure = null;
      for (const key of keys) for (const prime of key.primes) prime.fill(0);
      if (error) reject(error);
      else resolve(keys.map((k) => k.pair));
    };
    const fail = (error) => {
      // A panic leaves a wasm instance unusable: start fresh workers next time.
      if (error.code === 'panic' || error.code === 'wasm-load' || error.code === 'worker') stopPool();
      else stopWhenIdle();
      finish(error);
    };
    const onAbort = () => {
      stopPool(); // terminating the workers is the only way to stop wasm mid-run
      finish(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    onPoolFailure = (error) => finish(error);

    const needing = () => keys.find((k) => !k.pair && !k.assembling && k.primes.length < 2);

    const dispatch = (slot) => {
      if (over || slot.busy) return;
      const ready = keys.find((k) => !k.pair && !k.assembling && k.primes.length >= 2);
      if (ready) {
        ready.assembling = true;
        const [p, q] = ready.primes.splice(0, 2);
        send(slot, { op: 'assemble', p, q, request: ready.request }, (data) => {
          ready.assembling = false;
          if (over) return;
          if (data.type === 'result') {
            ready.pair = data.result;
            left -= 1;
            onKey?.(keys.indexOf(ready), data.result);
            if (left === 0) {
              stopWhenIdle();
              finish();
              return;
            }
          } else if (data.error?.code === 'invalid') {
            // The primes were refused (too close together: vanishingly rare): keep searching.
          } else {
            fail(workerError(data.error));
            return;
          }
          pump();
        }, [p.buffer, q.buffer]);
        return;
      }
      const key = needing();
      if (!key) return;
      send(slot, { op: 'search', bits: key.bits, budgetMs: STEP_MS }, (data) => {
        if (over) {
          data.prime?.fill?.(0);
          return;
        }
        if (data.type === 'error') {
          fail(workerError(data.error));
          return;
        }
        if (data.prime) {
          // Any prime of the right size serves the first key still needing one.
          const taker = keys.find((k) => !k.pair && !k.assembling && k.primes.length < 2 && k.bits === key.bits);
          if (taker) taker.primes.push(data.prime);
          else data.prime.fill(0);
        }
        pump();
      });
    };
    const pump = () => {
      for (const slot of slots) dispatch(slot);
    };

    if (keys.length === 0) {
      finish();
      return;
    }
    // Mistakes in the options are reported before any search.
    send(slots[0], { op: 'check', requests }, (data) => {
      if (over) return;
      if (data.type === 'error') {
        fail(workerError(data.error));
        return;
      }
      onStarted?.();
      pump();
    });
    // The other workers start searching meanwhile (they load their wasm in parallel).
    for (const slot of slots.slice(1)) dispatch(slot);
  });
}

// --------------------------------------------------------------------------------- the exports

/**
 * Generates an RSA key pair on the pool of Web Workers.
 *
 * @param {object} [options]
 * @param {2048|3072|4096} [options.bits=4096] 4096 is what NHS documents; 2048 and 3072 come with
 *   warning ERS-K001 in `diagnostics`.
 * @param {string} [options.kid] the key id; default the key's RFC 7638 thumbprint.
 * @param {'pkcs8'|'pkcs1'} [options.format='pkcs8'] the private key's PEM form.
 * @param {string} [options.passphrase] encrypts the private key (PKCS#8 PBES2, AES-256-CBC).
 * @param {(progress: {phase: 'queued'|'starting'|'generating'|'done', elapsedMs: number}) => void}
 *   [options.onProgress] called as the job moves on, and every 250 ms while it runs.
 * @param {AbortSignal} [options.signal] aborting rejects with an `AbortError` and stops the work.
 * @returns {Promise<{kid: string, privateKeyPem: string, publicKeyPem: string, jwks: string,
 *   bits: number, jwk: object, thumbprint: string, format: string, encrypted: boolean,
 *   files: {privateKey: string, publicKey: string, jwks: string}, opensslCommands: string[],
 *   diagnostics: object[]}>} `jwks` is the text of KID.json. Rejects with an `ErsError` whose
 *   `code` is the core's ("key-size", "kid-invalid", …) for bad options.
 */
export function generateKeyPair(options = {}) {
  const { onProgress, signal, ...request } = options;
  const progress = typeof onProgress === 'function' ? onProgress : () => {};
  return enqueue(
    async () => {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      let phase = 'starting';
      const ticker = setInterval(() => progress({ phase, elapsedMs: elapsed() }), TICK_MS);
      progress({ phase, elapsedMs: 0 });
      try {
        const [pair] = await runBatch([request], {
          signal,
          onStarted: () => {
            phase = 'generating';
            progress({ phase, elapsedMs: elapsed() });
          },
        });
        progress({ phase: 'done', elapsedMs: elapsed() });
        return pair;
      } finally {
        clearInterval(ticker);
      }
    },
    signal,
    () => progress({ phase: 'queued', elapsedMs: 0 }),
  );
}

/**
 * Generates a key pair for each request (the options of `generateKeyPair`, without the
 * callbacks), on the whole pool, the keys overlapping so no worker waits.
 *
 * @param {object[]} requests
 * @param {object} [options]
 * @param {(index: number, pair: object) => void} [options.onKey] each pair as soon as it is made
 *   (the caller keeps it: after a cancel, the pairs already made stay made).
 * @param {(progress: {done: number, total: number, elapsedMs: number, etaMs: number | null})
 *   => void} [options.onProgress] every 250 ms and after each key; `etaMs` is null until a
 *   first key gives an estimate.
 * @param {AbortSignal} [options.signal] aborting terminates every worker and rejects with an
 *   `AbortError`.
 * @returns {Promise<object[]>} the pairs, in request order.
 */
export function generateKeyPairs(requests, options = {}) {
  const { onKey, onProgress, signal } = options;
  const list = Array.from(requests ?? [], (r) => ({ ...r }));
  const progress = typeof onProgress === 'function' ? onProgress : () => {};
  return enqueue(
    async () => {
      const started = performance.now();
      let done = 0;
      const report = () => {
        const elapsedMs = Math.round(performance.now() - started);
        const etaMs = done ? Math.round((elapsedMs / done) * (list.length - done)) : null;
        progress({ done, total: list.length, elapsedMs, etaMs });
      };
      const ticker = setInterval(report, TICK_MS);
      report();
      try {
        return await runBatch(list, {
          signal,
          onKey: (index, pair) => {
            done += 1;
            onKey?.(index, pair);
            report();
          },
        });
      } finally {
        clearInterval(ticker);
      }
    },
    signal,
    () => progress({ done: 0, total: list.length, elapsedMs: 0, etaMs: null }),
  );
}
