// In-page benchmark of key generation as the page does it, in headless Chromium against the
// served, release-built site, each figure beside the browser's own Web Crypto
// (`crypto.subtle.generateKey`, RSASSA-PKCS1-v1_5 with SHA-512, native code, exported as PKCS#8
// and SPKI) measured in the same run, interleaved:
//
//   1. one 4096-bit key at a time: generateKeyPair() of www/keygen.js (the worker pool racing
//      for p and q) vs Web Crypto, N keys each (min / median / max, ratio of medians);
//   2. the same key in a single worker (the search in one wasm instance: what the sieve alone
//      gives, before the pool);
//   3. 20 keys of 4096 bits in bulk: generateKeyPairs() vs 20 Web Crypto keys one after another,
//      with the longest main-thread task seen meanwhile (a long-task observer).
//
// RSA key generation time varies a lot from key to key (a search for primes), so compare medians.
//
//   BASE_URL=http://127.0.0.1:8080/ node tests/bench/keygen.bench.mjs   (or: cargo xtask bench)
//   ERS_BENCH_KEYS=N sets the keys of step 1 (default 15), ERS_BENCH_BULK=N those of step 3
//   (default 20).

import { openPage } from '../e2e/harness.mjs';
import { line, stats } from './figures.mjs';

const KEYS = Number(process.env.ERS_BENCH_KEYS ?? 15);
const BULK = Number(process.env.ERS_BENCH_BULK ?? 20);
const BITS = 4096;

const session = await openPage('');
try {
  const { page, consoleErrors } = session;
  const cores = await page.evaluate(async () => {
    const { poolSize } = await import('./keygen.js');
    return { hardwareConcurrency: navigator.hardwareConcurrency, pool: poolSize() };
  });
  console.log(`RSA-${BITS} key generation in the page vs Web Crypto, same run (navigator.hardwareConcurrency ${cores.hardwareConcurrency}, pool of ${cores.pool} workers)`);

  // The peer: one Web Crypto key pair, exported as our keys are (PKCS#8 and SPKI), for both runs.
  await page.evaluate(() => {
    globalThis.webCryptoKey = async (bits) => {
      const key = await crypto.subtle.generateKey(
        { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-512' },
        true,
        ['sign', 'verify'],
      );
      await crypto.subtle.exportKey('pkcs8', key.privateKey);
      await crypto.subtle.exportKey('spki', key.publicKey);
    };
  });

  // 1 and 2: one key at a time, interleaved: pool, Web Crypto, single worker.
  const single = await page.evaluate(
    async ({ bits, keys }) => {
      const { generateKeyPair, startWorker, WORKER_URL } = await import('./keygen.js');
      const webCrypto = () => globalThis.webCryptoKey(bits);
      // One worker running the whole search itself (the message keygen-worker.js takes without
      // an op), as the page did before the pool.
      const worker = startWorker(WORKER_URL, 'ers-golive bench worker');
      let id = 0;
      const inOneWorker = (request) =>
        new Promise((resolve, reject) => {
          const mine = ++id;
          const on = ({ data }) => {
            if (data.id !== mine || data.type === 'progress') return;
            worker.removeEventListener('message', on);
            if (data.type === 'result') resolve(data.result);
            else reject(new Error(data.error?.message));
          };
          worker.addEventListener('message', on);
          worker.postMessage({ id: mine, request });
        });
      // Warm-up: start the workers and load the wasm, not counted.
      await generateKeyPair({ bits: 2048, kid: 'warm-up' });
      await inOneWorker({ bits: 2048, kid: 'warm-up' });
      await webCrypto();
      const pool = [];
      const peer = [];
      const one = [];
      for (let i = 0; i < keys; i += 1) {
        let t = performance.now();
        const pair = await generateKeyPair({ bits, kid: `bench-${i}` });
        pool.push(performance.now() - t);
        if (!pair.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----')) throw new Error('bad key');
        t = performance.now();
        await webCrypto();
        peer.push(performance.now() - t);
        t = performance.now();
        await inOneWorker({ bits, kid: `one-${i}` });
        one.push(performance.now() - t);
      }
      worker.terminate();
      return { pool, peer, one };
    },
    { bits: BITS, keys: KEYS },
  );
  const pool = stats(single.pool);
  const peer = stats(single.peer);
  const one = stats(single.one);
  console.log(`one key at a time, interleaved:`);
  console.log(line('generateKeyPair (worker pool)', pool));
  console.log(line('crypto.subtle.generateKey (Web Crypto)', peer));
  console.log(line('one worker, whole search (no pool)', one));
  console.log(`  ratio pool / Web Crypto (medians): ${(pool.median / peer.median).toFixed(2)}  (target ≤ 2.0)`);
  console.log(`  ratio one worker / Web Crypto (medians): ${(one.median / peer.median).toFixed(2)}`);

  // 3: bulk, with the longest main-thread task.
  const bulk = await page.evaluate(
    async ({ bits, keys }) => {
      const { generateKeyPairs } = await import('./keygen.js');
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      let t = performance.now();
      const pairs = await generateKeyPairs(Array.from({ length: keys }, (_, i) => ({ bits, kid: `bulk-${i}` })));
      const ours = performance.now() - t;
      observer.disconnect();
      if (pairs.length !== keys || pairs.some((p) => !p.privateKeyPem)) throw new Error('bulk: missing keys');
      t = performance.now();
      for (let i = 0; i < keys; i += 1) await globalThis.webCryptoKey(bits);
      const peer = performance.now() - t;
      return { ours, peer, longest: Math.max(0, ...longTasks), longTasks: longTasks.length };
    },
    { bits: BITS, keys: BULK },
  );
  console.log(`${BULK} keys in bulk:`);
  console.log(`  generateKeyPairs (worker pool)           ${(bulk.ours / 1000).toFixed(1)} s   (${(bulk.ours / BULK).toFixed(0)} ms a key)`);
  console.log(`  Web Crypto, one after another            ${(bulk.peer / 1000).toFixed(1)} s   (${(bulk.peer / BULK).toFixed(0)} ms a key)`);
  console.log(`  ratio bulk / Web Crypto: ${(bulk.ours / bulk.peer).toFixed(2)}  (target ≤ 2.0)`);
  console.log(`  longest main-thread task meanwhile: ${bulk.longest.toFixed(0)} ms (${bulk.longTasks} over 50 ms; target: none)`);
  if (consoleErrors.length) console.log(`console errors: ${consoleErrors.join('; ')}`);
} finally {
  await session.close();
}
