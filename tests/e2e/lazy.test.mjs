// The rules module (names, plan, pack, project: the biggest of the four) loads on first use, not
// with the page (issue 11, "Light"): on the full site's first screen only the names module loads,
// and the name checker answers with it; the workspace shows a new project's flow with its links
// and the planner its form meanwhile; scrolling to the planner loads the rules module and fills
// in its access modes; a saved project is restored on load with no interaction at all; print media loads it too.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { BASE_URL, openPage, screenshot } from './harness.mjs';

const PLANNER = 'ers-asid-planner';
const WS = '[data-ers-workspace]';
const wasmName = (url) => new URL(url).pathname.split('/').pop();

describe('the rules module loads on first use', () => {
  let session;
  let page;
  const wasm = [];
  before(async () => {
    // The size benchmark's window (1280 × 720): the first screen is the workspace.
    session = await openPage('', { waitForWasm: false, viewport: { width: 1280, height: 720 } });
    page = session.page;
    session.context.on('request', (request) => {
      // Not the service worker's: it precaches every file for offline use, in the background.
      if (request.url().endsWith('.wasm') && !request.serviceWorker()) wasm.push(wasmName(request.url()));
    });
    // Requests made before the listener: read from the page's own record.
    const earlier = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    for (const url of earlier) if (url.endsWith('.wasm')) wasm.push(wasmName(url));
    await page.evaluate(async (embed) => {
      await (await import(embed)).loaded;
    }, new URL('embed.js', BASE_URL).href);
  });
  after(async () => {
    if (session) await screenshot(session.page, 'lazy');
    await session?.close();
  });

  it('the first screen works with the names module alone', async () => {
    // The name checker answers (typed through the API, as no key press may reach the page yet).
    await page.evaluate(() => {
      const input = document.querySelector('ers-name-check').shadowRoot.querySelector('textarea.ers-name-check__input');
      input.value = 'Care Vista – Care Vista Link – PROD – eRS, User-restricted';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForSelector('ers-name-check .ers-name-check__diagnostics > li');
    await page.waitForLoadState('networkidle');
    assert.ok(wasm.includes('ers_names_bg.wasm'), `wasm loaded: ${wasm.join(', ')}`);
    assert.ok(!wasm.includes('ers_rules_bg.wasm'), `the rules module loaded at start: ${wasm.join(', ')}`);
    // What shows meanwhile is useful: the flow's seven steps, each a link to its section, and the
    // planner's form.
    const steps = await page.$$eval(`${WS} .ers-flow__link`, (links) => links.map((a) => [a.textContent, a.getAttribute('href')]));
    assert.deepEqual(steps.map(([, href]) => href), ['#planner', '#names', '#golive', '#keys', '#jwt', '#golive', '#golive-send']);
    // Numbered as Stage 4 numbers them, as the checklist and the sections are.
    assert.deepEqual(steps.map(([text]) => text.split(' ')[0]), ['4.15–4.17', '4.14–4.15', '4.11–4.15', '4.2', '4.2', '4.3', '4.3–4.4']);
    assert.match(steps[0][0], /Plan your ASIDs and applications/);
    assert.ok(await page.isVisible(`${WS} button:has-text("Save project file")`));
    assert.equal(await page.locator(`${PLANNER} input[name="product"]`).count(), 1);
  });

  it('scrolling to the planner loads the rules module; the flow then comes from it', async () => {
    await page.locator(PLANNER).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${PLANNER} input[value="user-restricted"]`);
    assert.ok(wasm.includes('ers_rules_bg.wasm'), `wasm loaded: ${wasm.join(', ')}`);
    // The module's status: each step with its detail.
    await page.waitForFunction((ws) => [...document.querySelectorAll(`${ws} .ers-flow__detail`)].every((p) => p.textContent.trim()), WS);
  });

  it('a saved project is restored on load, untouched', async () => {
    await page.fill(`${PLANNER} input[name="product"]`, 'Care Vista Link');
    await page.fill(`${PLANNER} input[name="supplier"]`, 'Care Vista');
    await page.check(`${PLANNER} input[value="user-restricted"]`);
    await page.click(`${PLANNER} details summary`);
    await page.fill(`${PLANNER} textarea`, 'Leeds Teaching Hospitals\tRR8');
    await page.click(`${PLANNER} button:has-text("Add pasted organisations")`);
    await page.waitForFunction((tag) => document.querySelector(tag).euos.length === 1, PLANNER);
    await page.click(`${PLANNER} button:has-text("Plan the go-live")`);
    await page.waitForFunction(() => document.querySelector('ers-golive-pack').request.applications.length === 1);
    await page.waitForFunction(() => localStorage.getItem('ers-golive:project') !== null);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector(`${WS} .ers-notice--ok`);
    assert.match(await page.textContent(`${WS} .ers-notice--ok`), /^Restored your go-live for Care Vista Link/);
    await page.waitForFunction((tag) => document.querySelector(tag)?.euos?.length === 1, PLANNER);
  });
});

describe('printing before any interaction', () => {
  let session;
  after(async () => {
    await session?.close();
  });

  it('print media (a print preview, no beforeprint) loads the rules module: the pack prints its Stage 4 steps', async () => {
    session = await openPage('', { waitForWasm: false, viewport: { width: 1280, height: 720 } });
    const { page } = session;
    await page.evaluate(async (embed) => {
      await (await import(embed)).loaded;
    }, new URL('embed.js', BASE_URL).href);
    await page.waitForLoadState('networkidle');
    const rulesLoaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/ers_rules_bg.wasm')));
    assert.equal(await rulesLoaded(), false, 'the rules module loaded before printing');
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(() => document.querySelector('ers-golive-pack').shadowRoot.querySelectorAll('input[data-step]').length === 10);
    assert.equal(await rulesLoaded(), true);
  });
});
