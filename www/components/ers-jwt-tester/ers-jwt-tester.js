// <ers-jwt-tester>: sign a client assertion (RS512) and check one against the rules the NHS token
// server applies (guidance 4.2; FACTS §5), in the token server's own words. Every rule comes from
// the wasm module (signClientAssertion, checkClientAssertion); this element collects input and
// shows what the module returns. Keys and tokens are read here, in the browser: nothing is
// stored or sent anywhere.

import { jwtCall } from '../../js/ers.js';
import { capitalise, clearErrors, errorSummary, field, showErrors } from '../../js/form-errors.js';
import { guardPaste, readFileWithin, textWithin } from '../../js/input-limits.js';
import { copyButton, counted, h, liveRegion, withCode } from '../../js/ui.js';
import { render } from '../../js/shadow.js';
import { ENVIRONMENTS, ErsElement, attributeNotice } from '../../js/ers-element.js';
import { onKeyOffer, takeKey } from '../../js/key-handoff.js';
import { foreignRealm, foreignRealmNotice } from '../../js/framing.js';

/** The two token requests (the module's Grant ids). */
const GRANTS = [
  ['client-credentials', 'Client credentials (application-restricted)'],
  ['token-exchange', 'Token exchange (user-restricted, NHS CIS2 separate authentication)'],
];

/** Who issues a token exchange's ID token (the module's IdTokenIssuer ids). */
const ISSUERS = [
  ['cis2', 'NHS CIS2'],
  ['nhs-login', 'NHS login'],
];

/** The languages a client is offered in: only those the tests run (the module's ids). */
const LANGUAGES = [
  ['python', 'Python (PyJWT, cryptography)'],
  ['node', 'Node.js (its own crypto)'],
  ['java', 'Java (the JDK alone)'],
];


/** The event <ers-key-generator> fires with a fresh key pair (see README.md). */
export const KEY_EVENT = 'ers-key-generated';

/** Characters of the token shown either side of a marked span. */
const CONTEXT = 24;

export class ErsJwtTester extends ErsElement {
  static tag = 'ers-jwt-tester';
  static observedAttributes = ['environment', 'kid', 'api-key', 'expose-token'];
  // The API key is not a secret: it is the application's public identifier, the JWT's iss and sub.
  static properties = { environment: 'environment', kid: 'kid', apiKey: 'api-key', exposeToken: 'expose-token' };

  #attributeRun = 0;
  #ids = {};
  #p = {};
  /** The kid of the key the generator offers (never the key: see js/key-handoff.js). */
  #offered = null;
  /** The private key this element took from the generator, to drop it when it is forgotten. */
  #takenPem = null;
  /** The JWKS that came with it. */
  #takenJwks = '';
  /** The kid and JWKS of the key the last token was signed with, when this element knows them
   *  (a key taken from the generator); null for a key pasted or read from a file. */
  #signedWith = null;
  #stopListening = null;

  /** The last signed assertion (what signClientAssertion returned), or null. */
  #signed = null;

  get signed() {
    return this.#signed;
  }

  /** The last check report (what checkClientAssertion returned), or null. */
  #report = null;

  get report() {
    return this.#report;
  }

  /** The last token request report (what checkTokenRequest returned), or null. */
  #requestReport = null;

  get requestReport() {
    return this.#requestReport;
  }

