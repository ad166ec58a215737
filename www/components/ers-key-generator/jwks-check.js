// The "Check a JWKS" part of <ers-key-generator>: paste a JWKS or choose its file, and see what
// the NHS token server and its signature check will make of it (guidance 4.2; FACTS §4), each
// finding with its stable code (ERS-K010…), rule and fix. Every rule is the wasm module's
// (checkJwks); nothing is fetched, stored or sent. Kept in its own module so the keys element
// only places it.

import { keysCall } from '../../js/ers.js';
import { capitalise, clearErrors, errorSummary, field, showErrors } from '../../js/form-errors.js';
import { guardPaste, readFileWithin } from '../../js/input-limits.js';
import { h, uid } from '../../js/ui.js';

/** How many characters of a kid a message shows (ers-keys' KID_SHOWN_CHARS). */
const KID_SHOWN_CHARS = 64;

/**
 * Builds the part. `announce(text)` speaks a result through the element's live region.
 * @param {{ announce: (text: string) => void }} options
 * @returns {{ element: HTMLElement, check: () => Promise<object|null>, textarea: HTMLTextAreaElement }}
 */
export function jwksCheckPart({ announce }) {
  const id = (key) => uid(`ers-key-generator-jwks-${key}`);
  const ids = { title: id('title'), summary: id('errors'), text: id('text'), file: id('file') };
  const summary = errorSummary(ids.summary);
  const textarea = h('textarea', {
    class: 'ers-textarea ers-key-generator__pem', name: 'jwksToCheck', rows: 6, spellcheck: 'false', autocomplete: 'off',
  });
  const result = h('div', { class: 'ers-key-generator__jwks-result', tabindex: '-1', hidden: true });
  const file = h('input', {
    type: 'file', accept: '.json,application/json,text/plain',
    onchange: async () => {
      const chosen = file.files?.[0];
      if (!chosen) return;
      clearErrors(form, summary);
      // The core's JWKS limit, checked before a byte is read.
      try {
        textarea.value = await readFileWithin(chosen, 'jwks');
      } catch (error) {
        showErrors(form, summary, [{ field: 'jwksFile', message: `${chosen.name}: ${error.message}` }]);
        file.value = '';
        return;
      }
      try {
        announce(`${chosen.name} read; checking it.`);
        await check();
      } catch {
        showErrors(form, summary, [{ field: 'jwksFile', message: `${chosen.name} could not be read as text.` }]);
      } finally {
        file.value = '';
      }
    },
  });
  guardPaste(textarea, 'jwks', (message) => {
    clearErrors(form, summary);
    showErrors(form, summary, [{ field: 'jwksToCheck', message }]);
  });
  const form = h('form', { class: 'ers-key-generator__jwks-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); check(); } },
    summary,
    field(ids.text, 'The JWKS', 'Paste the file your JWKS URL serves, or will serve: {"keys": [ … ]}. It is checked in this tab; nothing is fetched.', textarea, 'jwksToCheck'),
    field(ids.file, 'Or choose the JWKS file', 'A .json file; it is read in this tab only.', file, 'jwksFile'),
    h('div', { class: 'ers-button-group' }, h('button', { type: 'submit', class: 'ers-button', text: 'Check the JWKS' })),
    result);

  async function check() {
    clearErrors(form, summary);
    result.hidden = true;
    if (!textarea.value.trim()) {
      showErrors(form, summary, [{ field: 'jwksToCheck', message: 'Paste the JWKS to check, or choose its file.' }]);
      return null;
    }
    let report;
    try {
      report = await keysCall((m) => m.checkJwks(textarea.value));
    } catch (error) {
      showErrors(form, summary, [{ field: 'jwksToCheck', message: capitalise(error?.message ?? String(error)) }]);
      return null;
    }
    showReport(result, report);
    const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
    announce(report.valid ? 'JWKS checked: the token server can use it.' : `JWKS checked: ${errors} problem${errors === 1 ? '' : 's'} the token server cannot get past.`);
    return report;
  }

  const element = h('div', { class: 'ers-key-generator__part ers-key-generator__jwks-check', 'aria-labelledby': ids.title, role: 'group' },
    h('h3', { id: ids.title, text: 'Check a JWKS' }),
    h('p', {}, 'Before you publish a JWKS, or when the token server refuses your key: what it and its signature check will make of the file (4.2). A missing "alg" is fine, and the token server does not check key size.'),
    form);
  return { element, check, textarea };
}

function shownKid(kid) {
  const chars = [...kid];
  return chars.length > KID_SHOWN_CHARS ? `${chars.slice(0, KID_SHOWN_CHARS).join('')}… (${chars.length} characters)` : kid;
}

/** Fills `result` with what the token server will make of the JWKS, and gives it focus. */
function showReport(result, report) {
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  // Kids cut short as the modules' messages cut them (ers-keys' shown_kid).
  const kids = report.keys.map((k) => k.kid).filter((k) => k !== null).map(shownKid);
  const counts = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  const verdict = report.valid
    ? h('p', { class: 'ers-verdict ers-verdict--ok' },
      `The token server can use this JWKS: ${report.keys.length} key${report.keys.length === 1 ? '' : 's'}`,
      kids.length ? ` (kid ${kids.map((k) => `“${k}”`).join(', ')})` : '', counts ? `; ${counts}` : '', '.')
    : h('p', { class: 'ers-verdict ers-verdict--error' }, `The token server cannot use this JWKS as it is: ${counts}.`);
  result.replaceChildren(...[
    h('h4', { text: 'What the token server will make of it' }),
    verdict,
    report.diagnostics.length
      ? h('ul', { class: 'ers-diagnostics ers-key-generator__jwks-diagnostics' }, report.diagnostics.map((d) => h('li', {}, diagnostic(d))))
      : null,
    report.notes.length ? h('ul', { class: 'ers-key-generator__jwks-notes' }, report.notes.map((n) => h('li', { text: capitalise(n) }))) : null,
  ].filter(Boolean));
  result.hidden = false;
  result.focus();
}

function diagnostic(d) {
  const error = d.severity === 'error';
  return h('div', { class: `ers-diagnostic${error ? '' : ' ers-diagnostic--warning'}`, 'data-code': d.code },
    h('div', { class: 'ers-diagnostic__head' },
      h('span', { class: 'ers-diagnostic__severity' }, error ? h('span', { class: 'ers-visually-hidden', text: 'Error: ' }) : null, d.severity),
      h('span', { class: 'ers-diagnostic__code', text: d.code }),
      d.key !== null ? h('span', { class: 'ers-key-generator__jwks-key', text: `key ${d.key + 1}` }) : null,
      h('span', { class: 'ers-diagnostic__rule', text: `NHS guidance ${d.rule}` })),
    h('p', { class: 'ers-diagnostic__message', text: d.message }),
    d.help ? h('p', { class: 'ers-diagnostic__help' }, h('strong', { text: 'Fix: ' }), d.help) : null,
    d.suggestion ? h('p', {}, 'Use: ', h('code', { text: d.suggestion })) : null);
}
