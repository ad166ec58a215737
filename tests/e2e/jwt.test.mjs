// <ers-jwt-tester> in headless Chromium: a key made on the page → a signed client assertion →
// a clean check; broken tokens → the expected diagnostics, each with the token server's words and
// the fix; input errors beside their fields; accessible; nothing leaves the page.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { checkA11y, describeViolations } from './axe.mjs';
import { openPage, screenshot, openExamples } from './harness.mjs';

const API_KEY = 'Ab3dEfGh1jKlMn0pQrStUvWxYz012345';

describe('<ers-jwt-tester>', () => {
  let session;
  let page;
  let generated;
  const failed = []; // responses >= 400 for this element's files or the module it uses

  before(async () => {
    // bypassCSP only so axe can be injected; the page's own code runs as it does for users.
    session = await openPage('#jwt', { bypassCSP: true });
    page = session.page;
    page.on('response', (r) => {
      if (r.status() >= 400 && /\/(components\/ers-jwt-tester|js|pkg)\//.test(r.url())) failed.push(r.url());
    });
    await page.waitForSelector('ers-jwt-tester form');
    // A fresh key pair, made on the page by the wasm module (2048 bits keeps the test quick).
    generated = await page.evaluate(async () => {
      const { keys } = await import('./js/ers.js');
      const ers = await keys();
      return ers.generateKeyPair({ bits: 2048, kid: 'e2e-1' });
    });
  });

  after(async () => {
    if (page) await screenshot(page.locator('ers-jwt-tester'), 'jwt-tester').catch(() => {});
    await session?.close();
  });

  const tester = () => page.locator('ers-jwt-tester');
  const signForm = () => tester().locator('form').nth(0);
  const checkForm = () => tester().locator('form').nth(1);
  const codes = () => tester().locator('.ers-jwt-tester__diagnostics > li').evaluateAll((lis) => lis.map((li) => li.dataset.code));

  it('signs with a key just generated on the page, and that token checks clean', async () => {
    // The key generator offers a fresh key through js/key-handoff.js (never an event: a page's
    // other scripts would hear it); the tester shows a button to use it.
    await page.evaluate(async (pair) => {
      (await import('./js/key-handoff.js')).offerKey(pair);
    }, { kid: generated.kid, privateKeyPem: generated.privateKeyPem, jwks: generated.jwks });
    const use = tester().getByRole('button', { name: 'Use the key just generated (kid e2e-1)' });
    await use.click();
    assert.match(await signForm().getByLabel('Private key (PEM)').inputValue(), /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(await signForm().getByLabel('Key id (kid)').inputValue(), 'e2e-1');

    await signForm().getByLabel('API key').fill(API_KEY);
    await signForm().getByLabel('Environment').selectOption('int');
    await signForm().getByRole('button', { name: 'Sign' }).click();

    const token = await tester().getByLabel('Signed client assertion (JWT)').inputValue();
    assert.match(token, /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    const decoded = await tester().locator('.ers-jwt-tester__signed pre.ers-jwt-tester__json').allTextContents();
    assert.deepEqual(JSON.parse(decoded[0]), { alg: 'RS512', typ: 'JWT', kid: 'e2e-1' });
    const claims = JSON.parse(decoded[1]);
    assert.equal(claims.iss, API_KEY);
    assert.equal(claims.sub, API_KEY);
    assert.equal(claims.aud, 'https://int.api.service.nhs.uk/oauth2/token');
    assert.equal(claims.exp - claims.iat, 300);
    assert.match(claims.jti, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const curl = await tester().locator('.ers-jwt-tester__curl').textContent();
    assert.ok(curl.startsWith("curl --request POST 'https://int.api.service.nhs.uk/oauth2/token'"), curl);
    assert.ok(curl.includes(`client_assertion=${token}'`), curl);

    // "Check this token" carries the token, environment and API key over (the JWKS came with
    // the key) and runs the check.
    await tester().getByRole('button', { name: 'Check this token' }).click();
    assert.equal(await checkForm().getByLabel('Client assertion (JWT)').inputValue(), token);
    assert.match(await checkForm().getByLabel('JWKS', { exact: true }).inputValue(), /"kid": "e2e-1"/);
    await tester().locator('.ers-jwt-tester__result .ers-verdict').waitFor();
    const verdict = await tester().locator('.ers-verdict').textContent();
    assert.equal(verdict, 'The token server would accept this token (1 warning).');
    assert.deepEqual(await codes(), ['ERS-J019']); // 2048 bits: NHS asks for 4096
    assert.match(await tester().locator('.ers-jwt-tester__result').textContent(), /signature verified/);
  });

  it('shows an INT token checked for PROD with the server text, the fix and aud character by character', async () => {
    await checkForm().getByLabel('Environment (optional)').selectOption('prod');
    await checkForm().getByLabel('API key (optional)').fill('ProdApplicationsApiKey0123456789');
    await checkForm().getByRole('button', { name: 'Check' }).click();
    assert.equal(
      await tester().locator('.ers-verdict').textContent(),
      'The token server would refuse this token: 2 errors, 1 warning.',
    );
    assert.deepEqual(await codes(), ['ERS-J009', 'ERS-J011', 'ERS-J019']);
    const aud = tester().locator('li[data-code="ERS-J011"]');
    assert.equal(
      await aud.locator('q').textContent(),
      "Missing or invalid 'aud' claim in client_assertion JWT",
    );
    assert.match(await aud.locator('.ers-diagnostic__message').textContent(), /\(HTTP 401\)$/);
    assert.match(await aud.locator('.ers-diagnostic__help').textContent(), /^Fix: This token was made for INT and is checked for PROD/);
    assert.equal(
      await aud.locator('caption').textContent(),
      'aud, compared character by character: the first difference is at character 9',
    );
    assert.deepEqual(await aud.locator('tbody mark').allTextContents(), [
      'int.api.service.nhs.uk/oauth2/token',
      'api.service.nhs.uk/oauth2/token',
    ]);
    assert.equal(
      await tester().locator('li[data-code="ERS-J009"] q').textContent(),
      "Invalid 'iss'/'sub' claims in client_assertion JWT",
    );
  });

  it('decodes a malformed token as far as it goes and marks where it breaks', async () => {
    const token = await checkForm().getByLabel('Client assertion (JWT)').inputValue();
    const [header, claims] = token.split('.');
    const broken = [
      [`${header}.${claims}`, ['ERS-J001', 'ERS-J011']],
      [`client_assertion=${token}`, ['ERS-J002', 'ERS-J011']],
      [`${header}=.${claims}.AAAA`, ['ERS-J002', 'ERS-J011']],
      ['', ['ERS-J001']],
    ];
    for (const [input, expected] of broken) {
      await checkForm().getByLabel('Client assertion (JWT)').fill(input);
      await checkForm().getByRole('button', { name: 'Check' }).click();
      const got = (await codes()).filter((c) => c !== 'ERS-J019' && c !== 'ERS-J009');
      assert.deepEqual(got, expected, input.slice(0, 40));
      // Nothing absent is written out as text (an empty token has no facts to show).
      assert.doesNotMatch(await tester().locator('.ers-jwt-tester__result').textContent(), /null|undefined/);
    }
    // The last non-empty case marks the '=' padding.
    await checkForm().getByLabel('Client assertion (JWT)').fill(`${header}=.${claims}.AAAA`);
    await checkForm().getByRole('button', { name: 'Check' }).click();
    const first = tester().locator('li[data-code="ERS-J002"]');
    assert.equal(await first.locator('mark').textContent(), '=');
    assert.equal(await first.locator('q').textContent(), 'Malformed JWT in client_assertion');
    assert.match(await first.locator('.ers-diagnostic__help').textContent(), /remove the trailing '='/);
  });

  it('puts input errors beside their fields and in a summary that takes focus', async () => {
    await signForm().getByLabel('API key').fill('');
    await signForm().getByRole('button', { name: 'Sign' }).click();
    const summary = signForm().locator('.ers-error-summary');
    assert.equal(await summary.isVisible(), true);
    assert.equal(await summary.evaluate((el) => el === el.getRootNode().activeElement), true);
    const apiKey = signForm().getByLabel('API key');
    assert.equal(await apiKey.getAttribute('aria-invalid'), 'true');
    const describedBy = (await apiKey.getAttribute('aria-describedby')).split(' ');
    assert.equal(describedBy.length, 2);
    const message = await page.locator(`#${describedBy[1]}`).textContent();
    assert.equal(message, 'Error: API key: is empty');
    await summary.getByRole('link', { name: 'API key: is empty' }).click();
    assert.equal(await apiKey.evaluate((el) => el === el.getRootNode().activeElement), true);

    await signForm().getByLabel('API key').fill(API_KEY);
    await signForm().getByLabel('Expires in (seconds)').fill('600');
    await signForm().getByRole('button', { name: 'Sign' }).click();
    assert.match(
      await signForm().locator('[data-field="expSeconds"] .ers-error-message').textContent(),
      /^Error: Lifetime: 600 seconds is not allowed/,
    );
    await signForm().getByLabel('Expires in (seconds)').fill('300');
  });

  it('is accessible, logs no error and sends nothing anywhere', async () => {
    const violations = await checkA11y(page, 'ers-jwt-tester');
    assert.deepEqual(violations, [], describeViolations(violations));
    // The whole page's console is the site test's; here: no uncaught error, none of our files failed.
    assert.deepEqual(session.consoleErrors.filter((e) => e.startsWith('uncaught')), []);
    assert.deepEqual(failed, []);
    assert.deepEqual(session.offOriginRequests, []);
  });
});

describe('<ers-jwt-tester> examples page', () => {
  it('renders every example accessibly, loaded by embed.js alone', async () => {
    const session = await openExamples('ers-jwt-tester');
    try {
      const { page } = session;
      await page.waitForSelector('ers-jwt-tester form');
      const count = await page.locator('ers-jwt-tester').count();
      assert.ok(count >= 1);
      assert.equal(await page.locator('ers-jwt-tester form').count(), count * 3); // sign, check, check a token request
      const violations = await checkA11y(page, 'main');
      assert.deepEqual(violations, [], describeViolations(violations));
      assert.deepEqual(session.offOriginRequests, []);
    } finally {
      await session.close();
    }
  });
});

describe('<ers-key-generator> → <ers-jwt-tester> on the page', () => {
  it('signs with the key the generator just made and the token checks clean against its JWKS', async () => {
    const session = await openPage('#keys');
    try {
      const { page } = session;
      const gen = 'ers-key-generator';
      await page.waitForSelector(`${gen} form`);
      await page.fill(`${gen} input[name="kid"]`, 'page-1');
      await page.check(`${gen} input[type="radio"][value="2048"]`);
      await page.click(`${gen} button[type="submit"]:has-text("Generate key pair")`);
      await page.waitForSelector(`${gen} .ers-key-generator__result:not([hidden]) .ers-notice--ok`, { timeout: 180_000 });

      const tester = page.locator('ers-jwt-tester');
      await tester.getByRole('button', { name: 'Use the key just generated (kid page-1)' }).click();
      const sign = tester.locator('form').nth(0);
      await sign.getByLabel('API key').fill(API_KEY);
      await sign.getByLabel('Environment').selectOption('prod');
      await sign.getByRole('button', { name: 'Sign' }).click();
      await tester.getByRole('button', { name: 'Check this token' }).click();
      await tester.locator('.ers-jwt-tester__result .ers-verdict').waitFor();
      assert.equal(await tester.locator('.ers-verdict').textContent(), 'The token server would accept this token (1 warning).');
      assert.deepEqual(
        await tester.locator('.ers-jwt-tester__diagnostics > li').evaluateAll((lis) => lis.map((li) => li.dataset.code)),
        ['ERS-J019'],
      );
      assert.match(await tester.locator('.ers-jwt-tester__result').textContent(), /for PROD · key page-1 \(2048 bits\) · signature verified/);
      assert.deepEqual(session.offOriginRequests, []);
    } finally {
      await session.close();
    }
  });
});
