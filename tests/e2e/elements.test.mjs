// The six elements in headless Chromium, on the site's own page: each extends the one base
// (js/ers-element.js), observes exactly the attributes its docs.json documents, and every event
// it dispatches while a user drives it (every documented event: the test fails on one never
// seen) is documented, bubbles and is composed. EventTarget.prototype.dispatchEvent is wrapped
// to read `composed` on the event itself, as the browser sends it. The framed shells are held
// to the same base in isolation.test.mjs; that no element dispatches but through emit() is
// checked in the source too.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { BASE_URL, itLeftNoErrorOrRequestElsewhere, openPage, planCareVista } from './harness.mjs';

const COMPONENTS = join(process.cwd(), 'www', 'components');
const TAGS = ['ers-asid-planner', 'ers-name-check', 'ers-key-set', 'ers-key-generator', 'ers-jwt-tester', 'ers-golive-pack'];
const docs = Object.fromEntries(await Promise.all(TAGS.map(async (tag) => [tag, JSON.parse(await readFile(join(COMPONENTS, tag, 'docs.json'), 'utf8'))])));
const API_KEY = 'ElementsApiKey0123456789abcdef01';

describe('the elements: one base, their docs, composed events', () => {
  let session;
  let page;

  before(async () => {
    session = await openPage('');
    page = session.page;
    await page.waitForSelector('ers-golive-pack input');
    // Every event our elements dispatch, as dispatched (after load: they dispatch only when used).
    await page.evaluate(() => {
      window.__events = [];
      const dispatch = EventTarget.prototype.dispatchEvent;
      EventTarget.prototype.dispatchEvent = function (event) {
        if (this instanceof Element && this.localName.startsWith('ers-')) {
          window.__events.push({ tag: this.localName, type: event.type, bubbles: event.bubbles, composed: event.composed });
        }
        return dispatch.call(this, event);
      };
    });
  });
  after(async () => {
    await session?.close();
  });

  it('every element extends ErsElement and observes exactly its documented attributes', async () => {
    const found = await page.evaluate(async ({ base, tags }) => {
      const { ErsElement } = await import(base);
      return tags.map((tag) => {
        const cls = customElements.get(tag);
        return { tag, base: cls.prototype instanceof ErsElement, observed: [...cls.observedAttributes].sort() };
      });
    }, { base: new URL('js/ers-element.js', BASE_URL).href, tags: TAGS });
    for (const { tag, base, observed } of found) {
      assert.equal(base, true, `<${tag}> extends ErsElement`);
      const documented = docs[tag].attributes.map((a) => a.attribute).filter(Boolean).sort();
      assert.deepEqual(observed, documented, `<${tag}>: observedAttributes against docs.json`);
    }
  });

  it('has every property and method its docs.json documents', async () => {
    for (const tag of TAGS) {
      const properties = docs[tag].attributes.map((a) => a.property).filter(Boolean);
      const methods = docs[tag].methods.map((m) => m.signature.split('(')[0]);
      const missing = await page.evaluate(({ t, props, fns }) => {
        const proto = customElements.get(t).prototype;
        return [...props.filter((x) => !(x in proto)), ...fns.filter((x) => typeof proto[x] !== 'function').map((x) => `${x}()`)];
      }, { t: tag, props: properties, fns: methods });
      assert.deepEqual(missing, [], `<${tag}>: documented but not there`);
    }
  });

  it('shadows no property of HTMLElement (el.id, el.title… stay the page’s)', async () => {
    const shadowed = await page.evaluate(async ({ base, tags }) => {
      const { ErsElement } = await import(base);
      const own = (proto) => Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor' && name in HTMLElement.prototype);
      return [ErsElement.prototype, ...tags.map((tag) => customElements.get(tag).prototype)].flatMap(own);
    }, { base: new URL('js/ers-element.js', BASE_URL).href, tags: TAGS });
    assert.deepEqual(shadowed, []);
  });

  it('reflects each documented attribute as its documented property', async () => {
    for (const tag of TAGS) {
      const pairs = docs[tag].attributes.filter((a) => a.attribute && a.property);
      const wrong = await page.evaluate(({ t, list }) => {
        const el = document.createElement(t);
        return list.filter(({ attribute, property }) => {
          el[property] = '7';
          const set = el.getAttribute(attribute) === '7';
          el.removeAttribute(attribute);
          return !set;
        }).map((x) => x.property);
      }, { t: tag, list: pairs });
      assert.deepEqual(wrong, [], `<${tag}>: properties that do not set their attribute`);
    }
  });

  it('drives every element until each documented event is dispatched', async () => {
    // The planner: organisations pasted (ers-euos-imported), then a plan (ers-plan).
    const planner = 'ers-asid-planner';
    await page.click(`${planner} summary:has-text("Paste a column of organisations")`);
    await page.fill(`${planner} textarea`, 'Leeds Teaching Hospitals,RR8');
    await page.click(`${planner} button:has-text("Add pasted organisations")`);
    // Read in a worker: the list is set for the plan only once they are in.
    await page.waitForFunction(() => window.__events.some((e) => e.type === 'ers-euos-imported'));
    await planCareVista(page, [{ name: 'Leeds Teaching Hospitals', odsCode: 'RR8' }]);

    // The name check: a check as the user types, and a name built.
    const names = 'ers-name-check';
    await page.fill(`${names} textarea[name="name"]`, 'Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted');
    await page.fill(`${names} input[name="supplier"]`, 'Care Vista');
    await page.fill(`${names} input[name="app"]`, 'Care Vista Link');
    await page.check(`${names} input[type="radio"][value="user-restricted"]`);
    await page.click(`${names} button:has-text("Build the name")`);

    // The pack: the plan taken, then a detail typed.
    const pack = 'ers-golive-pack';
    await page.click(`${pack} button:has-text("Use the plan from the planner above")`);
    await page.fill(`${pack} input[data-field="asid"]`, '200000001234');

    // The key generator (2048 bits keeps it quick).
    const keys = 'ers-key-generator';
    await page.check(`${keys} input[type="radio"][value="2048"]`);
    await page.fill(`${keys} input[name="kid"]`, 'elements-1');
    await page.click(`${keys} button[type="submit"]:has-text("Generate key pair")`);
    await page.waitForFunction(() => document.querySelector('ers-key-generator').kid === 'elements-1', null, { timeout: 120_000 });

    // The tester: sign with that key, then check the token against its JWKS.
    const tester = page.locator('ers-jwt-tester');
    await tester.getByRole('button', { name: 'Use the key just generated (kid elements-1)' }).click();
    const sign = tester.locator('form').nth(0);
    await sign.getByLabel('API key').fill(API_KEY);
    await sign.getByRole('button', { name: 'Sign' }).click();
    const token = await tester.getByLabel('Signed client assertion (JWT)').inputValue();
    const check = tester.locator('form').nth(1);
    await check.getByLabel('Client assertion (JWT)').fill(token);
    await check.getByRole('button', { name: 'Check' }).click();
    await page.waitForFunction(() => document.querySelector('ers-jwt-tester').report !== null);

    // The key set: the plan's two applications, their keys made and saved.
    const set = 'ers-key-set';
    await page.click(`${set} button:has-text("Use the plan from the planner above")`);
    await page.check(`${set} input[type="radio"][value="2048"]`);
    await page.click(`${set} button[type="submit"]:has-text("Make all key pairs (2)")`);
    await page.waitForSelector(`${set} button:has-text("Download the ZIP (2 key pairs)")`, { timeout: 120_000 });
    await Promise.all([page.waitForEvent('download'), page.click(`${set} button:has-text("Download the ZIP (2 key pairs)")`)]);

    await page.waitForFunction(() => window.__events.some((e) => e.type === 'ers-keys-made'));
    await page.waitForFunction(() => window.__events.some((e) => e.type === 'ers-pack'));
    const events = await page.evaluate(() => window.__events);
    const seen = new Set(events.map((e) => `${e.tag} ${e.type}`));
    for (const tag of TAGS) {
      for (const { name } of docs[tag].events) assert.ok(seen.has(`${tag} ${name}`), `<${tag}> dispatched ${name}`);
    }
    for (const e of events) {
      assert.ok(docs[e.tag].events.some((d) => d.name === e.type), `<${e.tag}>'s ${e.type} is in its docs.json`);
      assert.equal(e.bubbles, true, `<${e.tag}>'s ${e.type} bubbles`);
      assert.equal(e.composed, true, `<${e.tag}>'s ${e.type} is composed`);
    }
  });

  it('no element dispatches an event but through emit()', async () => {
    const files = [join(process.cwd(), 'www', 'js', 'frame-shell.js')];
    for (const tag of TAGS) {
      for (const name of await readdir(join(COMPONENTS, tag))) if (name.endsWith('.js')) files.push(join(COMPONENTS, tag, name));
    }
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      assert.doesNotMatch(text, /dispatchEvent\(|new CustomEvent\(/, `${file} dispatches by hand`);
    }
  });

  itLeftNoErrorOrRequestElsewhere(() => session);
});