  connectedCallback() {
    super.connectedCallback();
    if (!this.#p.key) return; // a foreign realm's notice only
    this.#stopListening ??= onKeyOffer((news) => this.#keyOffered(news));
    this.#keyOffered(takeKey() ? { kid: takeKey().kid } : null);
  }

  disconnectedCallback() {
    this.#stopListening?.();
    this.#stopListening = null;
  }

  attributeChangedCallback(name, old, value) {
    if (!this.#p.key || old === value || name === 'expose-token') return;
    this.#readAttributes(name);
  }

  /** Fills the forms from the attributes: `kid` and `api-key` as given, `environment` as the
   *  rules read it (readDefaults), a value they do not know said in the notice. */
  async #readAttributes(only = null) {
    const p = this.#p;
    const wanted = (name) => (only === null || only === name) && this.hasAttribute(name);
    if (wanted('kid')) p.kid.value = this.getAttribute('kid');
    if (wanted('api-key')) for (const input of [p.apiKey, p.checkApiKey, p.reqApiKey]) input.value = this.getAttribute('api-key');
    if (only !== null && only !== 'environment') return;
    const run = ++this.#attributeRun;
    const value = this.getAttribute('environment');
    const problems = [];
    let environment = null;
    if (value !== null && value.trim()) {
      try {
        environment = (await jwtCall((m) => m.readDefaults({ environment: value }))).environment;
      } catch (error) {
        problems.push({ attribute: 'environment', value, message: error.message });
      }
    }
    if (run !== this.#attributeRun) return; // changed meanwhile: a newer read follows
    p.env.value = environment ?? ENVIRONMENTS[0][0];
    p.checkEnv.value = environment ?? '';
    p.reqEnv.value = environment ?? '';
    p.attrNotice.show(ErsJwtTester.tag, problems);
  }

  /**
   * Puts a key pair in the signing form, as the "Use the key just generated" button does: the
   * explicit way for a page's own script to hand this element a key.
   *
   * @param {{ privateKeyPem: string, kid?: string, jwks?: string }} pair
   */
  useKeyPair({ privateKeyPem, kid = '', jwks = '' } = {}) {
    if (typeof privateKeyPem !== 'string' || !privateKeyPem) return;
    const p = this.#p;
    p.key.value = privateKeyPem;
    p.kid.value = String(kid);
    if (jwks) p.jwks.value = typeof jwks === 'string' ? jwks : JSON.stringify(jwks, null, 2);
    p.status.announce(`Key ${kid} put in the private key box${jwks ? ', and its JWKS in the JWKS box' : ''}.`);
  }

  // ---------------------------------------------------------------------------------- building

  build() {
    if (foreignRealm()) {
      render(this, foreignRealmNotice(ErsJwtTester.tag));
      return;
    }
    const ids = (this.#ids = this.ids(
      'signSummary', 'key', 'keyFile', 'kid', 'apiKey', 'env', 'exp', 'grant', 'reqIssuer', 'checkSummary', 'jwt', 'jwks', 'jwksFile', 'checkEnv', 'checkApiKey', 'signTitle', 'checkTitle', 'reqSummary', 'request', 'reqJwks', 'reqEnv', 'reqApiKey', 'reqTitle',
    ));
    const p = this.#p;
    p.status = liveRegion();
    p.attrNotice = attributeNotice();

    this.#signPart();
    this.#checkPart();
    this.#requestPart();
    for (const part of [p.signed, p.result, p.reqResult]) part.setAttribute('part', 'result');
    render(this,
      h('div', { class: 'ers-jwt-tester' },
        p.status,
        p.attrNotice,
        h('section', { class: 'ers-jwt-tester__part', 'aria-labelledby': ids.signTitle },
          h('h3', { id: ids.signTitle, text: 'Sign a client assertion' }),
          h('p', { class: 'ers-hint', text: 'Makes an RS512 JWT with header {alg: RS512, typ: JWT, kid} and claims iss = sub = API key, aud = token URL, a new jti, exp and iat (guidance 4.2).' }),
          p.signForm, p.signed),
        h('section', { class: 'ers-jwt-tester__part', 'aria-labelledby': ids.checkTitle },
          h('h3', { id: ids.checkTitle, text: 'Check a client assertion' }),
          h('p', { class: 'ers-hint', text: 'Checks every rule the NHS token server applies, and says what it would answer and how to fix it.' }),
          p.checkForm, p.result),
        h('section', { class: 'ers-jwt-tester__part ers-jwt-tester__request', 'aria-labelledby': ids.reqTitle },
          h('h3', { id: ids.reqTitle, text: 'Check a token request' }),
          h('p', { class: 'ers-hint', text: 'Reads the whole token request as the token server does, for client credentials or a token exchange: the content type, grant_type, client_assertion_type, the client assertion inside and, for a token exchange, the ID token, in the server’s words.' }),
          p.reqForm, p.reqResult)));
    this.#readAttributes();
  }

  #signPart() {
    const p = this.#p;
    const ids = this.#ids;
    p.signSummary = errorSummary(ids.signSummary);
    p.key = h('textarea', {
      class: 'ers-textarea ers-jwt-tester__pem', name: 'privateKeyPem', rows: 6,
      spellcheck: 'false', autocomplete: 'off',
    });
    p.keyFile = h('input', {
      type: 'file', class: 'ers-jwt-tester__file', accept: '.pem,.key,.txt,application/x-pem-file,text/plain', onchange: () => this.#readFile(p.keyFile, p.key, 'private key', 'pem', p.signForm, p.signSummary, 'privateKeyPem'),
    });
    p.useGenerated = h('button', {
      type: 'button', class: 'ers-button ers-button--secondary', hidden: true,
      onclick: () => this.#useGenerated(),
    });
    p.kid = h('input', { class: 'ers-input ers-input--mono', name: 'kid', autocomplete: 'off', spellcheck: 'false' });
    p.apiKey = h('input', { class: 'ers-input ers-input--mono', name: 'apiKey', autocomplete: 'off', spellcheck: 'false' });
    p.env = h('select', { class: 'ers-select', name: 'environment' },
      ENVIRONMENTS.map(([value, label]) => h('option', { value, text: label })));
    p.grant = h('select', { class: 'ers-select', name: 'grant' },
      GRANTS.map(([value, label]) => h('option', { value, text: label })));
    p.exp = h('input', {
      class: 'ers-input ers-jwt-tester__seconds', name: 'expSeconds', inputmode: 'numeric',
      autocomplete: 'off', value: '300',
    });
    p.signForm = h('form', { class: 'ers-jwt-tester__form', novalidate: true, 'aria-labelledby': ids.signTitle, onsubmit: (e) => this.#sign(e) },
      p.signSummary,
      field(ids.key, 'Private key (PEM)', 'PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 (BEGIN RSA PRIVATE KEY). It is read here, in your browser, and is never stored or sent.', p.key, 'privateKeyPem'),
      fileField(ids.keyFile, 'Or choose a key file', 'The file is read locally into the box above.', p.keyFile),
      h('div', { class: 'ers-button-group' }, p.useGenerated),
      h('div', { class: 'ers-grid' },
        field(ids.kid, 'Key id (kid)', 'The kid of this key in your JWKS, e.g. prod-1.', p.kid, 'kid'),
        field(ids.apiKey, 'API key', 'Your application’s Key from the developer portal (not its secret): it becomes iss and sub.', p.apiKey, 'apiKey'),
        field(ids.env, 'Environment', 'Sets aud to that environment’s token URL.', p.env, 'environment'),
        field(ids.exp, 'Expires in (seconds)', '1 to 300: the token server refuses an exp more than 5 minutes ahead.', p.exp, 'expSeconds')),
      field(ids.grant, 'Token request', 'The same assertion for both; a token exchange also sends the ID token of the user’s NHS CIS2 sign-in.', p.grant, 'grant'),
      h('div', { class: 'ers-button-group' }, h('button', { type: 'submit', class: 'ers-button', text: 'Sign' })));
    p.signed = h('div', { class: 'ers-jwt-tester__signed', hidden: true });

  }

  #checkPart() {
    const p = this.#p;
    const ids = this.#ids;
    p.checkSummary = errorSummary(ids.checkSummary);
    p.jwt = h('textarea', {
      class: 'ers-textarea ers-jwt-tester__token-input', name: 'jwt', rows: 4,
      spellcheck: 'false', autocomplete: 'off',
    });
    p.jwks = h('textarea', {
      class: 'ers-textarea', name: 'jwks', rows: 6, spellcheck: 'false', autocomplete: 'off',
    });
    p.jwksFile = h('input', {
      type: 'file', class: 'ers-jwt-tester__file', accept: '.json,application/json,text/plain', onchange: () => this.#readFile(p.jwksFile, p.jwks, 'JWKS', 'jwks', p.checkForm, p.checkSummary, 'jwks'),
    });
    p.checkEnv = h('select', { class: 'ers-select', name: 'environment' },
      h('option', { value: '', text: 'Any (the one aud names)' }),
      ENVIRONMENTS.map(([value, label]) => h('option', { value, text: label })));
    p.checkApiKey = h('input', { class: 'ers-input ers-input--mono', name: 'apiKey', autocomplete: 'off', spellcheck: 'false' });
    p.checkForm = h('form', { class: 'ers-jwt-tester__form', novalidate: true, 'aria-labelledby': ids.checkTitle, onsubmit: (e) => this.#check(e) },
      p.checkSummary,
      field(ids.jwt, 'Client assertion (JWT)', 'The compact token: three base64url parts separated by dots.', p.jwt, 'jwt'),
      field(ids.jwks, 'JWKS', 'The JSON your application’s jwks-resource-url serves: {"keys": [ … ]}.', p.jwks, 'jwks'),
      fileField(ids.jwksFile, 'Or choose a JWKS file', 'The file is read locally into the box above.', p.jwksFile),
      h('div', { class: 'ers-grid' },
        field(ids.checkEnv, 'Environment (optional)', 'The environment you will send the token to.', p.checkEnv, 'environment'),
        field(ids.checkApiKey, 'API key (optional)', 'When given, iss and sub must be it.', p.checkApiKey, 'apiKey')),
      h('div', { class: 'ers-button-group' }, h('button', { type: 'submit', class: 'ers-button', text: 'Check' })));
    p.result = h('div', { class: 'ers-jwt-tester__result', tabindex: '-1' });
    // A paste over its limit is refused as it arrives.
    for (const [control, key, form, summary, fieldName] of [
      [p.key, 'pem', p.signForm, p.signSummary, 'privateKeyPem'],
      [p.jwt, 'jwt', p.checkForm, p.checkSummary, 'jwt'],
      [p.jwks, 'jwks', p.checkForm, p.checkSummary, 'jwks'],
    ]) {
      guardPaste(control, key, (message) => {
        clearErrors(form, summary);
        showErrors(form, summary, [{ field: fieldName, message }]);
      });
    }

  }

  #requestPart() {
    const p = this.#p;
    const ids = this.#ids;
    p.reqSummary = errorSummary(ids.reqSummary);
    p.request = h('textarea', {
      class: 'ers-textarea ers-jwt-tester__token-input', name: 'request', rows: 6,
      spellcheck: 'false', autocomplete: 'off',
    });
    p.reqJwks = h('textarea', {
      class: 'ers-textarea', name: 'jwks', rows: 4, spellcheck: 'false', autocomplete: 'off',
    });
    p.reqEnv = h('select', { class: 'ers-select', name: 'environment' },
      h('option', { value: '', text: 'The one the request goes to' }),
      ENVIRONMENTS.map(([value, label]) => h('option', { value, text: label })));
    p.reqApiKey = h('input', { class: 'ers-input ers-input--mono', name: 'apiKey', autocomplete: 'off', spellcheck: 'false' });
    p.reqIssuer = h('select', { class: 'ers-select', name: 'issuer' },
      ISSUERS.map(([value, label]) => h('option', { value, text: label })));
    p.reqForm = h('form', { class: 'ers-jwt-tester__form', novalidate: true, 'aria-labelledby': ids.reqTitle, onsubmit: (e) => this.#checkRequest(e) },
      p.reqSummary,
      field(ids.request, 'Token request', 'Your curl command line, a raw HTTP request, or the form body (grant_type=…&client_assertion_type=…&client_assertion=…; a token exchange adds subject_token_type and subject_token). Nothing is sent.', p.request, 'request'),
      field(ids.reqJwks, 'JWKS', 'The JSON your application’s jwks-resource-url serves, to check the assertion inside.', p.reqJwks, 'jwks'),
      h('div', { class: 'ers-grid' },
        field(ids.reqEnv, 'Environment (optional)', 'Default: the environment whose token URL the request goes to.', p.reqEnv, 'environment'),
        field(ids.reqApiKey, 'API key (optional)', 'When given, iss and sub must be it.', p.reqApiKey, 'apiKey'),
        field(ids.reqIssuer, 'ID-token issuer', 'For a token exchange: who your users sign in with. Its likely issuer values for PROD and INT are unconfirmed.', p.reqIssuer, 'issuer')),
      h('div', { class: 'ers-button-group' }, h('button', { type: 'submit', class: 'ers-button', text: 'Check the request' })));
    p.reqResult = h('div', { class: 'ers-jwt-tester__request-result', tabindex: '-1' });

  }

  // ---------------------------------------------------------------------------------- input

  async #readFile(input, target, what, limit, form, summary, fieldName) {
    const file = input.files?.[0];
    if (!file) return;
    clearErrors(form, summary);
    try {
      // Checked against the core's limit for this kind of file before a byte is read.
      target.value = await readFileWithin(file, limit);
      this.#p.status.announce(`${file.name} read into the ${what} box.`);
    } catch (error) {
      const message = error?.code === 'input-too-large' ? `${file.name}: ${error.message}` : `${file.name} could not be read.`;
      showErrors(form, summary, [{ field: fieldName, message }]);
    } finally {
      input.value = '';
    }
  }

