// Hostile input, hard limits, the CSP and offline use, in headless Chromium. Each test would fail
// if the promise it checks broke:
// - script payloads planted in every text field and in imported CSV, JWKS, JWT PEM and project files
//   (each would set a flag if it ran; any HTML sink would also trip Trusted Types or the CSP,
//   which we listen for) never run, and never become elements;
// - 10 MB pastes and over-limit files get the limit message at once, while the page stays
//   responsive (no task over 200 ms, seen by a long-task observer);
// - a request recorder over a whole session (names, a 1,000-EUO plan, a key pair, JWT sign and
//   check, the go-live pack) fails on any request to another origin, and on any request after
//   the first load other than the site's own files;
// - the key worker runs under the page's CSP: a fetch to another origin from inside it is a
//   `securitypolicyviolation`;
// - framed by another site, the page says so and refuses to copy or download private keys;
// - after one visit, the site loads and works with the network off (its service worker), even
//   with its server gone.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { BASE_URL, fetchElsewhere, openPage, planCareVista, screenshot } from './harness.mjs';

const ORIGIN = new URL(BASE_URL).origin;
const WWW = process.env.SITE_ROOT ?? 'www';

/** Payloads: each sets window.__ran[id] if it ever runs, whatever the context it lands in. */
const PAYLOADS = [
  (id) => `<img src=x onerror="window.__ran['${id}']=1">`,
  (id) => `<script>window.__ran['${id}']=1</script>`,
  (id) => `"><svg onload="window.__ran['${id}']=1">`,
  (id) => `</textarea><iframe srcdoc="<script>parent.__ran['${id}']=1</script>"></iframe>`,
  (id) => `javascript:window.__ran['${id}']=1`,
  (id) => `[click](javascript:window.__ran['${id}']=1) ![t](x" onerror="window.__ran['${id}']=1)`,
];
let counter = 0;
/** A fresh payload, with its id. */
function payload() {
  counter += 1;
  const id = `p${counter}`;
  return PAYLOADS[counter % PAYLOADS.length](id);
}

/** Installs, in the page, the flags, a CSP/Trusted Types violation log and a long-task log. */
async function instrument(page) {
  await page.evaluate(() => {
    window.__ran = {};
    window.__violations = [];
    window.__longTasks = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: false });
  });
}

/** Everything a payload could have done, anywhere in the page. */
async function damage(page) {
  return page.evaluate(() => ({
    ran: Object.keys(window.__ran),
    violations: window.__violations,
    // The page and every element's shadow root.
    elements: (function all(root) {
      const hosts = [...root.querySelectorAll('*')].filter((e) => e.shadowRoot);
      return [...root.querySelectorAll('img, svg[onload], iframe, main script, [onerror], [onload]')]
        .filter((e) => e.getRootNode() !== document || e.closest('main') || e.matches('[onerror], [onload]'))
        .concat(hosts.flatMap((e) => all(e.shadowRoot)));
    })(document).map((e) => e.outerHTML.slice(0, 80)),
  }));
}

/** Sets a field's value as a paste would, firing input and change. */
async function paste(page, selector, text) {
  await page.$eval(
    selector,
    (el, value) => {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    },
    text,
  );
}

/**
 * Pastes `n` copies of `c`, the text made in the page (not sent over from the test). Resolves
 * to the milliseconds the page's own handlers took (the input and change events), apart from
 * the browser's cost of putting 10 MB into a text field, which is the same on any page.
 */
// "Stays responsive" in a test: no task of a second or more (reading 10 MB on the page, or planning
// it there, takes many seconds, so a broken limit fails at once). The 200 ms goal for big legal
// input is measured and printed by `cargo xtask bench` (responsiveness), never by a timed test
// that a loaded machine could fail.
const RESPONSIVE_MS = 1000;

async function pasteMany(page, selector, c, n) {
  const handled = await page.$eval(
    selector,
    (el, [ch, count]) => {
      el.value = ch.repeat(count);
      const t = performance.now();
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return performance.now() - t;
    },
    [c, n],
  );
  // The long-task observer saw the paste itself (the browser's work): forget it.
  await page.waitForTimeout(300);
  await page.evaluate(() => (window.__longTasks = []));
  return handled;
}

