// Each element's defaults come from its attributes, reflected as properties, and read by the
// wasm facade: a spelling the rules understand ("INT", "Production", "User Restricted") is
// taken, a value they do not know is said in a visible notice (the default is used meanwhile),
// never ignored in silence. The elements are added to embed.html by script, as a documentation
// page's own script would.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { openPage } from './harness.mjs';

describe('attributes for defaults', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('embed.html');
    page = session.page;
    await page.waitForFunction(() => customElements.get('ers-name-check'));
  });
  after(() => session?.close());

  /** Adds `<tag attrs…>` to the page (in a section of its own) and waits for it to render. */
  const add = async (tag, attrs) => {
    const id = await page.evaluate(([t, a]) => {
      const el = document.createElement(t);
      for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
      el.id = `attr-${t}-${document.querySelectorAll(t).length}`;
      const section = document.createElement('section');
      section.setAttribute('aria-label', `${t} with attributes`);
      section.append(el);
      document.querySelector('main').append(section);
      // The first key size shown checked (the key elements): it must be the one asked for, never
      // the default first and the attribute's a moment later.
      const root = el.shadowRoot;
      if (root) {
        new MutationObserver((_, observer) => {
          const checked = root.querySelector('input[type="radio"][name$="-size"]:checked');
          if (!checked) return;
          (window.firstSizeShown ??= {})[el.id] = checked.value;
          observer.disconnect();
        }).observe(root, { childList: true, subtree: true });
      }
      return el.id;
    }, [tag, attrs]);
    await page.waitForFunction((i) => document.getElementById(i).shadowRoot?.querySelector('.ers-root'), id);
    return `#${id}`;
  };
  const notice = (sel) => page.locator(`${sel} .ers-attribute-notice`);

  it('<ers-name-check>: environment and access-mode, in any spelling the rules read, reflected', async () => {
    const el = await add('ers-name-check', { environment: 'INT', 'access-mode': 'User Restricted' });
    const registered = page.locator(el).getByLabel('Registered in');
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('select[name="environment"]').value === 'int', el);
    assert.equal(await page.locator(`${el} select[name="accessMode"]`).inputValue(), 'user-restricted');
    // The builder starts from them too.
    assert.equal(await page.locator(el).getByLabel('Environment', { exact: true }).inputValue(), 'int');
    assert.equal(await page.locator(el).getByRole('radio', { name: /^User-restricted/ }).isChecked(), true);
    assert.equal(await notice(el).isHidden(), true);
    assert.deepEqual(await page.$eval(el, (e) => [e.environment, e.accessMode]), ['INT', 'User Restricted']);
    // The property sets the attribute, and the attribute the form.
    await page.$eval(el, (e) => (e.environment = 'sandbox'));
    assert.equal(await page.$eval(el, (e) => e.getAttribute('environment')), 'sandbox');
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('select[name="environment"]').value === 'sandbox', el);
    // A Stage 2 name is now checked against SANDBOX: the name says INT (ERS-N009 or similar).
    await page.fill(`${el} textarea[name="name"]`, 'Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted');
    await page.locator(`${el} .ers-name-check__diagnostics > li`).first().waitFor();
    // An unknown value: said, with the rules' own words, and the default used.
    await page.$eval(el, (e) => e.setAttribute('environment', 'staging'));
    await notice(el).waitFor();
    assert.match(await notice(el).textContent(), /environment="staging": Unknown environment staging: use prod, int, sandbox or dev\. The default is used meanwhile\./);
    assert.equal(await registered.inputValue(), 'prod');
    await page.$eval(el, (e) => e.setAttribute('access-mode', 'robot'));
    await page.waitForFunction((s) => /unknown access mode robot/i.test(document.querySelector(s).shadowRoot.querySelector('.ers-attribute-notice').textContent), el);
    await page.$eval(el, (e) => {
      e.environment = null;
      e.accessMode = null;
    });
    await notice(el).waitFor({ state: 'hidden' });
    assert.equal(await page.$eval(el, (e) => e.hasAttribute('environment')), false);
  });

  it('a property set before the element is defined is kept (and reflected)', async () => {
    // A tag the page defines itself, with the name checker's class: created, given a property,
    // then defined.
    const value = await page.evaluate(async () => {
      const el = document.createElement('ers-name-check-later');
      el.environment = 'int';
      document.querySelector('main').append(el);
      const { ErsNameCheck } = await import('./components/ers-name-check/ers-name-check.js');
      customElements.define('ers-name-check-later', class extends ErsNameCheck {});
      return [el.getAttribute('environment'), el.environment];
    });
    assert.deepEqual(value, ['int', 'int']);
    await page.waitForFunction(() => document.querySelector('ers-name-check-later').shadowRoot?.querySelector('select[name="environment"]')?.value === 'int');
    await page.evaluate(() => document.querySelector('ers-name-check-later').remove());
  });

  it('<ers-key-generator>: bits checked by the keys module, kid as defaultKid', async () => {
    const el = await add('ers-key-generator', { bits: '2048', kid: 'docs-7' });
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('input[type="radio"][value="2048"]').checked, el);
    await page.locator(`${el} .ers-key-generator__size-note`, { hasText: 'ERS-K001' }).waitFor();
    assert.equal(await page.evaluate((s) => window.firstSizeShown?.[s.slice(1)], el), '2048', 'the size first shown is the one asked for');
    assert.equal(await page.locator(`${el} input[name="kid"]`).inputValue(), 'docs-7');
    assert.deepEqual(await page.$eval(el, (e) => [e.defaultKid, e.bits, e.kid]), ['docs-7', '2048', null]);
    await page.$eval(el, (e) => (e.defaultKid = 'docs-8'));
    assert.equal(await page.locator(`${el} input[name="kid"]`).inputValue(), 'docs-8');
    await page.$eval(el, (e) => (e.bits = 1024));
    await notice(el).waitFor();
    assert.match(await notice(el).textContent(), /bits="1024": 1024-bit keys are not offered: choose 4096 bits/);
    assert.equal(await page.locator(`${el} input[type="radio"][value="4096"]`).isChecked(), true);
    await page.$eval(el, (e) => (e.bits = '3072'));
    await notice(el).waitFor({ state: 'hidden' });
    assert.equal(await page.locator(`${el} input[type="radio"][value="3072"]`).isChecked(), true);
  });

  it('<ers-key-set>: bits and kid-pattern, the pattern checked by the rules module', async () => {
    const el = await add('ers-key-set', { bits: '3072', 'kid-pattern': '{env}-{org}-{date}' });
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('input[name="template"]').value === '{env}-{org}-{date}', el);
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('input[type="radio"][value="3072"]')?.checked, el);
    assert.equal(await page.evaluate((s) => window.firstSizeShown?.[s.slice(1)], el), '3072', 'the size first shown is the one asked for');
    assert.deepEqual(await page.$eval(el, (e) => [e.bits, e.kidPattern]), ['3072', '{env}-{org}-{date}']);
    await page.$eval(el, (e) => (e.kidPattern = '{org}-{mode}'));
    await notice(el).waitFor();
    assert.match(await notice(el).textContent(), /kid-pattern="\{org\}-\{mode\}": The kid template has no \{date\}/);
    assert.equal(await page.locator(`${el} input[name="template"]`).inputValue(), '{env}-{org}-{mode}-{date}');
  });

  it('<ers-jwt-tester>: environment read by the rules, kid and api-key filled', async () => {
    const el = await add('ers-jwt-tester', { environment: 'Production', kid: 'prod-1', 'api-key': 'abc123' });
    // The check forms start at "any": they show PROD once the attribute is read.
    await page.waitForFunction((s) => [...document.querySelector(s).shadowRoot.querySelectorAll('select[name="environment"]')].every((x) => x.value === 'prod'), el);
    const values = await page.$eval(el, (e) => [...e.shadowRoot.querySelectorAll('select[name="environment"], input[name="apiKey"], input[name="kid"]')].map((x) => x.value));
    assert.deepEqual(values, ['prod-1', 'abc123', 'prod', 'prod', 'abc123', 'prod', 'abc123']);
    assert.deepEqual(await page.$eval(el, (e) => [e.environment, e.kid, e.apiKey]), ['Production', 'prod-1', 'abc123']);
    await page.$eval(el, (e) => (e.environment = 'nowhere'));
    await notice(el).waitFor();
    assert.match(await notice(el).textContent(), /environment="nowhere": Unknown environment nowhere/);
  });

  it('<ers-asid-planner>: product, supplier and access; an access it does not offer is said', async () => {
    const el = await add('ers-asid-planner', { product: 'Care Vista Link', supplier: 'Care Vista', access: 'user-restricted application-restricted-provider' });
    await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('input[name="product"]').value === 'Care Vista Link', el);
    assert.equal(await page.locator(`${el} input[name="supplier"]`).inputValue(), 'Care Vista');
    const ticked = await page.$eval(el, (e) => [...e.shadowRoot.querySelectorAll('.ers-asid-planner__choices input:checked')].map((b) => b.value));
    assert.deepEqual(ticked.filter((v) => v.startsWith('user') || v.startsWith('application')), ['user-restricted', 'application-restricted-provider']);
    assert.equal(await notice(el).isHidden(), true);
    await page.$eval(el, (e) => (e.access = 'user-restricted, bogus'));
    await notice(el).waitFor();
    assert.match(await notice(el).textContent(), /access="user-restricted, bogus": The planner offers no access bogus: use user-restricted, application-restricted-referrer, application-restricted-provider \(4\.16\)/);
    await page.$eval(el, (e) => (e.pageSize = 'many'));
    await page.locator(`${el} .ers-attribute-notice`, { hasText: 'page-size="many": The rows per page must be a whole number above 0' }).waitFor();
    assert.equal(await page.$eval(el, (e) => e.pageSize), 50);
  });

  it('<ers-golive-pack>: product and supplier reach the pack request', async () => {
    const el = await add('ers-golive-pack', { product: 'Care Vista Link', supplier: 'Care Vista', 'page-size': '0' });
    await page.waitForFunction((s) => document.querySelector(s).request.product === 'Care Vista Link', el);
    assert.equal(await page.$eval(el, (e) => e.request.supplier), 'Care Vista');
    await notice(el).waitFor();
    assert.match(await notice(el).textContent(), /page-size="0": The applications per page must be a whole number above 0/);
    await page.$eval(el, (e) => (e.product = 'Other Product'));
    assert.equal(await page.$eval(el, (e) => e.request.product), 'Other Product');
    assert.deepEqual(session.consoleErrors, []);
  });
});
