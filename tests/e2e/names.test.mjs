// <ers-name-check> in headless Chromium: the live check as the user types (the faulty span
// marked in the mirror, each finding with code, message, help and rule), the per-finding fix and
// the one-click corrected name, the builder with the API to enable and its errors beside the
// fields, accessibility, and no console error or off-origin request.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { checkA11y, describeViolations } from './axe.mjs';
import { openPage, screenshot, openExamples, itLeftNoErrorOrRequestElsewhere } from './harness.mjs';

const CV = 'Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted';
const STAGE2 = 'Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted';

describe('<ers-name-check>', () => {
  let session;
  let page;

  before(async () => {
    // bypassCSP only so axe can be injected; the page's own code runs as it does for users.
    session = await openPage('#names', { bypassCSP: true });
    page = session.page;
    await page.waitForSelector('ers-name-check form');
  });

  after(async () => {
    if (page) await screenshot(page.locator('#names'), 'names').catch(() => {});
    await session?.close();
  });

  const checker = () => page.locator('ers-name-check .ers-name-check__checker');
  const builder = () => page.locator('ers-name-check .ers-name-check__builder');
  const input = () => checker().getByLabel('Application name');
  const codes = () => checker().locator('.ers-name-check__diagnostics > li').evaluateAll((lis) => lis.map((li) => li.dataset.code));
  const verdict = () => checker().locator('.ers-name-check__verdict').textContent();
  const marks = () => checker().locator('.ers-name-check__mirror mark').evaluateAll((ms) => ms.map((m) => [m.className.includes('--error') ? 'error' : 'warning', m.textContent]));

  it('shows nothing wrong with the field before anything is typed', async () => {
    assert.equal(await input().inputValue(), '');
    assert.deepEqual(await codes(), [], 'no "the application name is empty" on a pristine field');
    assert.equal(await input().getAttribute('aria-invalid'), 'false');
    assert.equal(await verdict(), 'Type or paste a name to check it.');
  });

  it('checks as the user types, marking the faulty span in the mirror', async () => {
    await input().fill('');
    await input().pressSequentially('Acme - Acme Medical System - Prod - eRS, Unattended');
    assert.deepEqual(await codes(), ['ERS-N013', 'ERS-N016', 'ERS-N025']);
    assert.equal(await verdict(), 'Does not follow guidance 4.14: 2 errors, 1 warning.');
    assert.deepEqual(await marks(), [['warning', 'Prod'], ['error', 'eRS'], ['error', 'Unattended']]);
    assert.equal(await input().getAttribute('aria-invalid'), 'true');

    const first = checker().locator('li[data-code="ERS-N016"]');
    assert.equal(await first.locator('.ers-diagnostic__rule').textContent(), 'Guidance 4.14');
    assert.equal(await first.locator('.ers-diagnostic__message').textContent(), 'The service name is written eRS.');
    assert.equal(await first.locator('.ers-diagnostic__message code').textContent(), 'eRS');
    assert.match(await first.locator('.ers-diagnostic__help').textContent(), /in full, exactly: e-Referral Service\./);
    assert.equal(await first.locator('.ers-name-check__where code').textContent(), 'eRS');
    // The access-mode finding cites its API rule when the mode is declared; here it is wording (4.14).
    assert.equal(await checker().locator('li[data-code="ERS-N025"] .ers-diagnostic__rule').textContent(), 'Guidance 4.14');
  });

  it('applies one fix, then the whole corrected name in one click', async () => {
    await checker().locator('li[data-code="ERS-N013"]').getByRole('button', { name: 'Write “PROD”' }).click();
    assert.equal(await input().inputValue(), 'Acme - Acme Medical System - PROD - eRS, Unattended');
    assert.deepEqual(await codes(), ['ERS-N016', 'ERS-N025']);

    assert.equal(
      await checker().locator('.ers-name-check__suggested').textContent(),
      'Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted',
    );
    await checker().getByRole('button', { name: 'Copy the corrected name' }).click();
    // The label says so once the clipboard has taken the text.
    await checker().getByRole('button', { name: 'Copied', exact: true }).waitFor({ timeout: 5000 });
    assert.equal(
      await page.evaluate(() => navigator.clipboard.readText()),
      'Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted',
    );
    await checker().getByRole('button', { name: 'Use the corrected name' }).click();
    assert.equal(await input().inputValue(), 'Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted');
    assert.deepEqual(await codes(), []);
    assert.equal(await verdict(), 'Follows guidance 4.14.');
    assert.equal(await checker().locator('.ers-name-check__suggestion').isHidden(), true);
    assert.equal(await input().getAttribute('aria-invalid'), 'false');
    assert.equal(await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.getAttribute('name')), 'name');
  });

  it('passes NHS Stage 2 example with warnings, and holds the name to what is being registered', async () => {
    await input().fill(STAGE2);
    await checker().getByLabel('Registered in').selectOption('');
    assert.deepEqual(await codes(), ['ERS-N018', 'ERS-N024']);
    assert.equal(await verdict(), 'Follows guidance 4.14, with 2 warnings.');
    assert.match(await checker().locator('li[data-code="ERS-N018"] .ers-diagnostic__help').textContent(), /Stage 2 \(INT\).*Stage 4 \(PROD\)/);

    await checker().getByLabel('Registered in').selectOption('prod');
    await checker().getByLabel('Access mode').selectOption('application-restricted');
    assert.deepEqual(await codes(), ['ERS-N014', 'ERS-N018', 'ERS-N023']);
    assert.equal(await checker().locator('li[data-code="ERS-N014"] .ers-diagnostic__rule').textContent(), 'Guidance 4.13');
    assert.equal(await checker().locator('li[data-code="ERS-N023"] .ers-diagnostic__rule').textContent(), 'Guidance 4.15');
    await checker().getByRole('button', { name: 'Use the corrected name' }).click();
    assert.equal(await input().inputValue(), 'Care Vista - Care Vista Link - PROD - e-Referral Service, Application-Restricted');
    await checker().getByLabel('Access mode').selectOption('');
  });

  it('shows a separator finding with its spaces, and fixes it', async () => {
    await input().fill('Care Vista – Care Vista Link - PROD - e-Referral Service, User Restricted');
    const finding = checker().locator('li[data-code="ERS-N007"]');
    assert.equal(await finding.locator('.ers-name-check__where code').textContent(), '␣–␣');
    await finding.getByRole('button', { name: 'Write “ - ”' }).click();
    assert.equal(await input().inputValue(), CV);
    assert.equal(await checker().locator('.ers-name-check__mirror').isHidden(), true);
  });

  it('shows one problem met in three places as one card with three places, fixed in one click', async () => {
    await input().fill('Care Vista – Care Vista Link – PROD – e-Referral Service, User Restricted');
    await checker().locator('li[data-code="ERS-N007"][data-places="3"]').waitFor();
    assert.deepEqual(await codes(), ['ERS-N007']);
    const card = checker().locator('li[data-code="ERS-N007"]');
    assert.equal(await card.locator('.ers-diagnostic__message').textContent(), 'An en dash, em dash or minus sign where a hyphen goes, in 3 places:');
    const places = await card.locator('.ers-name-check__places > li').evaluateAll((lis) => lis.map((li) => li.textContent));
    assert.equal(places.length, 3);
    assert.match(places[0], /^An en dash – between the supplier and the app, where the pattern has a hyphen -\./);
    await card.getByRole('button', { name: 'Fix all 3' }).click();
    assert.equal(await input().inputValue(), CV);
  });

  it('offers an uncertain fix as such, and no corrected name', async () => {
    await input().fill('Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted - Referrer');
    assert.deepEqual(await codes(), ['ERS-N025']);
    assert.equal(await checker().locator('.ers-name-check__suggestion').isHidden(), true);
    const button = checker().locator('li[data-code="ERS-N025"]').getByRole('button', { name: 'Write “Application-Restricted” (check it after)' });
    await button.click();
    assert.equal(await input().inputValue(), 'Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted');
  });

  it('marks where a missing part goes, and shows emoji spans right', async () => {
    await input().fill('Care Vista 🚀 - Care Vista Link - e-Referral Service, User Restricted');
    assert.deepEqual(await codes(), ['ERS-N010']);
    assert.equal(await checker().locator('.ers-name-check__mark--missing').count(), 1);
    await input().fill('Care Vista 🚀 - Care Vista Link - Prod - e-Referral Service, User Restricted');
    assert.deepEqual(await marks(), [['warning', 'Prod']]);
    await input().fill('Care Vista\u200b - Care Vista Link - PROD - e-Referral Service, User Restricted');
    assert.deepEqual(await codes(), ['ERS-N003']);
    assert.deepEqual(await marks(), [['error', '◌']]);
  });

  it('reports every missing part of a name at once, and none before the first try', async () => {
    assert.equal(await builder().locator('.ers-error-message').count(), 0, 'no error on pristine fields');
    await builder().getByRole('button', { name: 'Build the name' }).click();
    const messages = await builder().locator('.ers-error-summary li').allTextContents();
    assert.deepEqual(messages, ['Supplier name is empty', 'App name is empty', 'Access mode is empty']);
    assert.equal(await builder().locator('.ers-error-message').count(), 3);
  });

  it('builds a name with the one API to enable, and checks it', async () => {
    await builder().getByLabel('Supplier name').fill('Care Vista');
    await builder().getByLabel('App name').fill('Care Vista Link');
    await builder().getByLabel('User-restricted').check();
    await builder().getByRole('button', { name: 'Build the name' }).click();
    const result = builder().locator('.ers-name-check__built');
    assert.equal(await result.locator('.ers-name-check__built-name code').textContent(), CV);
    assert.equal(await result.locator('.ers-name-check__api code').textContent(), 'e-Referral Service - Healthcare Worker');
    assert.match(await result.locator('.ers-name-check__why').textContent(), /cannot be used for both user-restricted and application-restricted/);
    assert.equal(await result.getByRole('button', { name: 'Copy the name' }).count(), 1);
    assert.equal(await result.getByRole('button', { name: 'Copy the API name' }).count(), 1);

    await result.getByRole('button', { name: 'Check this name' }).click();
    assert.equal(await input().inputValue(), CV);
    assert.deepEqual(await codes(), []);
    assert.equal(await verdict(), 'Follows guidance 4.14.');
    // A valid name shows the API to enable with it.
    assert.equal(await page.locator('ers-name-check .ers-name-check__checked-api code').textContent(), 'e-Referral Service - Healthcare Worker');
  });

  it('puts builder errors beside their field, in a summary that takes focus', async () => {
    await builder().getByLabel('Supplier name').fill('Acme - Health');
    await builder().getByRole('button', { name: 'Build the name' }).click();
    const box = builder().locator('.ers-error-summary');
    assert.equal(await box.isVisible(), true);
    assert.equal(await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.classList.contains('ers-error-summary')), true);
    const message = builder().locator('.ers-error-message');
    // Code is shown as code, never with its backticks.
    assert.match(await message.textContent(), /^Error: Supplier name: Acme - Health holds a dash with spaces/);
    assert.equal(await message.locator('code').first().textContent(), 'Acme - Health');
    const supplier = builder().getByLabel('Supplier name');
    assert.equal(await supplier.getAttribute('aria-invalid'), 'true');
    assert.match(await supplier.getAttribute('aria-describedby'), /-error$/);
    await box.getByRole('link').click();
    assert.equal(await page.evaluate(() => (function deep(e) { return e?.shadowRoot?.activeElement ? deep(e.shadowRoot.activeElement) : e; })(document.activeElement)?.getAttribute('name')), 'supplier');
    assert.equal(await builder().locator('.ers-name-check__built').isHidden(), true);

    await supplier.fill('Care Vista');
    // The error goes as soon as its field changes.
    assert.equal(await builder().locator('.ers-error-message').count(), 0);
    assert.equal(await supplier.getAttribute('aria-invalid'), null);
    await builder().getByLabel('App name').fill('   ');
    await builder().getByRole('button', { name: 'Build the name' }).click();
    assert.equal(await builder().locator('.ers-error-message').count(), 1);
    assert.equal(await builder().getByLabel('App name').getAttribute('aria-invalid'), 'true');
    assert.equal(await supplier.getAttribute('aria-invalid'), null);
  });

  it('is accessible', async () => {
    const violations = await checkA11y(page, '#names');
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});

describe('<ers-name-check> examples page', () => {
  it('renders each example, reads its attributes, and is accessible', async () => {
    const session = await openExamples('ers-name-check');
    try {
      const { page } = session;
      const second = page.locator('ers-name-check').nth(1);
      await second.locator('.ers-name-check__diagnostics > li').first().waitFor();
      assert.equal(await second.getByLabel('Application name').inputValue(), STAGE2);
      const found = await second.locator('.ers-name-check__diagnostics > li').evaluateAll((lis) => lis.map((li) => li.dataset.code));
      assert.deepEqual(found, ['ERS-N014', 'ERS-N018', 'ERS-N024']);
      assert.equal(await second.locator('.ers-name-check__suggested').textContent(), CV);
      const violations = await checkA11y(page);
      assert.deepEqual(violations, [], describeViolations(violations));
      assert.deepEqual(session.consoleErrors, []);
      assert.deepEqual(session.offOriginRequests, []);
    } finally {
      await session.close();
    }
  });
});
