// Where the time of one 4096-bit key goes in the keys module, in headless Chromium (one wasm
// instance on the page's main thread, as a worker of the pool runs it): instantiating the module,
// the sieve of a window, one Miller–Rabin test, the tests per prime, the confirmation of the prime
// found (the call that finds it, less a test), and keyPairFromPrimes (the found primes checked
// again, rsa's build and validation, PEM and JWK). A profile for deciding what to speed up, not a
// benchmark against a peer (that is keygen.bench.mjs).
//
//   BASE_URL=http://127.0.0.1:8080/ node tests/bench/keygen-profile.mjs
//   ERS_PROFILE_PRIMES=N primes (default 10); ERS_PROFILE_PKG=DIR another build of the keys module
//   under www/ (default pkg), to compare two builds.

import { openPage } from '../e2e/harness.mjs';

const PRIMES = Number(process.env.ERS_PROFILE_PRIMES ?? 10);
const PKG = process.env.ERS_PROFILE_PKG ?? 'pkg';

const session = await openPage('');
try {
  const figures = await session.page.evaluate(async ({ primes, pkg }) => {
    const median = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = s.length >> 1;
      return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
    };
    let t = performance.now();
    const mod = await import(`./${pkg}/ers_keys.js`);
    const bytes = await (await fetch(`./${pkg}/ers_keys_bg.wasm`)).arrayBuffer();
    const fetched = performance.now() - t;
    t = performance.now();
    await mod.default({ module_or_path: bytes });
    const instantiate = performance.now() - t;
    const first = [];
    const tests = [];
    const found = [];
    const counts = [];
    const found_primes = [];
    for (let k = 0; k < primes; k += 1) {
      let calls = 0;
      for (;;) {
        const s = performance.now();
        const prime = mod.searchPrime(4096, 1);
        const ms = performance.now() - s;
        calls += 1;
        if (prime) {
          found.push(ms);
          found_primes.push(prime);
          break;
        }
        // The first call of a window sieves it; windows without a prime are rare.
        (calls === 1 ? first : tests).push(ms);
      }
      counts.push(calls);
    }
    const assemble = [];
    for (let k = 0; k + 1 < found_primes.length; k += 2) {
      const s = performance.now();
      mod.keyPairFromPrimes(found_primes[k], found_primes[k + 1], { bits: 4096, kid: `profile-${k}` });
      assemble.push(performance.now() - s);
    }
    const test = median(tests);
    return {
      fetched,
      instantiate,
      sieve: median(first) - test,
      test,
      testsPerPrime: median(counts),
      meanTestsPerPrime: counts.reduce((a, b) => a + b, 0) / counts.length,
      confirm: median(found) - test,
      assemble: median(assemble),
      primes,
    };
  }, { primes: PRIMES, pkg: PKG });
  const f = figures;
  const perPrime = f.sieve + f.meanTestsPerPrime * f.test + f.confirm;
  console.log(`One 4096-bit key in the keys module, headless Chromium, main thread (${f.primes} primes, www/${PKG}):`);
  console.log(`  fetch of the module (served locally)  ${f.fetched.toFixed(0)} ms`);
  console.log(`  instantiate                           ${f.instantiate.toFixed(0)} ms`);
  console.log(`  sieve of a window                     ${f.sieve.toFixed(1)} ms`);
  console.log(`  one Miller–Rabin test (base 2)        ${f.test.toFixed(2)} ms`);
  console.log(`  tests per prime                       median ${f.testsPerPrime}, mean ${f.meanTestsPerPrime.toFixed(1)}`);
  console.log(`  confirmation of the prime found       ${f.confirm.toFixed(1)} ms`);
  console.log(`  one prime (sieve + tests + confirm)   ${perPrime.toFixed(0)} ms`);
  console.log(`  keyPairFromPrimes (checks, rsa, PEM)  ${f.assemble.toFixed(0)} ms`);
  console.log(`  one key, two primes on one core       ${(2 * perPrime + f.assemble).toFixed(0)} ms`);
} finally {
  await session.close();
}
