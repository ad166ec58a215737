// <ers-golive-pack> in headless Chromium: a plan made in the planner is taken into the pack,
// findings appear next to their fields with codes and rules, fixing them makes the pack ready,
// the checklist ticks go into the Markdown email, the downloads are checked, a bad plan file
// gets an error summary, only the project (no secret) is stored, axe finds nothing, and there is no console error or
// off-origin request.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';

import { checkA11y } from './axe.mjs';
import { openPage, screenshot, openExamples, itLeftNoErrorOrRequestElsewhere, planCareVista } from './harness.mjs';

const EL = 'ers-golive-pack';
const UR = 'Care Vista - Care Vista Link for Leeds Teaching Hospitals - PROD - e-Referral Service, User Restricted';
const AR = 'Care Vista - Care Vista Link Referrer for Leeds Teaching Hospitals - PROD - e-Referral Service, Application-Restricted';

async function readDownload(download) {
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** The findings shown next to application `i`'s field `field`, as their codes. */
async function fieldCodes(page, i, field) {
  return page.$$eval(
    `${EL} fieldset[data-index="${i}"] [data-field="${field}"]`,
    (inputs) => inputs.flatMap((input) => (input.getAttribute('aria-describedby') ?? '').split(' ')
      .map((id) => input.getRootNode().getElementById(id)?.querySelector('.ers-diagnostic__code')?.textContent)
      .filter(Boolean)),
  );
}

describe('<ers-golive-pack>', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('', { bypassCSP: true });
    page = session.page;
    await page.waitForSelector(`${EL} input[data-step="4.11"]`);
  });
  after(async () => {
    if (session) await screenshot(session.page, 'golive');
    await session?.close();
  });

  it('says the PROD form fields are not public, and lists Stage 4', async () => {
    const text = await page.textContent(`${EL} .ers-root`);
    assert.match(text, /The PROD form’s exact fields are not public\./);
    assert.match(text, /The e-RS Partners team sends you the PROD form \(4\.3\)/);
    const steps = await page.$$eval(`${EL} input[data-step]`, (boxes) => boxes.map((b) => b.dataset.step));
    assert.deepEqual(steps, ['4.11', '4.12', '4.13', '4.14', '4.15', '4.16', '4.17', '4.2', '4.3', '4.4']);
  });

  it('starts empty with a hint of what to do, not an error', async () => {
    assert.equal(await page.isVisible(`${EL} .ers-verdict`), false);
    assert.equal(await page.locator(`${EL} .ers-diagnostic__code`).count(), 0);
    assert.match(await page.textContent(`${EL} .ers-root`), /No application yet: use the plan from the planner/);
  });

  it('asks for a plan before the planner has one', async () => {
    await page.click(`${EL} button:has-text("Use the plan from the planner above")`);
    await page.waitForSelector(`${EL} .ers-error-summary:not([hidden])`);
    assert.match(await page.textContent(`${EL} .ers-error-summary`), /The planner has no plan yet: make a plan in the planner first/);
    assert.equal(await page.evaluate((tag) => document.querySelector(tag).shadowRoot.activeElement === document.querySelector(tag).shadowRoot.querySelector('.ers-error-summary'), EL), true);
  });

  it('takes the plan from the planner on the page and lists what is missing', async () => {
    await planCareVista(page, [{ name: 'Leeds Teaching Hospitals', odsCode: 'RR8' }]);

    await page.click(`${EL} button:has-text("Use the plan from the planner above")`);
    await page.waitForSelector(`${EL} fieldset[data-index="1"]`);
    assert.equal(await page.isHidden(`${EL} .ers-error-summary`), true);
    const names = await page.$$eval(`${EL} input[data-field="name"]`, (inputs) => inputs.map((i) => i.value));
    assert.deepEqual(names, [UR, AR]);
    assert.equal(
      (await page.textContent(`${EL} fieldset[data-index="0"] .ers-golive-pack__missing`)).trim(),
      'Warning: Still to fill in: AppID (ERS-G001, rule 4.3), API key (ERS-G002, rule 4.3), kid (ERS-G003, rule 4.2), JWKS URL (ERS-G004, rule 4.2), callback URL (ERS-G029, rule 4.15).',
    );
    // The application-restricted one needs no callback URL.
    assert.equal(
      (await page.textContent(`${EL} fieldset[data-index="1"] .ers-golive-pack__missing`)).trim(),
      'Warning: Still to fill in: AppID (ERS-G001, rule 4.3), API key (ERS-G002, rule 4.3), kid (ERS-G003, rule 4.2), JWKS URL (ERS-G004, rule 4.2).',
    );
    assert.equal((await page.textContent(`${EL} .ers-verdict`)).trim(), 'Not ready to send: 9 details still missing (0 of 2 applications ready).');
  });

  it('shows findings next to their fields, with codes and rules', async () => {
    const app = `${EL} fieldset[data-index="0"]`;
    await page.fill(`${app} input[data-field="appId"]`, 'a1b2c3d4-0000-4000-8000-000000000001');
    await page.fill(`${app} input[data-field="apiKey"]`, 'Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH5jA');
    await page.fill(`${app} input[data-field="kid"]`, 'Prod one');
    await page.fill(`${app} input[data-field="asid"]`, '2000 0000 1234');
    await page.fill(`${app} input[data-field="jwksUrl"]`, 'http://localhost:8080/jwks.json');
    await page.fill(`${app} input[data-field="callbackUrl"]`, 'http://app.carevista.example.com/ers/callback');
    await page.waitForFunction((sel) => document.querySelector(sel.split(' ')[0]).shadowRoot.querySelector(sel.split(' ').slice(1).join(' ') + ' input[data-field="jwksUrl"]').getAttribute('aria-invalid') === 'true', app);
    // A kid with a space is one NHS hosts in PROD: a warning, and the field is not invalid.
    assert.deepEqual(await fieldCodes(page, 0, 'kid'), ['ERS-G007']);
    assert.equal(await page.$eval(`${app} input[data-field="kid"]`, (i) => i.getAttribute('aria-invalid')), 'false');
    assert.match(await page.textContent(`${app} input[data-field="kid"] >> xpath=..`), /Warning: ERS-G007 An unusual kid: it holds a space at character 5/);
    assert.deepEqual(await fieldCodes(page, 0, 'asid'), ['ERS-G025']);
    assert.deepEqual(await fieldCodes(page, 0, 'jwksUrl'), ['ERS-G011', 'ERS-G012']);
    const jwks = await page.textContent(`${app} input[data-field="jwksUrl"] >> xpath=..`);
    // Code from the module is shown as code, never with its backticks.
    assert.deepEqual(await page.$$eval(`${app} .ers-field:has(input[data-field="jwksUrl"]) code`, (cs) => cs.map((c) => c.textContent)), ['http:', 'https:', 'localhost']);
    assert.equal(jwks.includes('`'), false);
    assert.match(jwks, /Error: ERS-G012 The JWKS URL's host localhost is this computer \(localhost\): the NHS token server cannot reach it\. \(rule 4\.2\)/);
    assert.equal(await page.isHidden(`${app} .ers-golive-pack__missing`), true);
    // A callback URL over http: refused on its field, with the https one offered.
    assert.deepEqual(await fieldCodes(page, 0, 'callbackUrl'), ['ERS-G030']);
    assert.match(await page.textContent(`${app} input[data-field="callbackUrl"] >> xpath=..`), /Error: ERS-G030 The callback URL uses http:, not https:\./);
    await page.click(`${app} button:has-text("Use “https://app.carevista.example.com/ers/callback”")`);
    await page.waitForFunction((sel) => document.querySelector(sel.split(' ')[0]).shadowRoot.querySelector(sel.split(' ').slice(1).join(' ') + ' input[data-field="callbackUrl"]').getAttribute('aria-invalid') === 'false', app);
    assert.equal(await page.$eval(`${app} input[data-field="callbackUrl"]`, (i) => i.value), 'https://app.carevista.example.com/ers/callback');
  });

  it('becomes ready when every detail is right, with the ticks in the email', async () => {
    const a = `${EL} fieldset[data-index="0"]`;
    const b = `${EL} fieldset[data-index="1"]`;
    await page.fill(`${a} input[data-field="kid"]`, 'prod-1');
    await page.fill(`${a} input[data-field="asid"]`, '200000001234');
    await page.fill(`${a} input[data-field="jwksUrl"]`, 'https://keys.carevista.example.com/ers/jwks.json');
    await page.fill(`${b} input[data-field="appId"]`, 'a1b2c3d4-0000-4000-8000-000000000002');
    await page.fill(`${b} input[data-field="apiKey"]`, '=cmd|calc');
    await page.fill(`${b} input[data-field="kid"]`, 'prod-2');
    await page.fill(`${b} input[data-field="jwksUrl"]`, 'https://keys.carevista.example.com/ers/jwks.json');
    await page.check(`${EL} input[data-step="4.11"]`);
    await page.check(`${EL} input[data-step="4.12"]`);
    // 4.11 and 4.12 ticked by the user; 4.14 and 4.2 verified by the tool (4.16 waits for the
    // second application's ASID).
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.complete === true && document.querySelector(tag).pack?.totals.stepsDone === 4, EL);
    assert.equal(await page.isDisabled(`${EL} input[data-step="4.2"]`), true, 'the tool ticks 4.2, not the user');
    assert.equal(await page.textContent(`${EL} [data-note="4.16"]`), 'ASIDs entered for 1 of 2 applications (NHS allocates them).');
    assert.equal((await page.textContent(`${EL} .ers-verdict`)).trim(), 'Ready to send: all 2 applications complete, nothing wrong.');
    assert.equal(await page.$eval(`${EL} fieldset[data-index="0"] input[data-field="kid"]`, (i) => i.getAttribute('aria-invalid')), 'false');

    const [md] = await Promise.all([page.waitForEvent('download'), page.click(`${EL} button[data-format="markdown"]`)]);
    const email = await readDownload(md);
    assert.equal(email.name, 'ers-golive-pack-care-vista-link.md');
    const lines = email.text.split('\n');
    assert.equal(lines[0], 'Subject: e-RS PROD form details: Care Vista Link (Care Vista)');
    // Who to send it to, as 4.3 says it: the address is on the PROD form, never made up.
    assert.ok(lines.includes('To: the e-RS Partners team, at the address on the PROD form they sent you (4.3: "Please complete the PROD form, including the new IDs, and return it")'), email.text);
    // Every detail entered, the ASID first.
    assert.ok(lines.includes(
      `| 1 | ${UR} | 200000001234 | a1b2c3d4-0000-4000-8000-000000000001 | Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH5jA | prod-1 | https\\://keys.carevista.example.com/ers/jwks.json | https\\://app.carevista.example.com/ers/callback | Leeds Teaching Hospitals | RR8 | user-restricted |  | e-Referral Service - Healthcare Worker | PROD |`,
    ), email.text);
    assert.ok(lines.includes(
      `| 2 | ${AR} |  | a1b2c3d4-0000-4000-8000-000000000002 | =cmd\\|calc | prod-2 | https\\://keys.carevista.example.com/ers/jwks.json |  | Leeds Teaching Hospitals | RR8 | application-restricted | referrer | e-Referral Service - Application Restricted | PROD |`,
    ), email.text);
    assert.ok(lines.includes('- [x] **4.11** Sign in to your developer account'));
    assert.ok(lines.includes('- [x] **4.12** Register your application (each application)'));
    assert.ok(lines.includes("- [x] **4.2** Generate a key pair (each application) — Verified: each of the 2 applications has a key pair's kid."), email.text);
    assert.ok(lines.includes('- [x] **4.14** Name your application (each application) — Verified: the 2 names pass 4.14.'), email.text);
    assert.ok(lines.includes('- [ ] **4.3** Send your AppID'));
    assert.equal(email.text.includes('Still to complete'), false);
    const [txt] = await Promise.all([page.waitForEvent('download'), page.click(`${EL} button[data-format="text"]`)]);
    const plain = await readDownload(txt);
    assert.equal(plain.name, 'ers-golive-pack-care-vista-link.txt');
    assert.ok(plain.text.startsWith('Subject: e-RS PROD form details: Care Vista Link (Care Vista)\n\nTo: the e-RS Partners team, at the address on the PROD form they sent you (4.3: "Please complete the PROD form, including the new IDs, and return it")\n\nHello e-RS Partners team,'), plain.text);
    assert.ok(plain.text.includes(`1. ${UR}\n   ASID:                  200000001234\n   AppID:                 a1b2c3d4-0000-4000-8000-000000000001\n`), plain.text);
    assert.ok(plain.text.includes(`2. ${AR}\n   ASID:                  (not given yet: NHS allocates it, 4.16)\n`), plain.text);
    assert.ok(plain.text.includes('   JWKS URL:              https://keys.carevista.example.com/ers/jwks.json\n   Callback URL:          https://app.carevista.example.com/ers/callback\n'), plain.text);
    assert.equal(plain.text.split('Callback URL:').length, 2, 'only the user-restricted application has one');
    // The page says who to send it to as the email does.
    assert.match(await page.textContent(`${EL} .ers-golive-pack__to`), /^To: the e-RS Partners team, at the address on the PROD form they sent you/);
    assert.ok(plain.text.includes('[x] 4.11 Sign in to your developer account'));
    await page.click(`${EL} .ers-golive-pack__exports details summary`);
    await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.querySelector('.ers-golive-pack__email').textContent.startsWith('Subject:'), EL);
    assert.equal(await page.textContent(`${EL} .ers-golive-pack__email`), plain.text);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click(`${EL} button[data-format="csv"]`)]);
    const sheet = await readDownload(csv);
    assert.equal(sheet.name, 'ers-golive-pack-care-vista-link.csv');
    assert.ok(sheet.text.startsWith('\uFEFFApplication name,ASID,AppID,API key,kid,JWKS URL,Callback URL,End-user organisation,'));
    assert.ok(sheet.text.includes(`\r\n"${UR}",200000001234,a1b2c3d4-0000-4000-8000-000000000001,`), sheet.text);
    assert.ok(sheet.text.includes(`,"'=cmd|calc",prod-2,`), sheet.text);

    const [json] = await Promise.all([page.waitForEvent('download'), page.click(`${EL} button[data-format="json"]`)]);
    const data = JSON.parse((await readDownload(json)).text);
    assert.equal(data.complete, true);
    assert.equal(data.applications[0].kid, 'prod-1');
    assert.equal(data.applications[0].asid, '200000001234');
    assert.equal(data.applications[0].callback_url, 'https://app.carevista.example.com/ers/callback');
  });

  it('keeps what was typed when the same plan is taken again, and says for how many', async () => {
    await page.click(`${EL} button:has-text("Use the plan from the planner above")`);
    await page.waitForFunction(
      (tag) => [...document.querySelector(tag).shadowRoot.querySelectorAll('[aria-live]')]
        .some((region) => region.textContent === '2 PROD applications taken from the planner; details kept for 2.'),
      EL,
    );
    assert.equal(await page.$eval(`${EL} fieldset[data-index="0"] input[data-field="asid"]`, (i) => i.value), '200000001234');
    assert.equal(await page.$eval(`${EL} fieldset[data-index="1"] input[data-field="kid"]`, (i) => i.value), 'prod-2');
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.complete === true, EL);
  });

  it('adds and removes an application by hand', async () => {
    await page.click(`${EL} button:has-text("Add an application by hand")`);
    await page.waitForSelector(`${EL} fieldset[data-index="2"]`);
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.totals.applications === 3, EL);
    // No error on a pristine empty field: only after the first edit.
    assert.deepEqual(await fieldCodes(page, 2, 'name'), []);
    await page.fill(`${EL} fieldset[data-index="2"] input[data-field="name"]`, 'x');
    await page.fill(`${EL} fieldset[data-index="2"] input[data-field="name"]`, '');
    // Wait for the check of the empty name, not the one of "x" (whose ERS-G005 also marks it
    // invalid): under load the second check can come a moment after the first.
    await page.waitForFunction((tag) => {
      const input = document.querySelector(tag).shadowRoot.querySelector('fieldset[data-index="2"] input[data-field="name"]');
      const codes = (input.getAttribute('aria-describedby') ?? '').split(' ')
        .map((id) => input.getRootNode().getElementById(id)?.querySelector('.ers-diagnostic__code')?.textContent);
      return input.getAttribute('aria-invalid') === 'true' && codes.includes('ERS-G006');
    }, EL);
    assert.deepEqual(await fieldCodes(page, 2, 'name'), ['ERS-G006']);
    assert.deepEqual(await fieldCodes(page, 2, 'accessMode'), ['ERS-G015']);
    await page.click(`${EL} button:has-text("Remove application 3")`);
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.complete === true, EL);
  });

  it('reports a file that is not a plan in an error summary linked to the file input', async () => {
    await page.setInputFiles(`${EL} input[type="file"]`, { name: 'keys.json', mimeType: 'application/json', buffer: Buffer.from('{"keys": []}') });
    await page.waitForSelector(`${EL} .ers-error-summary:not([hidden])`);
    const summary = await page.textContent(`${EL} .ers-error-summary`);
    assert.match(summary, /keys\.json: plan JSON: not a go-live plan \(missing field applications/);
    assert.equal(summary.includes('`'), false);
    await page.click(`${EL} .ers-error-summary a`);
    assert.equal(await page.evaluate((tag) => document.querySelector(tag).shadowRoot.activeElement === document.querySelector(tag).shadowRoot.querySelector('input[type="file"]'), EL), true);
    // The applications are untouched.
    assert.equal(await page.$eval(EL, (el) => el.request.applications.length), 2);
  });

  it('keeps only the go-live project in the browser, with no secret in it', async () => {
    const stored = await page.evaluate(() => ({
      keys: Object.keys(localStorage),
      session: sessionStorage.length,
      text: localStorage.getItem('ers-golive:project') ?? '',
    }));
    assert.deepEqual(stored.keys, ['ers-golive:project']);
    assert.equal(stored.session, 0);
    assert.equal(/PRIVATE KEY|secret"\s*:|passphrase"\s*:/.test(stored.text), false);
  });

  it('checks 6,000 applications in the worker: the same findings and email file as on the page', async () => {
    // Over BIG_INPUT (5,000), the pack is checked in the rules worker, its findings come back
    // packed and the email file is a Blob made there: what the page shows and saves must be
    // exactly what the module gives on the page for the same request.
    const saved = await page.$eval(EL, (el) => el.request);
    const request = {
      product: 'Care Vista Link',
      supplier: 'Care Vista',
      done: [],
      applications: Array.from({ length: 6000 }, (_, i) => ({
        name: `Care Vista Link ${i + 1}`, environment: 'prod', accessMode: 'user-restricted', api: 'e-Referral Service',
        asid: i === 3 ? '12345' : '', jwksUrl: i === 4 ? 'http://example.org/jwks.json' : '',
      })),
    };
    const seen = await page.evaluate(async ({ tag, request: r }) => {
      // (restored below, and in the `finally` if an assertion fails first)
      const el = document.querySelector(tag);
      el.request = r;
      const pack = await el.checked;
      const m = await (await import(new URL('js/ers.js', document.baseURI).href)).rules();
      const here = m.goLivePack(el.request);
      return {
        packed: typeof Object.getOwnPropertyDescriptor(pack, 'findings')?.get === 'function',
        same: JSON.stringify(pack.findings) === JSON.stringify(here.findings) && JSON.stringify(pack.applications) === JSON.stringify(here.applications),
        findings: here.findings.length,
        asid: here.findings.filter((f) => f.application === 3 && f.location === 'asid').map((f) => f.code),
        jwks: here.findings.filter((f) => f.application === 4 && f.location === 'jwksUrl').map((f) => f.code),
        text: m.packToText(el.request),
        groups: (el.shadowRoot ?? el).querySelector('.ers-golive-pack__groups')?.textContent ?? '',
      };
    }, { tag: EL, request });
    try {
      assert.equal(seen.packed, true, 'the findings came packed from the worker');
      assert.equal(seen.same, true, 'the worker gives the findings and applications the page gives');
      assert.ok(seen.findings > 6000);
      assert.deepEqual(seen.asid, ['ERS-G025']);
      assert.deepEqual(await fieldCodes(page, 3, 'asid'), seen.asid);
      assert.deepEqual(await fieldCodes(page, 4, 'jwksUrl'), seen.jwks);
      assert.match(seen.groups, /6,000 applications: no AppID yet/);
      const download = page.waitForEvent('download');
      await page.click(`${EL} button:has-text("Download the email (text)")`);
      const email = await readDownload(await download);
      assert.equal(email.text, seen.text);
    } finally {
      await page.$eval(EL, (el, r) => (el.request = r), saved);
      await page.$eval(EL, (el) => el.checked);
    }
  });

  it('passes axe', async () => {
    const violations = await checkA11y(page, EL);
    assert.deepEqual(violations, []);
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});

describe('<ers-golive-pack> examples', () => {
  it('has no axe violation, empty and with findings, beside the planner', async () => {
    const s = await openExamples('ers-golive-pack');
    try {
      const p = s.page;
      // Until embed.js lists the element, define it here (a no-op once it does).
      await p.evaluate(async (tag) => {
        if (!customElements.get(tag)) await import(new URL(`../../components/${tag}/define.js`, document.baseURI).href);
      }, EL);
      await p.waitForSelector(`${EL} >> nth=0 >> input[data-step="4.4"]`);
      await p.waitForSelector(`${EL} >> nth=1 >> input[data-step="4.4"]`);
      assert.deepEqual(await checkA11y(p, 'main'), []);
      await p.click(`${EL} >> nth=1 >> button:has-text("Add an application by hand")`);
      await p.fill(`${EL} >> nth=1 >> input[data-field="jwksUrl"]`, 'http://intranet/jwks.json');
      await p.waitForFunction((tag) => document.querySelectorAll(tag)[1].pack?.findings.some((f) => f.code === 'ERS-G012'), EL);
      await p.click(`${EL} >> nth=0 >> button:has-text("Use the plan from the planner above")`);
      await p.waitForSelector(`${EL} >> nth=0 >> .ers-error-summary:not([hidden])`);
      assert.deepEqual(await checkA11y(p, 'main'), []);
      assert.deepEqual(s.consoleErrors, []);
      assert.deepEqual(s.offOriginRequests, []);
    } finally {
      await s.close();
    }
  });
});
