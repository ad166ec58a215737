// <ers-asid-planner> in headless Chromium: CSV import (file picker and drag and drop, with a
// broken row reported by line), pasting a column, planning, the CSV / JSON / Markdown downloads
// checked byte for byte, errors with a summary that links to the fields, paging 10,000 EUOs,
// accessibility, and no console error or off-origin request.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';

import { checkA11y } from './axe.mjs';
import { openPage, screenshot, openExamples, itLeftNoErrorOrRequestElsewhere } from './harness.mjs';

const EL = 'ers-asid-planner';
const BOM = '\uFEFF';

// Semicolons, header in the "wrong" order, a quoted name with a comma, a broken quote on line 4.
const CSV_IN = `${BOM}ODS code;Organisation name\r\nRR8;Leeds Teaching Hospitals NHS Trust\r\nRCF;"Airedale, NHS Foundation Trust"\r\nRCD;"Harrogate\r\n`;

async function readDownload(download) {
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

describe('<ers-asid-planner>', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('');
    page = session.page;
    await page.waitForSelector(`${EL} input[type="checkbox"]`);
  });
  after(async () => {
    if (session) await screenshot(session.page, 'planner');
    await session?.close();
  });

  it('imports a CSV file chosen with the file picker, reporting the unreadable row by line', async () => {
    await page.setInputFiles(`${EL} input[type="file"]`, {
      name: 'euos.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV_IN, 'utf8'),
    });
    await page.waitForSelector(`${EL} .ers-asid-planner__import:not([hidden])`);
    const report = await page.textContent(`${EL} .ers-asid-planner__import`);
    assert.match(report, /Imported 2 organisations from euos\.csv\. 1 row was not imported:/);
    assert.match(report, /ERS-P030 Line 4: a quoted cell is never closed, so this row was not imported\./);
    const euos = await page.$eval(EL, (el) => el.euos);
    assert.deepEqual(
      euos.map((e) => [e.name, e.odsCode]),
      [
        ['Leeds Teaching Hospitals NHS Trust', 'RR8'],
        ['Airedale, NHS Foundation Trust', 'RCF'],
      ],
    );
  });

  it('imports a file dropped on it, and a pasted column', async () => {
    await page.evaluate((tag) => {
      const zone = document.querySelector(tag).shadowRoot.querySelector('[data-drop]');
      const data = new DataTransfer();
      data.items.add(new File(['Organisation,ODS\nHarrogate and District NHS Foundation Trust,RCD\n'], 'more.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }, EL);
    // The list is not empty: it asks whether to add or replace.
    await page.waitForSelector(`${EL} .ers-ask`);
    assert.match(await page.textContent(`${EL} .ers-ask`), /The list already has 2 organisations\. Add the 1 from more\.csv to them, or replace them\?/);
    await page.click(`${EL} .ers-ask button:has-text("Add 1 to the list")`);
    await page.waitForFunction((tag) => document.querySelector(tag).euos.length === 3, EL);

    await page.click(`${EL} details summary`);
    await page.fill(`${EL} textarea`, 'Bradford Teaching Hospitals\tRAE\nCalderdale and Huddersfield\tRWY\n');
    await page.click(`${EL} button:has-text("Add pasted organisations")`);
    await page.click(`${EL} .ers-ask button:has-text("Add 2 to the list")`);
    await page.waitForFunction((tag) => document.querySelector(tag).euos.length === 5, EL);
    const names = await page.$eval(EL, (el) => el.euos.map((e) => e.name));
    assert.deepEqual(names.slice(2), ['Harrogate and District NHS Foundation Trust', 'Bradford Teaching Hospitals', 'Calderdale and Huddersfield']);
  });

  it('edits and removes an organisation in the list, asking before it removes', async () => {
    await page.click(`${EL} button[aria-label^="Change or remove organisation 5,"]`);
    await page.fill(`${EL} input[data-euo="4"][data-part="edit-name"]`, 'Calderdale and Huddersfield NHS FT');
    await page.press(`${EL} input[data-euo="4"][data-part="edit-name"]`, 'Enter');
    assert.equal(await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.dataset.euo), '4', 'focus back on the row');
    await page.click(`${EL} button[aria-label^="Change or remove organisation 4,"]`);
    await page.click(`${EL} button[aria-label^="Remove organisation 4,"]`);
    assert.equal(await page.$eval(EL, (el) => el.euos.length), 5, 'nothing removed before the answer');
    await page.click(`${EL} .ers-ask button:has-text("Yes, remove it")`);
    const names = await page.$eval(EL, (el) => el.euos.map((e) => e.name));
    assert.deepEqual(names.slice(3), ['Calderdale and Huddersfield NHS FT']);
    assert.equal(names.length, 4);
  });

  it('shows an error summary linking to each missing input, and takes focus', async () => {
    await page.click(`${EL} button:has-text("Plan the go-live")`);
    await page.waitForSelector(`${EL} .ers-error-summary:not([hidden])`);
    const focused = await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.classList.contains('ers-error-summary'));
    assert.equal(focused, true);
    const items = await page.$$eval(`${EL} .ers-error-summary li a`, (as) => as.map((a) => a.textContent));
    assert.equal(items.length, 2);
    assert.match(items[0], /^The product name is empty/);
    assert.match(items[1], /^No access mode is chosen/);
    const productError = await page.textContent(`${EL} [data-field="product"] .ers-error-message`);
    assert.match(productError, /^Error: The product name is empty/);
    await page.click(`${EL} .ers-error-summary li a >> nth=0`);
    const active = await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.getAttribute('name'));
    assert.equal(active, 'product');
    const describedBy = await page.getAttribute(`${EL} input[name="product"]`, 'aria-describedby');
    assert.match(describedBy, /-error/);
  });

  it('hides the pagers while everything fits on one page', async () => {
    assert.equal(await page.isHidden(`${EL} .ers-asid-planner__pager >> nth=0`), true);
  });

  it('plans: summary figures and the table, each line with its rule', async () => {
    await page.fill(`${EL} input[name="product"]`, 'Care Vista Link');
    await page.fill(`${EL} input[name="supplier"]`, 'Care Vista');
    for (const id of ['user-restricted', 'application-restricted-referrer', 'application-restricted-provider']) {
      await page.check(`${EL} input[value="${id}"]`);
    }
    await page.check(`${EL} input[value="PDS"]`);
    await page.check(`${EL} input[value="GP Connect"]`);
    await page.click(`${EL} button:has-text("Plan the go-live")`);
    await page.waitForSelector(`${EL} .ers-asid-planner__result:not([hidden])`);
    assert.equal(await page.isHidden(`${EL} .ers-error-summary`), true);
    const figures = await page.$$eval(`${EL} .ers-summary-figures strong`, (s) => s.map((x) => x.textContent));
    assert.deepEqual(figures, ['4', '16', '12', '12']);
    const first = await page.$$eval(`${EL} .ers-asid-planner__plan tbody tr:first-child td`, (tds) => tds.map((td) => td.textContent));
    assert.equal(first[1], 'Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - User-Restricted (ASID 1) (4.16)');
    assert.equal(first[3], 'Care Vista - Care Vista Link for Leeds Teaching Hospitals NHS Trust - PROD - e-Referral Service, User Restricted');
    assert.equal(first[4], 'e-Referral Service - Healthcare Worker');
    const notes = await page.$$eval(`${EL} .ers-asid-planner__note .ers-diagnostic__code`, (c) => c.map((x) => x.textContent));
    assert.deepEqual(notes, ['ERS-P020', 'ERS-P026', 'ERS-P021', 'ERS-P022', 'ERS-P023', 'ERS-P024']);
  });

  it('downloads the plan as CSV (UTF-8 with BOM), JSON and Markdown', async () => {
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click(`${EL} button[data-format="csv"]`)]);
    const csv = await readDownload(csvDownload);
    assert.equal(csv.name, 'ers-golive-plan-care-vista-link.csv');
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    assert.equal(lines.length, 1 + 16 + 1);
    assert.match(lines[0], /^Organisation,ODS code,ASID number,ASID name,/);
    assert.equal(
      lines[2],
      'Leeds Teaching Hospitals NHS Trust,RR8,2,Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - Application-Restricted - Referrer (ASID 2),application-restricted,referrer,REFERRER_AUTHORISED_APPLICATION,,"e-RS application-restricted (unattended) access as a referrer; NHS sets REFERRER_AUTHORISED_APPLICATION",4.16,"Care Vista - Care Vista Link Referrer for Leeds Teaching Hospitals NHS Trust - PROD - e-Referral Service, Application-Restricted",PROD,e-Referral Service - Application Restricted,1,4.14–4.16,,,,,,',
    );
    assert.match(lines[5], /^"Airedale, NHS Foundation Trust",RCF,1,/);

    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click(`${EL} button[data-format="json"]`)]);
    const json = JSON.parse((await readDownload(jsonDownload)).bytes.toString('utf8'));
    assert.deepEqual(json.totals, { euos: 4, asids: 16, applications: 12, key_pairs: 12 });
    assert.equal(json.asids[3].name, 'Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - APIM Platform Services (ASID 4)');

    const [mdDownload] = await Promise.all([page.waitForEvent('download'), page.click(`${EL} button[data-format="markdown"]`)]);
    const md = await readDownload(mdDownload);
    assert.equal(md.name, 'ers-golive-plan-care-vista-link.md');
    assert.match(md.bytes.toString('utf8'), /^# e-RS go-live plan: Care Vista Link\n\nSupplier: Care Vista\. End-user organisations: 4\. ASIDs: 16\./);
  });

  it('takes the user from a note about an organisation to its row', async () => {
    await page.$eval(EL, (el) => (el.euos = [...el.euos, { name: 'Airedale, NHS Foundation Trust', odsCode: 'RCF' }]));
    await page.click(`${EL} button:has-text("Plan the go-live")`);
    await page.waitForSelector(`${EL} .ers-asid-planner__note .ers-asid-planner__show`);
    const note = await page.textContent(`${EL} .ers-asid-planner__note:has(.ers-asid-planner__show) .ers-diagnostic__message`);
    assert.match(note, /^EUO 5 "Airedale, NHS Foundation Trust" has the same name as EUO 2/);
    await page.click(`${EL} .ers-asid-planner__show`);
    const focused = await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.dataset.euo);
    assert.equal(focused, '4');
    await page.$eval(EL, (el) => (el.euos = el.euos.slice(0, 4)));
    await page.click(`${EL} button:has-text("Plan the go-live")`);
    assert.equal(await page.$$eval(`${EL} .ers-asid-planner__show`, (b) => b.length), 0);
  });

  it('lets the supplier shape the names: the pattern changed, previewed with each length and verdict, then planned', async () => {
    // The defaults are shown, editable; the plan's size is said before planning.
    assert.equal(await page.inputValue(`${EL} input[name="app-name-pattern"]`), '{product} {capability} for {organisation}');
    assert.equal(await page.inputValue(`${EL} input[name="asid-name-pattern"]`), '{organisation} - {product} – Prod - {access} (ASID {n})');
    await page.waitForFunction((tag) => /^12 PROD applications to register on the developer hub, one by one \(4 organisations × 3 kinds of access\)/.test(document.querySelector(tag).shadowRoot.querySelector('.ers-asid-planner__size').textContent), EL);
    // What 4.16 and 4.17 let the supplier choose, in words.
    const choices = await page.$$eval(`${EL} .ers-asid-planner__choices-list li`, (lis) => lis.map((li) => li.textContent));
    assert.ok(choices.some((c) => c.startsWith('4.16 Each PROD application is bound to one ASID, one-to-one')), choices.join('\n'));
    assert.ok(choices.some((c) => c.includes('not with services on the NHS API platform (PDS, EPS, SCR)')));

    // A pattern that would give every organisation the same name is refused as it is typed.
    await page.fill(`${EL} input[name="app-name-pattern"]`, '{product} {capability}');
    await page.waitForFunction((tag) => !document.querySelector(tag).shadowRoot.querySelector('.ers-asid-planner__naming .ers-error-message').hidden, EL);
    assert.match(await page.textContent(`${EL} .ers-asid-planner__naming .ers-error-message`), /The application name pattern has no \{organisation\} or \{ods\}/);
    assert.equal(await page.getAttribute(`${EL} input[name="app-name-pattern"]`, 'aria-invalid'), 'true');

    // A short pattern by ODS code: previewed on the first organisations, each name with its
    // length and the name checker's verdict.
    await page.fill(`${EL} input[name="app-name-pattern"]`, '{product} {capability} {ods}');
    const first = 'Care Vista - Care Vista Link RR8 - PROD - e-Referral Service, User Restricted';
    await page.waitForFunction(([tag, name]) => document.querySelector(tag).shadowRoot.querySelector('.ers-asid-planner__preview tbody td:nth-child(3)')?.textContent === name, [EL, first]);
    const rows = await page.$$eval(`${EL} .ers-asid-planner__preview tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    assert.equal(rows.length, 6, 'the first 2 organisations × 3');
    assert.deepEqual(rows[0], ['Leeds Teaching Hospitals NHS Trust', 'Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - User-Restricted (ASID 1)', first, String(first.length), 'Passes 4.14.']);
    assert.equal(await page.getAttribute(`${EL} input[name="app-name-pattern"]`, 'aria-invalid'), 'false');

    // Planned: every application named by the pattern.
    await page.click(`${EL} button:has-text("Plan the go-live")`);
    await page.waitForFunction(([tag, name]) => document.querySelector(tag).shadowRoot.querySelector('.ers-asid-planner__plan tbody tr:first-child td:nth-child(4)')?.textContent === name, [EL, first]);
    const json = JSON.parse(await page.$eval(EL, (el) => el.exportPlan('json')));
    assert.equal(json.applications.length, 12);
    assert.equal(json.applications[4].name, 'Care Vista - Care Vista Link Referrer RCF - PROD - e-Referral Service, Application-Restricted');
    // Back to the default for the tests that follow.
    await page.fill(`${EL} input[name="app-name-pattern"]`, '{product} {capability} for {organisation}');
    await page.click(`${EL} button:has-text("Plan the go-live")`);
    await page.waitForFunction((tag) => document.querySelector(tag).shadowRoot.querySelector('.ers-asid-planner__plan tbody tr:first-child td:nth-child(4)')?.textContent.includes(' for '), EL);
  });

  it('says when the inputs changed since the plan', async () => {
    await page.uncheck(`${EL} input[value="GP Connect"]`);
    assert.equal(await page.isVisible(`${EL} .ers-asid-planner__result .ers-notice--warning`), true);
  });

  it('pages 10,000 organisations', async () => {
    await page.$eval(EL, (el) => {
      el.euos = Array.from({ length: 10000 }, (_, i) => ({ name: `Organisation ${i + 1}`, odsCode: `R${String(i).padStart(5, '0')}` }));
    });
    const count = await page.textContent(`${EL} .ers-asid-planner__count`);
    assert.equal(count, '10,000 organisations.');
    assert.equal(await page.$$eval(`${EL} .ers-asid-planner__euos tbody tr`, (r) => r.length), 50);
    await page.click(`${EL} button:has-text("Plan the go-live")`);
    await page.waitForFunction((tag) => document.querySelector(tag).plan?.totals.euos === 10000, EL);
    const pager = `${EL} .ers-asid-planner__result .ers-asid-planner__pager`;
    assert.equal(await page.textContent(`${pager} .ers-asid-planner__page`), 'Page 1 of 800 (ASIDs 1–50 of 40,000)');
    await page.click(`${pager} button:has-text("Next page")`);
    // A plan this big is kept in the worker: the page of rows comes from there, with its label.
    await page.locator(`${pager} .ers-asid-planner__page`).filter({ hasText: 'Page 2 of 800 (ASIDs 51–100 of 40,000)' }).waitFor();
    // 4 ASIDs per organisation (3 access modes + the APIM services ASID for PDS): ASID 51 is
    // organisation 13's third.
    const row = await page.$$eval(`${EL} .ers-asid-planner__plan tbody tr:first-child td`, (tds) => tds[1].textContent);
    assert.equal(row, 'Organisation 13 - Care Vista Link – Prod - Application-Restricted - Provider (ASID 3) (4.16)');
    assert.equal(await page.$$eval(`${EL} .ers-asid-planner__plan tbody tr`, (r) => r.length), 50);
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});

describe('<ers-asid-planner> duplicates at import', () => {
  it('says which organisations repeat an earlier one as soon as they are imported, in sentences, before any plan', async () => {
    const s = await openPage('');
    try {
      await s.page.locator(EL).scrollIntoViewIfNeeded();
      await s.page.waitForSelector(`${EL} input[value="user-restricted"]`);
      const csv = 'Organisation,ODS code\r\nLeeds Teaching Hospitals,RR8\r\nAiredale,RCF\r\nleeds teaching hospitals,RR8\r\n';
      await s.page.setInputFiles(`${EL} input[type="file"]`, { name: 'dups.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await s.page.waitForFunction((tag) => /ERS-P010/.test(document.querySelector(tag).shadowRoot.querySelector('.ers-asid-planner__import')?.textContent ?? ''), EL);
      const report = await s.page.textContent(`${EL} .ers-asid-planner__import`);
      assert.match(report, /^Imported 3 organisations from dups\.csv\. 1 thing needs a look:/);
      assert.match(report, /ERS-P010 EUO 3 \(line 4\) "leeds teaching hospitals" has the same name as EUO 1/);
      // Each message reads as a sentence: a capital first, a full stop last.
      const items = await s.page.$$eval(`${EL} .ers-asid-planner__import li`, (lis) => lis.map((li) => li.textContent.replace(/^ERS-P\d+ /, '')));
      for (const item of items) assert.match(item, /^[A-Z].*\.$/, item);
      assert.equal(await s.page.$eval(EL, (el) => el.plan), null, 'no plan was made');
      assert.deepEqual(s.consoleErrors, []);
    } finally {
      await s.close();
    }
  });
});

describe('<ers-asid-planner> accessibility', () => {
  it('has no axe violation, empty, with errors and with a plan', async () => {
    const s = await openExamples('ers-asid-planner');
    try {
      const p = s.page;
      await p.waitForSelector(`${EL} >> nth=0 >> input[type="checkbox"]`);
      await p.waitForSelector(`${EL} >> nth=1 >> input[type="checkbox"]`);
      assert.deepEqual(await checkA11y(p, EL), []);
      await p.click(`${EL} >> nth=0 >> button:has-text("Plan the go-live")`);
      await p.waitForSelector(`${EL} .ers-error-summary:not([hidden])`);
      assert.deepEqual(await checkA11y(p, EL), []);
      await p.$eval(EL, (el) => (el.euos = [{ name: 'Leeds', odsCode: 'RR8' }, { name: 'Leeds', odsCode: 'RR8' }]));
      await p.fill(`${EL} >> nth=0 >> input[name="product"]`, 'P');
      await p.check(`${EL} >> nth=0 >> input[value="application-restricted-referrer"]`);
      await p.click(`${EL} >> nth=0 >> button:has-text("Plan the go-live")`);
      await p.waitForSelector(`${EL} .ers-asid-planner__result:not([hidden])`);
      assert.deepEqual(await checkA11y(p, EL), []);
      assert.deepEqual(s.consoleErrors, []);
    } finally {
      await s.close();
    }
  });
});
