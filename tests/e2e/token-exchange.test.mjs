// The token exchange in the page, in headless Chromium (<ers-jwt-tester>): signing for it gives
// its curl command and a client ready to paste; a token-exchange request pasted in "Check a token
// request" is answered in the token server's own words and statuses (FACTS §5b), with what
// cannot be checked offline said as such; accessible; nothing leaves the page.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';

import { checkA11y } from './axe.mjs';
import { openPage, screenshot, assertCleanSession } from './harness.mjs';

const API_KEY = 'Ab3dEfGh1jKlMn0pQrStUvWxYz012345';
const EXAMPLES = new URL('../../crates/ers-keys/tests/examples/jwt/', import.meta.url);
const PLACEHOLDER = 'PASTE-THE-ID-TOKEN-FROM-NHS-CIS2-HERE';
const CIS2_INT = 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare';

/** An ID token as NHS CIS2 issues one for INT; its signature is never checked offline. */
function idToken(claimsPatch = {}) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { iss: CIS2_INT, aud: 'my-cis2-client', sub: '910000000001', exp: now + 300, iat: now, ...claimsPatch };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  return `${b64({ typ: 'JWT', kid: 'cis2-key', alg: 'RS256' })}.${b64(claims)}.c2lnbmF0dXJl`;
}

