// Private keys in a realm of their own (issue 23): a documentation page on another loopback
// origin (`localhost`, the site being on `127.0.0.1`) whose own scripts, installed before
// embed.js, spy on everything a bad tag manager, analytics or session replay could: they wrap
// Worker, MessagePort.postMessage, URL.createObjectURL, EventTarget.dispatchEvent,
// attachShadow (forcing every root open) and navigator.clipboard.writeText, listen to every
// `message`, and import the tool's modules (js/key-handoff.js) from its origin. The user makes a
// 2048-bit key, shows it, copies it, downloads its ZIP, makes every key pair of a 2-application
// plan and saves their ZIP, uses the key in the tester and signs. The keys are made (openssl
// judges them), the token verifies (PyJWT), and nothing the host's scripts saw holds private key
// armour, a PKCS#8 body, a JWK's "d" or a signed token, until the page opts into the token.
// Then: the frame takes messages only from its parent, at its parent's origin, on its channel,
// and only the documented ones; a frame opened by another site refuses to run; axe inside it.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { checkA11y, describeViolations } from './axe.mjs';
import { BASE_URL, frameOf, openPage, planCareVista, screenshot } from './harness.mjs';

const SITE = new URL(BASE_URL).origin;

// What the README asks of a host: our origin for scripts and fetches (the name checker and the
// planner run in the page) and for frames. No worker-src, no blob: the key workers are the frame's.
const HOST_CSP = [
  "default-src 'self'",
  `script-src 'self' ${SITE} 'wasm-unsafe-eval'`,
  "style-src 'self'",
  `connect-src 'self' ${SITE}`,
  `frame-src 'self' ${SITE}`,
  "img-src 'self' data:",
].join('; ');

/** The host's spy, run before embed.js. Everything it sees goes to window.__seen as text. */
const SPY = `
window.__seen = [];
const text = (v) => { if (typeof v === 'string') return v; try { return JSON.stringify(v) ?? String(v); } catch { return String(v); } };
const note = (where, value) => window.__seen.push(where + ' ' + text(value));
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(url, options) {
    super(url, options);
    note('new Worker', String(url));
    this.addEventListener('message', (e) => note('Worker message', e.data));
  }
  postMessage(...args) { note('Worker.postMessage', args[0]); return super.postMessage(...args); }
};
const portPost = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (...args) { note('MessagePort.postMessage', args[0]); return portPost.apply(this, args); };
const windowPost = window.postMessage;
window.postMessage = function (...args) { note('window.postMessage', args[0]); return windowPost.apply(this, args); };
const objectUrl = URL.createObjectURL;
URL.createObjectURL = function (blob) {
  note('createObjectURL', String(blob));
  if (blob instanceof Blob) blob.text().then((t) => note('blob text', t));
  return objectUrl.call(this, blob);
};
const dispatch = EventTarget.prototype.dispatchEvent;
window.__shellEvents = [];
EventTarget.prototype.dispatchEvent = function (event) {
  note('dispatchEvent ' + event.type, event.detail ?? null);
  if (this instanceof Element && this.localName.startsWith('ers-')) window.__shellEvents.push({ tag: this.localName, type: event.type, bubbles: event.bubbles, composed: event.composed });
  return dispatch.call(this, event);
};
window.__roots = [];
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { const root = attach.call(this, { ...init, mode: 'open' }); window.__roots.push(root); return root; };
if (navigator.clipboard) {
  const write = navigator.clipboard.writeText.bind(navigator.clipboard);
  navigator.clipboard.writeText = (t) => { note('clipboard', t); return write(t); };
}
window.addEventListener('message', (e) => note('message from ' + e.origin, e.data), true);
window.__handoff = import(${JSON.stringify(`${SITE}/js/key-handoff.js`)}).then((m) => {
  m.onKeyOffer(() => note('handoff', m.takeKey()));
  return m;
});
window.__keygen = import(${JSON.stringify(`${SITE}/keygen.js`)});
`;

const HOST_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="${HOST_CSP}">
  <title>Our API documentation</title>
  <link rel="icon" href="data:,">
  <script src="/spy.js"></script>
  <script type="module" src="${SITE}/embed.js"></script>