  /** The generator offers a key (`{ kid }`) or withdrew it (`null`, "Forget this key"). */
  #keyOffered(news) {
    this.#offered = news;
    const b = this.#p.useGenerated;
    if (news) {
      if (b) {
        b.textContent = `Use the key just generated (kid ${news.kid})`;
        b.hidden = false;
      }
      return;
    }
    if (b) b.hidden = true;
    // Forgotten: drop every copy this element holds.
    const p = this.#p;
    if (this.#takenPem !== null) {
      if (p.key.value === this.#takenPem) p.key.value = '';
      if (this.#takenJwks && p.jwks.value === this.#takenJwks) p.jwks.value = '';
      if (this.#takenJwks && p.reqJwks?.value === this.#takenJwks) p.reqJwks.value = '';
      this.#takenPem = null;
      this.#signedWith = null;
      this.#takenJwks = '';
      this.#signed = null;
    }
  }

  #useGenerated() {
    const g = takeKey();
    this.#signedWith = null;
    if (!g) return;
    this.#takenPem = g.privateKeyPem;
    this.#takenJwks = g.jwks;
    this.useKeyPair(g);
    this.#p.key.focus();
  }

  // ---------------------------------------------------------------------------------- sign

  async #sign(event) {
    event.preventDefault();
    const p = this.#p;
    clearErrors(p.signForm, p.signSummary);
    const exp = p.exp.value.trim();
    const request = {
      privateKeyPem: p.key.value,
      kid: p.kid.value,
      apiKey: p.apiKey.value,
      environment: p.env.value,
      expSeconds: exp === '' ? null : Number(exp),
      grant: p.grant.value,
    };
    try {
      // Over its limit, the paste is refused here, at once, before it is copied into wasm.
      await textWithin(request.privateKeyPem, 'pem').catch((error) => {
        throw Object.assign(error, { field: 'privateKeyPem' });
      });
      const signed = await jwtCall((m) => m.signClientAssertion(request));
      this.#signed = signed;
      // Which key signed it: "Check this token" checks against that key's JWKS, never another's.
      this.#signedWith = this.#takenPem !== null && request.privateKeyPem === this.#takenPem ? { kid: signed.header.kid, jwks: this.#takenJwks } : null;
      this.#showSigned(signed);
      p.status.announce(`Signed: a client assertion for ${signed.environment.toUpperCase()}, valid for ${signed.claims.exp - signed.claims.iat} seconds.`);
      // The token is a credential for up to five minutes: the event carries it only to a page
      // that asked for it (`expose-token`, README).
      this.emit('ers-jwt-signed', this.hasAttribute('expose-token') ? { token: signed.token } : {});
    } catch (error) {
      this.#signed = null;
      p.signed.hidden = true;
      const fieldName = error?.field === 'now' ? null : error?.field;
      showErrors(p.signForm, p.signSummary, [{ field: fieldName, message: error?.message ?? String(error) }]);
    }
  }

