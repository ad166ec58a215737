// <ers-key-generator>: make an RSA key pair and its JWKS in this tab (guidance 4.2; FACTS §4),
// download KID.pem, KID.pem.pub and KID.json, add the new key to a published JWKS for a
// rotation, and check a JWKS before it is published (./jwks-check.js). Keys are generated in a
// Web Worker (../../keygen.js) so the page never freezes; every
// rule (key sizes, kid, formats, JWKS checks, rotation steps, OpenSSL commands) comes from the
// wasm module. The private key is never stored or sent: it lives in this element until the tab
// closes or "Forget this key" is pressed, and leaves it only as a file the user saves.

import { keysCall } from '../../js/ers.js';
import { capitalise, clearErrors, errorSummary, field, showErrors } from '../../js/form-errors.js';
import { framedBy } from '../../js/framing.js';
import { guardPaste, readFileWithin, textWithin } from '../../js/input-limits.js';
import { copyButton, download, h, holdUnsaved, liveRegion, uid, withCode } from '../../js/ui.js';
import { generateKeyPair } from '../../keygen.js';
import { offerKey, withdrawKey } from '../../js/key-handoff.js';
import { jwksCheckPart } from './jwks-check.js';

/** The event fired with a new key pair (the JWT tester listens for it to offer the key). */
export const KEY_EVENT = 'ers-key-generated';

const SIZES = [
  [4096, '4096 bits (recommended)', 'What NHS documents (4.2). Takes a few seconds or more.'],
  [3072, '3072 bits', 'Smaller than NHS documents: you will see a warning.'],
  [2048, '2048 bits', 'Smaller than NHS documents: you will see a warning.'],
];

/** Which field an error code belongs to. */
const FIELD_OF = {
  'key-size': 'bits',
  'kid-invalid': 'kid',
  'passphrase-empty': 'passphrase',
  'passphrase-pkcs1': 'passphrase',
};

export class ErsKeyGenerator extends HTMLElement {
  static tag = 'ers-key-generator';

  #built = false;
  #ids = {};
  #p = {};
  #controller = null;
  /** The last key pair made (what generateKeyPair resolved to), or null once forgotten. */
  #pair = null;

  /** The kid of the last key pair made, or null. The private key itself is not exposed. */
  get kid() {
    return this.#pair?.kid ?? null;
  }

  connectedCallback() {
    if (this.#built) return;
    this.#built = true;
    this.#build();
  }

  disconnectedCallback() {
    this.#controller?.abort();
  }

  // ---------------------------------------------------------------------------------- building

  #build() {
    const ids = (this.#ids = {
      summary: uid('keys-errors'),
      kid: uid('keys-kid'),
      bits: uid('keys-bits'),
      format: uid('keys-format'),
      passphrase: uid('keys-passphrase'),
      progress: uid('keys-progress'),
      result: uid('keys-result'),
      rotSummary: uid('keys-rotation-errors'),
      existing: uid('keys-existing'),
      existingFile: uid('keys-existing-file'),
      existingKid: uid('keys-existing-kid'),
      rotTitle: uid('keys-rotation-title'),
      genTitle: uid('keys-generate-title'),
    });
    const p = this.#p;
    p.status = liveRegion();
    p.summary = errorSummary(ids.summary);