</head>
<body>
  <main>
    <h1>Going live with e-RS</h1>
    <ers-asid-planner></ers-asid-planner>
    <ers-key-generator bits="2048"></ers-key-generator>
    <ers-key-set bits="2048"></ers-key-set>
    <ers-jwt-tester environment="int" api-key="IsoApiKey0123456789abcdef012345"></ers-jwt-tester>
  </main>
</body>
</html>`;

/** What must never reach the host: private key armour, a PKCS#8 or PKCS#1 body's start, a JWK's
 *  private members, a compact JWT. */
const SECRETS = [
  ['private key armour', /PRIVATE KEY/],
  ['a PKCS#8 or PKCS#1 body', /MII[\w+/]{3}IBA(DAN|AK)/],
  ['a JWK "d"', /"d"\s*:/],
  ['a signed token', /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/],
];

/** The secrets found in what the host's scripts saw, and in its DOM and every shadow root. */
async function secretsSeen(page) {
  const seen = await page.evaluate(() => {
    const texts = [...window.__seen];
    texts.push(document.documentElement.outerHTML);
    for (const root of window.__roots) texts.push(root.innerHTML);
    for (const el of document.querySelectorAll('ers-key-generator, ers-key-set, ers-jwt-tester')) {
      for (const key of ['kid', 'kids', 'applications', 'report', 'requestReport', 'signed']) {
        try {
          texts.push(JSON.stringify(el[key]) ?? '');
        } catch {}
      }
      for (const name of el.getAttributeNames()) texts.push(el.getAttribute(name));
    }
    return texts;
  });
  const found = [];
  for (const text of seen) for (const [what, re] of SECRETS) if (re.test(text)) found.push(`${what}: ${text.slice(0, 160)}`);
  return found;
}

function openssl(args, input) {
  return execFileSync('openssl', args, { input, encoding: 'utf8' });
}

/** The files of a ZIP, by name (Python's zipfile reads it). */
function unzip(path) {
  const out = execFileSync('python3', ['-c', 'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))', path], { encoding: 'utf8' });
  return JSON.parse(out);
}

describe('a hostile host page cannot reach the private keys (issue 23)', () => {
  let server;
  let host;
  let session;
  let page;
  let dir;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ers-isolation-'));
    // The host's files: its page, its spy, and a child page that posts to the frame (below).
    const files = {
      '/': ['text/html; charset=utf-8', HOST_PAGE],
      '/spy.js': ['text/javascript', SPY],
      '/poster.html': ['text/html; charset=utf-8', '<!doctype html><title>Poster</title><script src="/poster.js"></script>'],
      // Forwards what its parent asks to the key generator's frame, as its own message.
      '/poster.js': ['text/javascript', `window.__ready = true; addEventListener('message', (e) => { if (e.source !== parent) return; parent.document.querySelector('ers-key-generator').shadowRoot.querySelector('iframe').contentWindow.postMessage(e.data.post, e.data.origin); });`],
    };
    server = createServer((req, res) => {
      if (files[req.url]) {
        const [type, body] = files[req.url];
        res.writeHead(200, { 'Content-Type': type });
        return res.end(body);
      }
      if (req.url.startsWith('/claims.html')) {
        // Another site framing the frame page, claiming to be the host.
        const claimed = new URL(req.url, 'http://x').searchParams.get('origin');
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        return res.end(`<!doctype html><title>Claims</title><iframe src="${SITE}/frame/keys.html#part=ers-key-generator&origin=${encodeURIComponent(claimed)}&channel=abc&page=def" width="900" height="400"></iframe>`);
      }
      res.writeHead(404).end();
    });
    await new Promise((resolve) => server.listen(0, 'localhost', resolve));
    host = `http://localhost:${server.address().port}/`;
    assert.notEqual(new URL(host).origin, SITE);
    session = await openPage('', { baseUrl: host });
    page = session.page;
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SITE });
  });
  after(async () => {
    await session?.close();
    server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('makes, shows, copies and downloads a 2048-bit key in the frame; the host sees only public parts', async () => {
    const gen = await frameOf(page, 'ers-key-generator');
    assert.match(await gen.textContent('.ers-frame__where'), new RegExp(`Keys are made on ${SITE.replace(/[.]/g, '\\.')}`));
    await gen.fill('ers-key-generator input[name="kid"]', 'iso-1');
    await gen.click('ers-key-generator button[type="submit"]:has-text("Generate key pair")');
    await gen.waitForSelector('ers-key-generator .ers-key-generator__pair[data-kid="iso-1"]', { timeout: 120_000 });
    // Shown and copied inside the frame (the clipboard is the frame's).
    await gen.locator('ers-key-generator summary', { hasText: 'Show the private key' }).click();
    // The PEM is put in once the details open: wait for it, not for the empty box.
    const shown = gen.locator('ers-key-generator [aria-label="Private key"] code', { hasText: 'BEGIN PRIVATE KEY' });
    await shown.waitFor();
    const pem = await shown.textContent();
    assert.match(pem, /^-----BEGIN PRIVATE KEY-----/);
    assert.match(openssl(['rsa', '-check', '-noout'], pem), /RSA key ok/);
    assert.match(openssl(['pkey', '-noout', '-text'], pem), /Private-Key: \(2048 bit/);
    await gen.locator('ers-key-generator button', { hasText: 'Copy private key' }).click();
    await gen.locator('ers-key-generator button', { hasText: 'Copied' }).waitFor();
    // The ZIP of the three files, downloaded from inside the frame.
    const [download] = await Promise.all([page.waitForEvent('download'), gen.click('ers-key-generator button[data-download="iso-1.zip"]')]);
    const zipPath = join(dir, 'iso-1.zip');
    await download.saveAs(zipPath);
    const files = unzip(zipPath);
    assert.deepEqual(Object.keys(files).sort(), ['iso-1.json', 'iso-1.pem', 'iso-1.pem.pub']);
    assert.equal(files['iso-1.pem'].trim(), pem.trim());
    // The host heard the public event and knows the kid; nothing else.
    await page.waitForFunction(() => document.querySelector('ers-key-generator').kids.includes('iso-1'));
    const heard = await page.evaluate(() => window.__seen.filter((s) => s.startsWith('dispatchEvent ers-key-generated')));
    assert.equal(heard.length, 1, 'the public event reached the host');
    assert.match(heard[0], /"kid":"iso-1"/);
    assert.match(heard[0], /BEGIN PUBLIC KEY/);
    assert.deepEqual(await secretsSeen(page), []);
  });

  it('the spy sees what passes through the host realm (a control of the checks above)', async () => {
    await page.evaluate(() => {
      URL.revokeObjectURL(URL.createObjectURL(new Blob(['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n'])));
      document.dispatchEvent(new CustomEvent('control', { detail: { d: 'x' } }));
    });
    await page.waitForFunction(() => window.__seen.some((s) => s.startsWith('blob text')));
    const found = await secretsSeen(page);
    assert.deepEqual(found.map((f) => f.split(':')[0]).sort(), ['a JWK "d"', 'a PKCS#8 or PKCS#1 body', 'private key armour']);
    // The frame's messages reached the spy's listener (public ones: heights, states, events).
    assert.ok(await page.evaluate((site) => window.__seen.some((s) => s.startsWith(`message from ${site}`)), SITE));
    await page.evaluate(() => window.__seen.splice(window.__seen.findIndex((s) => s.startsWith('createObjectURL'))));
    assert.deepEqual(await secretsSeen(page), []);
  });

  it('makes every key pair of a 2-application plan and saves their ZIP from the frame', async () => {
    await planCareVista(page, [{ name: 'Leeds Teaching Hospitals', odsCode: 'RR8' }]);
    const set = await frameOf(page, 'ers-key-set');
    await set.click('ers-key-set button:has-text("Use the plan from the planner above")');
    await set.waitForSelector('ers-key-set tbody tr:nth-child(2)');
    assert.equal(await set.locator('ers-key-set tbody tr').count(), 2);
    await set.click('ers-key-set button[type="submit"]');
    await set.waitForSelector('ers-key-set button:has-text("Download the ZIP (2 key pairs)")', { timeout: 240_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), set.click('ers-key-set button:has-text("Download the ZIP")')]);
    const zipPath = join(dir, 'set.zip');
    await download.saveAs(zipPath);
    const pems = Object.entries(unzip(zipPath)).filter(([name]) => name.endsWith('.pem'));
    assert.equal(pems.length, 2);
    for (const [, pem] of pems) assert.match(openssl(['rsa', '-check', '-noout'], pem), /RSA key ok/);
    // The host's pack would hear the kids and thumbprints (public), as on the full site.
    await page.waitForFunction(() => window.__seen.some((s) => s.startsWith('dispatchEvent ers-keys-made')));
    const apps = await page.evaluate(() => document.querySelector('ers-key-set').applications);
    assert.equal(apps.length, 2);
    // A new plan in the host's planner is told to the frame (its notice, as on the full site).
    await planCareVista(page, [{ name: 'Harrogate and District', odsCode: 'RCD' }]);
    await set.waitForSelector('ers-key-set .ers-notice--warning:has-text("The planner has made a new plan since you used it")');
    assert.ok(apps.every((a) => a.state === 'saved' && /^[\w-]{43}$/.test(a.thumbprint)), JSON.stringify(apps));
    assert.deepEqual(await secretsSeen(page), []);
  });

  it('the tester takes the key from the generator frame, signs, and the token verifies; the host gets no token', async () => {
    const tester = await frameOf(page, 'ers-jwt-tester');
    const use = tester.getByRole('button', { name: 'Use the key just generated (kid iso-1)' });
    await use.click();
    assert.match(await tester.getByLabel('Private key (PEM)').inputValue(), /^-----BEGIN PRIVATE KEY-----/);
    await tester.getByRole('button', { name: 'Sign' }).click();
    const token = await tester.getByLabel('Signed client assertion (JWT)').inputValue();
    assert.match(token, /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    // PyJWT verifies it with the public key the host saw in the generator's event.
    const jwks = await page.evaluate(() => JSON.parse(window.__seen.find((s) => s.startsWith('dispatchEvent ers-key-generated')).slice('dispatchEvent ers-key-generated '.length)).jwks);
    const claims = execFileSync('python3', ['-c', `import json,sys,jwt
jwks, token = json.load(sys.stdin)
key = jwt.PyJWK(json.loads(jwks)["keys"][0])
print(json.dumps(jwt.decode(token, key.key, algorithms=["RS512"], audience="https://int.api.service.nhs.uk/oauth2/token")))`], { input: JSON.stringify([jwks, token]), encoding: 'utf8' });
    assert.equal(JSON.parse(claims).iss, 'IsoApiKey0123456789abcdef012345');
    // Checked in the frame against the JWKS of the key that signed it.
    await tester.getByRole('button', { name: 'Check this token' }).click();
    await tester.locator('ers-jwt-tester .ers-jwt-tester__result .ers-verdict').waitFor();
    assert.match(await tester.locator('ers-jwt-tester .ers-verdict').textContent(), /^The token server would accept this token/);
    await page.waitForFunction(() => window.__seen.some((s) => s.startsWith('dispatchEvent ers-jwt-checked')));
    const signedEvent = await page.evaluate(() => window.__seen.filter((s) => s.startsWith('dispatchEvent ers-jwt-signed')));
    assert.deepEqual(signedEvent, ['dispatchEvent ers-jwt-signed {}'], 'the event says a token was signed, without it');
    assert.equal(await page.evaluate(() => document.querySelector('ers-jwt-tester').signed?.token ?? null), null);
    assert.equal(await page.evaluate(() => document.querySelector('ers-jwt-tester').report?.valid), true);
    // The tool's own modules, imported by the host from the tool's origin: nothing in them.
    assert.equal(await page.evaluate(async () => (await window.__handoff).takeKey()), null);
    assert.deepEqual(await secretsSeen(page), []);
    // No worker was ever started in the host's realm; the frame made the keys.
    assert.deepEqual(await page.evaluate(() => window.__seen.filter((s) => s.startsWith('new Worker'))), []);
    await screenshot(page, 'isolation-host');
  });

  it('a page that opts in with expose-token gets the token, and only then', async () => {
    await page.evaluate(() => document.querySelector('ers-jwt-tester').setAttribute('expose-token', ''));
    const tester = await frameOf(page, 'ers-jwt-tester');
    await tester.waitForFunction(() => document.querySelector('ers-jwt-tester').hasAttribute('expose-token'), null, { polling: 100 });
    await tester.getByRole('button', { name: 'Sign' }).click();
    await page.waitForFunction(() => window.__seen.some((s) => /^dispatchEvent ers-jwt-signed \{"token":"eyJ/.test(s)));
    const token = await page.evaluate(() => document.querySelector('ers-jwt-tester').signed?.token);
    assert.match(token ?? '', /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    // Still no private key anywhere.
    const keys = (await secretsSeen(page)).filter((s) => !s.startsWith('a signed token'));
    assert.deepEqual(keys, []);
  });

  it('the shells extend the element base, observe their documented attributes, and every event they passed on was composed', async () => {
    const tags = ['ers-key-generator', 'ers-key-set', 'ers-jwt-tester'];
    const shells = await page.evaluate(async ({ base, list }) => {
      const { ErsElement } = await import(base);
      return list.map((tag) => {
        const cls = customElements.get(tag);
        return { tag, base: cls.prototype instanceof ErsElement, framed: Boolean(document.querySelector(tag).shadowRoot.querySelector('iframe')), observed: [...cls.observedAttributes].sort() };
      });
    }, { base: `${SITE}/js/ers-element.js`, list: tags });
    for (const { tag, base, framed, observed } of shells) {
      assert.equal(framed, true, `<${tag}> is a shell here`);
      assert.equal(base, true, `<${tag}>'s shell extends ErsElement`);
      const docs = JSON.parse(await readFile(join(process.cwd(), 'www', 'components', tag, 'docs.json'), 'utf8'));
      assert.deepEqual(observed, docs.attributes.map((a) => a.attribute).filter(Boolean).sort(), `<${tag}>'s shell: observedAttributes against docs.json`);
    }
    const events = (await page.evaluate(() => window.__shellEvents)).filter((e) => tags.includes(e.tag));
    assert.deepEqual([...new Set(events.map((e) => e.type))].sort(), ['ers-jwt-checked', 'ers-jwt-signed', 'ers-key-generated', 'ers-keys-made']);
    for (const e of events) assert.ok(e.bubbles && e.composed, `<${e.tag}>'s ${e.type} bubbles and is composed`);
  });

  it('the frame takes only its parent’s documented messages, on its channel', async () => {
    const gen = await frameOf(page, 'ers-key-generator');
    const kidBox = () => gen.inputValue('ers-key-generator input[name="kid"]');
    const channel = await page.evaluate(() => new URLSearchParams(new URL(document.querySelector('ers-key-generator').shadowRoot.querySelector('iframe').src).hash.slice(1)).get('channel'));
    const send = (message, from = 'parent') =>
      page.evaluate(
        async ([m, origin, who]) => {
          if (who === 'parent') {
            document.querySelector('ers-key-generator').shadowRoot.querySelector('iframe').contentWindow.postMessage(m, origin);
          } else {
            // Another window of the host's own origin (a child frame of the page): not the
            // frame's parent, though its origin is the parent's.
            const child = document.querySelector('#poster') ?? document.body.appendChild(Object.assign(document.createElement('iframe'), { id: 'poster', src: '/poster.html' }));
            await new Promise((r) => (child.contentWindow?.document.readyState === 'complete' && child.contentWindow.__ready ? r() : child.addEventListener('load', r, { once: true })));
            await new Promise((r) => setTimeout(r, 100));
            child.contentWindow.postMessage({ post: m, origin }, location.origin);
          }
          await new Promise((r) => setTimeout(r, 300));
        },
        [message, SITE, from],
      );
    // The test's own probe in the frame (not the host's: it cannot reach in): what arrived.
    await gen.evaluate(() => {
      window.__arrived = [];
      window.addEventListener('message', (e) => window.__arrived.push({ origin: e.origin, fromParent: e.source === window.parent, kid: e.data?.attributes?.kid ?? null }));
    });
    const base = { ers: 'ers-golive/1', channel };
    // Documented, from the parent, on the channel: applied.
    await send({ ...base, type: 'attributes', attributes: { kid: 'from-parent' } });
    assert.equal(await kidBox(), 'from-parent');
    // Another channel, another protocol, an undocumented type, an attribute not the element's:
    // ignored.
    await send({ ...base, channel: 'not-its-channel', type: 'attributes', attributes: { kid: 'wrong-channel' } });
    await send({ ers: 'other', channel, type: 'attributes', attributes: { kid: 'wrong-protocol' } });
    for (const type of ['generate', 'sign', 'download', 'take-key', 'eval']) await send({ ...base, type, attributes: { kid: type } });
    await send({ ...base, type: 'attributes', attributes: { onclick: 'alert(1)', kid: 'from-parent' } });
    assert.equal(await kidBox(), 'from-parent');
    assert.equal(await gen.evaluate(() => document.querySelector('ers-key-generator').hasAttribute('onclick')), false);
    // A theme value that would fetch is dropped; a plain one is applied.
    await send({ ...base, type: 'theme', theme: { '--ers-link': 'rgb(1, 2, 3)', '--ers-paper': 'url(https://example.org/x.png)' } });
    assert.deepEqual(await gen.evaluate(() => [document.documentElement.style.getPropertyValue('--ers-link'), document.documentElement.style.getPropertyValue('--ers-paper')]), ['rgb(1, 2, 3)', '']);
    // The host's own origin but not the parent window: ignored.
    await send({ ...base, type: 'attributes', attributes: { kid: 'from-a-popup' } }, 'popup');
    await gen.waitForFunction(() => window.__arrived.some((m) => m.kid === 'from-a-popup'), null, { polling: 100 });
    assert.deepEqual(await gen.evaluate(() => window.__arrived.filter((m) => m.kid === 'from-a-popup')), [{ origin: new URL(host).origin, fromParent: false, kid: 'from-a-popup' }]);
    assert.equal(await kidBox(), 'from-parent');
    // Every message above did arrive: ignored, not lost.
    assert.equal(await gen.evaluate(() => window.__arrived.length), 11);
    // No key was made by any of it.
    assert.deepEqual(await page.evaluate(() => document.querySelector('ers-key-generator').kids), ['iso-1']);
  });

  it('framed by a site that is not the one it names, the frame page does not run', async () => {
    const other = await openPage(`claims.html?origin=${encodeURIComponent('https://docs.example.org')}`, { baseUrl: host });
    try {
      const frame = await (await other.page.waitForSelector('iframe')).contentFrame();
      await frame.waitForSelector('[role="alert"]');
      assert.match(await frame.textContent('[role="alert"]'), /was not opened by an ers-golive element of the page around it/);
      assert.equal(await frame.locator('ers-key-generator').count(), 0);
    } finally {
      await other.close();
    }
  });

  it('passes axe inside the frame', async () => {
    // A session of its own, its CSP bypassed only to inject axe into the frames.
    const audit = await openPage('', { baseUrl: host, bypassCSP: true });
    try {
      for (const tag of ['ers-key-generator', 'ers-key-set', 'ers-jwt-tester']) {
        const frame = await frameOf(audit.page, tag);
        const violations = await checkA11y(frame);
        assert.deepEqual(violations, [], `${tag}: ${describeViolations(violations)}`);
      }
    } finally {
      await audit.close();
    }
  });

  it('logs no console error and fetches nothing but the host and the site', () => {
    assert.deepEqual(session.consoleErrors, []);
    const others = session.offOriginRequests.filter((u) => ![SITE, new URL(host).origin].includes(new URL(u).origin));
    assert.deepEqual(others, []);
  });
});

describe('on the full site the same parts run in its own page, by keyboard (issues 23 and 20)', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('#keys');
    page = session.page;
  });
  after(async () => {
    await session?.close();
  });

  /** Presses Enter on the button named `name` inside `tag`, as a keyboard user does. */
  const press = async (tag, name, key = 'Enter') => {
    const button = page.locator(tag).getByRole('button', { name });
    await button.focus();
    await page.keyboard.press(key);
  };

  it('no frame: the elements are the page’s own', async () => {
    assert.equal(await page.locator('ers-key-generator iframe, ers-key-set iframe, ers-jwt-tester iframe').count(), 0);
    assert.equal(await page.locator('ers-key-generator .ers-key-generator__form').count(), 1);
  });

  it('two keys made; signed with the first; "Check this token" checks it against that key’s JWKS: no error', async () => {
    const gen = 'ers-key-generator';
    await page.check(`${gen} input[type="radio"][value="2048"]`);
    // The first key: kid typed, Enter submits the form.
    await page.locator(`${gen} input[name="kid"]`).fill('first-1');
    await page.locator(`${gen} input[name="kid"]`).press('Enter');
    await page.waitForSelector(`${gen} .ers-key-generator__pair[data-kid="first-1"]`, { timeout: 120_000 });
    // The tester takes it (keyboard), then a second key is made.
    await press('ers-jwt-tester', 'Use the key just generated (kid first-1)');
    await page.locator(`${gen} input[name="kid"]`).fill('second-2');
    await page.locator(`${gen} input[name="kid"]`).press('Enter');
    await page.waitForSelector(`${gen} .ers-key-generator__pair[data-kid="second-2"]`, { timeout: 120_000 });
    await page.locator('ers-jwt-tester').getByRole('button', { name: 'Use the key just generated (kid second-2)' }).waitFor();
    // Signed with the first key (still in the key box), by Enter in the API key field.
    const tester = page.locator('ers-jwt-tester');
    assert.equal(await tester.getByLabel('Key id (kid)').inputValue(), 'first-1');
    await tester.getByLabel('API key').first().fill('TwoKeysApiKey0123456789abcdef01');
    await tester.getByLabel('API key').first().press('Enter');
    await tester.getByLabel('Signed client assertion (JWT)').waitFor();
    await press('ers-jwt-tester', 'Check this token', ' ');
    await tester.locator('.ers-jwt-tester__result .ers-verdict').waitFor();
    assert.match(await tester.locator('.ers-jwt-tester__result').textContent(), /The token server would accept this token/);
    assert.match(await tester.locator('form').nth(1).getByLabel('JWKS', { exact: true }).inputValue(), /"kid": "first-1"/);
    assert.doesNotMatch(await tester.locator('.ers-jwt-tester__result').textContent(), /Invalid 'kid' header/);
  });

  it('for a key it did not make, it asks for the JWKS instead of guessing', async () => {
    const tester = page.locator('ers-jwt-tester');
    // A key made elsewhere (by the keys module, as openssl would), pasted by hand: the tester
    // does not know its JWKS.
    const pem = await page.evaluate(async () => (await (await import('./js/ers.js')).keys()).generateKeyPair({ bits: 2048, kid: 'first-1' }).privateKeyPem);
    await tester.getByLabel('Private key (PEM)').fill(pem);
    await tester.locator('form').nth(1).getByLabel('JWKS', { exact: true }).fill('');
    await tester.getByRole('button', { name: 'Sign' }).click();
    await tester.getByLabel('Signed client assertion (JWT)').waitFor();
    await press('ers-jwt-tester', 'Check this token');
    await tester.locator('form').nth(1).locator('.ers-error-summary:not([hidden])').waitFor();
    assert.match(await tester.locator('form').nth(1).locator('.ers-error-summary').textContent(), /Paste the JWKS that holds the key "first-1" you signed with/);
  });

  it('logs no console error and makes no request to another origin', () => {
    assert.deepEqual(session.consoleErrors, []);
    assert.deepEqual(session.offOriginRequests, []);
  });
});