const b64url = (s) => Buffer.from(s).toString('base64url');

describe('hostile input', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('');
    page = session.page;
    await instrument(page);
  });
  after(async () => {
    if (session) await screenshot(session.page, 'security-hostile');
    await session?.close();
  });

  it('runs no script planted in any text field, whatever the form does with it', async () => {
    // Open every <details>, so every field is there to fill.
    await page.$$eval('main details', (all) => all.forEach((d) => (d.open = true)));
    const fields = await page.$$eval(
      'main input:not([type]), main input[type="text"], main input[type="url"], main input[type="search"], main input[type="password"], main textarea',
      (els) => els.map((el, i) => (el.dataset.hostile = String(i))),
    );
    assert.ok(fields.length >= 15, `every text field is filled (${fields.length})`);
    for (const i of fields) await paste(page, `[data-hostile="${i}"]`, payload());
    // Submit every form, and press the buttons that act on what was typed.
    await page.$$eval('main form', (forms) => forms.forEach((f) => f.requestSubmit()));
    for (const name of ['Add pasted organisations', 'Plan the go-live', 'Build the name', 'Check this name']) {
      const button = page.getByRole('button', { name, exact: true });
      if ((await button.count()) > 0) await button.first().click();
    }
    await page.waitForTimeout(1500);
    assert.deepEqual(await damage(page), { ran: [], violations: [], elements: [] });
    assert.deepEqual(session.consoleErrors, []);
  });

  it('runs no script from imported CSV, JWKS, JWT and PEM files', async () => {
    const csv = `Organisation,ODS code\r\n"${payload().replaceAll('"', '""')}",RR8\r\n${payload().replaceAll(',', ' ')},RCD\r\n`;
    await page.setInputFiles('ers-asid-planner input[type="file"]', { name: `${payload()}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForSelector('ers-asid-planner .ers-asid-planner__import:not([hidden])');
    await page.fill('ers-asid-planner input[name="product"]', 'Care Vista Link');
    await page.click('ers-asid-planner button:has-text("Plan the go-live")');
    await page.waitForSelector('ers-asid-planner .ers-asid-planner__result:not([hidden]), ers-asid-planner .ers-error-summary:not([hidden])');

    const jwks = JSON.stringify({ keys: [{ kty: 'RSA', n: payload(), e: 'AQAB', kid: payload(), alg: payload(), use: 'sig' }] });
    await page.setInputFiles('ers-jwt-tester input[type="file"][accept^=".json"]', { name: 'jwks.json', mimeType: 'application/json', buffer: Buffer.from(jwks) });
    await page.setInputFiles('ers-key-generator input[type="file"]', { name: 'jwks.json', mimeType: 'application/json', buffer: Buffer.from(jwks) });
    const pem = `-----BEGIN PRIVATE KEY-----\n${payload()}\n-----END PRIVATE KEY-----\n`;
    await page.setInputFiles('ers-jwt-tester input[type="file"][accept^=".pem"]', { name: 'key.pem', mimeType: 'application/x-pem-file', buffer: Buffer.from(pem) });
    await page.getByRole('button', { name: 'Sign', exact: true }).click();

    const header = b64url(JSON.stringify({ alg: 'RS512', typ: 'JWT', kid: payload() }));
    const claims = b64url(JSON.stringify({ iss: payload(), sub: payload(), aud: payload(), jti: payload(), exp: 1 }));
    await page.fill('ers-jwt-tester textarea[name="jwt"]', `${header}.${claims}.${b64url(payload())}`);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.waitForTimeout(1000);
    await page.click('ers-golive-pack button:has-text("Use the plan from the planner above")');
    await page.waitForTimeout(500);
    await page.$$eval('ers-golive-pack details', (all) => all.forEach((d) => (d.open = true)));
    await page.waitForTimeout(500);
    assert.deepEqual(await damage(page), { ran: [], violations: [], elements: [] });
    assert.deepEqual(session.consoleErrors, []);
  });

  it('runs no script from an opened project file, and shows its text as text', async () => {
    const product = payload();
    const project = {
      format: 'ers-golive-project', version: 1, product, supplier: payload(), contact: payload(),
      euos: [{ name: payload(), ods_code: 'RR8' }, { name: payload(), ods_code: '' }],
      access: ['user-restricted'], services: [{ name: payload(), platform: 'unknown' }],
      applications: [{ name: payload(), asid: payload(), app_id: payload(), api_key: payload(), kid: payload(), thumbprint: '', jwks_url: payload() }],
      done: [],
    };
    await page.setInputFiles('[data-ers-workspace] input[type="file"]', { name: 'project.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
    // Replacing what the earlier tests planted asks first.
    const yes = page.getByRole('button', { name: 'Yes, open the file' });
    await yes.click({ timeout: 5000 }).catch(() => {});
    await page.waitForFunction((p) => document.querySelector('[data-ers-workspace]').textContent.includes(`Opened the go-live for ${p}`), product, { timeout: 10_000 });
    await page.waitForTimeout(1000);
    assert.deepEqual(await damage(page), { ran: [], violations: [], elements: [] });
    assert.deepEqual(session.consoleErrors, []);
  });
});

describe('hard limits', () => {
  let session;
  let page;
  const TEN_MB = { length: 10 * 1024 * 1024 };
  before(async () => {
    session = await openPage('');
    page = session.page;
    await instrument(page);
  });
  after(async () => {
    await session?.close();
  });

  /** The longest task since the last call, in ms (0 if none reached 50 ms). */
  async function longestTask() {
    await page.waitForTimeout(300); // let the observer deliver
    return page.evaluate(() => {
      const longest = Math.max(0, ...window.__longTasks);
      window.__longTasks = [];
      return longest;
    });
  }

  it('refuses 10 MB pastes at once, naming the limit, and stays responsive', async () => {
    await page.$$eval('main details', (all) => all.forEach((d) => (d.open = true)));
    await longestTask();
    const cases = [
      ['ers-jwt-tester textarea[name="privateKeyPem"]', 'Sign', /PEM key is limited to 64 KB, and this one is 10 MB/],
      ['ers-jwt-tester textarea[name="jwt"]', 'Check', /JWT is limited to 64 KB, and this one is 10 MB/],
      ['ers-jwt-tester textarea[name="jwks"]', 'Check', /JWKS is limited to 1 MB, and this one is 10 MB/],
    ];
    for (const [selector, , message] of cases) {
      // Refused as it arrives: the field is emptied and the message names the limit.
      const handled = await pasteMany(page, selector, 'A', TEN_MB.length);
      assert.ok(handled < RESPONSIVE_MS, `${selector}: the page's handlers took ${handled} ms`);
      await page.waitForFunction((re) => new RegExp(re, 'i').test((document.querySelector('ers-jwt-tester').shadowRoot ?? document.querySelector('ers-jwt-tester')).textContent), message.source, { timeout: 10_000 }).catch(async (error) => {
        throw new Error(`${selector}: no limit message: ${error.message}`);
      });
      assert.equal(await page.$eval(selector, (el) => el.value.length), 0, `${selector} is emptied`);
      const longest = await longestTask();
      assert.ok(longest < RESPONSIVE_MS, `${selector}: the longest task took ${longest} ms`);
    }
    // The published JWKS of a rotation, and the planner's pasted column.
    await pasteMany(page, 'ers-key-generator textarea[name="existing"]', 'A', TEN_MB.length);
    await page.waitForFunction(() => /The pasted text was not kept: A JWKS is limited to 1 MB/i.test((document.querySelector('ers-key-generator').shadowRoot ?? document.querySelector('ers-key-generator')).textContent), null, { timeout: 10_000 });
    assert.ok((await longestTask()) < RESPONSIVE_MS);
    await pasteMany(page, 'ers-asid-planner textarea', 'x', 21 * 1024 * 1024);
    await page.waitForFunction(() => /A CSV file is limited to 20 MB, and this one is 21 MB/i.test((document.querySelector('ers-asid-planner').shadowRoot ?? document.querySelector('ers-asid-planner')).textContent), null, { timeout: 10_000 });
    assert.ok((await longestTask()) < RESPONSIVE_MS);
    // The name checker, as you type: the name's own limit (ERS-N002); the paste itself counts.
    await pasteMany(page, 'ers-name-check [name="name"]', 'A', TEN_MB.length);
    await page.waitForFunction(() => /ERS-N002/.test((document.querySelector('ers-name-check').shadowRoot ?? document.querySelector('ers-name-check')).textContent), null, { timeout: 5000 });
    assert.ok((await longestTask()) < RESPONSIVE_MS);
    assert.deepEqual(session.consoleErrors, []);
  });

  it('refuses over-limit files before reading them, naming the limit', async () => {
    // Files on disk, as a user picks them (a buffer would be decoded by page script first).
    const dir = await mkdtemp(join(tmpdir(), 'ers-golive-limits-'));
    const files = [
      ['ers-jwt-tester input[type="file"][accept^=".pem"]', 'key.pem', 10, /key\.pem: A PEM key is limited to 64 KB, and this one is 10 MB/],
      ['ers-jwt-tester input[type="file"][accept^=".json"]', 'jwks.json', 10, /jwks\.json: A JWKS is limited to 1 MB, and this one is 10 MB/],
      ['ers-key-generator input[type="file"]', 'old.json', 10, /old\.json: A JWKS is limited to 1 MB, and this one is 10 MB/],
      ['ers-asid-planner input[type="file"]', 'huge.csv', 21, /A CSV file is limited to 20 MB, and this one is 21 MB/],
      ['[data-ers-workspace] input[type="file"]', 'project.json', 65, /project\.json: A project file is limited to 64 MB, and this one is 65 MB/],
      ['ers-golive-pack input[type="file"]', 'plan.json', 21, /plan\.json: A plan \(JSON\) is limited to 20 MB, and this one is 21 MB/],
      ['ers-key-set input[type="file"]', 'keys-plan.json', 21, /keys-plan\.json: A plan \(JSON\) is limited to 20 MB, and this one is 21 MB/],
    ];
    for (const [selector, name, mb, message] of files) {
      await longestTask();
      const path = join(dir, name);
      await writeFile(path, Buffer.alloc(mb * 1024 * 1024, 0x41));
      await page.setInputFiles(selector, path);
      const tag = selector.split(' ')[0];
      await page.waitForFunction(
        ([t, re]) => new RegExp(re, 'i').test((document.querySelector(t).shadowRoot ?? document.querySelector(t)).textContent),
        [tag, message.source],
        { timeout: 10_000 },
      );
      const longest = await longestTask();
      assert.ok(longest < RESPONSIVE_MS, `${name}: the longest task took ${longest} ms`);
    }
    await rm(dir, { recursive: true, force: true });
    assert.deepEqual(session.consoleErrors, []);
  });

  it('refuses a pasted private key as a JWT or a JWKS without repeating it', async () => {
    const key = await readFile('crates/ers-keys/tests/examples/jwt/throwaway-test-key-2048.pem', 'utf8');
    const body = key.split('\n')[5];
    await paste(page, 'ers-jwt-tester textarea[name="jwt"]', key);
    await paste(page, 'ers-jwt-tester textarea[name="jwks"]', key);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.waitForFunction(() => /this is a private key, not a JWT/i.test(document.querySelector('ers-jwt-tester').shadowRoot.querySelector('.ers-jwt-tester__result').textContent));
    // What the check shows (the result and the form's error summary), not the boxes typed into
    // nor the hints (which name the PEM labels).
    const shown = await page.evaluate(() =>
      [...document.querySelector('ers-jwt-tester').shadowRoot.querySelectorAll('.ers-jwt-tester__result, .ers-error-summary, .ers-error-message')].map((e) => e.textContent).join('\n'),
    );
    assert.match(shown, /this is a private key, not a public key/i);
    assert.ok(!shown.includes(body), 'no line of the private key is shown');
    assert.ok(!shown.includes('BEGIN PRIVATE KEY'), 'not even its BEGIN line');
  });
});

