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
// Every worker of the pool runs on js/worker-bridge.js (after Squoosh's worker bridge: started
// when first needed, terminated on abort — the only way to stop wasm mid-run — and after 10 s
// idle), and jobs run one at a time on its queue (later calls wait their turn). Nothing is
// stored or sent: a key exists in a worker until it is handed back, then only in the object this
// module resolves to; after an abort, a reply still on its way is dropped (its primes wiped).

import { abortError, Queue, startWorker, WorkerBridge, WorkerFailed } from './js/worker-bridge.js';

export { startWorker };

const TICK_MS = 250;
const MAX_WORKERS = 8;
const STEP_MS = 50;
const CANCELLED = 'Key generation was cancelled.';

/** Workers in the pool: one per logical core the browser reports, 1 to 8. */
export function poolSize() {
  const cores = Number(globalThis.navigator?.hardwareConcurrency) || 2;
  return Math.max(1, Math.min(MAX_WORKERS, Math.floor(cores)));
}

/** The key worker's module, by its absolute URL. */
export const WORKER_URL = new URL('./js/keygen-worker.js', import.meta.url);

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

// ------------------------------------------------------------------------------------- the pool

/** @type {WorkerBridge[]} */
let pool = [];

/** The pool's bridges, one per core (their workers start on their first call). */
function startPool() {
  while (pool.length < poolSize()) {
    pool.push(
      new WorkerBridge({
        url: WORKER_URL,
        name: 'ers-golive key generator',
        create: (url, name) => (hostWorker ? hostWorker.create(hostWorker.url) : startWorker(url, name)),
        receive: (data) => (data && data.type !== 'progress' ? data : null),
        // A reply nobody waits for any more (after an abort): its prime is wiped.
        discard: (data) => data?.prime?.fill?.(0),
      }),
    );
  }
  return pool;
}

/** Terminates every worker of the pool (the only way to stop wasm mid-run). */
function stopPool(reason) {
  for (const bridge of pool) bridge.stop(reason);
}

function ersError(code, message, cause) {
  return Object.assign(new Error(message, cause ? { cause } : undefined), { name: 'ErsError', code });
}

function workerError(error) {
  if (error instanceof WorkerFailed) {
    return ersError(
      'worker',
      'The key generator could not start. Reload the page; if it still fails, your browser ' +
        'may block module Web Workers or WebAssembly.',
      error.cause,
    );
  }
  const { code = 'worker', message = 'Key generation failed.' } = error ?? {};
  return ersError(code, message);
}

/** Jobs (a key, a batch of keys) run one at a time on the whole pool. */
const jobs = new Queue();

// ---------------------------------------------------------------------------------- the batch

/**
 * Makes a key pair for each request on the whole pool: every worker searches for primes, the
 * first two found for a key (by any worker) are assembled into it by the next free worker.
 */
class Batch {
  #over = false;
  #left;

  constructor(requests, { onKey, onStarted, signal }, resolve, reject) {
    this.keys = requests.map((request) => ({ request, bits: Number(request.bits ?? 4096), primes: [], assembling: false, pair: null }));
    this.#left = this.keys.length;
    Object.assign(this, { onKey, onStarted, signal, resolve, reject });
    this.onAbort = () => {
      stopPool(abortError(CANCELLED));
      this.finish(abortError(CANCELLED));
    };
  }

  start() {
    if (this.keys.length === 0) return this.finish();
    this.signal?.addEventListener('abort', this.onAbort, { once: true });
    const slots = startPool();
    // Mistakes in the options are reported before any search.
    this.#send(slots[0], { op: 'check', requests: this.keys.map((k) => k.request) }, () => {
      this.onStarted?.();
      this.pump();
    });
    // The other workers start searching meanwhile (they load their wasm in parallel).
    for (const slot of slots.slice(1)) this.dispatch(slot);
  }

  finish(error) {
    if (this.#over) return;
    this.#over = true;
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const key of this.keys) for (const prime of key.primes) prime.fill(0);
    if (error) this.reject(error);
    else this.resolve(this.keys.map((k) => k.pair));
  }

  #fail(error) {
    // A panic leaves a wasm instance unusable: start fresh workers next time.
    if (['panic', 'wasm-load', 'worker'].includes(error.code)) stopPool(error);
    this.finish(error);
  }

  /** Posts `message` to `slot`; `then(data)` gets a good answer, errors end the batch. */
  #send(slot, message, then, transfer) {
    slot.call(message, { transfer }).then(
      (data) => {
        if (this.#over) {
          data.prime?.fill?.(0);
          return;
        }
        if (data.type === 'error' && !(message.op === 'assemble' && data.error?.code === 'invalid')) this.#fail(workerError(data.error));
        else then(data);
      },
      (error) => {
        if (!this.#over) this.#fail(workerError(error));
      },
    );
  }

  pump() {
    for (const slot of pool) this.dispatch(slot);
  }

  dispatch(slot) {
    if (this.#over || slot.busy) return;
    const ready = this.keys.find((k) => !k.pair && !k.assembling && k.primes.length >= 2);
    if (ready) this.#assemble(slot, ready);
    else this.#search(slot);
  }

  #assemble(slot, key) {
    key.assembling = true;
    const [p, q] = key.primes.splice(0, 2);
    this.#send(slot, { op: 'assemble', p, q, request: key.request }, (data) => {
      key.assembling = false;
      // An error here is 'invalid': the primes were refused (too close together: vanishingly
      // rare), and the search goes on.
      if (data.type === 'result') {
        key.pair = data.result;
        this.#left -= 1;
        this.onKey?.(this.keys.indexOf(key), data.result);
        if (this.#left === 0) return this.finish();
      }
      this.pump();
    }, [p.buffer, q.buffer]);
  }

  #search(slot) {
    const needing = (bits) => this.keys.find((k) => !k.pair && !k.assembling && k.primes.length < 2 && (bits === undefined || k.bits === bits));
    const key = needing();
    if (!key) return;
    this.#send(slot, { op: 'search', bits: key.bits, budgetMs: STEP_MS }, (data) => {
      if (data.prime) {
        // Any prime of the right size serves the first key still needing one.
        const taker = needing(key.bits);
        if (taker) taker.primes.push(data.prime);
        else data.prime.fill(0);
      }
      this.pump();
    });
  }
}

/** Resolves to the pairs, in request order; rejects with the first error; aborting terminates
 *  every worker. `onKey(index, pair)` is called as each key is made (in any order). */
function runBatch(requests, options) {
  return new Promise((resolve, reject) => new Batch(requests, options, resolve, reject).start());
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
  return jobs.run(
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
    CANCELLED,
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
  return jobs.run(
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
    CANCELLED,
  );
}
