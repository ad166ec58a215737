// Shared set-up of the end-to-end tests: real headless Chromium (Debian's /usr/bin/chromium)
// driven by playwright-core, a fresh profile per browser, and two watchers every test can assert
// on — console errors and requests that leave the page's origin.
//
//   import { openPage } from './harness.mjs';
//   const { page, consoleErrors, offOriginRequests, close } = await openPage('/');

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080/';
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Opens `path` (relative to BASE_URL) in a new headless Chromium with a fresh user-data dir.
 * Options: `viewport`, `acceptDownloads` (default true), `waitForWasm` (default true: waits until
 * the page's elements are defined), `bypassCSP` (only for injecting test tools such as axe),
 * `baseUrl` (another server than BASE_URL: a host page, an installed package).
 */
export async function openPage(path = '', options = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'ers-golive-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? true,
    bypassCSP: options.bypassCSP ?? false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const base = options.baseUrl ?? BASE_URL;
  const origin = new URL(base).origin;
  // Copy buttons write to the clipboard; tests read it back.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const consoleErrors = [];
  const offOriginRequests = [];
  const watch = (p) => {
    p.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    p.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  };
  watch(page);
  context.on('page', watch);
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (['data:', 'blob:'].includes(url.protocol)) return;
    if (url.origin !== origin) offOriginRequests.push(request.url());
  });
  // Console messages of dedicated workers (key generation) reach the page's 'console' event.

  let response;
  try {
    response = await page.goto(new URL(path, base).href, { waitUntil: 'load' });
    if (options.waitForWasm ?? !options.baseUrl) {
      await page.waitForFunction(() => window.customElements && document.readyState === 'complete');
      // embed.js by its absolute URL, so this works for pages in sub-folders (examples.html) too.
      await page.evaluate(async (embed) => {
        const { loaded } = await import(embed);
        await loaded;
      }, new URL('embed.js', BASE_URL).href);
      // The planner, the pack and the workspace load the rules module when first needed (near
      // the viewport, used, a saved project): tests of what they do wait until it is there, as
      // a user who reached them would. The lazy load itself is tested with waitForWasm: false.
      // Likewise the key generator and the key set show their size choice from the keys module.
      await page.evaluate(async (ers) => {
        const module = await import(ers);
        if (document.querySelector('ers-asid-planner, ers-golive-pack, [data-ers-workspace]')) await module.rules();
        if (document.querySelector('ers-key-generator, ers-key-set')) await module.keys();
      }, new URL('js/ers.js', BASE_URL).href);
    }
  } catch (error) {
    // Never leave a browser behind: node would not exit.
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    page,
    context,
    response,
    consoleErrors,
    offOriginRequests,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens an element's examples page (components/examples.html?element=TAG), as axe needs it
 *  (CSP bypassed for axe's script; the element's module loads as on the page, on first use). */
export function openExamples(tag) {
  return openPage(`components/examples.html?element=${tag}`, { bypassCSP: true, waitForWasm: false });
}

/** The last test of a page's suite: `session()` (the suite's session, once opened) logged no
 *  console error and asked nothing of another origin. */
export function itLeftNoErrorOrRequestElsewhere(session) {
  it('logs no console error and makes no request to another origin', () => assertCleanSession(session()));
}

/** What every page test ends with: no console error, no request to another origin. */
export function assertCleanSession(session) {
  assert.deepEqual(session.consoleErrors, [], 'console errors');
  assert.deepEqual(session.offOriginRequests, [], 'requests to another origin');
}

/**
 * Tries a fetch to another origin in `where` (a page, a frame or a worker) and resolves to `{
 * failed, violation }`: whether it failed, and the CSP directive and URL the browser reported
 * refusing it (null when no report came within 3 s). A failed fetch alone proves nothing: no
 * network fails too.
 */
export function fetchElsewhere(where, url = 'https://example.org/') {
  return where.evaluate(async (target) => {
    const violation = new Promise((resolve) => {
      self.addEventListener('securitypolicyviolation', (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`), { once: true });
      setTimeout(() => resolve(null), 3000);
    });
    let failed = false;
    try {
      await fetch(target);
    } catch {
      failed = true;
    }
    return { failed, violation: await violation };
  }, url);
}

/**
 * Plans Care Vista Link (supplier Care Vista, user-restricted and application-restricted as a
 * referrer) for `euos` in the page's planner, as a user would, and waits for the plan.
 */
export async function planCareVista(page, euos) {
  const planner = 'ers-asid-planner';
  await page.$eval(planner, (el, list) => { el.euos = list; }, euos);
  await page.fill(`${planner} input[name="product"]`, 'Care Vista Link');
  await page.fill(`${planner} input[name="supplier"]`, 'Care Vista');
  await page.check(`${planner} input[value="user-restricted"]`);
  await page.check(`${planner} input[value="application-restricted-referrer"]`);
  await page.click(`${planner} button:has-text("Plan the go-live")`);
  await page.waitForFunction((tag) => document.querySelector(tag).plan !== null, planner);
}

/** The frame page of the element `tag` on a page of another origin than the site's (the
 *  <iframe> in its shell's shadow root), once the element in it has its form. */
export async function frameOf(page, tag) {
  const handle = await page.waitForFunction((t) => document.querySelector(t)?.shadowRoot?.querySelector('iframe'), tag);
  const frame = await handle.asElement().contentFrame();
  await frame.waitForSelector(`${tag} form`);
  // Usable once the page's attributes are in (the frame is inert until then).
  await frame.waitForSelector('html[data-ers-ready]', { state: 'attached' });
  return frame;
}

/** Saves a screenshot under tests/output/ (ignored by git) and returns its path. */
export async function screenshot(page, name, options = {}) {
  const path = join(process.cwd(), 'tests', 'output', `${name}.png`);
  await page.screenshot({ path, fullPage: true, ...options });
  return path;
}
