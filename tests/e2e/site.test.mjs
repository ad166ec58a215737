// The site as a whole: it loads with no console error, the wasm loads, no request leaves the
// page's origin, the CSP forbids connections elsewhere, and the page is accessible.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { checkA11y, describeViolations } from './axe.mjs';
import { fetchElsewhere, itLeftNoErrorOrRequestElsewhere, openPage, planCareVista, screenshot } from './harness.mjs';

describe('the site', () => {
  let session;
  before(async () => {
    session = await openPage('', { bypassCSP: false });
  });
  after(async () => {
    // For people to look at: tests/output/site.png.
    if (session) await screenshot(session.page, 'site');
    await session?.close();
  });

  it('loads with status 200, a title and no console error', async () => {
    assert.equal(session.response.status(), 200);
    assert.match(await session.page.title(), /ers-golive/);
    assert.deepEqual(session.consoleErrors, []);
  });

  it('loads the wasm module and runs it', async () => {
    const version = await session.page.evaluate(async () => {
      const { loadErs } = await import('./js/ers.js');
      return (await loadErs()).version();
    });
    assert.match(version, /^\d+\.\d+\.\d+$/);
  });

  it('defines every element, and none is left showing its loading fallback', async () => {
    const state = await session.page.evaluate(async () => {
      const { ELEMENTS } = await import('./embed.js');
      return ELEMENTS.map((tag) => ({
        tag,
        defined: Boolean(customElements.get(tag)),
        onPage: document.querySelectorAll(tag).length,
        pending: document.querySelectorAll(`${tag} .ers-pending`).length,
      }));
    });
    assert.equal(state.length, 6);
    for (const { tag, defined, onPage, pending } of state) {
      assert.equal(defined, true, `<${tag}> is defined`);
      assert.equal(onPage, 1, `<${tag}> is on the page once`);
      assert.equal(pending, 0, `<${tag}> replaced its loading fallback`);
    }
  });

  it('sends no request to any other origin', async () => {
    assert.deepEqual(session.offOriginRequests, []);
  });

  it('has a CSP that forbids connections to other origins: a fetch there is a CSP violation', async () => {
    const csp = await session.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /connect-src 'self'/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    // A failed fetch alone proves nothing (no network does that too): the browser must report
    // that the CSP refused it.
    const result = await fetchElsewhere(session.page);
    assert.equal(result.failed, true, 'a fetch to another origin must fail');
    assert.match(result.violation ?? 'none', /^connect-src https:\/\/example\.org/, 'and the CSP must be what refused it');
  });

  it('refuses an HTML sink (Trusted Types): no string becomes markup', async () => {
    const result = await session.page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return 'allowed';
      } catch (error) {
        return error.name;
      }
    });
    assert.equal(result, 'TypeError');
  });

  it('says plainly that everything runs in the browser and that it is not an NHS service', async () => {
    const header = await session.page.textContent('header');
    assert.match(header, /Everything runs in your browser/);
    assert.match(header, /not an official NHS England service/);
  });

  it('has a section with a heading for each task, and landmarks', async () => {
    const headings = await session.page.$$eval('main section h2', (hs) => hs.map((h) => h.textContent));
    for (const task of ['Application names', 'ASIDs & applications', 'Keys & JWKS', 'Client assertion', 'Go-live pack']) {
      assert.ok(headings.some((h) => h.includes(task)), `a section for ${task}`);
    }
    for (const landmark of ['body > header', 'body > main', 'body > footer', 'header nav[aria-label="Steps"]']) {
      assert.equal(await session.page.locator(landmark).count(), 1, landmark);
    }
    // Components may add navigation (pagers); each must be named, so landmarks stay distinct.
    const unnamedNavs = await session.page.$$eval('nav', (navs) => navs.filter((n) => !n.getAttribute('aria-label')).length);
    assert.equal(unnamedNavs, 0, 'every nav has an aria-label');
    assert.equal(await session.page.locator('link[rel="icon"]').count(), 1);
  });

  it('has no inline script', async () => {
    const inline = await session.page.$$eval('script:not([src])', (s) => s.length);
    assert.equal(inline, 0);
  });
});

