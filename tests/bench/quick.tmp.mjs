import { openPage } from '../e2e/harness.mjs';
const s = await openPage('');
try {
  const r = await s.page.evaluate(async () => {
    const { generateKeyPair, poolSize } = await import('./keygen.js');
    await generateKeyPair({ bits: 2048, kid: 'w' });
    const out = { pool: poolSize(), ours: [], wc: [] };
    for (let i = 0; i < 5; i++) {
      let t = performance.now();
      await generateKeyPair({ bits: 4096, kid: 'k' + i });
      out.ours.push(Math.round(performance.now() - t));
      t = performance.now();
      await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-512' }, true, ['sign']);
      out.wc.push(Math.round(performance.now() - t));
    }
    return out;
  });
  console.log(JSON.stringify(r), s.consoleErrors);
} finally { await s.close(); }
