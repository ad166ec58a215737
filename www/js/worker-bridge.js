// One bridge to a Web Worker, after squoosh's worker-bridge (STYLE.md §2): the worker starts on
// the first call, calls wait their turn in a queue (one at a time), a call's `AbortSignal`
// terminates the worker (the only way to stop wasm mid-run), and the worker is terminated after
// a while idle. Both the key generator's pool (../keygen.js, a bridge per worker) and the rules
// worker (./ers-offload.js) run on it.
//
//   const bridge = new WorkerBridge({ url, name });
//   const reply = await bridge.call({ op: 'search', bits }, { signal, transfer });
//
// A message goes out as `{ id, ...message }`; the reply is the worker's first message with that
// id that `receive` lets through (its raw data, for the caller to read). When the worker fails
// (an `error` event, a worker that cannot start) the call rejects with `WorkerFailed`.
//
// How a worker starts — `startWorker(url)`, the one place a Worker is made: never
// `new Worker(url)`. It starts a `blob:` module worker whose only line imports the absolute URL
// of the worker module, as pdf.js does for cross-origin embedding (STYLE.md §8):
// - a worker started from a URL takes its Content-Security-Policy from that URL's response
//   headers (a static host sends none), while a `blob:` worker inherits the page's policy, so the
//   worker runs under the same CSP as the page (`worker-src 'self' blob:` on our page);
// - `new Worker(otherOriginUrl)` throws, but a blob worker may import a module from another
//   origin: a page of another site that calls keygen.js itself still gets a worker (the
//   elements do not: there they run in the site's frame page, ./frame-host.js) (the embedding
//   page's CSP needs `worker-src blob:`, our origin in `script-src` and `connect-src`,
//   `'wasm-unsafe-eval'`, and our host must send `Access-Control-Allow-Origin` for the module
//   and the wasm);
// - under Trusted Types (`require-trusted-types-for 'script'`), the blob URL goes through the
//   `ers-golive` policy (./trusted-types.js), which accepts only the URL our code passes it.

import { trustedScriptUrl } from './trusted-types.js';

/** How long a worker may stay idle before it is terminated. */
export const IDLE_MS = 10_000;

/**
 * Starts a module worker running the module at `url` (absolute), as a `blob:` worker so that it
 * inherits the page's CSP and can be started from a page of another origin. The blob URL is
 * revoked once the worker has answered or failed.
 *
 * @param {URL|string} url the worker module's absolute URL
 * @param {string} [name] the worker's name, shown in the browser's developer tools
 * @returns {Worker}
 */
export function startWorker(url, name = 'ers-golive worker') {
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

/** The error of an aborted call or job. */
export function abortError(message = 'The work was cancelled.') {
  return new DOMException(message, 'AbortError');
}

/** A call's worker stopped under it: it failed to start or to load, or threw outside a call. */
export class WorkerFailed extends Error {
  constructor(cause) {
    super('The worker stopped.', cause === undefined ? undefined : { cause });
    this.name = 'WorkerFailed';
  }
}

/**
 * Jobs run one at a time, in the order they were queued. Aborting a job's signal while it waits
 * rejects it at once (it is then skipped); a running job reads the signal itself.
 */
export class Queue {
  #tail = Promise.resolve();
  #waiting = 0;

  /** How many jobs are queued or running. */
  get size() {
    return this.#waiting;
  }

  /** Runs `job()` when the jobs before it are over; `onQueued()` if it has to wait. */
  run(job, signal, onQueued, message) {
    if (signal?.aborted) return Promise.reject(abortError(message));
    this.#waiting += 1;
    if (this.#waiting > 1) onQueued?.();
    const turn = this.#tail.then(() => {
      if (signal?.aborted) throw abortError(message);
      return job();
    });
    // The next job waits for this one to end, whether it succeeds, fails or is aborted.
    this.#tail = turn.then(
      () => undefined,
      () => undefined,
    );
    let result = turn;
    if (signal) {
      const aborted = new Promise((_, reject) => signal.addEventListener('abort', () => reject(abortError(message)), { once: true }));
      aborted.catch(() => {});
      result = Promise.race([turn, aborted]);
    }
    return result.finally(() => {
      this.#waiting -= 1;
    });
  }
}

