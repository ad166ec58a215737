// The token server's own answers on the page, in headless Chromium: the keys element's "Check a
// JWKS" part (paste or file; nothing is fetched), the JWT tester leading with the one answer the
// token server gives first, and its "Check a token request" part (a curl command line or a form
// body) — each in the server's words, with codes; accessible; nothing leaves the page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';

import { checkA11y } from './axe.mjs';
import { openPage, screenshot, assertCleanSession } from './harness.mjs';

const API_KEY = 'Ab3dEfGh1jKlMn0pQrStUvWxYz012345';
const JWKS_FILE = new URL('../../crates/ers-keys/tests/examples/jwt/throwaway-test-key-2048.jwks.json', import.meta.url);
const TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('Check a JWKS (<ers-key-generator>)', () => {
  let session;
  let page;
  const requests = [];
  before(async () => {
    session = await openPage('#keys', { bypassCSP: true });
    page = session.page;
    await page.waitForSelector('ers-key-generator .ers-key-generator__jwks-check form');
    page.on('request', (r) => requests.push(r.url()));
  });
  after(async () => {
    if (page) {
      await screenshot(page.locator('ers-key-generator .ers-key-generator__jwks-check'), 'jwks-check-1280').catch(() => {});
      await page.setViewportSize({ width: 375, height: 800 });
      await screenshot(page.locator('ers-key-generator .ers-key-generator__jwks-check'), 'jwks-check-375').catch(() => {});
    }
    await session?.close();
  });
  const part = () => page.locator('ers-key-generator .ers-key-generator__jwks-check');
  const codes = () => part().locator('.ers-key-generator__jwks-diagnostics [data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));

  it('is its own part of the keys element, saying a missing alg is fine and key size is not checked', async () => {
    assert.equal(await part().getByRole('heading', { name: 'Check a JWKS' }).count(), 1);
    assert.match(await part().textContent(), /A missing "alg" is fine, and the token server does not check key size\./);
  });

  it('finds a bare JWK with private members and says the key is leaked', async () => {
    const jwk = JSON.parse(await readFile(JWKS_FILE, 'utf8')).keys[0];
    await part().getByLabel('The JWKS', { exact: true }).fill(JSON.stringify({ ...jwk, d: 'c2VjcmV0' }));
    await part().getByRole('button', { name: 'Check the JWKS' }).click();
    await part().locator('.ers-verdict').waitFor();
    assert.deepEqual(await codes(), ['ERS-K011', 'ERS-K015', 'ERS-K020']);
    assert.match(await part().locator('.ers-verdict').textContent(), /^The token server cannot use this JWKS as it is: 2 errors, 1 warning\.$/);
    const leaked = part().locator('[data-code="ERS-K015"]');
    assert.match(await leaked.textContent(), /publishes private-key members \(d\): anyone who reads this file can sign as your application/);
    assert.match(await leaked.textContent(), /Fix: Treat the key as leaked: make a new key pair/);
    assert.ok(!(await part().locator('.ers-key-generator__jwks-result').textContent()).includes('c2VjcmV0'), 'the private value is never shown');
  });

  it('reads a JWKS file, checks it at once, and fetches nothing', async () => {
    requests.length = 0;
    await part().locator('input[type="file"]').setInputFiles(JWKS_FILE.pathname);
    await page.waitForFunction(() => /can use this JWKS/.test(document.querySelector('ers-key-generator').shadowRoot.querySelector('.ers-key-generator__jwks-check .ers-verdict')?.textContent ?? ''));
    assert.equal(await part().locator('.ers-verdict').textContent(), 'The token server can use this JWKS: 1 key (kid “test-1”); 1 warning.');
    assert.deepEqual(await codes(), ['ERS-K020']);
    assert.match(await part().locator('.ers-key-generator__jwks-notes').textContent(), /NHS can host the JWKS for an application: at https:\/\/nhsdigital\.github\.io\/identity-service-jwks\/jwks\/\{env\}\/\{AppID\}\.json/);
    assert.deepEqual(requests, [], 'checking a JWKS makes no request at all');
  });

  it('asks for a JWKS when the box is empty, beside the field', async () => {
    await part().getByLabel('The JWKS', { exact: true }).fill('');
    await part().getByRole('button', { name: 'Check the JWKS' }).click();
    await part().locator('.ers-error-summary:not([hidden])').waitFor();
    assert.match(await part().locator('.ers-error-message').textContent(), /Paste the JWKS to check, or choose its file\./);
  });

  it('passes axe and logs nothing', async () => {
    await part().getByLabel('The JWKS', { exact: true }).fill('{"keys": []}');
    await part().getByRole('button', { name: 'Check the JWKS' }).click();
    await part().locator('[data-code="ERS-K014"]').waitFor();
    assert.deepEqual(await checkA11y(page, 'ers-key-generator'), []);
    assertCleanSession(session);
  });
});

describe('The token server’s answer (<ers-jwt-tester>)', () => {
  let session;
  let page;
  let key;
  before(async () => {
    session = await openPage('#jwt', { bypassCSP: true });
    page = session.page;
    await page.waitForSelector('ers-jwt-tester form');
    key = await readFile(new URL('../../crates/ers-keys/tests/examples/jwt/throwaway-test-key-2048.pem', import.meta.url), 'utf8');
  });
  after(async () => {
    if (page) {
      await screenshot(page.locator('ers-jwt-tester'), 'server-answer-1280').catch(() => {});
      await page.setViewportSize({ width: 375, height: 800 });
      await screenshot(page.locator('ers-jwt-tester .ers-jwt-tester__request'), 'token-request-375').catch(() => {});
    }
    await session?.close();
  });
  const tester = () => page.locator('ers-jwt-tester');
  const signForm = () => tester().locator('form').nth(0);
  const checkForm = () => tester().locator('form').nth(1);
  const requestForm = () => tester().locator('form').nth(2);

  /** Signs in the page (the wasm module) with any header and claims, as a careless client. */
  async function sign(claimsPatch) {
    await signForm().getByLabel('Private key (PEM)').fill(key);
    await signForm().getByLabel('Key id (kid)').fill('test-1');
    await signForm().getByLabel('API key').fill(API_KEY);
    await signForm().getByLabel('Environment').selectOption('prod');
    await signForm().getByRole('button', { name: 'Sign' }).click();
    return tester().getByLabel('Signed client assertion (JWT)').inputValue();
  }

  it('leads the check with the one answer the token server gives, then the rest', async () => {
    await sign();
    await tester().getByRole('button', { name: 'Check this token', exact: true }).click();
    const jwks = await readFile(JWKS_FILE, 'utf8');
    await checkForm().getByLabel('JWKS', { exact: true }).fill(jwks);
    // Checked for INT with INT's API key: the PROD token's API key and aud are both wrong; the
    // server looks the API key up first, so that is its answer.
    await checkForm().getByLabel('Environment (optional)').selectOption('int');
    await checkForm().getByLabel('API key (optional)').fill('IntKey0000000000000000000000000000');
    await checkForm().getByRole('button', { name: 'Check' }).click();
    const result = tester().locator('.ers-jwt-tester__result').first();
    await result.locator('.ers-jwt-tester__answer').waitFor();
    // First in the result, right under its heading.
    const order = await result.evaluate((el) => [...el.children].map((c) => c.className || c.tagName));
    assert.equal(order[0], 'H4');
    assert.match(order[1], /ers-jwt-tester__answer/);
    const answer = await result.locator('.ers-jwt-tester__answer').textContent();
    assert.match(answer, /^The token server’s answer: HTTP 401 Invalid 'iss'\/'sub' claims in client_assertion JWT/);
    assert.match(answer, /The token server caches the jti before it gives this answer/);
    assert.match(answer, /the others listed below follow once that one is fixed/);
    assert.equal(await result.locator('.ers-jwt-tester__answer').getAttribute('data-status'), '401');
  });

  it('says a good token would be accepted', async () => {
    await checkForm().getByLabel('Environment (optional)').selectOption('prod');
    await checkForm().getByLabel('API key (optional)').fill(API_KEY);
    await checkForm().getByRole('button', { name: 'Check' }).click();
    const result = tester().locator('.ers-jwt-tester__result').first();
    await page.waitForFunction(() => document.querySelector('ers-jwt-tester').shadowRoot.querySelector('.ers-jwt-tester__answer')?.dataset.status === '200');
    assert.match(await result.locator('.ers-jwt-tester__answer').textContent(), /^The token server’s answer: it would accept this and give an access token/);
  });

  it('checks the token request: the curl command the signer gives, then a broken form body', async () => {
    await tester().getByRole('button', { name: 'Check this request' }).click();
    const curl = await requestForm().getByLabel('Token request').inputValue();
    assert.ok(curl.startsWith("curl --request POST 'https://api.service.nhs.uk/oauth2/token'"), curl);
    await requestForm().getByLabel('JWKS', { exact: true }).fill(await readFile(JWKS_FILE, 'utf8'));
    await requestForm().getByRole('button', { name: 'Check the request' }).click();
    const result = tester().locator('.ers-jwt-tester__request-result');
    await result.locator('.ers-jwt-tester__answer').waitFor();
    assert.equal(await result.locator('.ers-jwt-tester__answer').getAttribute('data-status'), '200');
    assert.match(await result.textContent(), /Read a curl command · to https:\/\/api\.service\.nhs\.uk\/oauth2\/token · sent as application\/x-www-form-urlencoded · fields: grant_type, client_assertion_type, client_assertion\./);

    const token = tester().getByLabel('Signed client assertion (JWT)');
    const jwt = await token.inputValue();
    await requestForm().getByLabel('Token request').fill(`client_assertion_type=${TYPE}&client_assertion=${jwt}`);
    await requestForm().getByRole('button', { name: 'Check the request' }).click();
    await page.waitForFunction(() => document.querySelector('ers-jwt-tester').shadowRoot.querySelector('.ers-jwt-tester__request-result .ers-jwt-tester__answer')?.dataset.status === '400');
    assert.match(await result.locator('.ers-jwt-tester__answer').textContent(), /^The token server’s answer: HTTP 400 grant_type is missing/);
    assert.deepEqual(await result.locator('ul[aria-label="The request"] [data-code]').evaluateAll((els) => els.map((e) => e.dataset.code)), ['ERS-J024']);
    // The assertion inside is checked too (a 2048-bit test key: NHS asks for 4096).
    assert.deepEqual(await result.locator('ul[aria-label="The client assertion"] [data-code]').evaluateAll((els) => els.map((e) => e.dataset.code)), ['ERS-J019']);
    assert.match(await result.locator('[data-code="ERS-J024"]').textContent(), /Fix: Add the form field grant_type=client_credentials/);

    // curl -F sends multipart: the server's 415 comes first.
    await requestForm().getByLabel('Token request').fill(`curl https://api.service.nhs.uk/oauth2/token -F grant_type=client_credentials -F client_assertion_type=${TYPE} -F client_assertion=${jwt}`);
    await requestForm().getByRole('button', { name: 'Check the request' }).click();
    await page.waitForFunction(() => document.querySelector('ers-jwt-tester').shadowRoot.querySelector('.ers-jwt-tester__request-result .ers-jwt-tester__answer')?.dataset.status === '415');
    assert.match(await result.locator('.ers-jwt-tester__answer').textContent(), /HTTP 415 Content-Type header must be application\/x-www-form-urlencoded/);
  });

  it('passes axe and logs nothing', async () => {
    assert.deepEqual(await checkA11y(page, 'ers-jwt-tester'), []);
    assertCleanSession(session);
  });
});

describe('Kids as the token server takes them (<ers-key-generator>)', () => {
  it('makes a key with a kid NHS hosts in PROD, warns, and names the files safely', async () => {
    const session = await openPage('#keys');
    try {
      const { page } = session;
      const el = 'ers-key-generator';
      await page.waitForSelector(`${el} form`);
      await page.fill(`${el} input[name="kid"]`, 'Prod one');
      await page.check(`${el} input[type="radio"][value="2048"]`);
      await page.click(`${el} button[type="submit"]:has-text("Generate key pair")`);
      await page.waitForSelector(`${el} .ers-key-generator__result:not([hidden]) .ers-notice--ok`, { timeout: 180_000 });
      const notice = await page.textContent(`${el} .ers-key-generator__result .ers-notice--ok`);
      assert.match(notice, /Key pair ready: 2048-bit RSA, kid Prod one\./);
      assert.match(notice, /The files are named Prod_one, the kid’s safe file-name form\. The kid itself, in the JWKS and in your JWT header, stays exactly Prod one\./);
      const codes = await page.locator(`${el} .ers-key-generator__result .ers-diagnostic__code`).allTextContents();
      assert.deepEqual(codes, ['ERS-K001', 'ERS-K004']);
      const names = await page.locator(`${el} button[data-download]`).evaluateAll((bs) => bs.map((b) => b.dataset.download));
      // The ZIP of the three files, then each file: every name in the kid's safe form.
      assert.deepEqual(names.slice(0, 4), ['Prod_one.zip', 'Prod_one.pem', 'Prod_one.pem.pub', 'Prod_one.json']);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${el} button[data-download="Prod_one.json"]`)]);
      const jwks = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.equal(jwks.keys[0].kid, 'Prod one');
      assert.deepEqual(session.consoleErrors, []);
      assert.deepEqual(session.offOriginRequests, []);
    } finally {
      await session.close();
    }
  });
});