  #showSigned(s) {
    const p = this.#p;
    const ids = this.ids('token', 'curl');
    const when = (seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    p.signed.replaceChildren(
      h('h4', { text: 'Your client assertion' }),
      h('p', { class: 'ers-hint', id: `${ids.token}-hint` },
        `For ${s.environment.toUpperCase()}, signed with a ${s.keyBits}-bit key. It expires at ${when(s.claims.exp)}: make a new one for every token request.`),
      h('textarea', { class: 'ers-textarea ers-jwt-tester__token', id: ids.token, readonly: true, rows: 4, spellcheck: 'false', 'aria-label': 'Signed client assertion (JWT)', 'aria-describedby': `${ids.token}-hint`, text: s.token }),
      h('div', { class: 'ers-button-group' },
        copyButton('Copy the JWT', () => s.token),
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Check this token', onclick: () => this.#checkSigned(s) })),
      h('div', { class: 'ers-jwt-tester__decoded' },
        h('div', {}, h('h5', { text: 'Header' }), h('pre', { class: 'ers-jwt-tester__json' }, s.headerJson)),
        h('div', {}, h('h5', { text: 'Claims' }), h('pre', { class: 'ers-jwt-tester__json' }, s.claimsJson),
          h('p', { class: 'ers-hint' }, `iat ${when(s.claims.iat)}, exp ${when(s.claims.exp)} (UTC)`))),
      h('h5', { text: s.grant === 'token-exchange' ? 'Token request (token exchange)' : 'Token request' }),
      h('p', { class: 'ers-hint' }, `POST, form-encoded, to ${s.tokenUrl}`,
        s.grant === 'token-exchange' ? ': replace PASTE-THE-ID-TOKEN-FROM-NHS-CIS2-HERE with the id_token of the user’s NHS CIS2 sign-in.' : ':'),
      h('pre', { class: 'ers-jwt-tester__curl', id: ids.curl }, s.curl),
      h('div', { class: 'ers-button-group' },
        copyButton('Copy the curl command', () => s.curl),
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Check this request', onclick: () => this.#checkSignedRequest(s) })),
      this.#snippetPart(s),
    );
    p.signed.hidden = false;
  }

  /** A client ready to paste beside the curl command: the module writes it for the language
   *  chosen, from the signing form's kid, environment, API key and grant. */
  #snippetPart(s) {
    const id = this.newId('language');
    const code = h('pre', { class: 'ers-jwt-tester__snippet', tabindex: '0', role: 'region', 'aria-label': 'Client code' });
    const about = h('p', { class: 'ers-hint' });
    let current = null;
    const select = h('select', { class: 'ers-select', onchange: () => show() },
      LANGUAGES.map(([value, label]) => h('option', { value, text: label })));
    const show = async () => {
      try {
        current = await jwtCall((m) => m.clientSnippet({ language: select.value, grant: s.grant, kid: s.header.kid, environment: s.environment, apiKey: s.claims.iss }));
        about.replaceChildren(...[
          `Save as ${current.fileName} beside ${current.keyFile} (your private key) and run `, h('code', { text: current.run }),
          ` (add --dry-run to print the form without sending it). Uses ${current.libraries}`,
          ...(current.install ? ['; install with ', h('code', { text: current.install })] : []), '.',
          s.grant === 'token-exchange' ? ' It reads the ID token from the environment variable NHS_CIS2_ID_TOKEN.' : '',
          current.apiKeyPlaceholder ? ' Replace YOUR-API-KEY with your application’s API key.' : '',
        ]);
        code.textContent = current.code;
      } catch (error) {
        current = null;
        about.textContent = error?.message ?? String(error);
        code.textContent = '';
      }
    };
    show();
    return h('div', { class: 'ers-jwt-tester__client' },
      h('h5', { text: 'A client ready to paste' }),
      field(id, 'Language', 'Code that signs a new assertion for every request and asks for a token: only languages our tests run are offered.', select),
      about, code,
      h('div', { class: 'ers-button-group' }, copyButton('Copy the code', () => current?.code ?? '')));
  }

  #checkSigned(s) {
    const p = this.#p;
    p.jwt.value = s.token;
    p.checkEnv.value = s.environment;
    p.checkApiKey.value = s.claims.iss;
    clearErrors(p.checkForm, p.checkSummary);
    const jwks = this.#jwksOfSigner(s, p.jwks.value);
    if (jwks === null) {
      // The key was pasted or read from a file: which JWKS is meant is the user's to say.
      p.result.replaceChildren();
      showErrors(p.checkForm, p.checkSummary, [{ field: 'jwks', message: askForJwks(s.header.kid) }]);
      return;
    }
    p.jwks.value = jwks;
    // "Check this token" checks it: the form is filled and submitted, the result takes focus.
    p.status.announce('Checking the token you signed.');
    p.checkForm.requestSubmit();
  }