/** A worker started on first need, fed one call at a time, stopped on abort or when idle. */
export class WorkerBridge {
  #options;
  #worker = null;
  #queue = new Queue();
  #call = null; // the call in flight: { id, resolve, reject }
  #idle = 0;
  #nextId = 1;
  #stopped = 0; // how many times stop() was called: calls queued before it are dropped
  #reason = null;

  /**
   * @param {object} options
   * @param {URL|string} options.url the worker module
   * @param {string} [options.name] the worker's name
   * @param {(url: URL|string, name: string) => Worker} [options.create] starts the worker
   *   (default `startWorker`)
   * @param {number} [options.idleMs] idle time before the worker is terminated
   * @param {() => boolean} [options.keep] true while the worker holds state the page still
   *   needs (it is then not stopped when idle)
   * @param {(data: any) => any} [options.receive] a message's data → the whole reply, or null
   *   to wait for more (progress, a slice)
   * @param {(worker: Worker, message: object, transfer: Transferable[]) => any} [options.post]
   *   sends a call (default `postMessage`); may return a promise
   * @param {(data: any) => void} [options.discard] a reply nobody waits for any more (wipe it)
   * @param {() => void} [options.onStop] the worker was terminated (idle, aborted or failed):
   *   what it held is gone
   */
  constructor(options) {
    this.#options = { create: startWorker, idleMs: IDLE_MS, keep: () => false, receive: (d) => d, post: (w, m, t) => w.postMessage(m, t), discard: () => {}, onStop: () => {}, ...options };
  }

  /** Whether the worker is running. */
  get running() {
    return this.#worker !== null;
  }

  /** Whether a call is queued or in flight. */
  get busy() {
    return this.#queue.size > 0;
  }

  /**
   * Posts `message` when the calls before it are answered; resolves to the worker's reply.
   * Aborting `signal` while the call is in flight terminates the worker.
   */
  call(message, { signal, transfer = [], abortMessage } = {}) {
    clearTimeout(this.#idle);
    const stopped = this.#stopped;
    const run = () =>
      new Promise((resolve, reject) => {
        if (stopped !== this.#stopped) {
          reject(this.#reason);
          return;
        }
        const onAbort = () => this.stop(abortError(abortMessage));
        const settle = (fn) => (value) => {
          signal?.removeEventListener('abort', onAbort);
          if (this.#call === call) this.#call = null;
          fn(value);
        };
        const call = { id: this.#nextId++, resolve: settle(resolve), reject: settle(reject) };
        let worker;
        try {
          worker = this.#start();
        } catch (error) {
          call.reject(error);
          return;
        }
        this.#call = call;
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          Promise.resolve(this.#options.post(worker, { id: call.id, ...message }, transfer)).catch(call.reject);
        } catch (error) {
          call.reject(error);
        }
      });
    return this.#queue.run(run, signal, undefined, abortMessage).finally(() => this.#whenIdle());
  }

  #start() {
    if (this.#worker) return this.#worker;
    let worker;
    try {
      worker = this.#options.create(this.#options.url, this.#options.name);
    } catch (error) {
      throw new WorkerFailed(error);
    }
    this.#worker = worker;
    worker.addEventListener('message', (event) => this.#onMessage(worker, event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      if (this.#worker === worker) this.stop(new WorkerFailed(event.error ?? event.message));
    });
    return worker;
  }

  #onMessage(worker, raw) {
    const data = worker === this.#worker ? this.#options.receive(raw) : raw;
    if (!data) return;
    const call = this.#call;
    if (worker !== this.#worker || !call || data.id !== call.id) {
      this.#options.discard(data);
      return;
    }
    call.resolve(data);
  }

  /** Terminates the worker; the call in flight and those queued reject with `reason`. Later
   *  calls start a new worker. */
  stop(reason = abortError()) {
    clearTimeout(this.#idle);
    this.#stopped += 1;
    this.#reason = reason;
    const worker = this.#worker;
    this.#worker = null;
    if (worker) {
      worker.terminate();
      this.#options.onStop();
    }
    const call = this.#call;
    this.#call = null;
    call?.reject(reason);
  }

  #whenIdle() {
    clearTimeout(this.#idle);
    if (!this.#worker || this.busy) return;
    this.#idle = setTimeout(() => {
      if (!this.busy && !this.#options.keep()) this.stop();
    }, this.#options.idleMs);
  }
}
