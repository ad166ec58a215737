// <ers-key-set> (Make all key pairs) in headless Chromium: a plan of 4 applications made in the
// planner → the kids shown by the convention, editable → Make all key pairs (2048 bits) →
// cancel midway (the keys made are kept) → the rest resume → the ZIP downloads, is unzipped by
// Python's zipfile, and every key passes `openssl rsa -check`, every JWKS n is its key's modulus,
// the index lists every application, the README says what goes where; the pack shows every kid;
// no key in web storage; no page script blocks the main thread (the 50 ms goal is benchmarked); no console error, no
// request off origin; axe finds nothing. With 250 and 1,500 applications the list is paged: 100 a
// page, turned by keyboard, the range announced, a refused kid shown on its page.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { checkA11y } from './axe.mjs';
import { openPage, screenshot, openExamples, itLeftNoErrorOrRequestElsewhere, planCareVista } from './harness.mjs';

const EL = 'ers-key-set';
const PACK = 'ers-golive-pack';
const DATE = '2026-12-01';
const KIDS = [
  `prod-rr8-ur-${DATE}`,
  `prod-rr8-ar-ref-${DATE}`,
  `prod-rcd-ur-${DATE}`,
  `prod-rcd-referrer-${DATE}`, // edited by hand below
];

function openssl(...args) {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function rowStates(page) {
  return page.$$eval(`${EL} tbody tr`, (rows) => rows.map((r) => r.dataset.state));
}

/** The key workers running: blob: module workers (keygen.js's startWorker) named as ours. */
async function keyWorkers(page) {
  const names = await Promise.all(
    page.workers().filter((w) => w.url().startsWith('blob:')).map((w) => w.evaluate(() => self.name).catch(() => '')),
  );
  return names.filter((n) => n.startsWith('ers-golive key generator')).length;
}

describe('<ers-key-set>: Make all key pairs', () => {
  let session;
  let page;
  let dir;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ers-keyset-e2e-'));
    session = await openPage('');
    page = session.page;
    await page.waitForSelector(`${EL} form`);
    await planCareVista(page, [
      { name: 'Leeds Teaching Hospitals', odsCode: 'RR8' },
      { name: 'Harrogate and District', odsCode: 'RCD' },
    ]);
  });
  after(async () => {
    if (session) await screenshot(session.page, 'keyset');
    await session?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('takes the plan and shows a kid for each application by the convention, editable', async () => {
    // The ASID NHS allocated for the first application, entered in the pack before the keys are
    // made: the key set's index carries it.
    await page.fill(`${PACK} fieldset[data-index="0"] input[data-field="asid"]`, '200000000101');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('ers-golive:project') ?? '{}').applications?.[0]?.asid === '200000000101');
    await page.click(`${EL} button:has-text("Use the plan from the planner above")`);
    await page.waitForSelector(`${EL} tbody tr:nth-child(4)`);
    const kids = () => page.$$eval(`${EL} tbody input.ers-key-set__kid`, (inputs) => inputs.map((i) => i.value));
    const first = await kids();
    assert.equal(first.length, 4);
    assert.equal(new Set(first).size, 4, 'unique');
    for (const kid of first) assert.match(kid, /^prod-(rr8|rcd)-(ur|ar-ref)-\d{4}-\d\d-\d\d$/);

    await page.fill(`${EL} input[name="date"]`, DATE);
    await page.dispatchEvent(`${EL} input[name="date"]`, 'change');
    await page.waitForFunction((el) => document.querySelector(el).shadowRoot.querySelector('tbody input').value.endsWith('2026-12-01'), EL);
    assert.deepEqual(await kids(), [...KIDS.slice(0, 3), `prod-rcd-ar-ref-${DATE}`]);

    // A bad template is refused at once, saying why.
    await page.fill(`${EL} input[name="template"]`, '{org}-{mode}');
    await page.dispatchEvent(`${EL} input[name="template"]`, 'change');
    await page.waitForSelector(`${EL} .ers-error-summary:not([hidden])`);
    assert.match(await page.textContent(`${EL} .ers-error-summary`), /has no \{date\}/);
    await page.fill(`${EL} input[name="template"]`, '{env}-{org}-{mode}-{date}');
    await page.dispatchEvent(`${EL} input[name="template"]`, 'change');
    await page.waitForSelector(`${EL} .ers-error-summary[hidden]`, { state: 'attached' });
    await page.waitForFunction(([el, kid]) => document.querySelector(el).shadowRoot.querySelector('tbody tr:nth-child(4) input')?.value === kid, [EL, `prod-rcd-ar-ref-${DATE}`]);

    // Each kid can be edited; a duplicate is refused before any key is made.
    await page.fill(`${EL} tbody tr:nth-child(4) input`, KIDS[0]);
    await page.dispatchEvent(`${EL} tbody tr:nth-child(4) input`, 'change');
    await page.check(`${EL} input[type="radio"][value="2048"]`);
    await page.fill(`${EL} input[name="passphrase"]`, 'correct horse battery staple');
    await page.click(`${EL} button[type="submit"]`);
    await page.waitForSelector(`${EL} .ers-error-summary:not([hidden])`);
    assert.match(await page.textContent(`${EL} .ers-error-summary`), /Application 4: the kid "prod-rr8-ur-2026-12-01" is already another application's/);
    assert.equal(await page.inputValue(`${EL} input[name="passphrase"]`), '', 'the passphrase is cleared on an error');
    assert.equal(await keyWorkers(page), 0, 'no worker started for a refused request');
    await page.fill(`${EL} tbody tr:nth-child(4) input`, KIDS[3]);
    await page.dispatchEvent(`${EL} tbody tr:nth-child(4) input`, 'change');
    assert.deepEqual(await kids(), KIDS);
  });

  it('cancels midway: the keys made are kept, every worker is terminated, and the rest resume', async () => {
    await page.evaluate(() => {
      // Probes of the main thread: long tasks (over 50 ms, whatever their cause), and the
      // scripts of long animation frames (what page code ran, and for how long); then a click on
      // Cancel the moment the first key is made.
      const probe = { longTasks: [], scripts: [] };
      probe.observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) probe.longTasks.push(Math.round(entry.duration));
      });
      probe.observer.observe({ type: 'longtask' });
      probe.frames = new PerformanceObserver((list) => {
        for (const frame of list.getEntries()) {
          for (const s of frame.scripts) probe.scripts.push({ ms: Math.round(s.duration), where: `${s.sourceURL.split('/').pop()} ${s.sourceFunctionName}` });
        }
      });
      probe.frames.observe({ type: 'long-animation-frame' });
      window.__keysetProbe = probe;
      const el = document.querySelector('ers-key-set').shadowRoot;
      const watch = new MutationObserver(() => {
        if (el.querySelector('tbody tr[data-state="made"]')) {
          watch.disconnect();
          [...el.querySelectorAll('button')].find((b) => b.textContent === 'Cancel').click();
        }
      });
      watch.observe(el, { subtree: true, childList: true });
    });
    await page.click(`${EL} button[type="submit"]:has-text("Make all key pairs (4)")`);
    await page.waitForSelector(`${EL} .ers-key-set__result .ers-notice:has-text("Cancelled")`, { timeout: 120_000 });
    const states = await rowStates(page);
    const made = states.filter((s) => s === 'made').length;
    assert.ok(made >= 1 && made < 4, `cancelled midway: ${states}`);
    for (let i = 0; i < 40 && (await keyWorkers(page)) > 0; i += 1) await page.waitForTimeout(50);
    assert.equal(await keyWorkers(page), 0, 'every worker was terminated');
    const resume = `${EL} button[type="submit"]:has-text("Make the remaining ${4 - made} key pair")`;
    assert.equal(await page.isVisible(resume), true);

    await page.click(resume);
    await page.waitForFunction((el) => [...document.querySelector(el).shadowRoot.querySelectorAll('tbody tr')].every((r) => r.dataset.state === 'made'), EL, { timeout: 120_000 });
    const probe = await page.evaluate(() => {
      const p = window.__keysetProbe;
      p.observer.disconnect();
      p.frames.disconnect();
      return { longTasks: p.longTasks, scripts: p.scripts };
    });
    console.log(`# main thread during bulk generation: long tasks ${JSON.stringify(probe.longTasks)}; longest script ${Math.max(0, ...probe.scripts.map((s) => s.ms))} ms`);
    // No page script blocks the main thread for 250 ms: keys made on the main thread would take
    // seconds each. (The goal, no task over 50 ms, is the benchmark's to measure: a loaded test
    // machine stretches scripts and the browser's own rendering past it.)
    assert.deepEqual(probe.scripts.filter((s) => s.ms >= 250), []);
  });

  it('saves one ZIP: a folder per application, every key judged by OpenSSL, the index and README', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click(`${EL} button:has-text("Download the ZIP (4 key pairs)")`),
    ]);
    assert.equal(download.suggestedFilename(), `ers-golive-keys-${DATE}.zip`);
    const zip = join(dir, 'keys.zip');
    await download.saveAs(zip);
    const out = join(dir, 'unzipped');
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, out]);
    const folders = (await readdir(out, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    assert.deepEqual(folders, ['01-rr8-ur', '02-rr8-ar-ref', '03-rcd-ur', '04-rcd-ar-ref']);
    for (const [i, folder] of folders.entries()) {
      const kid = KIDS[i];
      assert.deepEqual((await readdir(join(out, folder))).sort(), [`${kid}.json`, `${kid}.pem`, `${kid}.pem.pub`]);
      const pem = join(out, folder, `${kid}.pem`);
      assert.match(openssl('rsa', '-check', '-noout', '-in', pem), /RSA key ok/);
      assert.match(openssl('rsa', '-text', '-noout', '-in', pem), /Private-Key: \(2048 bit, 2 primes\)/);
      const jwks = JSON.parse(await readFile(join(out, folder, `${kid}.json`), 'utf8'));
      assert.equal(jwks.keys.length, 1);
      assert.equal(jwks.keys[0].kid, kid);
      const modulus = openssl('rsa', '-noout', '-modulus', '-in', pem).trim().replace('Modulus=', '');
      assert.equal(Buffer.from(jwks.keys[0].n, 'base64url').toString('hex').toUpperCase(), modulus, `${kid}: the JWKS n is the key's modulus`);
      assert.equal(await readFile(join(out, folder, `${kid}.pem.pub`), 'utf8'), openssl('rsa', '-in', pem, '-pubout'));
    }
    const index = (await readFile(join(out, 'index.csv'), 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    // "ASID" is the number NHS allocated (empty until entered), "ASID name" the plan's name for it.
    assert.match(index[0], /^Application,Organisation,ODS code,Access mode,ASID,ASID name,kid,Thumbprint \(RFC 7638\),Folder/);
    assert.equal(index.length, 5);
    for (const [i, line] of index.slice(1).entries()) {
      assert.ok(line.includes(`,${KIDS[i]},`), line);
      assert.ok(line.includes(`${folders[i]}/${KIDS[i]}.pem`), line);
      assert.match(line, /ASID \d\)/);
    }
    assert.match(index[1], /^"Care Vista - Care Vista Link for Leeds Teaching Hospitals - PROD - e-Referral Service, User Restricted",Leeds Teaching Hospitals,RR8,user-restricted,200000000101,Leeds Teaching Hospitals - Care Vista Link – Prod - User-Restricted \(ASID 1\),/);
    // No ASID allocated yet for the others: the column is empty, never the ASID's name.
    assert.match(index[2], /,application-restricted \(referrer\),,Leeds Teaching Hospitals - Care Vista Link – Prod - Application-Restricted - Referrer \(ASID 2\),/);
    const readme = await readFile(join(out, 'README.txt'), 'utf8');
    assert.match(readme, /^Key pairs for 4 PROD applications \(2048-bit RSA/);
    assert.match(readme, /Publish each KID\.json at its application's JWKS URL/);

    // The private keys are dropped from the page; kids and thumbprints stay.
    assert.deepEqual(await rowStates(page), ['saved', 'saved', 'saved', 'saved']);
    const apps = await page.$eval(EL, (el) => el.applications);
    assert.deepEqual(apps.map((a) => a.kid), KIDS);
    for (const a of apps) assert.match(a.thumbprint, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(!JSON.stringify(apps).includes('PRIVATE KEY'));
    assert.match(await page.textContent(`${EL} .ers-key-set__result`), /The private keys are no longer in this page/);
  });

  it('the go-live pack shows every kid', async () => {
    const kids = await page.$$eval(`${PACK} input[data-field="kid"]`, (inputs) => inputs.map((i) => i.value));
    assert.deepEqual(kids, KIDS);
  });

  it('stores no private key anywhere: the project holds the kids and thumbprints only', async () => {
    // A line from the middle of each private key saved: none may be in any web storage.
    const out = join(dir, 'unzipped');
    const bodies = [];
    for (const folder of await readdir(out, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      const pem = (await readdir(join(out, folder.name))).find((f) => f.endsWith('.pem'));
      bodies.push((await readFile(join(out, folder.name, pem), 'utf8')).split('\n')[5]);
    }
    assert.equal(bodies.length, 4);
    // The project is saved a moment after the ZIP (the store's autosave is debounced): wait for
    // its kids, then look at everything the browser stores.
    await page.waitForFunction(
      (kids) => {
        const apps = JSON.parse(localStorage.getItem('ers-golive:project') ?? '{}').applications ?? [];
        return kids.every((kid) => apps.some((a) => a.kid === kid && a.thumbprint));
      },
      KIDS,
      { timeout: 10_000 },
    );
    const stored = await page.evaluate(async () => {
      const texts = [];
      for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i += 1) texts.push(s.getItem(s.key(i)));
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) texts.push(await (await cache.match(request)).text());
      }
      return { texts, project: localStorage.getItem('ers-golive:project'), databases: (await indexedDB.databases()).length };
    });
    assert.equal(stored.databases, 0, 'no IndexedDB');
    for (const body of bodies) assert.ok(!stored.texts.some((t) => t.includes(body)), 'a private key is in web storage');
    // The project (localStorage) has every kid and thumbprint.
    const project = JSON.parse(stored.project);
    assert.ok(project, 'the project is kept');
    for (const kid of KIDS) assert.ok(project.applications.some((a) => a.kid === kid && /^[A-Za-z0-9_-]{43}$/.test(a.thumbprint)), kid);
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});

describe('<ers-key-set> accessibility', () => {
  it('has no axe violation, empty and with a plan', async () => {
    const s = await openExamples('ers-key-set');
    try {
      await s.page.waitForSelector(`${EL} form`);
      assert.deepEqual(await checkA11y(s.page, 'main'), []);
      await s.page.$eval(EL, (el) => el.setApplications([
        { name: 'Care Vista - Care Vista Link for Leeds - PROD - e-Referral Service, User Restricted', accessMode: 'user-restricted', organisation: 'Leeds', odsCode: 'RR8', asid: 'Leeds (ASID 1)' },
      ]));
      await s.page.waitForSelector(`${EL} tbody tr`);
      assert.deepEqual(await checkA11y(s.page, 'main'), []);
      assert.deepEqual(s.consoleErrors, []);
    } finally {
      await s.close();
    }
  });
});

describe('<ers-key-set> with many applications: a page of the list at a time', () => {
  const APPS = 250;
  let s;
  before(async () => {
    s = await openExamples('ers-key-set');
    await s.page.waitForSelector(`${EL} form`);
    await s.page.$eval(EL, (el, n) => el.setApplications(Array.from({ length: n }, (_, i) => ({
      name: `Care Vista - Care Vista Link for Organisation ${i + 1} - PROD - e-Referral Service, Application Restricted`,
      accessMode: 'application-restricted', capability: 'referrer', organisation: `Organisation ${i + 1}`, odsCode: `R${String(i).padStart(4, '0')}`, asid: '',
    }))), APPS);
    await s.page.waitForFunction((el) => document.querySelector(el).applications.length === 250 && document.querySelector(el).shadowRoot.querySelector('tbody input')?.value, EL);
  });
  after(async () => {
    if (s) await screenshot(s.page, 'keyset-paged');
    await s?.close();
  });

  const shown = () => s.page.$$eval(`${EL} tbody tr td:first-child`, (tds) => tds.map((td) => td.textContent));
  const pagerText = () => s.page.textContent(`${EL} nav.ers-pager .ers-pager__page`);
  const announced = (text) => s.page.waitForFunction(([el, t]) => document.querySelector(el).shadowRoot.querySelector('[aria-live="polite"]')?.textContent === t, [EL, text]);

  it('shows 100 applications, with the pager saying which', async () => {
    const rows = await shown();
    assert.equal(rows.length, 100);
    assert.equal(rows[0], '1');
    assert.equal(rows[99], '100');
    assert.equal(await pagerText(), 'Page 1 of 3 (applications 1–100 of 250)');
    assert.equal((await s.page.textContent(`${EL} button[type="submit"]`)).trim(), 'Make all key pairs (250)');
    // Every application is there, on its page: the element's own list holds all of them.
    assert.equal(await s.page.$eval(EL, (el) => el.applications.length), APPS);
  });

  it('turns the page by keyboard, says the range to screen readers, and keeps focus on the pager', async () => {
    await s.page.focus(`${EL} nav.ers-pager button:has-text("Next page")`);
    await s.page.keyboard.press('Enter');
    await announced('Applications 101 to 200 of 250.');
    assert.deepEqual((await shown()).slice(0, 2), ['101', '102']);
    assert.equal(await pagerText(), 'Page 2 of 3 (applications 101–200 of 250)');
    await s.page.keyboard.press('Enter');
    await announced('Applications 201 to 250 of 250.');
    assert.equal((await shown()).length, 50);
    // Next is now disabled: focus moved to Previous, still on the pager.
    const focused = await s.page.$eval(EL, (el) => ({ text: el.shadowRoot.activeElement?.textContent, nextDisabled: el.shadowRoot.querySelector('nav.ers-pager button:last-child').disabled }));
    assert.deepEqual(focused, { text: 'Previous page', nextDisabled: true });
    await s.page.keyboard.press('Enter');
    await announced('Applications 101 to 200 of 250.');
  });

  it('keeps a kid edited on another page, and turns to the page of a kid refused before any key is made', async () => {
    // Application 150's kid set to application 1's: refused as a duplicate when making.
    await s.page.click(`${EL} nav.ers-pager button:has-text("Previous page")`);
    await announced('Applications 1 to 100 of 250.');
    const first = await s.page.inputValue(`${EL} tbody input[data-row="0"]`);
    await s.page.click(`${EL} nav.ers-pager button:has-text("Next page")`);
    await s.page.fill(`${EL} tbody input[data-row="149"]`, first);
    await s.page.dispatchEvent(`${EL} tbody input[data-row="149"]`, 'change');
    await s.page.click(`${EL} nav.ers-pager button:has-text("Previous page")`);
    await announced('Applications 1 to 100 of 250.');
    await s.page.click(`${EL} button[type="submit"]`);
    await s.page.waitForSelector(`${EL} .ers-error-summary li`);
    assert.match(await s.page.textContent(`${EL} .ers-error-summary`), /Application 150: /);
    assert.equal(await pagerText(), 'Page 2 of 3 (applications 101–200 of 250)');
    assert.equal(await s.page.inputValue(`${EL} tbody input[data-row="149"]`), first);
    assert.equal(await s.page.$eval(EL, (el) => el.applications[149].kid), first);
  });

  it('has no axe violation on a page of the list', async () => {
    assert.deepEqual(await checkA11y(s.page, 'main'), []);
  });

  it('writes 1,500 with its separator, in the button and the pager', async () => {
    await s.page.$eval(EL, (el) => el.setApplications(Array.from({ length: 1500 }, (_, i) => ({ name: `App ${i + 1}`, accessMode: 'user-restricted', organisation: `Org ${i + 1}`, odsCode: '', asid: '' }))));
    await s.page.waitForFunction((el) => document.querySelector(el).shadowRoot.querySelector('button[type="submit"]').textContent === 'Make all key pairs (1,500)', EL);
    assert.equal(await pagerText(), 'Page 1 of 15 (applications 1–100 of 1,500)');
    assert.equal((await shown()).length, 100);
  });

  itLeftNoErrorOrRequestElsewhere(() => s);
});