describe('the site, accessibility', () => {
  for (const width of [1280, 320]) {
    it(`has no WCAG 2.2 A/AA violation found by axe at ${width} px, in the elements' shadow roots too`, async () => {
      const session = await openPage('', { bypassCSP: true, viewport: { width, height: 900 } });
      try {
        const { page } = session;
        await page.waitForFunction(() => ['ers-name-check', 'ers-asid-planner', 'ers-key-generator', 'ers-key-set', 'ers-jwt-tester', 'ers-golive-pack']
          .every((t) => document.querySelector(t)?.shadowRoot?.querySelector('.ers-root')));
        const violations = await checkA11y(page);
        assert.deepEqual(violations, [], describeViolations(violations));
        // axe looks inside the open shadow roots: a label broken inside one is found.
        await page.evaluate(() => document.querySelector('ers-name-check').shadowRoot.querySelector('label[for]').removeAttribute('for'));
        const broken = await checkA11y(page, 'ers-name-check');
        assert.ok(broken.some((v) => v.id === 'label'), describeViolations(broken));
      } finally {
        await session.close();
      }
    });
  }
});

describe('the site at 375 px: the first action first, no error before typing, captions whole', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('', { viewport: { width: 375, height: 667 } });
    page = session.page;
  });
  after(async () => {
    if (session) await screenshot(session.page, 'site-375-first', { fullPage: false });
    await session?.close();
  });

  it('shows the first action in the first screen', async () => {
    const first = page.locator('[data-ers-workspace] .ers-flow__link').first();
    await first.waitFor();
    assert.match(await first.textContent(), /Plan your ASIDs and applications/);
    const box = await first.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 667, `the first action is at ${JSON.stringify(box)}, below the first screen`);
    // The red "Clear everything" is not shown while there is nothing to clear.
    assert.equal(await page.isVisible('[data-ers-workspace] button:has-text("Clear everything")'), false);
  });

  it('shows no error on any field before anything is typed', async () => {
    // Every section loads its element as it comes near; go through them all.
    for (const id of ['#planner', '#names', '#keys', '#jwt', '#golive']) {
      await page.locator(id).scrollIntoViewIfNeeded();
    }
    await page.waitForSelector('ers-name-check .ers-name-check__verdict');
    await page.waitForSelector('ers-golive-pack input[data-step="4.11"]');
    await page.waitForSelector('ers-asid-planner input[value="user-restricted"]');
    await page.waitForTimeout(500);
    const shown = await page.evaluate(() => {
      const all = (root) => [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
      const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      return all(document)
        .filter((e) => visible(e) && (e.matches('.ers-diagnostic, .ers-error-message, .ers-verdict--error, .ers-error-summary, .ers-field--error') || e.getAttribute('aria-invalid') === 'true'))
        .map((e) => `${e.tagName}.${e.className}: ${e.textContent.trim().slice(0, 60)}`);
    });
    assert.deepEqual(shown, []);
  });

  it('keeps every caption on lines of words, no wider than its table, once there is a plan', async () => {
    await planCareVista(page, [
      { name: 'Leeds Teaching Hospitals NHS Trust', odsCode: 'RR8' },
      { name: 'Airedale NHS Foundation Trust', odsCode: 'RCF' },
    ]);
    await page.waitForFunction(() => document.querySelector('ers-key-set').applications?.length === 4);
    await page.locator('ers-key-set').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    const captions = await page.evaluate(() => {
      const all = (root) => [...root.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
      return all(document).filter((e) => e.tagName === 'CAPTION' && e.getClientRects().length > 0).map((c) => {
        const table = c.closest('table').getBoundingClientRect();
        const box = c.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(c).lineHeight) || 20;
        return { text: c.textContent, width: box.width, tableWidth: table.width, lines: Math.round(box.height / line) };
      });
    });
    assert.ok(captions.length >= 3, JSON.stringify(captions));
    for (const c of captions) {
      assert.ok(c.width <= c.tableWidth + 1, `${c.text}: ${c.width} px, its table ${c.tableWidth} px`);
      assert.ok(c.lines <= 3, `${c.text}: ${c.lines} lines (a letter a line?)`);
    }
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});
