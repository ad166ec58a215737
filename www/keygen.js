// RSA key pairs made in a Web Worker, so the page never freezes (guidance 4.2).
//
//   import { generateKeyPair } from 'https://…/ers-golive/keygen.js';
//   const controller = new AbortController();
//   const { kid, privateKeyPem, publicKeyPem, jwks } = await generateKeyPair({
//     bits: 4096, kid: 'prod-1',
//     onProgress: ({ phase, elapsedMs }) => console.log(phase, elapsedMs),
//     signal: controller.signal,
//   });
//
// The bridge follows Squoosh's worker bridge: the worker starts when first needed, runs one job
// at a time (later calls wait their turn), is terminated when a job is aborted (the only way to
// stop wasm mid-run) and after 10 s idle. The worker loads the wasm module itself. Nothing is
// stored or sent: the key exists in the worker until it is handed back, then only in the object
// this function resolves to.
//
// How the worker starts — `startWorker(url)`, the one place a Worker is made (a pool of workers
// calls it once per worker): never `new Worker(url)`. It starts a `blob:` module worker whose
// only line imports the absolute URL of js/keygen-worker.js, as pdf.js does for cross-origin
// embedding (STYLE.md §8):
// - a worker started from a URL takes its Content-Security-Policy from that URL's response
//   headers (a static host sends none), while a `blob:` worker inherits the page's policy, so the
//   key worker runs under the same CSP as the page (`worker-src 'self' blob:` on our page);
// - `new Worker(otherOriginUrl)` throws, but a blob worker may import a module from another
//   origin: embedded from another site, the worker still starts (the embedding page's CSP needs
//   `worker-src blob:`, our origin in `script-src` and `connect-src`, `'wasm-unsafe-eval'`, and
//   our host must send `Access-Control-Allow-Origin` for the module and the wasm);
// - under Trusted Types (`require-trusted-types-for 'script'`), the blob URL goes through the
//   `ers-golive` policy (js/trusted-types.js), which accepts only the URL our code passes it.

import { trustedScriptUrl } from './js/trusted-types.js';

const IDLE_MS = 10_000;
const TICK_MS = 250;

/** The key worker's module, by its absolute URL. */
export const WORKER_URL = new URL('./js/keygen-worker.js', import.meta.url);

let worker = null;
let idleTimer = 0;
let queue = Promise.resolve();
let nextId = 1;
let pending = 0;

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
 * runs it (default `startWorker`). Call it before the first key is made.
 *
 * @param {{ url?: URL|string, create?: (url: URL) => Worker }} options
 */
export function configureKeyWorker({ url, create } = {}) {
  hostWorker = { url: url ? new URL(url, document.baseURI) : WORKER_URL, create: create ?? startWorker };
}

function keyWorker() {
  clearTimeout(idleTimer);
  worker ??= hostWorker ? hostWorker.create(hostWorker.url) : startWorker(WORKER_URL);
  return worker;
}

function stopWorker() {
  clearTimeout(idleTimer);
  worker?.terminate();
  worker = null;
}

function stopWhenIdle() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(stopWorker, IDLE_MS);
}

function abortError() {
  return new DOMException('Key generation was cancelled.', 'AbortError');
}

function ersError(code, message, cause) {
  return Object.assign(new Error(message, cause ? { cause } : undefined), { name: 'ErsError', code });
}

/**
 * Generates an RSA key pair in a Web Worker.
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
  if (signal?.aborted) return Promise.reject(abortError());
  pending += 1;
  if (pending > 1) progress({ phase: 'queued', elapsedMs: 0 });
  const turn = queue.then(() => {
    if (signal?.aborted) throw abortError();
    return run(request, progress, signal);
  });
  // The next job waits for this one to end, whether it succeeds, fails or is aborted.
  queue = turn.then(
    () => undefined,
    () => undefined,
  );
  let job = turn;
  if (signal) {
    // Aborting while queued rejects at once; the job is then skipped when its turn comes.
    const whileQueued = new Promise((_, reject) =>
      signal.addEventListener('abort', () => reject(abortError()), { once: true }),
    );
    whileQueued.catch(() => {});
    job = Promise.race([turn, whileQueued]);
  }
  return job.finally(() => {
    pending -= 1;
  });
}

function run(request, progress, signal) {
  const id = nextId++;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let phase = 'starting';

  return new Promise((resolve, reject) => {
    const w = keyWorker();
    const ticker = setInterval(() => progress({ phase, elapsedMs: elapsed() }), TICK_MS);
    const finish = () => {
      clearInterval(ticker);
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = ({ data }) => {
      if (!data || data.id !== id) return;
      if (data.type === 'progress') {
        phase = data.phase === 'loading' ? 'starting' : data.phase;
        progress({ phase, elapsedMs: elapsed() });
        return;
      }
      finish();
      if (data.type === 'result') {
        progress({ phase: 'done', elapsedMs: elapsed() });
        stopWhenIdle();
        resolve(data.result);
      } else {
        const { code = 'worker', message = 'Key generation failed.' } = data.error ?? {};
        // A panic leaves the wasm instance unusable: start a fresh worker next time.
        if (code === 'panic' || code === 'wasm-load') stopWorker();
        else stopWhenIdle();
        reject(ersError(code, message));
      }
    };
    const onError = (event) => {
      finish();
      stopWorker();
      event.preventDefault?.();
      reject(
        ersError(
          'worker',
          'The key generator could not start. Reload the page; if it still fails, your browser ' +
            'may block module Web Workers or WebAssembly.',
          event.error ?? event.message,
        ),
      );
    };
    const onAbort = () => {
      finish();
      stopWorker(); // terminating the worker is the only way to stop wasm mid-run
      reject(abortError());
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    progress({ phase, elapsedMs: 0 });
    w.postMessage({ id, request });
  });
}
