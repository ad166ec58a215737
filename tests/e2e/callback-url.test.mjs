// The callback URL of a user-restricted (Healthcare Worker) application, the record's newest
// field, in headless Chromium: typed in the pack's form, checked by the module, shown in the
// email (plain text and Markdown) and the print, kept in the go-live project, and back after a
// reload; an application-restricted application is never asked for one.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';

import { openPage, screenshot, itLeftNoErrorOrRequestElsewhere, planCareVista } from './harness.mjs';

const EL = 'ers-golive-pack';
const URL = 'https://app.carevista.example.com/ers/callback';

/** The selector of the card of the application with this access mode. */
async function cardOf(page, accessMode) {
  const i = await page.$eval(EL, (el, mode) => el.request.applications.findIndex((a) => a.accessMode === mode), accessMode);
  assert.ok(i >= 0, accessMode);
  return `${EL} fieldset[data-index="${i}"]`;
}

describe('the callback URL of a user-restricted application', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('', { bypassCSP: true });
    page = session.page;
    await page.waitForSelector(`${EL} input[data-step="4.11"]`);
  });
  after(async () => {
    if (session) await screenshot(session.page, 'callback-url');
    await session?.close();
  });

  it('is asked of the user-restricted application only', async () => {
    await planCareVista(page, [{ name: 'Leeds Teaching Hospitals', odsCode: 'RR8' }]);
    await page.waitForFunction((tag) => document.querySelector(tag).pack?.totals.applications === 2, EL);
    const ur = await cardOf(page, 'user-restricted');
    const ar = await cardOf(page, 'application-restricted');
    await page.waitForSelector(`${ur} .ers-golive-pack__missing:not([hidden])`);
    assert.match(await page.textContent(`${ur} .ers-golive-pack__missing`), /callback URL \(ERS-G029, rule 4\.15\)\.$/);
    assert.doesNotMatch(await page.textContent(`${ar} .ers-golive-pack__missing`), /callback URL/);
    assert.equal(await page.textContent(`${ur} label[for$="-callbackUrl"]`), 'Callback URL (user-restricted)');
    // The form offers the field to the user-restricted application only.
    assert.equal(await page.isVisible(`${ur} input[data-field="callbackUrl"]`), true);
    assert.equal(await page.isVisible(`${ar} input[data-field="callbackUrl"]`), false);
  });

  it('is typed in the form and shown in the email, as plain text and Markdown', async () => {
    const ur = await cardOf(page, 'user-restricted');
    await page.fill(`${ur} input[data-field="callbackUrl"]`, URL);
    await page.waitForFunction(([tag, url]) => document.querySelector(tag).pack?.applications.some((a) => a.callbackUrl === url), [EL, URL]);
    assert.doesNotMatch(await page.textContent(`${ur} .ers-golive-pack__missing`), /callback URL/);
    await page.click(`${EL} .ers-golive-pack__exports details summary`);
    await page.waitForFunction(([tag, url]) => document.querySelector(tag).shadowRoot
      .querySelector('.ers-golive-pack__email').textContent.includes(`   Callback URL:          ${url}\n`), [EL, URL]);
    const text = await page.textContent(`${EL} .ers-golive-pack__email`);
    assert.equal(text.split('Callback URL:').length, 2, 'one application has a callback URL');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${EL} button[data-format="markdown"]`)]);
    const md = await readFile(await download.path(), 'utf8');
    assert.match(md, /\| JWKS URL \| Callback URL \| End-user organisation \|/);
    assert.ok(md.includes(' | https\\://app.carevista.example.com/ers/callback | Leeds Teaching Hospitals | RR8 | user-restricted |'), md);
    // And in the printed pack, on the user-restricted application's row only.
    await page.emulateMedia({ media: 'print' });
    try {
      const rows = await page.waitForFunction(([tag, url]) => {
        const table = document.querySelector(tag).shadowRoot.querySelector('.ers-golive-pack__print-table');
        const texts = [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => tr.textContent);
        return texts.some((t) => t.includes(`callback URL: ${url}`)) && texts;
      }, [EL, URL]);
      assert.equal((await rows.jsonValue()).filter((t) => t.includes('callback URL')).length, 1);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('is kept in the go-live project and back in the form after a reload', async () => {
    await page.waitForFunction((url) => JSON.parse(localStorage.getItem('ers-golive:project') ?? '{}')
      .applications?.some((a) => a.callback_url === url), URL);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(([tag, url]) => document.querySelector(tag)?.request?.applications?.some((a) => a.callbackUrl === url), [EL, URL]);
    const ur = await cardOf(page, 'user-restricted');
    await page.waitForSelector(`${ur} input[data-field="callbackUrl"]`);
    assert.equal(await page.inputValue(`${ur} input[data-field="callbackUrl"]`), URL);
    await page.waitForFunction(([tag, url]) => document.querySelector(tag).pack?.applications.some((a) => a.callbackUrl === url), [EL, URL]);
    assert.equal(await page.$eval(EL, (el) => el.pack.findings.some((f) => f.code === 'ERS-G029' || f.code === 'ERS-G030')), false);
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});