describe('a whole session, recorded', () => {
  it('asks nothing of another origin, and after the first load nothing but the site’s files', async () => {
    const session = await openPage('');
    const { page, context } = session;
    const late = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (['data:', 'blob:'].includes(url.protocol)) return;
      late.push(request.url());
    });
    try {
      await instrument(page);
      // Names.
      await page.fill('ers-name-check [name="name"]', 'Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted');
      // A 1,000-EUO plan.
      const rows = Array.from({ length: 1000 }, (_, i) => `Organisation ${i},R${i}`).join('\n');
      await page.setInputFiles('ers-asid-planner input[type="file"]', { name: 'euos.csv', mimeType: 'text/csv', buffer: Buffer.from(`Organisation,ODS code\n${rows}\n`) });
      await page.waitForFunction(() => document.querySelector('ers-asid-planner').euos.length === 1000);
      await page.fill('ers-asid-planner input[name="product"]', 'Care Vista Link');
      await page.check('ers-asid-planner input[value="user-restricted"]');
      await page.click('ers-asid-planner button:has-text("Plan the go-live")');
      await page.waitForFunction(() => document.querySelector('ers-asid-planner').plan?.totals.euos === 1000);
      // Keys (2048 bits: fast), then a JWT signed with it and checked against its JWKS.
      await page.check('ers-key-generator input[type="radio"][value="2048"]');
      await page.fill('ers-key-generator input[name="kid"]', 'session-1');
      await page.click('ers-key-generator button[type="submit"]');
      await page.waitForSelector('ers-key-generator .ers-notice--ok', { timeout: 120_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('ers-key-generator button[data-download="session-1.json"]')]);
      await download.path();
      await page.getByRole('button', { name: /Use the key just generated/ }).click();
      await page.fill('ers-jwt-tester input[name="apiKey"] >> nth=0', 'ApiKey0123456789');
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      await page.getByRole('button', { name: 'Check this token' }).click();
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await page.waitForTimeout(500);
      // The pack, from the plan, and its email.
      await page.click('ers-golive-pack button:has-text("Use the plan from the planner above")');
      await page.$$eval('ers-golive-pack details', (all) => all.forEach((d) => (d.open = true)));
      await page.waitForFunction(() => document.querySelector('ers-golive-pack').pack?.totals.applications === 1000);
      // Save the project file, and open it again (it replaces the project, after asking).
      const [saved] = await Promise.all([page.waitForEvent('download'), page.click('[data-ers-workspace] button:has-text("Save project file")')]);
      const file = await saved.path();
      await page.setInputFiles('[data-ers-workspace] input[type="file"]', file);
      await page.click('[data-ers-workspace] button:has-text("Yes, open the file")');
      await page.waitForFunction(() => /Opened the go-live for Care Vista Link/.test(document.querySelector('[data-ers-workspace]').textContent));
      await page.waitForFunction(() => document.querySelector('ers-asid-planner').plan?.totals.euos === 1000);
      await page.waitForTimeout(1000);
    } finally {
      await session.close();
    }
    assert.deepEqual(session.offOriginRequests, [], 'no request to another origin');
    const notOurs = [];
    for (const href of late) {
      const url = new URL(href);
      if (url.origin !== ORIGIN) {
        notOurs.push(href);
        continue;
      }
      const path = decodeURIComponent(url.pathname).replace(/^\//, '') || 'index.html';
      if (!existsSync(join(WWW, path))) notOurs.push(href);
    }
    assert.deepEqual(notOurs, [], 'after the first load, only the site’s own files');
    assert.ok(late.length > 0, 'the recorder saw the key worker load its files');
    assert.deepEqual(session.consoleErrors, []);
  });
});