describe('The token exchange (<ers-jwt-tester>)', () => {
  let session;
  let page;
  before(async () => {
    session = await openPage('#jwt', { bypassCSP: true });
    page = session.page;
    await page.waitForSelector('ers-jwt-tester form');
  });
  after(async () => {
    if (page) {
      await screenshot(page.locator('ers-jwt-tester'), 'token-exchange-1280').catch(() => {});
      await page.setViewportSize({ width: 375, height: 800 });
      await screenshot(page.locator('ers-jwt-tester'), 'token-exchange-375').catch(() => {});
    }
    await session?.close();
  });
  const tester = () => page.locator('ers-jwt-tester');
  const signForm = () => tester().locator('form').nth(0);
  const requestForm = () => tester().locator('form').nth(2);
  const result = () => tester().locator('.ers-jwt-tester__request-result');
  const status = () => result().locator('.ers-jwt-tester__answer').getAttribute('data-status');

  async function checkRequest(text, wantedStatus) {
    await requestForm().getByLabel('Token request').fill(text);
    await requestForm().getByRole('button', { name: 'Check the request' }).click();
    await page.waitForFunction((s) => document.querySelector('ers-jwt-tester').shadowRoot
      .querySelector('.ers-jwt-tester__request-result .ers-jwt-tester__answer')?.dataset.status === s, wantedStatus);
    return result().locator('.ers-jwt-tester__answer').textContent();
  }

  it('signs for a token exchange: its curl command, and a client ready to paste beside it', async () => {
    await signForm().getByLabel('Private key (PEM)').fill(await readFile(new URL('throwaway-test-key-2048.pem', EXAMPLES), 'utf8'));
    await signForm().getByLabel('Key id (kid)').fill('test-1');
    await signForm().getByLabel('API key').fill(API_KEY);
    await signForm().getByLabel('Environment').selectOption('int');
    await signForm().getByLabel('Token request').selectOption('token-exchange');
    await signForm().getByRole('button', { name: 'Sign' }).click();
    const curl = await tester().locator('.ers-jwt-tester__signed .ers-jwt-tester__curl').first().textContent();
    assert.match(curl, /--data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange'/);
    assert.match(curl, /--data-urlencode 'subject_token_type=urn:ietf:params:oauth:token-type:id_token'/);
    assert.match(curl, new RegExp(`--data-urlencode 'subject_token=${PLACEHOLDER}'`));

    const client = tester().locator('.ers-jwt-tester__client');
    await client.getByRole('heading', { name: 'A client ready to paste' }).waitFor();
    const code = client.locator('.ers-jwt-tester__snippet');
    await page.waitForFunction(() => /KID = "test-1"/.test(document.querySelector('ers-jwt-tester').shadowRoot.querySelector('.ers-jwt-tester__snippet')?.textContent ?? ''));
    const python = await code.textContent();
    assert.match(python, /TOKEN_URL = "https:\/\/int\.api\.service\.nhs\.uk\/oauth2\/token"/);
    assert.match(python, new RegExp(`API_KEY = "${API_KEY}"`));
    assert.match(python, /"grant_type": "urn:ietf:params:oauth:grant-type:token-exchange"/);
    assert.match(await client.textContent(), /Save as nhs_token\.py beside test-1\.pem.*python3 -m pip install PyJWT==2\.15\.1 cryptography==48\.0\.0/);
    const languages = await client.getByLabel('Language').locator('option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(languages, ['python', 'node', 'java']);
    await client.getByLabel('Language').selectOption('node');
    await page.waitForFunction(() => /createPrivateKey/.test(document.querySelector('ers-jwt-tester').shadowRoot.querySelector('.ers-jwt-tester__snippet')?.textContent ?? ''));
    assert.match(await code.textContent(), /const KID = "test-1";/);
    await client.getByLabel('Language').selectOption('java');
    await page.waitForFunction(() => /SHA512withRSA/.test(document.querySelector('ers-jwt-tester').shadowRoot.querySelector('.ers-jwt-tester__snippet')?.textContent ?? ''));
  });

  it('answers the signed request in the server’s words: the placeholder, then a pasted ID token', async () => {
    await tester().getByRole('button', { name: 'Check this request' }).click();
    const curl = await requestForm().getByLabel('Token request').inputValue();
    assert.ok(curl.includes(PLACEHOLDER), curl);
    await requestForm().getByLabel('JWKS', { exact: true }).fill(await readFile(new URL('throwaway-test-key-2048.jwks.json', EXAMPLES), 'utf8'));
    await requestForm().getByRole('button', { name: 'Check the request' }).click();
    await page.waitForFunction(() => document.querySelector('ers-jwt-tester').shadowRoot.querySelector('.ers-jwt-tester__request-result .ers-jwt-tester__answer')?.dataset.status === '400');
    assert.match(await result().locator('.ers-jwt-tester__answer').textContent(), /^The token server’s answer: HTTP 400 Malformed JWT in subject_token/);
    assert.match(await result().textContent(), /Read as a token exchange/);
    const subjectCodes = () => result().locator('ul[aria-label="The ID token"] [data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.deepEqual(await subjectCodes(), ['ERS-J031']);
    assert.match(await result().locator('[data-code="ERS-J031"]').textContent(), /still the placeholder/);

    // The ID token pasted in: accepted, and what cannot be checked offline is said as such.
    const answer = await checkRequest(curl.replace(PLACEHOLDER, idToken()), '200');
    assert.match(answer, /it would accept this and give an access token/);
    const notChecked = await result().locator('.ers-jwt-tester__not-checked').textContent();
    assert.match(notChecked, /Not checked here \(neither a pass nor a fail\):/);
    assert.match(notChecked, /The ID token's signature against NHS CIS2's published keys/);
    assert.match(notChecked, /whether the ID token's 'aud' is the client ID NHS CIS2 issued/i);
  });

  it('leads with the ID token’s first problem, with the server’s status: aud missing is 401', async () => {
    const curl = await requestForm().getByLabel('Token request').inputValue();
    const pasted = curl.replace(/subject_token=[^']*/, `subject_token=${idToken({ aud: undefined })}`);
    const answer = await checkRequest(pasted, '401');
    assert.match(answer, /^The token server’s answer: HTTP 401 Missing 'aud' claim in subject_token JWT/);
    assert.match(answer, /The token server caches the jti before it gives this answer/);

    const expired = curl.replace(/subject_token=[^']*/, `subject_token=${idToken({ exp: 1_700_000_000, iss: 'https://issuer.example' })}`);
    assert.match(await checkRequest(expired, '400'), /HTTP 400 Invalid 'exp' claim in subject_token JWT - JWT has expired/);
    const codes = await result().locator('ul[aria-label="The ID token"] [data-code]').evaluateAll((els) => els.map((e) => e.dataset.code));
    assert.deepEqual(codes, ['ERS-J036', 'ERS-J039']);
    assert.match(await result().locator('[data-code="ERS-J039"]').textContent(), /unconfirmed/);

    // grant_type left as client_credentials in a token exchange: the server's "grant_type is invalid".
    const wrongGrant = curl.replace('grant_type=urn:ietf:params:oauth:grant-type:token-exchange', 'grant_type=client_credentials');
    assert.match(await checkRequest(wrongGrant, '400'), /HTTP 400 grant_type is invalid/);
    assert.equal(await status(), '400');
  });

  it('takes the issuer chosen: an NHS CIS2 ID token checked for NHS login is a warning only', async () => {
    // The form still holds the last request, whose grant_type was broken on purpose.
    const curl = (await requestForm().getByLabel('Token request').inputValue())
      .replace('grant_type=client_credentials', 'grant_type=urn:ietf:params:oauth:grant-type:token-exchange');
    await requestForm().getByLabel('ID-token issuer').selectOption('nhs-login');
    const pasted = curl.replace(/subject_token=[^']*/, `subject_token=${idToken()}`);
    await checkRequest(pasted, '200');
    assert.deepEqual(await result().locator('ul[aria-label="The ID token"] [data-code]').evaluateAll((els) => els.map((e) => e.dataset.code)), ['ERS-J039']);
    assert.match(await result().locator('[data-code="ERS-J039"]').textContent(), /the token server takes either/);
    await requestForm().getByLabel('ID-token issuer').selectOption('cis2');
  });

  it('passes axe and logs nothing', async () => {
    assert.deepEqual(await checkA11y(page, 'ers-jwt-tester'), []);
    assertCleanSession(session);
  });
});
