// What a page transfers, measured in headless Chromium: the bytes on the wire (CDP's
// encodedDataLength, headers included) of every request, with the site served as GitHub Pages
// serves it (gzip, `Access-Control-Allow-Origin: *`, cacheable) on 127.0.0.1 and the embedding
// documentation pages on localhost (another origin). Targets (issue 11), gzipped:
//   - a page that embeds only <ers-name-check> (one script tag, one name checked): ≤ 80 KB in all;
//   - the full site's first load (index.html until the network is idle): ≤ 250 KB;
//   - the keys module (its glue and wasm, loaded on first use): ≤ 250 KB; the JWT module too
//     (keys and JWT were one module until the JWKS and token-request checks made it 305 KB).
// Peer measured in the same run: the single module every element loaded before the split
// (crates/ers-wasm with every feature, built by `cargo xtask bench` into ERS_SINGLE_WASM).
//
//   ERS_SINGLE_WASM=target/wasm-single/ers_wasm_bg.wasm node tests/bench/size.bench.mjs

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/harness.mjs';

const SITE = fileURLToPath(new URL('../../www/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
const KB = 1000;
const kb = (n) => `${(n / KB).toFixed(1)} KB`;

/** A static server for `root` as GitHub Pages serves: gzip when asked, CORS open, cacheable. */
function serve(root, host, pages = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let body;
    let type;
    if (pages[path]) {
      body = Buffer.from(pages[path]());
      type = TYPES['.html'];
    } else {
      let file = normalize(join(root, path));
      if (!file.startsWith(root)) return res.writeHead(404).end();
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        body = await readFile(file);
        type = TYPES[extname(file)] ?? 'application/octet-stream';
      } catch {
        return res.writeHead(404).end();
      }
    }
    const headers = {
      'Content-Type': type,
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'max-age=600',
      Vary: 'Accept-Encoding',
    };
    if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}

const site = await serve(SITE, '127.0.0.1');
const siteUrl = `http://127.0.0.1:${site.address().port}/`;
const hostPages = {
  '/names-only.html': () =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Our API docs</title>` +
    `<script type="module" src="${siteUrl}embed.js"></script></head>` +
    `<body><h1>Naming your application</h1><ers-name-check></ers-name-check></body></html>`,
};
const host = await serve(SITE, 'localhost', hostPages);
const hostUrl = `http://localhost:${host.address().port}/`;

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

/** Opens a fresh page that counts the bytes of every request (workers' too). */
async function meter() {
  // Service workers blocked: a controlled page's requests go through the worker's own network,
  // which this page's CDP session would not see. (On a first visit to the site itself, its
  // service worker also precaches every file in the background, for offline use: not counted.)
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const bytes = new Map(); // url → bytes on the wire
  const track = (session) => {
    const urls = new Map();
    session.on('Network.responseReceived', ({ requestId, response }) => urls.set(requestId, response.url));
    session.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      const url = urls.get(requestId) ?? requestId;
      bytes.set(url, (bytes.get(url) ?? 0) + encodedDataLength);
    });
  };
  track(cdp);
  await cdp.send('Network.enable');
  const total = () => [...bytes.values()].reduce((a, b) => a + b, 0);
  /** Waits until no byte has arrived for half a second (CDP's events come after the page's). */
  const settled = async () => {
    await page.waitForLoadState('networkidle');
    for (let last = -1; last !== total(); ) {
      last = total();
      await page.waitForTimeout(500);
    }
  };
  return { context, page, bytes, total, settled };
}

const results = [];
function report(what, measured, goal, detail) {
  const ok = measured <= goal;
  results.push(ok);
  console.log(`${what}: ${kb(measured)} (goal ≤ ${kb(goal)}) ${ok ? 'ok' : 'OVER'}${detail ? `\n    ${detail}` : ''}`);
}
const wasmOf = (bytes) =>
  [...bytes]
    .filter(([url]) => url.endsWith('.wasm'))
    .map(([url, n]) => `${url.split('/').pop()} ${kb(n)}`)
    .join(', ');

try {
  // 1. A documentation page on another origin that embeds only the name checker, a name checked.
  {
    const { context, page, bytes, total, settled } = await meter();
    await page.goto(`${hostUrl}names-only.html`);
    const input = page.locator('ers-name-check textarea.ers-name-check__input');
    await input.fill('Care Vista – Care Vista Link – PROD – eRS, User-restricted');
    await page.locator('ers-name-check .ers-name-check__diagnostics > li').first().waitFor();
    await settled();
    if (process.env.ERS_SIZE_DETAIL) for (const [url, n] of [...bytes].sort((a, b) => b[1] - a[1])) console.log(`    ${kb(n).padStart(9)}  ${url}`);
    report(
      'page embedding only <ers-name-check> (other origin, one name checked)',
      total(),
      80 * KB,
      `${bytes.size} requests; wasm: ${wasmOf(bytes)}`,
    );
    await context.close();
  }

  // 2. The full site's first load, then 3. the keys module on first use.
  {
    const { context, page, bytes, total, settled } = await meter();
    await page.goto(siteUrl);
    await settled();
    const first = total();
    report('full site, first load (index.html)', first, 250 * KB, `${bytes.size} requests; wasm: ${wasmOf(bytes)}`);
    for (const [which, files] of [
      ['keys', 'ers_keys.js + ers_keys_bg.wasm'],
      ['jwt', 'ers_jwt.js + ers_jwt_bg.wasm'],
    ]) {
      const before = new Map(bytes);
      await page.evaluate(async (w) => {
        await (await import('./js/ers.js'))[w]();
      }, which);
      await settled();
      const added = [...bytes].filter(([url, n]) => (before.get(url) ?? 0) !== n);
      const size = added.reduce((a, [url, n]) => a + n - (before.get(url) ?? 0), 0);
      report(`${which} module, on first use (${files})`, size, 250 * KB, `wasm: ${wasmOf(added)}`);
    }
    await context.close();
  }

  // The peer: the one module of before the split, gzipped as the server sends it.
  const single = process.env.ERS_SINGLE_WASM;
  if (single) {
    const wasm = await readFile(single);
    console.log(
      `peer, same run: the single module every element loaded before the split: ${kb(gzipSync(wasm).length)} gzipped (${kb(wasm.length)} raw)`,
    );
  }
} finally {
  await browser.close();
  site.close();
  host.close();
}
if (results.includes(false)) process.exitCode = 1;