describe('the CSP of the key worker', () => {
  it('is the page’s: a fetch to another origin from inside the worker is a CSP violation', async () => {
    const session = await openPage('');
    try {
      const { page } = session;
      const worker = page.waitForEvent('worker');
      await page.check('ers-key-generator input[type="radio"][value="2048"]');
      await page.click('ers-key-generator button[type="submit"]');
      const w = await worker;
      assert.match(w.url(), /^blob:/, 'the key worker is a blob: worker');
      const result = await fetchElsewhere(w);
      assert.equal(result.failed, true);
      assert.match(result.violation ?? '', /^connect-src https:\/\/example\.org/);
    } finally {
      await session.close();
    }
  });
});

describe('framed by another site', () => {
  /** Our page `path`, framed by a page of another origin (another port of the loopback
   *  address: Chrome lets loopback frame loopback). */
  async function framed(path) {
    const framer = await ownServer(WWW, {
      '/framer.html': `<!doctype html><title>Framer</title><iframe src="${new URL(path, BASE_URL)}" width="1200" height="800"></iframe>`,
    });
    const session = await openPage('', { waitForWasm: false });
    await session.page.goto(`${framer.url}framer.html`);
    const frame = await (await session.page.waitForSelector('iframe')).contentFrame();
    return {
      page: session.page,
      frame,
      framerOrigin: new URL(framer.url).origin,
      async close() {
        await session.close();
        await framer.close();
      },
    };
  }

  it('says so, and refuses to copy or download the private key', async () => {
    const { page, frame, framerOrigin, close } = await framed('');
    try {
      await frame.waitForSelector('ers-key-generator form');
      assert.ok((await frame.textContent('header')).includes(`This page is shown inside another site (${framerOrigin})`));
      // The user comes to the generator (its size choice is the keys module's, loaded then).
      await frame.fill('ers-key-generator input[name="kid"]', 'framed-1');
      await frame.check('ers-key-generator input[type="radio"][value="2048"]');
      await frame.click('ers-key-generator button[type="submit"]');
      await frame.waitForSelector('ers-key-generator .ers-notice--ok', { timeout: 120_000 });
      assert.equal(await frame.isDisabled('ers-key-generator button[data-download="framed-1.pem"]'), true);
      assert.equal(await frame.locator('ers-key-generator button:has-text("Copy private key")').count(), 0);
      assert.equal(await frame.locator('ers-key-generator [aria-label="Private key"]').count(), 0);
      assert.match(await frame.textContent('ers-key-generator .ers-root'), /Private keys cannot be copied or downloaded while this page is shown inside another site/);
      // The public parts are still there.
      assert.equal(await frame.isDisabled('ers-key-generator button[data-download="framed-1.json"]'), false);
      await screenshot(page, 'security-framed');
    } finally {
      await close();
    }
  });

  it("the key set's saveZip refuses to save the private keys (issue 22)", async () => {
    const { page, frame, framerOrigin, close } = await framed('#keys');
    try {
      await frame.waitForSelector('ers-key-set form');
      await planCareVista(frame, [{ name: 'Leeds Teaching Hospitals', odsCode: 'RR8' }]);
      await frame.click('ers-key-set button:has-text("Use the plan from the planner above")');
      await frame.waitForSelector('ers-key-set tbody tr:nth-child(2)');
      await frame.check('ers-key-set input[type="radio"][value="2048"]');
      await frame.click('ers-key-set button[type="submit"]');
      await frame.waitForSelector('ers-key-set button:has-text("Download the ZIP (2 key pairs)")', { timeout: 120_000 });
      let downloaded = false;
      page.on('download', () => (downloaded = true));
      // By the button and by the method: neither saves.
      await frame.click('ers-key-set button:has-text("Download the ZIP")');
      await frame.waitForSelector('ers-key-set .ers-error-summary:not([hidden])');
      assert.match(await frame.textContent('ers-key-set .ers-error-summary'), new RegExp(`cannot be saved while this page is shown inside another site \\(${framerOrigin.replace(/[.]/g, '\\.')}\\)`));
      await frame.$eval('ers-key-set', (el) => el.saveZip());
      await page.waitForTimeout(500);
      assert.equal(downloaded, false, 'no ZIP was saved');
      // The keys are still there, not saved: the user can open the site in a tab of its own.
      assert.deepEqual(await frame.$eval('ers-key-set', (el) => el.applications.map((a) => a.state)), ['made', 'made']);
    } finally {
      await close();
    }
  });
});

