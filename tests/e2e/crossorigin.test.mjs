// Cross-origin embedding, as a documentation site does it: a host page on another loopback
// origin (`localhost`, the site being on `127.0.0.1`) with the CSP the README asks a host for,
// and one script tag — `<script type="module" src="http://127.0.0.1:…/embed.js">` — gets every
// element working: no console error, the name checker answers, the key generator makes a
// 2048-bit key in the frame page of the site (judged by openssl), the JWT tester signs with it.
// The elements that hold secrets are frames of the site (js/frame-host.js): their keys are never
// in the host's DOM or shadow roots (tests/e2e/isolation.test.mjs spies on everything else).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';

import { BASE_URL, frameOf, openPage } from './harness.mjs';

const SITE = new URL(BASE_URL).origin;
const ELEMENTS = ['ers-name-check', 'ers-asid-planner', 'ers-key-generator', 'ers-key-set', 'ers-jwt-tester', 'ers-golive-pack'];
/** The elements that run in the site's frame page on another origin. */
const FRAMED = ['ers-key-generator', 'ers-key-set', 'ers-jwt-tester'];
const IN_PAGE = ELEMENTS.filter((tag) => !FRAMED.includes(tag));

// What the README says a host page's CSP must allow: our origin for scripts and fetches (the
// modules, the elements' stylesheets — fetched and adopted into their shadow roots, so style-src
// needs nothing — and the wasm), 'wasm-unsafe-eval', and our origin in frame-src (the key
// generator, the key set and the JWT tester run in the site's frame page, workers included: the
// host needs no worker-src).
const HOST_CSP = [
  "default-src 'self'",
  `script-src 'self' ${SITE} 'wasm-unsafe-eval'`,
  "style-src 'self'",
  `connect-src 'self' ${SITE}`,
  `frame-src ${SITE}`,
  "img-src 'self' data: blob:",
].join('; ');

// The host's own styles, which embedding must leave as they are.
const HOST_CSS = `body { font: 17px/1.6 Georgia, serif; color: #222; margin: 2rem; background: #fffdf5 }
  a { color: #8b0000 } h1, h2 { font-family: Verdana, sans-serif; color: #333 } pre { background: #eee; padding: 4px }`;

// A hostile host: resets everything, hides buttons, squeezes fields; and a host that themes
// the elements the documented way (--ers-* custom properties, ::part).
const HOSTILE_CSS = `* { all: revert; color: red !important } button { display: none !important }
  input, textarea, select { width: 1px !important } p, div, span, label { font-family: fantasy }
  ers-name-check { --ers-ok: rgb(1, 2, 3); --ers-font: Georgia, serif }
  ers-name-check::part(button) { border-radius: 7px }
  ers-key-generator { --ers-link: rgb(4, 5, 6) } iframe { display: none !important }`;

const hostPage = (embed = true, css = '/host.css') => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${HOST_CSP}">
  <title>Our API documentation</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${css}">
  ${embed ? `<script type="module" src="${SITE}/embed.js"></script>` : ''}
</head>
<body>
  <main>
    <h1>Integrating with the e-Referral Service</h1>
    <p>Read <a href="#names">the naming rules</a>, then try them.</p>
    <pre>curl https://example.invalid/</pre>
    ${ELEMENTS.map((tag) => `<section><h2>${tag}</h2><${tag}></${tag}></section>`).join('\n    ')}
  </main>
