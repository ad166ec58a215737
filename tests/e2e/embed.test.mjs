// Embedding: www/embed.html (every element beside the snippet to copy, accessible at 1280 and
// 320 px), and the npm package `cargo xtask dist` writes: installed from its .tgz into a scratch
// folder, its `exports` resolved by Node, and an element loaded from it in Chromium.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { checkA11y, describeViolations } from './axe.mjs';
import { BASE_URL, openPage, screenshot } from './harness.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

describe('embed.html', () => {
  for (const width of [1280, 320]) {
    it(`shows every element with its snippet, accessibly, at ${width} px`, async () => {
      const session = await openPage('embed.html', { bypassCSP: true, viewport: { width, height: 900 } });
      try {
        const { page } = session;
        const snippets = await page.locator('code[data-snippet]').allTextContents();
        assert.equal(snippets.length, 6);
        const embed = new URL('embed.js', page.url()).href;
        for (const snippet of snippets) assert.match(snippet, new RegExp(`src="${embed.replace(/[.?]/g, '\\$&')}"`));
        for (const tag of ['ers-name-check', 'ers-asid-planner', 'ers-key-generator', 'ers-key-set', 'ers-jwt-tester', 'ers-golive-pack']) {
          assert.equal(await page.evaluate((t) => Boolean(customElements.get(t)), tag), true, `<${tag}> defined`);
          assert.equal(await page.locator(`${tag} .ers-pending`).count(), 0, `<${tag}> rendered`);
        }
        assert.equal(await page.locator('.ers-embed__snippet button').count(), 6);
        // No horizontal scrolling at 320 px (WCAG 1.4.10 reflow).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
        const violations = await checkA11y(page);
        assert.deepEqual(violations, [], describeViolations(violations));
        assert.deepEqual(session.consoleErrors, []);
        await screenshot(page, `embed-${width}`);
      } finally {
        await session.close();
      }
    });
  }

  it('copies a snippet with its button', async () => {
    const session = await openPage('embed.html');
    try {
      const { page } = session;
      const first = page.locator('.ers-embed__snippet').first();
      await first.locator('button').click();
      await page.waitForFunction(() => document.querySelector('.ers-embed__snippet button')?.textContent === 'Copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, await first.locator('code').textContent());
      assert.match(copied, /<ers-name-check/);
    } finally {
      await session.close();
    }
  });
});

describe('the npm package', () => {
  let scratch;
  let server;
  let pkgDir;
  before(async () => {
    let tgz = process.env.ERS_NPM_TGZ;
    if (!tgz) {
      // The package as `cargo xtask dist` makes it.
      const out = join(ROOT, 'target', 'e2e-dist');
      execFileSync('cargo', ['xtask', 'dist', '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      const name = (await readdir(out)).find((f) => f.endsWith('.tgz'));
      assert.ok(name, 'cargo xtask dist wrote a .tgz');
      tgz = join(out, name);
    }
    scratch = await mkdtemp(join(tmpdir(), 'ers-golive-npm-'));
    await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tgz], { cwd: scratch, stdio: 'ignore' });
    pkgDir = join(scratch, 'node_modules', 'ers-golive');
    server = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path === '/') {
        const element = relative(scratch, resolveExport('ers-golive/ers-name-check'));
        res.writeHead(200, { 'Content-Type': 'text/html' });
        return res.end(
          `<!doctype html><html lang="en"><title>npm</title><link rel="icon" href="data:,"><script type="module" src="/${element}"></script>` +
            '<main><h1>From npm</h1><ers-name-check></ers-name-check></main>',
        );
      }
      const file = normalize(join(scratch, path));
      if (!file.startsWith(scratch)) return res.writeHead(404).end();
      try {
        if (!(await stat(file)).isFile()) throw new Error('not a file');
        // Served as a CDN serves a package: readable from pages of other origins.
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Access-Control-Allow-Origin': '*' });
        res.end(await readFile(file));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    server?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** What Node resolves `specifier` to from the scratch project (through the package's exports). */
  function resolveExport(specifier) {
    return createRequire(join(scratch, 'package.json')).resolve(specifier);
  }
  async function resolveImport(specifier) {
    const script = `console.log(import.meta.resolve(${JSON.stringify(specifier)}))`;
    return execFileSync('node', ['--input-type=module', '-e', script], { cwd: scratch, encoding: 'utf8' }).trim();
  }

  it('exports every element, the loader, keygen.js and the four wasm modules with their types', async () => {
    const manifest = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8'));
    assert.equal(manifest.name, 'ers-golive');
    assert.equal(manifest.type, 'module');
    for (const tag of ['ers-name-check', 'ers-asid-planner', 'ers-key-generator', 'ers-key-set', 'ers-jwt-tester', 'ers-golive-pack']) {
      const url = await resolveImport(`ers-golive/${tag}`);
      assert.equal(url, pathToFileURL(join(pkgDir, 'components', tag, 'define.js')).href);
    }
    assert.equal(await resolveImport('ers-golive'), pathToFileURL(join(pkgDir, 'embed.js')).href);
    assert.equal(await resolveImport('ers-golive/keygen.js'), pathToFileURL(join(pkgDir, 'keygen.js')).href);
    for (const name of ['rules', 'names', 'keys', 'jwt']) {
      const entry = manifest.exports[`./wasm/${name}`];
      await stat(join(pkgDir, entry.types));
      await stat(join(pkgDir, entry.default));
      await stat(join(pkgDir, manifest.exports[`./wasm/${name}.wasm`]));
      assert.match(await readFile(join(pkgDir, entry.types), 'utf8'), /export default function __wbg_init/);
    }
    // No page of the site, no development file: the one page is the frame page made for
    // embedding, which the key generator, the key set and the JWT tester need on another origin.
    const files = execFileSync('find', ['.', '-type', 'f'], { cwd: pkgDir, encoding: 'utf8' }).split('\n');
    assert.deepEqual(files.filter((f) => f.endsWith('.html')), ['./frame/keys.html']);
    assert.equal(await resolveImport('ers-golive/frame'), pathToFileURL(join(pkgDir, 'js', 'frame-host.js')).href);
    assert.match(await readFile(join(pkgDir, 'README.md'), 'utf8'), /configureFrame\(\{ url: /);
  });

  it('on a page of another origin, the key generator runs in the frame page configureFrame names', async () => {
    const pkg = `http://127.0.0.1:${server.address().port}/node_modules/ers-golive/`;
    // A self-hosted copy of the frame page elsewhere: the site's.
    const frameUrl = new URL('frame/keys.html', BASE_URL).href;
    const host = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><html lang="en"><title>Docs</title><link rel="icon" href="data:,">
<script type="module">
import { configureFrame } from '${pkg}js/frame-host.js';
configureFrame({ url: '${frameUrl}' });
await import('${pkg}embed.js');
</script>
<main><h1>Docs</h1><ers-key-generator bits="2048"></ers-key-generator></main>`);
    });
    await new Promise((resolve) => host.listen(0, 'localhost', resolve));
    const session = await openPage('', { baseUrl: `http://localhost:${host.address().port}/` });
    try {
      const { page } = session;
      const handle = await page.waitForFunction(() => document.querySelector('ers-key-generator')?.shadowRoot?.querySelector('iframe'));
      const frame = await handle.asElement().contentFrame();
      await frame.waitForSelector('ers-key-generator input[value="2048"]:checked');
      assert.equal(new URL(frame.url()).origin, new URL(BASE_URL).origin);
      await frame.click('ers-key-generator button[type="submit"]');
      await frame.waitForSelector('ers-key-generator .ers-key-generator__pair', { timeout: 120_000 });
      await page.waitForFunction(() => document.querySelector('ers-key-generator').kids.length === 1);
      assert.deepEqual(session.consoleErrors, []);
    } finally {
      await session.close();
      host.close();
    }
  });

  it('an element from the installed package works in Chromium', async () => {
    const base = `http://127.0.0.1:${server.address().port}/`;
    const session = await openPage('', { baseUrl: base });
    try {
      const { page } = session;
      const input = page.locator('ers-name-check textarea.ers-name-check__input');
      await input.fill('Care Vista – Care Vista Link – PROD – eRS, User-restricted');
      await page.locator('ers-name-check .ers-name-check__diagnostics > li').first().waitFor();
      assert.ok((await page.locator('ers-name-check .ers-name-check__diagnostics > li').count()) > 0);
      // Its shadow root's two stylesheets came from the package.
      const styled = await page.$eval('ers-name-check', (el) => [el.shadowRoot.adoptedStyleSheets.length, getComputedStyle(el.shadowRoot.querySelector('.ers-root')).color]);
      assert.deepEqual(styled, [2, 'rgb(11, 12, 12)']);
      assert.deepEqual(session.consoleErrors, []);
    } finally {
      await session.close();
    }
  });
});
