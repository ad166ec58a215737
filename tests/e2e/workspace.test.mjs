// The go-live workspace in headless Chromium: a plan of 3 EUOs × 3 access modes comes back after
// a reload; ASIDs and AppIDs survive Save project file → Clear everything → Open project file;
// the plan's CSV, filled in, fills the pack; the email stays a DRAFT while anything is wrong;
// after a whole flow (a key pair included) the browser's storage holds no private key and no
// passphrase; the print view; no sideways scrolling at 320 px; one journey by keyboard alone.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { openPage, screenshot, itLeftNoErrorOrRequestElsewhere } from './harness.mjs';

const PLANNER = 'ers-asid-planner';
const PACK = 'ers-golive-pack';
const WS = '[data-ers-workspace]';
const EUOS = [
  ['Leeds Teaching Hospitals', 'RR8'],
  ['Airedale NHS Foundation Trust', 'RCF'],
  ['York and Scarborough Teaching Hospitals', 'RCB'],
];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `ers-golive ARGS…` (built first when the tests run without it), as `{ status, stdout, stderr }`. */
function cli(...args) {
  const bin = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'ers-golive');
  if (!existsSync(bin)) {
    const built = spawnSync('cargo', ['build', '--quiet', '-p', 'ers-cli'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(built.status, 0, 'cargo build -p ers-cli');
  }
  return spawnSync(bin, args, { encoding: 'utf8' });
}

async function readDownload(download) {
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** Plans `euos` with all three access modes through the planner's own form. */
async function planThrough(page, euos) {
  await page.waitForSelector(`${PLANNER} input[value="user-restricted"]`);
  await page.fill(`${PLANNER} input[name="product"]`, 'Care Vista Link');
  await page.fill(`${PLANNER} input[name="supplier"]`, 'Care Vista');
  for (const id of ['user-restricted', 'application-restricted-referrer', 'application-restricted-provider']) {
    await page.check(`${PLANNER} input[value="${id}"]`);
  }
  await page.click(`${PLANNER} details summary`);
  await page.fill(`${PLANNER} textarea`, euos.map(([n, o]) => `${n}\t${o}`).join('\n'));
  await page.click(`${PLANNER} button:has-text("Add pasted organisations")`);
  await page.waitForFunction(([tag, n]) => document.querySelector(tag).euos.length === n, [PLANNER, euos.length]);
  await page.click(`${PLANNER} button:has-text("Plan the go-live")`);
  await page.waitForFunction(([tag, n]) => document.querySelector(tag).request.applications.length === n, [PACK, euos.length * 3]);
}

/** The project the page keeps in localStorage, once saved. */
async function savedProject(page) {
  await page.waitForFunction(() => localStorage.getItem('ers-golive:project') !== null);
  return page.evaluate(() => JSON.parse(localStorage.getItem('ers-golive:project')));
}

describe('the go-live workspace', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('');
    page = session.page;
    await page.waitForSelector(`${WS} button:has-text("Save project file")`);
  });
  after(async () => {
    if (session) await screenshot(session.page, 'workspace');
    await session?.close();
  });

  it('plans 3 EUOs × 3 access modes, and after a reload all of it is back', async () => {
    await planThrough(page, EUOS);
    // One plan through every section: the key set and the pack follow it, with no other press.
    await page.waitForFunction(() => document.querySelector('ers-key-set').applications?.length === 9);
    assert.equal(await page.$eval(PACK, (el) => el.request.applications.length), 9);
    const saved = await savedProject(page);
    assert.equal(saved.format, 'ers-golive-project');
    assert.equal(saved.euos.length, 3);
    assert.equal(saved.applications.length, 9);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector(`${WS} .ers-notice--ok`);
    assert.match(await page.textContent(`${WS} .ers-notice--ok`), /^Restored your go-live for Care Vista Link, saved just now\./);
    await page.waitForFunction((tag) => document.querySelector(tag).request.applications.length === 9, PACK);
    assert.deepEqual(await page.$eval(PLANNER, (el) => el.euos.map((e) => [e.name, e.odsCode])), EUOS);
    assert.equal(await page.inputValue(`${PLANNER} input[name="product"]`), 'Care Vista Link');
    for (const id of ['user-restricted', 'application-restricted-referrer', 'application-restricted-provider']) {
      assert.equal(await page.isChecked(`${PLANNER} input[value="${id}"]`), true, id);
    }
    assert.equal(await page.isVisible(`${PLANNER} .ers-asid-planner__result`), true);
    // The guided flow knows the plan is made and says what is next.
    await page.waitForSelector(`${WS} .ers-flow__step--done`);
    assert.match(await page.textContent(`${WS} .ers-flow__step--done`), /Plan your ASIDs and applications/);
    assert.match(await page.textContent(`${WS} [aria-current="step"]`), /Register each application|Make a key pair/);
  });

  it('keeps ASIDs and AppIDs through Save project file → Clear everything → Open project file', async () => {
    const card = (i) => `${PACK} fieldset[data-index="${i}"]`;
    await page.fill(`${card(0)} input[data-field="asid"]`, '200000000101');
    await page.fill(`${card(0)} input[data-field="appId"]`, '5a0f1c2e-0000-4000-8000-000000000001');
    await page.fill(`${card(1)} input[data-field="asid"]`, '200000000102');
    await page.fill(`${card(1)} input[data-field="appId"]`, '5a0f1c2e-0000-4000-8000-000000000002');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('ers-golive:project') ?? '{}').applications?.[1]?.app_id === '5a0f1c2e-0000-4000-8000-000000000002');
    const before = await savedProject(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${WS} button:has-text("Save project file")`)]);
    const file = await readDownload(download);
    assert.equal(file.name, 'ers-golive-project-care-vista-link.json');
    const json = JSON.parse(file.text);
    assert.equal(json.format, 'ers-golive-project');
    assert.equal(json.version, 1);
    assert.equal(json.applications[0].asid, '200000000101');

    await page.click(`${WS} button:has-text("Clear everything")`);
    // It asks first; nothing is gone yet.
    await page.waitForSelector(`${WS} .ers-ask`);
    assert.notEqual(await page.evaluate(() => localStorage.getItem('ers-golive:project')), null);
    await page.click(`${WS} .ers-ask button:has-text("Yes, clear everything")`);
    await page.waitForFunction((tag) => document.querySelector(tag).request.applications.length === 0, PACK);
    assert.equal(await page.evaluate(() => localStorage.getItem('ers-golive:project')), null);
    assert.equal(await page.$eval(PLANNER, (el) => el.euos.length), 0);

    await page.setInputFiles(`${WS} input[type="file"]`, { name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
    await page.waitForFunction((tag) => document.querySelector(tag).request.applications.length === 9, PACK);
    assert.equal(await page.inputValue(`${card(0)} input[data-field="asid"]`), '200000000101');
    assert.equal(await page.inputValue(`${card(1)} input[data-field="appId"]`), '5a0f1c2e-0000-4000-8000-000000000002');
    const after = await savedProject(page);
    for (const key of ['product', 'supplier', 'euos', 'access', 'services', 'applications']) assert.deepEqual(after[key], before[key], key);
  });

  it('refuses a project file holding a private key, without showing it', async () => {
    const secret = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ';
    const text = JSON.stringify({ format: 'ers-golive-project', version: 1, product: 'X', applications: [{ name: 'A', kid: `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----` }] });
    await page.setInputFiles(`${WS} input[type="file"]`, { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForSelector(`${WS} .ers-error-summary:not([hidden])`);
    const summary = await page.textContent(`${WS} .ers-error-summary`);
    assert.match(summary, /Could not open bad\.json: the project file holds a private key \(applications\[0\]\.kid\)/);
    assert.equal(summary.includes(secret), false);
    assert.equal(await page.$eval(PACK, (el) => el.request.applications.length), 9, 'the project is untouched');
  });

  it('fills the pack from the plan’s CSV, filled in and imported', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-ers-details] button:has-text("Download the plan CSV to fill in")')]);
    const csv = await readDownload(download);
    assert.equal(csv.name, 'ers-golive-plan-care-vista-link.csv');
    // Fill it as a spreadsheet would, in the page's own engine (a quoted CSV).
    const filled = await page.evaluate((text) => {
      const rows = [];
      let row = [];
      let cell = '';
      let quoted = false;
      const src = text.replace(/^\uFEFF/, '');
      for (let i = 0; i < src.length; i += 1) {
        const c = src[i];
        if (quoted) {
          if (c === '"' && src[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
      }
      const head = rows[0];
      const at = (name) => head.indexOf(name);
      rows.slice(1).forEach((r, i) => {
        if (!r[at('Application name')]) return;
        r[at('ASID (allocated by NHS)')] = `2000000003${String(i).padStart(2, '0')}`;
        r[at('AppID (from the developer hub)')] = `5a0f1c2e-0000-4000-8000-0000000003${String(i).padStart(2, '0')}`;
        r[at('API key')] = `Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH${String(i).padStart(3, '0')}`;
        r[at('kid')] = `prod-${i + 1}`;
        r[at('JWKS URL')] = 'https://keys.carevista.example.com/ers/jwks.json';
        if (r[at('Access mode')] === 'user-restricted') r[at('Callback URL')] = `https://app.carevista.example.com/ers/callback/${i}`;
      });
      const extra = head.map(() => '');
      extra[at('Application name')] = 'No such application';
      extra[at('AppID (from the developer hub)')] = 'x';
      rows.push(extra);
      const q = (v) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      return rows.map((r) => r.map(q).join(',')).join('\r\n');
    }, csv.text);
    await page.setInputFiles('[data-ers-details] input[type="file"]', { name: 'filled.csv', mimeType: 'text/csv', buffer: Buffer.from(filled) });
    await page.waitForSelector('[data-ers-details] .ers-details-io__report:not([hidden])');
    const report = await page.textContent('[data-ers-details] .ers-details-io__report');
    assert.match(report, /Imported filled\.csv: details filled in for 9 applications\./);
    assert.match(report, /1 row needs a look:.*ERS-G021 Line 11: no application in the plan is named No such application\. Write the application name exactly as the plan has it\./);
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.complete === true, PACK);
    assert.equal(await page.inputValue(`${PACK} fieldset[data-index="0"] input[data-field="kid"]`), 'prod-1');
    const saved = await savedProject(page);
    assert.equal(saved.applications[8].jwks_url, 'https://keys.carevista.example.com/ers/jwks.json');
    // The user-restricted applications' callback URLs, from the plan's CSV into the project.
    assert.equal(saved.applications.filter((a) => a.callback_url?.startsWith('https://app.carevista.example.com/ers/callback/')).length, 3);
  });

  it('refuses a details CSV holding a private key, saying where, never showing it; the store refuses one in any field', async () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDdetails';
    const pem = `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`;
    const before = await savedProject(page);
    const name = before.applications[0].name;
    const csv = `Application name,AppID,API key\r\n"${name}",x,"${pem}"\r\n`;
    await page.setInputFiles('[data-ers-details] input[type="file"]', { name: 'keyed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const summary = '[data-ers-details] .ers-error-summary';
    await page.waitForSelector(`${summary}:not([hidden])`);
    const text = await page.textContent(summary);
    assert.match(text, /Could not import keyed\.csv: ERS-G027: Line 2, column 3 \(API key\) holds a private key and the details file was refused/);
    assert.equal((await page.textContent('body')).includes(body), false, 'the key is shown nowhere');
    await screenshot(page, 'details-import-refused');
    const after = await savedProject(page);
    assert.equal(JSON.stringify(after).includes(body), false, 'the key is not kept');
    assert.equal(after.applications[0].api_key, before.applications[0].api_key, 'nothing of the file was taken');
    // The store itself refuses a private key in every field, lists and names included, and keeps
    // none of it in memory.
    const refused = await page.evaluate(async ({ key, project }) => {
      const { ProjectStore } = await import('./js/store.js');
      const kept = new Map();
      const storage = { getItem: (k) => kept.get(k) ?? null, setItem: (k, v) => kept.set(k, v), removeItem: (k) => kept.delete(k) };
      const store = new ProjectStore(storage);
      store.replace(project, 'test');
      const tries = [
        (p) => p.euos.push({ name: key, ods_code: '' }),
        (p) => { p.services = [{ name: key, platform: 'apim' }]; },
        (p) => p.done.push(key),
        (p) => p.access.push(key),
        (p) => { p.applications[0].name = key; },
        (p) => { p.contact = key; },
      ];
      const codes = [];
      for (const change of tries) {
        try {
          store.update(change, 'test');
          codes.push('kept');
        } catch (error) {
          codes.push(error.code);
        }
      }
      store.flush({ now: true });
      return { codes, held: JSON.stringify(store.project).includes(key), saved: [...kept.values()].some((v) => v.includes(key)) };
    }, { key: pem, project: after });
    assert.deepEqual(refused, { codes: Array(6).fill('project-secret'), held: false, saved: false });
  });

  it('says one count of what is missing and wrong, the same in the page, the email and the CLI; the email carries every ASID entered', async () => {
    const card = (i) => `${PACK} fieldset[data-index="${i}"]`;
    const asids = (await savedProject(page)).applications.map((a) => a.asid);
    assert.equal(asids.filter((a) => /^\d{12}$/.test(a)).length, 9, 'every application has its ASID');
    // One detail taken away, one made wrong.
    const key = await page.inputValue(`${card(3)} input[data-field="apiKey"]`);
    await page.fill(`${card(3)} input[data-field="apiKey"]`, '');
    await page.fill(`${card(4)} input[data-field="asid"]`, '12345');
    await page.waitForFunction(() => {
      const apps = JSON.parse(localStorage.getItem('ers-golive:project') ?? '{}').applications ?? [];
      return apps[3]?.api_key === '' && apps[4]?.asid === '12345';
    });
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.totals.errors === 1, PACK);
    const verdict = (await page.textContent(`${PACK} .ers-verdict`)).trim();
    assert.equal(verdict, 'Not ready to send: 1 detail still missing and 1 error to correct (7 of 9 applications ready).');
    // The email: its DRAFT line is the page's sentence, and every ASID entered is in it, the
    // wrong one too (it is what the supplier typed).
    const [txt] = await Promise.all([page.waitForEvent('download'), page.click(`${PACK} button[data-format="text"]`)]);
    const email = (await readDownload(txt)).text;
    assert.equal(email.split('\n')[2], `DRAFT – ${verdict} See "Still to complete".`);
    const entered = asids.map((a, i) => (i === 4 ? '12345' : a));
    for (const asid of entered) assert.ok(email.includes(`   ASID:                  ${asid}\n`), asid);
    const [md] = await Promise.all([page.waitForEvent('download'), page.click(`${PACK} button[data-format="markdown"]`)]);
    const markdown = (await readDownload(md)).text;
    assert.ok(markdown.includes(`**DRAFT – ${verdict} See "Still to complete".**`), markdown.slice(0, 300));
    for (const asid of entered) assert.ok(markdown.includes(` | ${asid} | `), asid);
    // The CLI, given the same project: its second line is the same sentence.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${WS} button:has-text("Save project file")`)]);
    const out = cli('pack', '--project', await download.path());
    assert.equal(out.status, 1, out.stderr);
    assert.equal(out.stdout.split('\n')[1], verdict, out.stdout.slice(0, 300));
    for (const asid of entered) assert.ok(out.stdout.includes(`   ASID:     ${asid}\n`), asid);
    // Put back as it was.
    await page.fill(`${card(3)} input[data-field="apiKey"]`, key);
    await page.fill(`${card(4)} input[data-field="asid"]`, asids[4]);
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.complete === true, PACK);
  });

  it('offers the email only as a DRAFT while anything is wrong, signed with the contact', async () => {
    await page.fill(`${PACK} input[autocomplete="name"]`, 'Sam Patel');
    const card = `${PACK} fieldset[data-index="2"]`;
    await page.fill(`${card} input[data-field="jwksUrl"]`, 'http://localhost/jwks.json');
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.totals.errors > 0, PACK);
    await page.click(`${PACK} .ers-golive-pack__exports details summary`);
    await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.querySelector('.ers-golive-pack__email').textContent.startsWith('Subject: DRAFT'), PACK);
    const draft = (await page.textContent(`${PACK} .ers-golive-pack__email`)).split('\n');
    assert.equal(draft[0], 'Subject: DRAFT – e-RS PROD form details: Care Vista Link (Care Vista)');
    assert.match(draft[2], /^DRAFT – Not ready to send: \d+ errors? to correct \(\d+ of 9 applications ready\)\. See "Still to complete"\.$/);
    assert.equal(await page.textContent(`${PACK} .ers-golive-pack__exports button.ers-button:not(.ers-button--secondary)`), 'Copy the draft email');
    assert.equal(await page.isVisible(`${PACK} .ers-golive-pack__draft`), true);
    // No https://localhost quick fix: it would be unreachable too.
    assert.equal(await page.locator(`${card} button:has-text("https://localhost")`).count(), 0);

    await page.fill(`${card} input[data-field="jwksUrl"]`, 'https://keys.carevista.example.com/ers/jwks.json');
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.complete === true, PACK);
    await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.querySelector('.ers-golive-pack__email').textContent.startsWith('Subject: e-RS'), PACK);
    const email = await page.textContent(`${PACK} .ers-golive-pack__email`);
    assert.equal(email.includes('DRAFT'), false);
    assert.ok(email.endsWith('Kind regards,\nSam Patel\n'), email.slice(-80));
    const [md] = await Promise.all([page.waitForEvent('download'), page.click(`${PACK} button[data-format="markdown"]`)]);
    const markdown = await readDownload(md);
    assert.ok(markdown.text.startsWith('Subject: e-RS PROD form details: Care Vista Link (Care Vista)\n'));
    assert.ok(markdown.text.endsWith('Kind regards,\nSam Patel\n'));
    assert.equal((await savedProject(page)).contact, 'Sam Patel');
  });

  it('ticks what it verified, saying what; leaves to the user what only they can do', async () => {
    // The flow: the names are verified by the tool, saying so; registering on the developer hub
    // is the supplier's to tick, and stays undone until they do.
    const step = (id) => `${WS} .ers-flow__step[data-step="${id}"]`;
    await page.waitForSelector(`${step('names')}.ers-flow__step--done`);
    assert.equal(await page.textContent(`${step('names')} .ers-flow__detail`), 'Verified: the 9 names pass 4.14.');
    assert.equal(await page.locator(`${step('names')} input[type="checkbox"]`).count(), 0, 'no tick for what the tool verifies');
    assert.match(await page.getAttribute(step('register'), 'class'), /ers-flow__step--(current|todo)/);
    assert.match(await page.textContent(`${step('register')} .ers-flow__detail`), /^Only you can do this, on the developer hub/);
    // Where the supplier acts: the developer hub, and NHS's Stage 4 page for the steps.
    assert.equal(await page.getAttribute(`${step('register')} .ers-flow__detail a`, 'href'), 'https://onboarding.prod.api.platform.nhs.uk/');
    assert.equal(await page.getAttribute(`${PACK} .ers-golive-pack__checklist .ers-hint a`, 'href'), 'https://digital.nhs.uk/services/e-referral-service/api/integration-process/stage-4-release');
    assert.equal(await page.getAttribute(`${PACK} .ers-golive-pack__step:has(input[data-step="4.12"]) a`, 'href'), 'https://onboarding.prod.api.platform.nhs.uk/');
    await page.check(`${step('register')} input[type="checkbox"]`);
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('ers-golive:project')).done.includes('register'));
    await page.waitForSelector(`${step('register')}.ers-flow__step--done`);
    // The pack's checklist: 4.14, 4.16 and 4.2 ticked by the tool, with what it verified; the
    // supplier cannot untick them.
    for (const [number, note] of [['4.14', 'Verified: the 9 names pass 4.14.'], ['4.16', 'Verified: each of the 9 applications has its own ASID.'], ['4.2', "Verified: each of the 9 applications has a key pair's kid."]]) {
      assert.equal(await page.isChecked(`${PACK} input[data-step="${number}"]`), true, number);
      assert.equal(await page.isDisabled(`${PACK} input[data-step="${number}"]`), true, number);
      assert.equal(await page.textContent(`${PACK} [data-note="${number}"]`), note);
    }
    assert.equal(await page.isChecked(`${PACK} input[data-step="4.12"]`), false);
    assert.equal(await page.isDisabled(`${PACK} input[data-step="4.12"]`), false);
  });

  it('holds no private key and no passphrase in the browser after a whole flow, a key pair included; warns before leaving only while the key is unsaved', async () => {
    assert.deepEqual(await page.evaluate(async () => (await import('./js/actions.js')).unsavedHeld()), [], 'nothing to lose: no warning');
    const passphrase = 'correct horse battery staple 9';
    await page.check('ers-key-generator input[type="radio"][value="2048"]');
    await page.fill('ers-key-generator input[name="kid"]', 'prod-1');
    await page.click('ers-key-generator summary:has-text("More options")');
    await page.fill('ers-key-generator input[type="password"]', passphrase);
    await page.click('ers-key-generator button:has-text("Generate key pair")');
    await page.waitForSelector('ers-key-generator [data-download]', { timeout: 120_000 });
    // Leaving now would lose the private key: the page holds it until it is saved to a file.
    const held = () => page.evaluate(async () => (await import('./js/actions.js')).unsavedHeld());
    assert.deepEqual(await held(), ['private-key']);
    const [pem] = await Promise.all([page.waitForEvent('download'), page.click('ers-key-generator [data-download="prod-1.pem"]')]);
    assert.match((await readDownload(pem)).text, /^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    assert.deepEqual(await held(), [], 'saved: nothing holds the page any more');
    await page.waitForTimeout(600); // past the store's debounce
    const stored = await page.evaluate(async () => {
      const all = [];
      for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i += 1) all.push(s.key(i), s.getItem(s.key(i)));
      const dbs = (await indexedDB.databases?.()) ?? [];
      return { text: all.join('\n'), dbs: dbs.map((d) => d.name) };
    });
    assert.equal(stored.text.includes('PRIVATE KEY'), false);
    assert.equal(stored.text.includes(passphrase), false);
    assert.deepEqual(stored.dbs, []);
  });

  it('prints the go-live pack, whole, from anywhere on the page: its table, the checklist and the email; nothing of the site', async () => {
    // Printing starts from the top of the page, far from the pack.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.emulateMedia({ media: 'print' });
    try {
      await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.querySelector('.ers-golive-pack__print-table tbody tr'), PACK);
      const seen = await page.evaluate((tag) => {
        const pack = document.querySelector(tag);
        const doc = pack.shadowRoot.querySelector('.ers-golive-pack__print');
        // Every element with text of its own that renders, in the page and every shadow root.
        const all = (root) => [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
        const ownText = (e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        const rendered = all(document).filter((e) => ownText(e) && e.getClientRects().length > 0 && !['STYLE', 'SCRIPT', 'TITLE'].includes(e.tagName));
        const outside = rendered.filter((e) => !doc.contains(e)).map((e) => `${e.tagName}: ${e.textContent.trim().slice(0, 40)}`);
        // No box cuts its text.
        const clipped = [doc, ...doc.querySelectorAll('*')].filter((e) => e.clientWidth > 0 && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
          .map((e) => `${e.tagName}.${e.className}: ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`);
        // No word split across two lines in a heading or an application's name.
        const split = [];
        for (const el of doc.querySelectorAll('th, .ers-golive-pack__print-name strong')) {
          const text = el.firstChild;
          if (!text || text.nodeType !== 3) continue;
          for (const m of text.textContent.matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(text, m.index);
            r.setEnd(text, m.index + m[0].length);
            const tops = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
            if (tops.size > 1) split.push(m[0]);
          }
        }
        const email = doc.querySelector('.ers-golive-pack__print-email')?.textContent ?? '';
        return {
          outside,
          clipped,
          split,
          rows: doc.querySelectorAll('.ers-golive-pack__print-table tbody tr').length,
          steps: [...doc.querySelectorAll('.ers-golive-pack__print-steps li')].map((li) => li.textContent),
          summary: doc.querySelector('.ers-golive-pack__print-summary').textContent,
          verdict: pack.pack.summary,
          emailEnds: email.trimEnd().split('\n').slice(-2),
          asids: [...doc.querySelectorAll('.ers-golive-pack__print-table tbody tr td:nth-child(3)')].map((td) => td.textContent),
        };
      }, PACK);
      assert.deepEqual(seen.outside, [], 'nothing of the site prints');
      assert.deepEqual(seen.clipped, [], 'no text is cut');
      assert.deepEqual(seen.split, [], 'no word is split');
      assert.equal(seen.rows, 9);
      assert.equal(seen.summary, seen.verdict);
      assert.equal(seen.steps.length, 10);
      assert.match(seen.steps[3], /^\[x\] 4\.14 Name your application \(each application\) — Verified: the 9 names pass 4\.14\.$/);
      // The email prints to its last line; every ASID entered is in the table.
      assert.deepEqual(seen.emailEnds, ['Kind regards,', 'Sam Patel']);
      const project = await savedProject(page);
      assert.deepEqual(seen.asids, project.applications.map((a) => a.asid));
      await screenshot(page, 'workspace-print');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});

describe('the workspace at 320 px', () => {
  it('never scrolls sideways, on load and with a 50-EUO plan', async () => {
    const s = await openPage('', { viewport: { width: 320, height: 800 } });
    try {
      const { page } = s;
      await page.waitForSelector(`${WS} button:has-text("Save project file")`);
      await page.waitForSelector('ers-name-check form');
      const wide = () => page.evaluate(() => {
        const all = (root) => [...root.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [e, ...all(e.shadowRoot)] : [e]));
        const over = all(document.body).filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && el.offsetParent !== null && !el.closest('.ers-visually-hidden, .ers-table-wrap'));
        return { scroll: document.documentElement.scrollWidth, first: over.slice(0, 3).map((el) => `${el.tagName}.${el.className}`) };
      });
      assert.deepEqual(await wide(), { scroll: 320, first: [] });
      const fifty = Array.from({ length: 50 }, (_, i) => [`Organisation number ${i + 1} with a rather long NHS Foundation Trust name`, `R${String(i).padStart(4, '0')}`]);
      await planThrough(page, fifty);
      await page.fill(`${PACK} fieldset[data-index="0"] input[data-field="jwksUrl"]`, 'https://keys.a-very-long-host-name-for-a-supplier.example.com/ers/prod/jwks/applications/all/jwks.json');
      await page.waitForFunction((tag) => document.querySelector(tag).pack?.findings.length > 0, PACK);
      assert.deepEqual(await wide(), { scroll: 320, first: [] });
      await screenshot(page, 'workspace-320');
      assert.deepEqual(s.consoleErrors, []);
    } finally {
      await s.close();
    }
  });
});

describe('the workspace at scale', () => {
  it('groups repeated organisations with one bulk fix, asks before re-importing and removing', async () => {
    const s = await openPage('');
    try {
      const { page } = s;
      const list = Array.from({ length: 50 }, (_, i) => `Trust ${i + 1},R${String(i).padStart(3, '0')}`).join('\n');
      await page.waitForSelector(`${PLANNER} input[value="user-restricted"]`);
      const file = { name: 'euos.csv', mimeType: 'text/csv', buffer: Buffer.from(`Organisation,ODS code\n${list}\n`) };
      await page.setInputFiles(`${PLANNER} input[type="file"]`, file);
      await page.waitForFunction((tag) => document.querySelector(tag).euos.length === 50, PLANNER);
      // The same file again: asks add or replace.
      await page.setInputFiles(`${PLANNER} input[type="file"]`, file);
      await page.waitForSelector(`${PLANNER} .ers-ask`);
      assert.match(await page.textContent(`${PLANNER} .ers-ask`), /already has 50 organisations\. Add the 50 from euos\.csv to them, or replace them\?/);
      await page.click(`${PLANNER} .ers-ask button:has-text("Add 50 to the list")`);
      await page.waitForFunction((tag) => document.querySelector(tag).euos.length === 100, PLANNER);
      // One tab stop per organisation row.
      const stops = await page.$$eval(`${PLANNER} .ers-asid-planner__euos tbody tr`, (rows) => rows.map((r) => r.querySelectorAll('button, input, a, select, textarea, [tabindex]').length));
      assert.ok(stops.length > 0 && stops.every((n) => n === 1), String(stops));

      await page.fill(`${PLANNER} input[name="product"]`, 'Care Vista Link');
      await page.check(`${PLANNER} input[value="user-restricted"]`);
      await page.click(`${PLANNER} button:has-text("Plan the go-live")`);
      await page.waitForSelector(`${PLANNER} [data-fix="remove-duplicates"]`);
      assert.equal(await page.locator(`${PLANNER} .ers-asid-planner__notes > li[data-code="ERS-P010"]`).count(), 1);
      assert.match(await page.textContent(`${PLANNER} li[data-code="ERS-P010"] .ers-diagnostic__message`), /^50 organisations are in the list twice/);
      await page.click(`${PLANNER} [data-fix="remove-duplicates"]`);
      await page.click(`${PLANNER} .ers-ask button:has-text("Yes, remove 50")`);
      await page.waitForFunction((tag) => document.querySelector(tag).euos.length === 50, PLANNER);
      await page.waitForFunction((tag) => !document.querySelector(tag).shadowRoot.querySelector('[data-fix="remove-duplicates"]'), PLANNER);

      // Removing all asks first; Cancel keeps them.
      await page.click(`${PLANNER} button:has-text("Remove all organisations")`);
      await page.click(`${PLANNER} .ers-ask button:has-text("Cancel")`);
      assert.equal(await page.$eval(PLANNER, (el) => el.euos.length), 50);
      // The pack groups what 50 applications share, once.
      await page.waitForFunction((tag) => document.querySelector(tag).request.applications.length === 50, PACK);
      await page.waitForSelector(`${PACK} .ers-golive-pack__groups li`);
      assert.match(await page.textContent(`${PACK} .ers-golive-pack__groups`), /50 applications: no AppID yet/);
      assert.deepEqual(s.consoleErrors, []);
    } finally {
      await s.close();
    }
  });
});

describe('a journey by keyboard alone', () => {
  it('plans, fills a detail and saves, with Tab, typing, Space and Enter only', async () => {
    const s = await openPage('');
    try {
      const { page } = s;
      await page.waitForSelector(`${PLANNER} input[value="user-restricted"]`);
      const tabTo = async (test, max = 400) => {
        for (let i = 0; i < max; i += 1) {
          await page.keyboard.press('Tab');
          if (await page.evaluate(test)) return;
        }
        throw new Error(`never reached by Tab: ${test}`);
      };
      await tabTo(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.name === 'product');
      await page.keyboard.type('Care Vista Link');
      await tabTo(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.value === 'user-restricted');
      await page.keyboard.press('Space');
      await tabTo(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.getAttribute('autocomplete') === 'organization' && (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.closest('.ers-asid-planner__add'));
      await page.keyboard.type('Leeds Teaching Hospitals');
      await page.keyboard.press('Enter');
      await page.waitForFunction((tag) => document.querySelector(tag).euos.length === 1, PLANNER);
      await tabTo(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.textContent === 'Plan the go-live');
      await page.keyboard.press('Enter');
      await page.waitForFunction((tag) => document.querySelector(tag).request.applications.length === 1, PACK);
      await tabTo(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.dataset?.field === 'asid');
      await page.keyboard.type('200000000101');
      await page.waitForFunction(() => JSON.parse(localStorage.getItem('ers-golive:project') ?? '{}').applications?.[0]?.asid === '200000000101');
      // Back up to Save project file, and press it.
      await page.keyboard.press('Shift+Tab');
      const downloading = page.waitForEvent('download');
      for (let i = 0; i < 400; i += 1) {
        if (await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.textContent === 'Save project file')) break;
        await page.keyboard.press('Shift+Tab');
      }
      await page.keyboard.press('Enter');
      const file = JSON.parse((await readDownload(await downloading)).text);
      assert.equal(file.applications[0].asid, '200000000101');
      assert.deepEqual(s.consoleErrors, []);
    } finally {
      await s.close();
    }
  });
});