/** A static server of `root` on a free port, that the test can stop; `pages` adds pages. */
async function ownServer(root, pages = {}) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (pages[path]) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(pages[path]);
      return;
    }
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)), server };
}

describe('offline', () => {
  it('loads and works with the network off after one visit, even with the server gone', async () => {
    const server = await ownServer(WWW);
    const { chromium } = await import('playwright-core');
    const { CHROMIUM, CHROMIUM_ARGS } = await import('./harness.mjs');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      // The service worker has installed (cached the site) and controls the page.
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        }
      });
      const cached = await page.evaluate(async () => {
        const names = await caches.keys();
        const cache = await caches.open(names.find((n) => n.startsWith('ers-golive-')));
        return (await cache.keys()).map((r) => new URL(r.url).pathname);
      });
      assert.ok(cached.includes('/pkg/ers_rules_bg.wasm') && cached.includes('/pkg/ers_keys_bg.wasm') && cached.includes('/js/keygen-worker.js'), 'the site’s files are cached');
      assert.ok(['/frame/keys.html', '/frame/keys.css', '/js/frame-page.js'].every((f) => cached.includes(f)), 'the frame page made for embedding is cached too');
      assert.ok(cached.every((p) => !p.startsWith('http')), 'only the site’s own files');

      await context.setOffline(true);
      server.server.closeAllConnections?.();
      await server.close();
      await page.reload();
      await page.waitForFunction(() => customElements.get('ers-name-check') && document.querySelector('ers-name-check')?.shadowRoot?.querySelector('form'));
      await page.fill('ers-name-check [name="name"]', 'Care Vista - Care Vista Link - Prod - eRS, User Restricted');
      await page.waitForFunction(() => /ERS-N016/.test((document.querySelector('ers-name-check').shadowRoot ?? document.querySelector('ers-name-check')).textContent), null, { timeout: 10_000 });
      // A key pair, offline: the worker and its wasm come from the cache too. The user comes to
      // the generator (its size choice is the keys module's, loaded then).
      await page.locator('ers-key-generator').scrollIntoViewIfNeeded();
      await page.check('ers-key-generator input[type="radio"][value="2048"]');
      await page.click('ers-key-generator button[type="submit"]');
      await page.waitForSelector('ers-key-generator .ers-notice--ok', { timeout: 120_000 });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.close().catch(() => {});
    }
  });
});

