// In-page benchmark of the first key a user makes, embedded from another origin — the key
// generator in the site's frame page (issue 23: js/frame-host.js, frame/keys.html) — beside
// today's path, the same element in the site's own page, measured in the same run, interleaved,
// each run in a fresh browser (cold: nothing cached, the wasm compiled anew):
//
//   ready   from navigation to the generator's form being usable (in its frame, or the page);
//   first   from the press of "Generate key pair" (2048 bits) to the key pair shown: the worker
//           pool starting, the keys module loading in each worker, the prime search.
//
// RSA key generation time varies a lot from key to key (a search for primes): compare medians.
//
//   BASE_URL=http://127.0.0.1:8080/ node tests/bench/firstkey.bench.mjs   (or: cargo xtask bench firstkey)
//   ERS_BENCH_RUNS=N sets the runs of each path (default 7).

import { createServer } from 'node:http';

import { BASE_URL, openPage } from '../e2e/harness.mjs';
import { line as figures, stats } from './figures.mjs';

const line = (name, f) => figures(name, f, 58);
const RUNS = Number(process.env.ERS_BENCH_RUNS ?? 7);
const SITE = new URL(BASE_URL).origin;

const host = createServer((req, res) => {
  if (req.url !== '/') return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title><link rel="icon" href="data:,">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' ${SITE} 'wasm-unsafe-eval'; connect-src 'self' ${SITE}; frame-src ${SITE}; style-src 'self'">
<script type="module" src="${SITE}/embed.js"></script></head>
<body><h1>Docs</h1><ers-key-generator bits="2048"></ers-key-generator></body></html>`);
});
await new Promise((resolve) => host.listen(0, 'localhost', resolve));
const HOST = `http://localhost:${host.address().port}/`;

/** One cold run: `ready` and `first` (ms) on one of PATHS. */
async function run(path) {
  const started = performance.now();
  const session = await openPage(path.url, { baseUrl: path.framed ? HOST : BASE_URL, waitForWasm: false });
  try {
    const { page } = session;
    let where = page;
    if (path.framed) {
      const handle = await page.waitForFunction(() => document.querySelector('ers-key-generator')?.shadowRoot?.querySelector('iframe'));
      where = await handle.asElement().contentFrame();
    }
    const el = where.locator('ers-key-generator').first();
    const generate = el.getByRole('button', { name: 'Generate key pair' });
    await generate.waitFor();
    await el.locator('input[type="radio"][value="2048"]').check();
    const ready = performance.now() - started;
    const t = performance.now();
    await generate.click();
    await el.locator('.ers-key-generator__pair').first().waitFor({ timeout: 120_000 });
    const first = performance.now() - t;
    if (session.consoleErrors.length) throw new Error(session.consoleErrors.join('; '));
    return { ready, first };
  } finally {
    await session.close();
  }
}

// Today's path: the element in the realm of a page of the site's origin (the examples page, only
// key generators; and the full site). The new path: the frame page inside another origin's page.
const PATHS = [
  { name: 'in the page (examples page, today\'s path)', url: 'components/examples.html?element=ers-key-generator', framed: false },
  { name: 'in the page (the full site)', url: '#keys', framed: false },
  { name: 'another origin\'s page, in the frame', url: '', framed: true },
];

try {
  const results = PATHS.map(() => ({ ready: [], first: [] }));
  await run(PATHS[0]); // warm-up of the browser binary and the file cache, not counted
  for (let i = 0; i < RUNS; i += 1) {
    // Interleaved, each round in another order.
    const order = PATHS.map((_, k) => (k + i) % PATHS.length);
    for (const k of order) {
      const r = await run(PATHS[k]);
      results[k].ready.push(r.ready);
      results[k].first.push(r.first);
    }
  }
  console.log(`The first 2048-bit key, cold, each run in a fresh browser (${RUNS} runs of each path, interleaved):`);
  PATHS.forEach((p, k) => console.log(line(`ready: ${p.name}`, stats(results[k].ready))));
  PATHS.forEach((p, k) => console.log(line(`first key: ${p.name}`, stats(results[k].first))));
  const today = stats(results[0].first).median;
  const framed = stats(results[2].first).median;
  console.log(`  ratio frame / today's path, first key (medians): ${(framed / today).toFixed(2)}  (target ≤ 1.0 within the prime search's spread)`);
} finally {
  host.close();
}