</body>
</html>`;

describe('embedded from another origin', () => {
  let server;
  let session;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/host.css') {
        res.writeHead(200, { 'Content-Type': 'text/css' });
        return res.end(HOST_CSS);
      }
      if (req.url === '/hostile.css') {
        res.writeHead(200, { 'Content-Type': 'text/css' });
        return res.end(HOSTILE_CSS);
      }
      if (!['/', '/plain', '/hostile'].includes(req.url)) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(req.url === '/hostile' ? hostPage(true, '/hostile.css') : hostPage(req.url === '/'));
    });
    await new Promise((resolve) => server.listen(0, 'localhost', resolve));
    const host = `http://localhost:${server.address().port}/`;
    assert.notEqual(new URL(host).origin, SITE);
    session = await openPage('', { baseUrl: host });
    // A host script listening to every event (as analytics or session replay would).
    await session.page.evaluate(() => {
      window.__heard = [];
      const seen = (event) => {
        let text = '';
        try {
          text = JSON.stringify(event.detail ?? null) ?? '';
        } catch {
          text = String(event.detail);
        }
        window.__heard.push({ type: event.type, text });
      };
      for (const type of ['ers-key-generated', 'ers-keys-made', 'ers-name-checked', 'ers-name-built', 'ers-jwt-signed', 'ers-jwt-checked', 'ers-plan', 'ers-pack', 'ers-pack-input', 'ers-euos-imported']) {
        document.addEventListener(type, seen, true);
      }
    });
    await session.page.waitForFunction((tags) => tags.every((t) => customElements.get(t)), ELEMENTS);
  });
  after(async () => {
    await session?.close();
    server?.close();
  });

  it('defines every element from one script tag, with no console error', async () => {
    const { page } = session;
    for (const tag of IN_PAGE) {
      assert.ok((await page.locator(`${tag} button`).count()) > 0, `<${tag}> rendered`);
      assert.equal(await page.locator(`${tag} .ers-pending`).count(), 0, `<${tag}> replaced its fallback`);
    }
    for (const tag of FRAMED) {
      const frame = await frameOf(page, tag);
      assert.equal(new URL(frame.url()).origin, SITE, `<${tag}> runs on the site's origin`);
      assert.ok((await frame.locator(`${tag} button`).count()) > 0, `<${tag}> rendered in its frame`);
    }
    assert.deepEqual(session.consoleErrors, []);
  });

  it("leaves the host page's styles as they are: body, links, headings, pre", async () => {
    const styles = (page) =>
      page.evaluate(() => {
        const props = ['font-family', 'font-size', 'line-height', 'color', 'background-color', 'margin-top', 'margin-left', 'padding-top', 'box-sizing', 'border-top-width', 'white-space'];
        const out = {};
        for (const sel of ['body', 'main > p > a', 'h1', 'h2', 'main > pre']) {
          const cs = getComputedStyle(document.querySelector(sel));
          out[sel] = Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
        }
        return out;
      });
    const plain = await openPage('plain', { baseUrl: new URL(session.page.url()).origin + '/' });
    try {
      assert.deepEqual(await styles(session.page), await styles(plain.page));
    } finally {
      await plain.close();
    }
    // No stylesheet was added to the host page: the elements' styles are in their shadow roots.
    const sheets = await session.page.evaluate(() => [[...document.styleSheets].map((s) => s.href), document.adoptedStyleSheets.length]);
    assert.deepEqual(sheets, [[new URL('/host.css', session.page.url()).href], 0]);
  });

  it("a hostile host stylesheet does not break the elements; --ers-* and ::part theme them", async () => {
    const hostile = await openPage('hostile', { baseUrl: new URL(session.page.url()).origin + '/' });
    try {
      const { page } = hostile;
      await page.waitForFunction((tags) => tags.every((t) => customElements.get(t)), ELEMENTS);
      for (const tag of FRAMED) await frameOf(page, tag);
      const look = await page.evaluate(([tags, framed]) => {
        const out = {};
        for (const tag of framed) {
          // The frame is the element: shown whole, whatever the host's CSS says of iframes.
          const frame = document.querySelector(tag).shadowRoot.querySelector('iframe');
          const box = frame.getBoundingClientRect();
          out[tag] = { shown: getComputedStyle(frame).display !== 'none' && box.width > 300 && box.height > 200 };
        }
        for (const tag of tags) {
          const root = document.querySelector(tag).shadowRoot;
          const button = [...root.querySelectorAll('button')].find((b) => !b.closest('[hidden]'));
          const field = root.querySelector('input:not([type="radio"]):not([type="checkbox"]):not([type="file"]), textarea');
          out[tag] = {
            button: getComputedStyle(button).display !== 'none' && button.getBoundingClientRect().width > 20,
            field: !field || field.getBoundingClientRect().width > 100,
            ink: getComputedStyle(root.querySelector('.ers-root')).color,
          };
        }
        const build = [...document.querySelector('ers-name-check').shadowRoot.querySelectorAll('button')].find((b) => b.textContent === 'Build the name');
        const cs = getComputedStyle(build);
        out.theme = { background: cs.backgroundColor, radius: cs.borderTopLeftRadius, font: getComputedStyle(build.closest('.ers-root')).fontFamily };
        return out;
      }, [IN_PAGE, FRAMED]);
      for (const tag of IN_PAGE) assert.deepEqual(look[tag], { button: true, field: true, ink: 'rgb(11, 12, 12)' }, tag);
      for (const tag of FRAMED) assert.deepEqual(look[tag], { shown: true }, tag);
      assert.deepEqual(look.theme, { background: 'rgb(1, 2, 3)', radius: '7px', font: 'Georgia, serif' });
      // The --ers-* values reach the frame as data, applied there.
      const gen = await frameOf(page, 'ers-key-generator');
      await gen.waitForFunction(() => document.documentElement.style.getPropertyValue('--ers-link') === 'rgb(4, 5, 6)', null, { polling: 100 });
      // A theme changed later is sent again by refreshTheme().
      await page.evaluate(() => {
        const el = document.querySelector('ers-key-generator');
        el.style.setProperty('--ers-link', 'rgb(7, 8, 9)');
        el.refreshTheme();
      });
      await gen.waitForFunction(() => document.documentElement.style.getPropertyValue('--ers-link') === 'rgb(7, 8, 9)', null, { polling: 100 });
      // And it still works.
      await page.fill('ers-name-check textarea.ers-name-check__input', 'Care Vista - Care Vista Link - Prod - eRS, User Restricted');
      await page.locator('ers-name-check .ers-name-check__diagnostics > li[data-code="ERS-N016"]').first().waitFor();
      assert.deepEqual(hostile.consoleErrors, []);
    } finally {
      await hostile.close();
    }
  });

  it('the name checker answers', async () => {
    const { page } = session;
    await page.fill('ers-name-check textarea.ers-name-check__input', 'Care Vista – Care Vista Link – PROD – eRS, User-restricted');
    await page.locator('ers-name-check .ers-name-check__diagnostics > li').first().waitFor();
    const codes = await page.locator('ers-name-check .ers-name-check__diagnostics > li').evaluateAll((lis) => lis.map((li) => li.dataset.code));
    assert.ok(codes.length > 0);
    assert.ok(codes.every((c) => /^ERS-N\d{3}$/.test(c)), codes.join(' '));
  });

  it('the key generator makes a 2048-bit key in the site\'s frame', async () => {
    const { page } = session;
    const gen = await frameOf(page, 'ers-key-generator');
    await gen.fill('ers-key-generator input[name="kid"]', 'docs-1');
    await gen.check('ers-key-generator input[type="radio"][value="2048"]');
    await gen.click('ers-key-generator button[type="submit"]:has-text("Generate key pair")');
    await gen.waitForSelector('ers-key-generator .ers-key-generator__result:not([hidden]) .ers-notice--ok', { timeout: 120_000 });
    const pem = await gen
      .locator('ers-key-generator .ers-key-generator__pre code')
      .evaluateAll((codes) => codes.map((c) => c.textContent).find((t) => t.includes('BEGIN PUBLIC KEY')));
    assert.ok(pem, 'the public key is shown');
    const text = execFileSync('openssl', ['pkey', '-pubin', '-noout', '-text'], { input: pem, encoding: 'utf8' });
    assert.match(text, /Public-Key: \(2048 bit\)/);
    // The host knows the kid, from the frame's public report.
    await page.waitForFunction(() => document.querySelector('ers-key-generator').kids.includes('docs-1'));
    // The key workers are the frame's: blob: URLs of the site's origin, none of the host's.
    const workers = page.workers().map((w) => w.url());
    assert.ok(workers.length > 0 && workers.every((u) => u.startsWith(`blob:${SITE}/`)), workers.join(' '));
    assert.deepEqual(session.consoleErrors, []);
  });

  /** Every place the host page's scripts could read a private key from (its PEM armour; the
   *  hints name "BEGIN PRIVATE KEY" in prose): the DOM and every shadow root in it, every field's
   *  value, every element's attributes and own properties. */
  const privateKeyCopies = () =>
    session.page.evaluate((tags) => {
      const found = [];
      const roots = (root) => [root, ...[...root.querySelectorAll('*')].filter((e) => e.shadowRoot).flatMap((e) => roots(e.shadowRoot))];
      for (const root of roots(document)) {
        const where = root === document ? 'the DOM' : `<${root.host.localName}>'s shadow root`;
        const html = root === document ? document.documentElement.outerHTML : root.innerHTML;
        if (html.includes('PRIVATE KEY-----')) found.push(where);
        for (const el of root.querySelectorAll('input, textarea')) if (el.value.includes('PRIVATE KEY-----')) found.push(`${el.name || el.id} value`);
      }
      for (const el of document.querySelectorAll(tags.join(', '))) {
        // Its own properties, and every property its class chain defines (getters included).
        const keys = new Set(Object.keys(el));
        for (let proto = Object.getPrototypeOf(el); proto && proto !== HTMLElement.prototype; proto = Object.getPrototypeOf(proto)) {
          for (const key of Object.getOwnPropertyNames(proto)) if (key !== 'constructor') keys.add(key);
        }
        for (const key of keys) {
          let text = '';
          try {
            text = JSON.stringify(el[key]) ?? '';
          } catch {}
          if (text.includes('PRIVATE KEY-----')) found.push(`${el.localName}.${key}`);
        }
        for (const attr of el.getAttributeNames()) if (el.getAttribute(attr).includes('PRIVATE KEY-----')) found.push(`${el.localName}[${attr}]`);
      }
      return found;
    }, ELEMENTS);

  it('no event carries the private key; shown, it is in the frame only', async () => {
    const { page } = session;
    const heard = await page.evaluate(() => window.__heard);
    assert.ok(heard.some((e) => e.type === 'ers-key-generated'), 'the key event was heard');
    assert.deepEqual(heard.filter((e) => e.text.includes('PRIVATE KEY')).map((e) => e.type), []);
    assert.deepEqual(await privateKeyCopies(), []);
    const gen = await frameOf(page, 'ers-key-generator');
    const details = gen.locator('ers-key-generator details', { hasText: 'Show the private key' });
    await details.locator('summary').click();
    await gen.waitForFunction(() => document.querySelector('ers-key-generator').shadowRoot.innerHTML.includes('BEGIN PRIVATE KEY'), null, { polling: 100 });
    assert.deepEqual(await privateKeyCopies(), [], 'shown in the frame, not in the host page');
    await details.locator('summary').click();
    await gen.waitForFunction(() => !document.querySelector('ers-key-generator').shadowRoot.innerHTML.includes('PRIVATE KEY-----'), null, { polling: 100 });
  });

  it('the JWT tester gets the key by the user\'s action, and "Forget this key" removes every copy', async () => {
    const { page } = session;
    const tester = await frameOf(page, 'ers-jwt-tester');
    const gen = await frameOf(page, 'ers-key-generator');
    await tester.getByRole('button', { name: 'Use the key just generated (kid docs-1)' }).click();
    await tester.waitForFunction(() => document.querySelector('ers-jwt-tester').shadowRoot.querySelector('textarea[name="privateKeyPem"]').value !== '', null, { polling: 100, timeout: 10_000 });
    assert.match(await tester.getByLabel('Private key (PEM)').inputValue(), /^-----BEGIN PRIVATE KEY-----/);
    assert.deepEqual(await privateKeyCopies(), []);
    // It signs with it: the event is heard, without the token (the page did not opt in).
    const signForm = tester.locator('form').nth(0);
    await signForm.getByLabel('API key').fill('docs-api-key-1');
    await signForm.getByRole('button', { name: 'Sign' }).click();
    assert.match(await tester.getByLabel('Signed client assertion (JWT)').inputValue(), /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    await page.waitForFunction(() => window.__heard.some((e) => e.type === 'ers-jwt-signed'));
    assert.deepEqual(await page.evaluate(() => window.__heard.filter((e) => e.type === 'ers-jwt-signed').map((e) => e.text)), ['{}']);
    await gen.locator('ers-key-generator').getByRole('button', { name: 'Forget this key' }).click();
    await tester.waitForFunction(() => !document.querySelector('ers-jwt-tester').shadowRoot.querySelector('textarea[name="privateKeyPem"]').value, null, { polling: 100 });
    await page.waitForFunction(() => document.querySelector('ers-key-generator').kids.length === 0);
    assert.equal(await tester.getByRole('button', { name: /Use the key just generated/ }).isHidden(), true);
    const heard = await page.evaluate(() => window.__heard);
    assert.deepEqual(heard.filter((e) => e.text.includes('PRIVATE KEY')).map((e) => e.type), []);
    assert.deepEqual(session.consoleErrors, []);
  });

  it('every asset came from the site by its absolute URL, and nothing from anywhere else', async () => {
    const hostOrigin = new URL(session.page.url()).origin;
    const others = session.offOriginRequests.filter((u) => new URL(u).origin !== SITE && new URL(u).origin !== hostOrigin);
    assert.deepEqual(others, []);
    assert.ok(session.offOriginRequests.some((u) => u.endsWith('/pkg/ers_names_bg.wasm') || u.endsWith('/pkg/ers_rules_bg.wasm')));
    assert.ok(session.offOriginRequests.some((u) => u.endsWith('/pkg/ers_keys_bg.wasm')));
  });
});