    const initialBits = Number(this.getAttribute('bits')) || 4096;
    p.kid = h('input', {
      class: 'ers-input ers-input--mono ers-key-generator__kid', id: ids.kid, name: 'kid', type: 'text',
      spellcheck: 'false', autocomplete: 'off', autocapitalize: 'none',
      value: this.getAttribute('kid') ?? '', 'aria-describedby': `${ids.kid}-hint`,
    });
    p.sizeNote = h('div', { class: 'ers-key-generator__size-note', 'aria-live': 'polite' });
    const sizes = h('fieldset', { class: 'ers-fieldset', id: ids.bits, 'aria-describedby': `${ids.bits}-hint` },
      h('legend', { text: 'Key size' }),
      h('span', { class: 'ers-hint', id: `${ids.bits}-hint`, text: 'NHS documents 4096-bit RSA keys (4.2). Smaller keys are offered for clients that cannot use 4096.' }),
      SIZES.map(([bits, label, hint]) => {
        const id = `${ids.bits}-${bits}`;
        return h('div', { class: 'ers-radio' },
          h('input', { type: 'radio', name: `${ids.bits}-size`, id, value: String(bits), checked: bits === initialBits, 'aria-describedby': `${id}-hint`, onchange: () => this.#checkOptions() }),
          h('label', { for: id }, label, h('span', { class: 'ers-hint', id: `${id}-hint`, text: hint })));
      }),
      p.sizeNote);

    p.passphrase = h('input', {
      class: 'ers-input', id: ids.passphrase, name: 'passphrase', type: 'password', autocomplete: 'new-password',
      spellcheck: 'false', 'aria-describedby': `${ids.passphrase}-hint`,
    });
    const formats = h('fieldset', { class: 'ers-fieldset', id: ids.format },
      h('legend', { text: 'Private key format' }),
      [
        ['pkcs8', 'PKCS#8 (recommended)', 'BEGIN PRIVATE KEY: what openssl genrsa writes.'],
        ['pkcs1', 'PKCS#1', 'BEGIN RSA PRIVATE KEY: for Java clients that need the "traditional" form. Cannot be encrypted here.'],
      ].map(([value, label, hint]) => {
        const id = `${ids.format}-${value}`;
        return h('div', { class: 'ers-radio' },
          h('input', { type: 'radio', name: `${ids.format}-format`, id, value, checked: value === 'pkcs8', 'aria-describedby': `${id}-hint` }),
          h('label', { for: id }, label, h('span', { class: 'ers-hint', id: `${id}-hint`, text: hint })));
      }));

    p.generate = h('button', { type: 'submit', class: 'ers-button', text: 'Generate key pair' });
    p.cancel = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Cancel', hidden: true, onclick: () => this.#controller?.abort() });
    p.progressBar = h('progress', { class: 'ers-key-generator__bar', 'aria-labelledby': `${ids.progress}-text` });
    p.progressText = h('span', { id: `${ids.progress}-text`, 'aria-hidden': 'true' });
    p.progress = h('div', { class: 'ers-key-generator__progress', id: ids.progress, hidden: true }, p.progressBar, ' ', p.progressText);

    p.form = h('form', { class: 'ers-key-generator__form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.#generate(); } },
      p.summary,
      field(ids.kid, 'Key id (kid)', 'The JWKS entry and your JWT header carry it, for example prod-1; NHS examples use test-1. Any text is taken, as the token server takes it; unusual ones (spaces, non-ASCII, over 64 characters) get a warning, and the files are then named with a safe form of it. Leave empty to use the key\'s RFC 7638 thumbprint.', p.kid, 'kid'),
      h('div', { class: 'ers-field', 'data-field': 'bits' }, sizes),
      h('details', { class: 'ers-details ers-key-generator__more' },
        h('summary', { text: 'More options: PKCS#1, passphrase' }),
        h('div', {},
          h('div', { class: 'ers-field', 'data-field': 'format' }, formats),
          field(ids.passphrase, 'Passphrase (optional)', 'Encrypts the private key file (PKCS#8, PBES2 with AES-256-CBC). You will need it whenever the key is used. Leave empty for an unencrypted key, as NHS\'s commands make.', p.passphrase, 'passphrase'))),
      h('div', { class: 'ers-button-group' }, p.generate, p.cancel),
      p.progress);

    p.result = h('div', { class: 'ers-key-generator__result', id: ids.result, tabindex: '-1', hidden: true });

    // Rotation
    p.rotSummary = errorSummary(ids.rotSummary);
    p.existing = h('textarea', {
      class: 'ers-textarea ers-key-generator__pem', id: ids.existing, name: 'existing', rows: 6, spellcheck: 'false',
      autocomplete: 'off', 'aria-describedby': `${ids.existing}-hint`,
    });
    p.existingFile = h('input', {
      type: 'file', id: ids.existingFile, accept: '.json,.pub,.pem,application/json,text/plain',
      'aria-describedby': `${ids.existingFile}-hint`, onchange: () => this.#importFile(),
    });
    p.existingKid = h('input', {
      class: 'ers-input ers-input--mono ers-key-generator__kid', id: ids.existingKid, name: 'existingKid', type: 'text',
      spellcheck: 'false', autocomplete: 'off', autocapitalize: 'none', 'aria-describedby': `${ids.existingKid}-hint`,
    });
    p.append = h('button', { type: 'submit', class: 'ers-button', text: 'Add the new key to this JWKS' });
    p.rotResult = h('div', { class: 'ers-key-generator__rotation-result', tabindex: '-1', hidden: true });
    p.rotForm = h('form', { class: 'ers-key-generator__rotation-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.#append(); } },
      p.rotSummary,
      field(ids.existing, 'The JWKS you publish now, or the public key in use', 'Paste the JWKS from your JWKS URL, or the public key (KID.pem.pub) of the key you use now. Never paste a private key here.', p.existing, 'existing'),
      field(ids.existingFile, 'Or import it from a file', 'A .json JWKS or a .pem.pub public key; it is read in this tab only.', p.existingFile, 'existingFile'),
      field(ids.existingKid, 'Its kid (only for a public key)', 'The kid your current key is published under, for example prod-1. Leave empty for a JWKS: its kids are kept.', p.existingKid, 'existingKid'),
      h('div', { class: 'ers-button-group' }, p.append),
      p.rotResult);
    guardPaste(p.existing, 'jwks', (message) => {
      clearErrors(p.rotForm, p.rotSummary);
      showErrors(p.rotForm, p.rotSummary, [{ field: 'existing', message }]);
    });

    this.classList.add('ers-key-generator');
    this.replaceChildren(
      p.status,
      h('div', { class: 'ers-key-generator__part', 'aria-labelledby': ids.genTitle, role: 'group' },
        h('h3', { id: ids.genTitle, text: 'Make a key pair' }),
        h('p', { class: 'ers-key-generator__where' },
          h('strong', { text: 'Where your key is: ' }),
          'it is made here, in this browser tab, and exists only in this tab and in the files you download. It is not stored, logged or sent anywhere. Closing or reloading the tab forgets it.'),
        p.form,
        p.result),
      h('div', { class: 'ers-key-generator__part', 'aria-labelledby': ids.rotTitle, role: 'group' },
        h('h3', { id: ids.rotTitle, text: 'Rotate keys: add the new key to your published JWKS' }),
        h('p', {}, 'To replace a key without breaking your application, publish the old and the new key together, wait, then switch (4.2). Generate the new key pair above first.'),
        p.rotForm),
      // Check a JWKS: its own part (./jwks-check.js).
      (p.jwksCheck = jwksCheckPart({ announce: (text) => p.status.announce(text, 0) })).element);
    // The keys module loads on first use: at once only when the page chose a size (its warning
    // must show), else when the user first comes to the element.
    if (this.hasAttribute('bits')) this.#checkOptions();
    else {
      const first = () => {
        this.removeEventListener('focusin', first);
        this.removeEventListener('pointerenter', first);
        this.#checkOptions();
      };
      this.addEventListener('focusin', first);
      this.addEventListener('pointerenter', first);
    }
  }

  // ---------------------------------------------------------------------------------- options

  #options() {
    const bits = Number(this.querySelector(`input[name="${this.#ids.bits}-size"]:checked`)?.value ?? 4096);
    const format = this.querySelector(`input[name="${this.#ids.format}-format"]:checked`)?.value ?? 'pkcs8';
    // The kid is taken exactly as typed: the token server compares it byte for byte.
    return { bits, kid: this.#p.kid.value, format, passphrase: this.#p.passphrase.value };
  }

  /** Shows the size warning as soon as a smaller size is chosen (the rule is the module's). */
  async #checkOptions() {
    const { bits } = this.#options();
    try {
      const warnings = await keysCall((m) => m.checkKeyOptions({ bits }));
      this.#p.sizeNote.replaceChildren(...warnings.map((d) => diagnostic(d)));
    } catch {
      this.#p.sizeNote.replaceChildren();
    }
  }

  // ---------------------------------------------------------------------------------- generate

  async #generate() {
    const p = this.#p;
    if (this.#controller) return;
    clearErrors(p.form, p.summary);
    const options = this.#options();
    // Mistakes are reported at once, before the worker starts.
    try {
      await keysCall((m) => m.checkKeyOptions(options));
    } catch (error) {
      p.passphrase.value = ''; // never left filled after an error
      this.#showError(p.form, p.summary, error);
      return;
    }

    this.#forget({ quiet: true });
    const controller = (this.#controller = new AbortController());
    p.generate.disabled = true;
    p.cancel.hidden = false;
    p.progress.hidden = false;
    p.progressText.textContent = 'Starting the key generator…';
    p.status.announce(`Generating a ${options.bits}-bit RSA key pair. This can take a while; you can keep using the page.`, 0);
    this.setAttribute('aria-busy', 'true');

    try {
      const pair = await generateKeyPair({
        ...options,
        signal: controller.signal,
        onProgress: ({ phase, elapsedMs }) => {
          const seconds = Math.floor(elapsedMs / 1000);
          p.progressText.textContent =
            phase === 'starting' || phase === 'queued'
              ? 'Starting the key generator…'
              : `Generating a ${options.bits}-bit RSA key: ${seconds} s`;
        },
      });
      this.#pair = pair;
      // Leaving the page would lose the private key until it is saved to a file.
      holdUnsaved('private-key', true);
      p.passphrase.value = '';
      this.#showResult(pair);
      p.status.announce(`Key pair ready: ${pair.bits}-bit RSA, kid ${pair.kid}. Download the three files below.`, 0);
      // The private key goes to the JWT tester through key-handoff.js only; the event, which
      // any script of the page can hear, carries the public parts.
      offerKey(pair);
      this.dispatchEvent(new CustomEvent(KEY_EVENT, {
        bubbles: true,
        composed: true,
        detail: { kid: pair.kid, publicKeyPem: pair.publicKeyPem, jwks: pair.jwks },
      }));
    } catch (error) {
      if (error?.name === 'AbortError') {
        p.status.announce('Key generation cancelled. No key was made.', 0);
        p.result.hidden = false;
        p.result.replaceChildren(h('p', { class: 'ers-notice', text: 'Key generation cancelled. No key was made.' }));
      } else {
        this.#showError(p.form, p.summary, error);
      }
    } finally {
      // The passphrase is cleared however this ends: made, cancelled or failed.
      p.passphrase.value = '';
      this.#controller = null;
      p.generate.disabled = false;
      p.cancel.hidden = true;
      p.progress.hidden = true;
      this.removeAttribute('aria-busy');
    }
  }

  #showResult(pair) {
    const p = this.#p;
    const { files } = pair;
    const pemType = 'application/x-pem-file';
    const fileRow = (name, what, content, type) =>
      h('li', { class: 'ers-key-generator__file' },
        h('button', { type: 'button', class: 'ers-button', 'data-download': name, onclick: () => download(name, content(), type) }, `Download ${name}`),
        h('span', { class: 'ers-key-generator__file-what', text: what }));
    const block = (title, text, copyLabel) => {
      const id = uid('keys-block');
      return h('div', { class: 'ers-key-generator__block' },
        h('h5', { id, text: title }),
        h('pre', { class: 'ers-key-generator__pre', tabindex: '0', 'aria-labelledby': id }, h('code', { text })),
        h('div', { class: 'ers-button-group' }, copyButton(copyLabel, () => text)));
    };
    const privateKind = pair.format === 'pkcs1' ? 'PKCS#1' : pair.encrypted ? 'PKCS#8, encrypted with your passphrase' : 'PKCS#8';
    // Framed by another site, the private key is neither downloaded nor copied nor shown: that
    // site could overlay our buttons or read what it tricks the user into pasting.
    const framer = framedBy();
    const privateRow = framer
      ? h('li', { class: 'ers-key-generator__file' },
        h('button', { type: 'button', class: 'ers-button', 'data-download': files.privateKey, disabled: true }, `Download ${files.privateKey}`),
        h('span', { class: 'ers-key-generator__file-what', text: `Not here: this page is shown inside another site (${framer}). Open ers-golive in a tab of its own to save a private key.` }))
      : fileRow(files.privateKey, `Private key (${privateKind}). Keep it secret: never email it or send it to anyone, NHS included.`, () => {
        // Saved to a file: leaving the page no longer loses it.
        holdUnsaved('private-key', false);
        return this.#pair?.privateKeyPem ?? '';
      }, pemType);
    const privateBlock = framer
      ? h('p', { class: 'ers-notice ers-notice--error', 'data-framed': '', text: `Private keys cannot be copied or downloaded while this page is shown inside another site (${framer}).` })
      : privateKeyDetails(() => this.#pair?.privateKeyPem ?? '');

    p.result.replaceChildren(
      h('div', { class: 'ers-notice ers-notice--ok' },
        h('p', {}, h('strong', { text: `Key pair ready: ${pair.bits}-bit RSA, kid ` }), h('code', { text: pair.kid }), '.'),
        pair.fileName && pair.fileName !== pair.kid
          ? h('p', { class: 'ers-key-generator__file-name' }, 'The files are named ', h('code', { text: pair.fileName }), ', the kid’s safe file-name form. The kid itself, in the JWKS and in your JWT header, stays exactly ', h('code', { text: pair.kid }), '.')
          : null,
        h('p', { text: 'Your private key is in this tab and, once you save it, in your downloads folder. Nowhere else: it has not been stored or sent.' })),
      pair.diagnostics.length ? h('ul', { class: 'ers-diagnostics' }, pair.diagnostics.map((d) => h('li', {}, diagnostic(d)))) : null,
      h('h4', { text: 'Save the three files' }),
      h('ul', { class: 'ers-key-generator__files' },
        privateRow,
        fileRow(files.publicKey, 'Public key (SPKI PEM).', () => pair.publicKeyPem, pemType),
        fileRow(files.jwks, 'JWKS: publish it at your application\'s JWKS URL, or send it as the PROD form asks (4.3).', () => pair.jwks, 'application/json')),
      block(`${files.jwks} (JWKS)`, pair.jwks, 'Copy JWKS'),
      block(`${files.publicKey} (public key)`, pair.publicKeyPem, 'Copy public key'),
      privateBlock,
      h('details', { class: 'ers-details' },
        h('summary', { text: 'The same with OpenSSL' }),
        h('div', {},
          h('p', { text: 'If you prefer to make the key yourself, these commands make the same files (the last prints the JWKS "n"; it needs xxd).' }),
          h('pre', { class: 'ers-key-generator__pre', tabindex: '0', 'aria-label': 'OpenSSL commands' }, h('code', { text: pair.opensslCommands.join('\n') })),
          h('div', { class: 'ers-button-group' }, copyButton('Copy commands', () => pair.opensslCommands.join('\n'))))),
      h('div', { class: 'ers-button-group' },
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Forget this key', onclick: () => this.#forget() })));
    p.result.hidden = false;
    p.result.focus();
  }

  /** Drops the key pair from the element and from every element that took it (the JavaScript
   *  engine frees it later). */
  #forget({ quiet = false } = {}) {
    const p = this.#p;
    if (this.#pair) withdrawKey();
    this.#pair = null;
    holdUnsaved('private-key', false);
    p.result.replaceChildren();
    p.result.hidden = true;
    p.rotResult.replaceChildren();
    p.rotResult.hidden = true;
    if (!quiet) {
      p.status.announce('The key pair was removed from this page. Files you saved are not affected.', 0);
      p.generate.focus();
    }
  }

  // ---------------------------------------------------------------------------------- rotation

  async #importFile() {
    const file = this.#p.existingFile.files?.[0];
    if (!file) return;
    clearErrors(this.#p.rotForm, this.#p.rotSummary);
    try {
      // Checked against the core's JWKS limit (1 MB) before a byte is read.
      this.#p.existing.value = await readFileWithin(file, 'jwks');
    } catch (error) {
      this.#p.existingFile.value = '';
      const message = error?.code === 'input-too-large' ? `${file.name}: ${error.message}` : `${file.name} could not be read.`;
      showErrors(this.#p.rotForm, this.#p.rotSummary, [{ field: 'existingFile', message }]);
      return;
    }
    this.#p.existingFile.value = '';
    this.#p.status.announce(`${file.name} imported.`, 0);
  }

  async #append() {
    const p = this.#p;
    clearErrors(p.rotForm, p.rotSummary);
    p.rotResult.hidden = true;
    const existing = p.existing.value.trim();
    const problems = [];
    if (!this.#pair) problems.push({ message: 'Generate the new key pair first (Make a key pair, above); it is the key added to your JWKS.' });
    if (!existing) problems.push({ field: 'existing', message: 'Paste the JWKS you publish now, or the public key of the key in use.' });
    if (problems.length) {
      showErrors(p.rotForm, p.rotSummary, problems);
      return;
    }
    const pair = this.#pair;
    let step = 'existing';
    try {
      // Over the JWKS limit, the paste is refused here, at once.
      await textWithin(existing, 'jwks');
      const appended = await keysCall((m) => {
        let current = existing;
        let earlier = [];
        if (existing.startsWith('-----BEGIN')) {
          // A public key in use: first the JWKS it is published as, then the new key added.
          step = 'existingKid';
          const oldKid = p.existingKid.value.trim() || null;
          const first = m.appendToJwks(null, existing, oldKid);
          current = first.jwks;
          earlier = first.diagnostics;
        }
        step = 'existing';
        const result = m.appendToJwks(current, pair.publicKeyPem, pair.kid);
        return { ...result, diagnostics: [...earlier, ...result.diagnostics] };
      });
      this.#showRotation(appended);
    } catch (error) {
      const code = error?.code;
      const field = code === 'kid-invalid' && step === 'existingKid' ? 'existingKid' : 'existing';
      showErrors(p.rotForm, p.rotSummary, [{ field, message: errorText(error) }]);
    }
  }

  #showRotation(appended) {
    const p = this.#p;
    const id = uid('keys-rotated');
    p.rotResult.replaceChildren(
      h('div', { class: 'ers-notice ers-notice--ok' },
        h('p', {}, h('strong', { text: 'New JWKS ready: ' }), `it holds ${appended.existing.map((k) => `"${k}"`).join(', ')} and the new key "${appended.added.join('", "')}".`)),
      appended.diagnostics.length ? h('ul', { class: 'ers-diagnostics' }, appended.diagnostics.map((d) => h('li', {}, diagnostic(d)))) : null,
      h('h4', { id, text: 'Rotation steps (4.2)' }),
      h('ol', { class: 'ers-key-generator__steps', 'aria-labelledby': id }, appended.steps.map((s) => h('li', { text: s }))),
      h('h5', { text: 'jwks.json' }),
      h('pre', { class: 'ers-key-generator__pre', tabindex: '0', 'aria-label': 'The new JWKS' }, h('code', { text: appended.jwks })),
      h('div', { class: 'ers-button-group' },
        h('button', { type: 'button', class: 'ers-button', 'data-download': 'jwks.json', text: 'Download jwks.json', onclick: () => download('jwks.json', appended.jwks, 'application/json') }),
        copyButton('Copy JWKS', () => appended.jwks)));
    p.rotResult.hidden = false;
    p.rotResult.focus();
    p.status.announce('New JWKS ready, with the rotation steps.', 0);
  }

  #showError(form, box, error) {
    const field = FIELD_OF[error?.code];
    showErrors(form, box, [{ field, message: errorText(error) }]);
  }
}

// ------------------------------------------------------------------------------------ helpers

function errorText(error) {
  const message = capitalise(error?.message ?? String(error));
  return /\b4\.\d+/.test(message) || error?.code === 'panic' ? message : `${message} (4.2)`;
}

function diagnostic(d) {
  return h('div', { class: `ers-diagnostic${d.severity === 'warning' ? ' ers-diagnostic--warning' : ''}` },
    h('div', { class: 'ers-diagnostic__head' },
      h('span', { class: 'ers-diagnostic__severity', text: d.severity }),
      h('span', { class: 'ers-diagnostic__code', text: d.code }),
      h('span', { class: 'ers-diagnostic__rule', text: `NHS guidance ${d.rule}` })),
    h('p', { class: 'ers-diagnostic__message' }, ...withCode(capitalise(d.message))),
    d.help ? h('p', { class: 'ers-diagnostic__help' }, ...withCode(capitalise(d.help))) : null);
}

/** "Show the private key": the PEM is in the DOM only while the details are open. */
function privateKeyDetails(getPem) {
  const code = h('code', {});
  const details = h('details', { class: 'ers-details' },
    h('summary', { text: 'Show the private key' }),
    h('div', {},
      h('p', { text: 'Only for copying into a secret store. Anyone who sees it can sign as your application.' }),
      h('pre', { class: 'ers-key-generator__pre', tabindex: '0', 'aria-label': 'Private key' }, code),
      h('div', { class: 'ers-button-group' }, copyButton('Copy private key', getPem))));
  details.addEventListener('toggle', () => {
    code.textContent = details.open ? getPem() : '';
  });
  return details;
}
