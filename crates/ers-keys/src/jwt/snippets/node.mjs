// Ask the NHS API platform for an access token: {{TITLE}}.
//
// Signs a client assertion (RS512; e-RS Stage 4, guidance 4.2) with your private key and posts it
// to the {{ENV}} token URL. Written for you by ers-golive; the values below are your project's.
// Node.js 18 or later, no packages: Node's own crypto and fetch.
//
#TE#//   export NHS_CIS2_ID_TOKEN='<the id_token from the NHS CIS2 sign-in>'
//   node {{FILE}}              sends the request, prints the token server's answer
//   node {{FILE}} --dry-run    prints the form it would send, and sends nothing

import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

const TOKEN_URL = {{TOKEN_URL}};
const API_KEY = {{API_KEY}}; // the application's "Key" in the developer portal, not its secret
const KID = {{KID}}; // the kid of your key in the application's JWKS
const PRIVATE_KEY_FILE = process.env.PRIVATE_KEY_FILE ?? {{KEY_FILE}};

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

/** A new RS512 client assertion: a new jti, and exp 5 minutes ahead (never more). */
function clientAssertion() {
  const key = createPrivateKey(readFileSync(PRIVATE_KEY_FILE)); // PEM, unencrypted: PKCS#8 or PKCS#1
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS512', typ: 'JWT', kid: KID };
  const claims = { iss: API_KEY, sub: API_KEY, aud: TOKEN_URL, jti: randomUUID(), exp: now + 300, iat: now };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  // RSASSA-PKCS1-v1_5 with SHA-512: RS512.
  return `${input}.${base64url(sign('sha512', Buffer.from(input), key))}`;
}

/** The token request's form fields, in the order the token server reads them. */
function form() {
  const fields = new URLSearchParams({
#CC#    grant_type: 'client_credentials',
#TE#    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
#TE#    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: clientAssertion(),
  });
#TE#  const idToken = (process.env.NHS_CIS2_ID_TOKEN ?? '').trim();
#TE#  if (!idToken) {
#TE#    console.error("set NHS_CIS2_ID_TOKEN to the id_token of the user's NHS CIS2 sign-in");
#TE#    process.exit(1);
#TE#  }
#TE#  fields.set('subject_token', idToken);
  return fields;
}

const body = form();
if (process.argv.slice(2).includes('--dry-run')) {
  console.log(body.toString());
} else {
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    // The token server answers one problem at a time: {"error": …, "error_description": …}
    console.error(`HTTP ${response.status}: ${text}`);
    process.exit(1);
  }
  console.log(text);
}