describe('the passphrase', () => {
  it('is cleared on an error and on cancel, not only when a key is made', async () => {
    const session = await openPage('');
    try {
      const { page } = session;
      const EL = 'ers-key-generator';
      await page.click(`${EL} details summary`);
      // An error: a passphrase with PKCS#1 is refused.
      await page.check(`${EL} input[type="radio"][value="pkcs1"]`);
      await page.fill(`${EL} input[name="passphrase"]`, 'correct horse battery staple');
      await page.click(`${EL} button[type="submit"]`);
      await page.waitForSelector(`${EL} .ers-error-summary:not([hidden])`);
      assert.equal(await page.inputValue(`${EL} input[name="passphrase"]`), '', 'cleared on error');
      // Cancel: a 4096-bit key takes seconds, time enough to cancel it.
      await page.check(`${EL} input[type="radio"][value="pkcs8"]`);
      await page.check(`${EL} input[type="radio"][value="4096"]`);
      await page.fill(`${EL} input[name="passphrase"]`, 'correct horse battery staple');
      await page.click(`${EL} button[type="submit"]`);
      await page.click(`${EL} button:has-text("Cancel")`);
      // The cancel notice itself, not any text with "cancelled" in it, and no key made.
      await page.waitForSelector(`${EL} .ers-notice:has-text("Key generation cancelled. No key was made.")`);
      assert.deepEqual(await page.$eval(EL, (el) => el.kids), [], 'cancelled: no key made');
      assert.equal(await page.inputValue(`${EL} input[name="passphrase"]`), '', 'cleared on cancel');
      // Made: a key encrypted with the passphrase is listed, and the field is cleared again.
      await page.check(`${EL} input[type="radio"][value="2048"]`);
      await page.fill(`${EL} input[name="kid"]`, 'passphrase-1');
      await page.fill(`${EL} input[name="passphrase"]`, 'correct horse battery staple');
      await page.click(`${EL} button[type="submit"]`);
      await page.waitForSelector(`${EL} .ers-key-generator__pair[data-kid="passphrase-1"] .ers-notice--ok`, { timeout: 180_000 });
      assert.deepEqual(await page.$eval(EL, (el) => el.kids), ['passphrase-1'], 'a key was made');
      assert.match(await page.textContent(`${EL} .ers-key-generator__pair[data-kid="passphrase-1"]`), /Private key \(PKCS#8, encrypted with your passphrase\)/);
      assert.equal(await page.inputValue(`${EL} input[name="passphrase"]`), '', 'cleared when the key is made');
    } finally {
      await session.close();
    }
  });
});
