// In-page benchmark of key generation as the page does it: generateKeyPair() from www/keygen.js
// (the wasm module in a Web Worker, release build, PEMs, JWKS and thumbprint included), at 2048
// and 4096 bits, in headless Chromium against the served site. Prints the median, min and max,
// and the ratio against a peer measured in the same run, interleaved: the browser's own Web
// Crypto (`crypto.subtle.generateKey`, RSASSA-PKCS1-v1_5 with SHA-512, native code, exported as
// PKCS#8 and SPKI). RSA key generation time varies a lot from key to key (a search for primes),
// so compare medians.
//
//   BASE_URL=http://127.0.0.1:8080/ node tests/bench/keygen.bench.mjs   (or: cargo xtask bench)
//   ERS_BENCH_KEYS=N sets the keys per size (default 9 at 2048, 5 at 4096).

import { openPage } from '../e2e/harness.mjs';

const SIZES = [2048, 4096];
const keysFor = (bits) => Number(process.env.ERS_BENCH_KEYS ?? (bits >= 4096 ? 5 : 9));

const session = await openPage('');
try {
  const { page, consoleErrors } = session;
  console.log('RSA key generation in the page (Web Worker, wasm) vs Web Crypto in the same run');
  for (const bits of SIZES) {
    const figures = await page.evaluate(
      async ({ bits, keys }) => {
        const { generateKeyPair } = await import('./keygen.js');
        const ours = [];
        const peer = [];
        // Warm-up: start the worker and load the wasm, not counted.
        await generateKeyPair({ bits: 2048, kid: 'warm-up' });
        for (let i = 0; i < keys; i += 1) {
          const t0 = performance.now();
          const pair = await generateKeyPair({ bits, kid: `bench-${i}` });
          const t1 = performance.now();
          const key = await crypto.subtle.generateKey(
            { name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-512' },
            true,
            ['sign', 'verify'],
          );
          await crypto.subtle.exportKey('pkcs8', key.privateKey);
          await crypto.subtle.exportKey('spki', key.publicKey);
          const t2 = performance.now();
          if (!pair.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----')) throw new Error('bad key');
          ours.push(t1 - t0);
          peer.push(t2 - t1);
        }
        return { ours, peer };
      },
      { bits, keys: keysFor(bits) },
    );
    const stats = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      const mid = s.length >> 1;
      const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
      return { median, min: s[0], max: s[s.length - 1] };
    };
    const ours = stats(figures.ours);
    const peer = stats(figures.peer);
    const line = (name, f) =>
      `  ${name.padEnd(34)} median ${f.median.toFixed(0).padStart(6)} ms   min ${f.min.toFixed(0).padStart(6)} ms   max ${f.max.toFixed(0).padStart(6)} ms`;
    console.log(`${bits} bits (${figures.ours.length} keys each):`);
    console.log(line('generateKeyPair (worker + wasm)', ours));
    console.log(line('crypto.subtle.generateKey', peer));
    console.log(`  ratio ours / Web Crypto (medians): ${(ours.median / peer.median).toFixed(1)}×`);
  }
  if (consoleErrors.length) console.log(`console errors: ${consoleErrors.join('; ')}`);
} finally {
  await session.close();
}