  #checkSignedRequest(s) {
    const p = this.#p;
    p.request.value = s.curl;
    p.reqApiKey.value = s.claims.iss;
    clearErrors(p.reqForm, p.reqSummary);
    const jwks = this.#jwksOfSigner(s, p.reqJwks.value.trim() ? p.reqJwks.value : p.jwks.value);
    if (jwks === null) {
      showErrors(p.reqForm, p.reqSummary, [{ field: 'jwks', message: askForJwks(s.header.kid) }]);
      return;
    }
    p.reqJwks.value = jwks;
    p.request.focus();
    p.status.announce('The token request is in the request check form.');
  }

  /**
   * The JWKS to check the token `s` against: the JWKS of the key that signed it when this element
   * took that key from the generator; else `typed`, the JWKS in the box, when it names the
   * token's kid; else null (the element cannot know which JWKS is meant, and asks).
   */
  #jwksOfSigner(s, typed) {
    const by = this.#signedWith;
    if (by && this.#signed === s && by.jwks) return by.jwks;
    return typed.trim() && jwksNamesKid(typed, s.header.kid) ? typed : null;
  }

  // ---------------------------------------------------------------------------------- check

  async #check(event) {
    event.preventDefault();
    const p = this.#p;
    clearErrors(p.checkForm, p.checkSummary);
    const request = {
      jwt: p.jwt.value,
      jwks: p.jwks.value,
      environment: p.checkEnv.value || null,
      apiKey: p.checkApiKey.value.trim() || null,
    };
    try {
      // Over their limits, pastes are refused here, at once, before they are copied into wasm.
      await textWithin(request.jwt, 'jwt').catch((error) => {
        throw Object.assign(error, { field: 'jwt' });
      });
      await textWithin(request.jwks, 'jwks').catch((error) => {
        throw Object.assign(error, { field: 'jwks' });
      });
      const report = await jwtCall((m) => m.checkClientAssertion(request));
      this.#report = report;
      this.#showReport(report, request.jwt);
      const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
      p.status.announce(report.valid ? 'Checked: the token server would accept this token.' : `Checked: ${plural(errors, 'problem')} the token server would refuse.`);
      this.emit('ers-jwt-checked', { report });
    } catch (error) {
      this.#report = null;
      p.result.replaceChildren();
      showErrors(p.checkForm, p.checkSummary, [{ field: error?.field, message: error?.message ?? String(error) }]);
    }
  }

  async #checkRequest(event) {
    event.preventDefault();
    const p = this.#p;
    clearErrors(p.reqForm, p.reqSummary);
    const request = {
      request: p.request.value,
      jwks: p.reqJwks.value,
      environment: p.reqEnv.value || null,
      apiKey: p.reqApiKey.value.trim() || null,
      issuer: p.reqIssuer.value,
    };
    try {
      const report = await jwtCall((m) => m.checkTokenRequest(request));
      this.#requestReport = report;
      this.#showRequestReport(report);
      p.status.announce(report.serverAnswer
        ? `Checked: the token server would answer HTTP ${report.serverAnswer.status}: ${report.serverAnswer.message}`
        : 'Checked: the token server would accept this request.');
    } catch (error) {
      this.#requestReport = null;
      p.reqResult.replaceChildren();
      showErrors(p.reqForm, p.reqSummary, [{ field: error?.field, message: error?.message ?? String(error) }]);
    }
  }

  #showRequestReport(report) {
    const p = this.#p;
    const facts = [];
    if (report.kind) facts.push({ curl: 'a curl command', http: 'an HTTP request', form: 'a form body' }[report.kind]);
    if (report.url) facts.push(`to ${report.url}`);
    if (report.contentType) facts.push(`sent as ${report.contentType}`);
    if (report.fields.length) facts.push(`fields: ${report.fields.join(', ')}`);
    const assertion = report.assertion;
    const subject = report.subject;
    p.reqResult.replaceChildren(...[
      h('h4', { text: 'Result' }),
      serverAnswer(report.serverAnswer, report.jtiUsedUp, report.diagnostics.length + (assertion?.diagnostics.length ?? 0) + (subject?.diagnostics.length ?? 0) > 1),
      facts.length ? h('p', { class: 'ers-hint' }, `Read ${facts.join(' · ')}.`) : null,
      report.grant === 'token-exchange' ? h('p', { class: 'ers-hint', text: 'Read as a token exchange (user-restricted, NHS CIS2 separate authentication): the client assertion first, then the ID token.' }) : null,
      report.diagnostics.length
        ? h('ul', { class: 'ers-diagnostics ers-jwt-tester__diagnostics', 'aria-label': 'The request' }, report.diagnostics.map((d) => this.#diagnostic(d, {}, '')))
        : null,
      assertion ? h('h5', { text: 'The client assertion inside' }) : null,
      assertion && assertion.diagnostics.length
        ? h('ul', { class: 'ers-diagnostics ers-jwt-tester__diagnostics', 'aria-label': 'The client assertion' }, assertion.diagnostics.map((d) => this.#diagnostic(d, assertion, report.assertionToken ?? '')))
        : assertion ? h('p', { class: 'ers-hint', text: 'No problem found in the client assertion.' }) : null,
      subject ? h('h5', { text: 'The ID token inside (subject_token)' }) : null,
      subject && subject.diagnostics.length
        ? h('ul', { class: 'ers-diagnostics ers-jwt-tester__diagnostics', 'aria-label': 'The ID token' }, subject.diagnostics.map((d) => this.#diagnostic(d, {}, '')))
        : subject ? h('p', { class: 'ers-hint', text: 'No problem found in the ID token, as far as it can be checked here.' }) : null,
      subject?.notChecked.length
        ? h('div', { class: 'ers-jwt-tester__not-checked' },
          h('p', { class: 'ers-hint', text: 'Not checked here (neither a pass nor a fail):' }),
          h('ul', { class: 'ers-hint' }, subject.notChecked.map((note) => h('li', { text: capitalise(note) }))))
        : null,
    ].filter(Boolean));
    p.reqResult.focus();
  }

  #showReport(report, token) {
    const p = this.#p;
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    const warnings = report.diagnostics.length - errors.length;
    const verdict = report.valid
      ? h('p', { class: 'ers-verdict ers-verdict--ok' }, 'The token server would accept this token', warnings ? ` (${plural(warnings, 'warning')})` : '', '.')
      : h('p', { class: 'ers-verdict ers-verdict--error' }, `The token server would refuse this token: ${plural(errors.length, 'error')}`, warnings ? `, ${plural(warnings, 'warning')}` : '', '.');
    const facts = [];
    if (report.environment) facts.push(`for ${report.environment.toUpperCase()}`);
    if (report.key) facts.push(`key ${report.key.kid} (${report.key.bits} bits)`);
    if (report.signatureVerified) facts.push('signature verified');
    if (report.expiresIn !== null && report.expiresIn !== undefined) {
      facts.push(report.expiresIn >= 0 ? `expires in ${report.expiresIn} s` : `expired ${-report.expiresIn} s ago`);
    }
    // replaceChildren would write a null as the text "null": leave the absent parts out.
    p.result.replaceChildren(...[
      h('h4', { text: 'Result' }),
      serverAnswer(report.serverAnswer, report.jtiUsedUp, report.diagnostics.filter((d) => d.severity === 'error').length > 1),
      verdict,
      facts.length ? h('p', { class: 'ers-hint' }, facts.join(' · ')) : null,
      report.diagnostics.length
        ? h('ul', { class: 'ers-diagnostics ers-jwt-tester__diagnostics' }, report.diagnostics.map((d) => this.#diagnostic(d, report, token)))
        : null,
      h('p', { class: 'ers-hint' }, 'Not checked here: whether the jti was used in the last 30 days, and whether the token server can reach your jwks-resource-url.'),
      report.headerJson || report.claimsJson
        ? h('details', { class: 'ers-details' },
          h('summary', { text: 'Decoded header and claims' }),
          h('div', { class: 'ers-jwt-tester__decoded' },
            report.headerJson ? h('div', {}, h('h5', { text: 'Header' }), h('pre', { class: 'ers-jwt-tester__json' }, report.headerJson)) : null,
            report.claimsJson ? h('div', {}, h('h5', { text: 'Claims' }), h('pre', { class: 'ers-jwt-tester__json' }, report.claimsJson)) : null))
        : null,
    ].filter(Boolean));
    p.result.focus();
  }

  #diagnostic(d, report, token) {
    const error = d.severity === 'error';
    const detail = d.serverMessage && d.message.startsWith(d.serverMessage) ? d.message.slice(d.serverMessage.length).trim().replace(/\.$/, '').replace(/^\((.*)\)$/, '$1') : '';
    return h('li', { class: `ers-diagnostic${error ? '' : ' ers-diagnostic--warning'}`, 'data-code': d.code },
      h('div', { class: 'ers-diagnostic__head' },
        h('span', { class: 'ers-diagnostic__severity' }, error ? h('span', { class: 'ers-visually-hidden', text: 'Error: ' }) : null, d.severity),
        h('span', { class: 'ers-diagnostic__code', text: d.code }),
        h('span', { class: 'ers-jwt-tester__location', text: d.location }),
        h('span', { class: 'ers-diagnostic__rule', text: `Guidance ${d.rule}` })),
      d.serverMessage
        ? h('p', { class: 'ers-diagnostic__message' }, 'The token server says: ',
          h('q', { class: 'ers-jwt-tester__server' }, d.serverMessage), d.httpStatus ? ` (HTTP ${d.httpStatus})` : '')
        : h('p', { class: 'ers-diagnostic__message' }, ...withCode(d.message)),
      detail ? h('p', { class: 'ers-jwt-tester__detail' }, ...withCode(capitalise(detail))) : null,
      d.location === 'token' && d.span ? excerpt(token, d.span, error) : null,
      d.location === 'claims.aud' && report.aud ? audDiff(report.aud) : null,
      d.help ? h('p', { class: 'ers-diagnostic__help' }, h('strong', { text: 'Fix: ' }), ...withCode(d.help)) : null,
      d.suggestion && d.location !== 'claims.aud' ? h('p', { class: 'ers-jwt-tester__suggestion' }, 'Use: ', h('code', { text: d.suggestion })) : null);
  }
}

// ---------------------------------------------------------------------------------- helpers

/** A file chooser's field: its file is read into the box above it. */
function fileField(id, label, hint, control) {
  const f = field(id, label, hint, control);
  f.classList.add('ers-jwt-tester__file-field');
  return f;
}

/** The one answer the token server gives first (from the module), shown before everything. */
function serverAnswer(answer, jtiUsedUp, more) {
  const jti = answer
    ? jtiUsedUp
      ? 'The token server caches the jti before it gives this answer: sent again, the same token is answered “Non-unique \'jti\' claim in client_assertion JWT”. Make a new token, with a new jti, for every request.'
      : 'This answer comes before the token server caches the jti; a refusal after its claim checks (API key, kid, aud, signature) still uses the jti up.'
    : 'It caches the jti: make a new token, with a new jti, for every request.';
  return h('div', { class: `ers-notice ers-jwt-tester__answer${answer ? ' ers-notice--error ers-jwt-tester__answer--refused' : ' ers-notice--ok'}`, 'data-status': answer ? String(answer.status) : '200' },
    h('p', {},
      h('strong', { text: 'The token server’s answer: ' }),
      answer ? `HTTP ${answer.status} ` : 'it would accept this and give an access token (as far as can be checked here).',
      answer ? h('q', { class: 'ers-jwt-tester__answer-message', text: answer.message }) : null),
    h('p', { class: 'ers-hint', text: jti }),
    answer && more ? h('p', { class: 'ers-hint', text: 'It answers one problem at a time: the others listed below follow once that one is fixed.' }) : null);
}

/** The part of the token around `span` (UTF-16 offsets), the span marked. */
function excerpt(token, [start, end], error) {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(token.length, end + CONTEXT);
  const marked = token.slice(start, end) || ' ';
  return h('p', { class: 'ers-jwt-tester__excerpt' },
    h('span', { class: 'ers-visually-hidden', text: `Characters ${start + 1} to ${Math.max(end, start + 1)} of the token: ` }),
    h('code', {},
      from > 0 ? '…' : '', token.slice(from, start),
      h('mark', { class: `ers-mark${error ? '' : ' ers-mark--warning'}`, text: marked.replace(/\n/g, '↵').replace(/ /g, '␠') }),
      token.slice(end, to), to < token.length ? '…' : ''));
}

/** aud as given and as expected, one above the other, from the first difference marked. */
function audDiff(aud) {
  const at = aud.firstDifference;
  const row = (label, text, cls) => h('tr', {},
    h('th', { scope: 'row', text: label }),
    h('td', {}, h('code', {}, text.slice(0, at), text.slice(at) ? h('mark', { class: cls, text: text.slice(at) }) : h('mark', { class: cls, text: '∅', title: 'nothing here' }))));
  return h('div', { class: 'ers-table-wrap ers-jwt-tester__aud' },
    h('table', { class: 'ers-table' },
      h('caption', { text: `aud, compared character by character: the first difference is at character ${at + 1}` }),
      h('tbody', {},
        row('Given', aud.given, 'ers-mark'),
        row(`Expected (${aud.expectedEnvironment.toUpperCase()})`, aud.expected, 'ers-mark ers-mark--warning'))));
}

/** True when the JWKS text has a key whose kid is `kid`. */
function jwksNamesKid(text, kid) {
  try {
    return (JSON.parse(text)?.keys ?? []).some((key) => key?.kid === kid);
  } catch {
    return false;
  }
}

function askForJwks(kid) {
  return `Paste the JWKS that holds the key "${kid}" you signed with, or choose its file, then press Check: the key was not made on this page, so its JWKS is not known here.`;
}

function plural(n, noun) {
  return counted(n, noun);
}
