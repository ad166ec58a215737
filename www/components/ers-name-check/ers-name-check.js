// <ers-name-check>: the PROD application name (guidance 4.14), checked as the user types, and
// built from its parts with the one API to enable (4.15). Every rule comes from the wasm module
// (checkName, buildName); this element collects input and shows what the module returns: the
// faulty spans highlighted in a mirror of the name, each diagnostic with its code, message, help
// and rule, and the corrected name one click away.

import { namesCall } from '../../js/ers.js';
import { capitalise, choice, clearErrors, errorSummary, field, showErrors } from '../../js/form-errors.js';
import { copyButton, counted, h, liveRegion } from '../../js/ui.js';
import { render } from '../../js/shadow.js';
import { ENVIRONMENTS, ErsElement, attributeNotice } from '../../js/ers-element.js';


const ACCESS_MODES = [
  ['user-restricted', 'User-restricted', 'A healthcare worker signs in (NHS CIS2); the app acts as that user.'],
  ['application-restricted', 'Application-restricted', 'Unattended: the app acts as itself, authenticated by a signed JWT.'],
];

const EXAMPLE = 'Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted';

/** How characters that cannot be seen are shown in the mirror. */
const VISIBLE = new Map([
  ['\n', '⏎'], ['\r', '␍'], ['\t', '⇥'], ['\u00a0', '⍽'], ['\u200b', '◌'], ['\u200c', '◌'],
  ['\u200d', '◌'], ['\u2060', '◌'], ['\ufeff', '◌'], ['\u00ad', '◌'],
]);

export class ErsNameCheck extends ErsElement {
  static tag = 'ers-name-check';
  static observedAttributes = ['environment', 'access-mode', 'name'];
  static properties = { environment: 'environment', accessMode: 'access-mode' };

  #attributeRun = 0;
  #ids = {};
  #p = {};

  /** The last result of checkName, or null. */
  #result = null;

  get result() {
    return this.#result;
  }

  /** The last result of buildName, or null. */
  #builtName = null;

  get built() {
    return this.#builtName;
  }

  attributeChangedCallback(name, old, value) {
    if (!this.isBuilt || old === value) return;
    if (name === 'name') {
      this.#p.name.value = value ?? '';
      this.#check();
    } else this.#readDefaults();
  }

  /** Sets the selects from the `environment` and `access-mode` attributes, as the rules read
   *  them (readDefaults: "PROD", "User Restricted" are understood); a value they do not know is
   *  said in the notice, and the default is used. Then checks the name again. */
  async #readDefaults() {
    const run = ++this.#attributeRun;
    const problems = [];
    const read = async (attribute, key, absent) => {
      const value = this.getAttribute(attribute);
      if (value === null) return absent;
      if (!value.trim()) return '';
      try {
        return (await namesCall((ers) => ers.readDefaults({ [key]: value })))[key] ?? '';
      } catch (error) {
        problems.push({ attribute, value, message: error.message });
        return absent;
      }
    };
    const [env, mode] = await Promise.all([read('environment', 'environment', 'prod'), read('access-mode', 'accessMode', '')]);
    if (run !== this.#attributeRun) return; // the attributes changed meanwhile: a newer read follows
    const p = this.#p;
    p.env.value = env;
    p.mode.value = mode;
    // The builder starts from the same environment and access mode.
    p.buildEnv.value = env || 'prod';
    for (const r of p.radios) r.checked = r.value === mode;
    p.attrNotice.show(ErsNameCheck.tag, problems);
    this.#check();
  }

  /** The name being checked. */
  get value() {
    return this.#p.name?.value ?? '';
  }

  set value(text) {
    if (!this.isBuilt) this.connectedCallback();
    this.#p.name.value = String(text);
    this.#check();
  }

  // ---------------------------------------------------------------------------------- building

  build() {
    this.#ids = this.ids('name', 'env', 'mode', 'checkTitle', 'buildTitle', 'summary', 'supplier', 'app', 'buildEnv', 'buildMode', 'built');
    const p = this.#p;
    p.status = liveRegion();
    p.attrNotice = attributeNotice();
    p.result = h('div', { class: 'ers-name-check__built', id: this.#ids.built, hidden: true, tabindex: '-1', part: 'result' });
    render(this, p.status, p.attrNotice, h('div', { class: 'ers-name-check' }, this.#checker(), this.#builder()));
    const initial = this.getAttribute('name');
    if (initial !== null) p.name.value = initial;
    this.#readDefaults();
  }

  #checker() {
    const p = this.#p;
    const ids = this.#ids;
    p.name = h('textarea', {
      class: 'ers-textarea ers-input--mono ers-name-check__input', name: 'name', rows: 2,
      spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off',
      'aria-describedby': `${ids.name}-verdict`,
      oninput: () => this.#check(),
    });
    p.mirror = h('div', { class: 'ers-name-check__mirror', 'aria-hidden': 'true' });
    p.env = select('environment', [['', 'Any environment'], ...ENVIRONMENTS], 'prod');
    p.mode = select('accessMode', [['', 'Either access mode'], ...ACCESS_MODES], '');
    for (const s of [p.env, p.mode]) s.addEventListener('change', () => this.#check());
    p.verdict = h('p', { class: 'ers-verdict ers-name-check__verdict', id: `${ids.name}-verdict` });
    p.suggestion = h('div', { class: 'ers-notice ers-name-check__suggestion', hidden: true });
    p.diagnostics = h('ul', { class: 'ers-diagnostics ers-name-check__diagnostics', 'aria-label': 'Findings' });
    p.api = h('p', { class: 'ers-name-check__api ers-name-check__checked-api', hidden: true });
    const hint = ['The pattern of guidance 4.14: ',
      h('code', { text: '[Supplier name] - [App name] - [Environment] - e-Referral Service, [Access mode]' }),
      '. For example ', h('code', { text: EXAMPLE }), '.'];
    return h('form', { class: 'ers-name-check__checker', 'aria-labelledby': ids.checkTitle, novalidate: true, onsubmit: (e) => e.preventDefault() },
      h('h3', { id: ids.checkTitle, text: 'Check a name' }),
      field(ids.name, 'Application name', hint, p.name, undefined, p.mirror),
      h('div', { class: 'ers-grid' },
        field(ids.env, 'Registered in', 'The name must say this environment (4.13).', p.env),
        field(ids.mode, 'Access mode', 'The name must say this access mode (4.15).', p.mode)),
      p.verdict,
      p.api,
      p.suggestion,
      p.diagnostics);
  }

  #builder() {
    const p = this.#p;
    const ids = this.#ids;
    const modeId = ids.buildMode;
    p.summary = errorSummary(ids.summary);
    p.supplier = h('input', { class: 'ers-input', name: 'supplier', autocomplete: 'organization' });
    p.app = h('input', { class: 'ers-input', name: 'app', autocomplete: 'off' });
    p.buildEnv = select('environment', ENVIRONMENTS, 'prod');
    const radios = ACCESS_MODES.map(([value, label, hint], i) =>
      choice(`${modeId}-${i}`, h('span', { text: label }), hint, { type: 'radio', name: `${modeId}-mode`, value }));
    p.radios = radios.map((r) => r.querySelector('input'));
    return h('form', { class: 'ers-name-check__builder', 'aria-labelledby': ids.buildTitle, novalidate: true, onsubmit: (e) => { e.preventDefault(); this.#buildName(); } },
      h('h3', { id: ids.buildTitle, text: 'Build a name' }),
      p.summary,
      h('div', { class: 'ers-grid' },
        field(ids.supplier, 'Supplier name', 'Your organisation, e.g. Care Vista.', p.supplier, 'supplier name'),
        field(ids.app, 'App name', 'The product, e.g. Care Vista Link.', p.app, 'app name')),
      field(ids.buildEnv, 'Environment', 'Stage 4 registers the application in PROD (4.13).', p.buildEnv, 'environment'),
      h('fieldset', { class: 'ers-fieldset ers-field', 'data-field': 'access mode', id: modeId, 'aria-describedby': `${modeId}-hint` },
        h('legend', { text: 'Access mode' }),
        h('span', { class: 'ers-hint', id: `${modeId}-hint`, text: 'One application per access mode (4.15): build one name for each you use.' }),
        radios),
      h('div', { class: 'ers-button-group' }, h('button', { type: 'submit', class: 'ers-button', text: 'Build the name' })),
      p.result);
  }

  // ---------------------------------------------------------------------------------- checking

  async #check() {
    const p = this.#p;
    const name = p.name.value;
    const options = { environment: p.env.value || null, accessMode: p.mode.value || null };
    let result;
    try {
      if (!this.#summaries.size) {
        for (const c of await namesCall((ers) => ers.nameCodes())) this.#summaries.set(c.code, c.meaning);
      }
      result = await namesCall((ers) => ers.checkName(name, options));
    } catch (error) {
      this.#showFailure(error);
      return;
    }
    if (name !== p.name.value) return; // the user typed on meanwhile: a newer check follows
    this.#result = result;
    this.#render(name, result);
    this.emit('ers-name-checked', { name, ...result });
  }

  #render(name, result) {
    const p = this.#p;
    const empty = name.length === 0;
    p.name.setAttribute('aria-invalid', String(!empty && !result.valid));
    renderMirror(p.mirror, name, result.diagnostics);
    // The mirror shows only when there is something to mark.
    p.mirror.hidden = empty || !result.diagnostics.some((d) => d.span);

    const counts = countText(result.errors, result.warnings);
    p.verdict.className = 'ers-verdict ers-name-check__verdict';
    if (empty) {
      p.verdict.textContent = 'Type or paste a name to check it.';
    } else if (result.valid) {
      p.verdict.classList.add(result.warnings ? 'ers-verdict--warning' : 'ers-verdict--ok');
      p.verdict.textContent = result.warnings
        ? `Follows guidance 4.14, with ${counts}.`
        : 'Follows guidance 4.14.';
    } else {
      p.verdict.classList.add('ers-verdict--error');
      p.verdict.textContent = `Does not follow guidance 4.14: ${counts}.`;
    }

    // A valid name says its access mode: show the one API to enable with it (4.15).
    const api = !empty && result.valid ? result.reading?.api : null;
    p.api.hidden = !api;
    p.api.replaceChildren(...(api ? ['The API to enable on this application: ', h('code', { text: api }), ' ', h('span', { class: 'ers-rule', text: 'Guidance 4.15' })] : []));
    p.suggestion.hidden = !result.suggestedName;
    if (result.suggestedName) {
      const apply = h('button', {
        type: 'button', class: 'ers-button ers-name-check__apply', text: 'Use the corrected name',
        onclick: () => this.#apply(result.suggestedName),
      });
      p.suggestion.replaceChildren(
        h('p', { class: 'ers-name-check__suggestion-title', text: 'Corrected name' }),
        h('p', {}, h('code', { class: 'ers-name-check__suggested', text: result.suggestedName })),
        h('div', { class: 'ers-button-group' }, apply, copyButton('Copy the corrected name', () => result.suggestedName)));
    }

    // Nothing is wrong with a field not yet typed in: no finding until there is a name.
    p.suggestion.hidden = empty || !result.suggestedName;
    p.diagnostics.replaceChildren(...(empty ? [] : groupByCode(result.diagnostics).map((g) => (g.length === 1 ? this.#diagnostic(name, g[0]) : this.#group(name, g)))));
    p.status.announce(empty ? '' : (result.valid ? (result.warnings ? `Valid, ${counts}` : 'Valid') : `Not valid: ${counts}`));
  }

  #diagnostic(name, d) {
    const where = d.span ? spanText(name, d.span) : null;
    // A certain fix gets a button; a probable one too, saying so; a placeholder only shows.
    const fix = d.fix && d.fix.applicability !== 'has-placeholders' ? d.fix : null;
    return h('li', { class: `ers-diagnostic ers-diagnostic--${d.severity}`, 'data-code': d.code },
      h('div', { class: 'ers-diagnostic__head' },
        h('span', { class: 'ers-diagnostic__severity', text: d.severity === 'error' ? 'Error' : 'Warning' }),
        h('span', { class: 'ers-diagnostic__code', text: d.code }),
        h('span', { class: 'ers-diagnostic__rule', text: `Guidance ${d.rule}` })),
      h('p', { class: 'ers-diagnostic__message' }, rich(d.message)),
      where,
      d.help ? h('p', { class: 'ers-diagnostic__help' }, rich(d.help)) : null,
      fix ? h('div', { class: 'ers-button-group' },
        h('button', {
          type: 'button', class: 'ers-button ers-button--secondary ers-name-check__fix',
          text: fix.applicability === 'machine-applicable' ? fixLabel(fix) : `${fixLabel(fix)} (check it after)`,
          onclick: () => this.#apply(applyEdits(name, fix.edits)),
        })) : null);
  }

  /** One card for one problem met in several places (three en dashes): what it is once, then
   *  each place, and one fix for all of them. */
  #group(name, list) {
    const [d] = list;
    const summary = this.#summaries.get(d.code) ?? d.message;
    const fixes = list.map((x) => (x.fix && x.fix.applicability !== 'has-placeholders' ? x.fix : null));
    const all = fixes.every(Boolean) ? fixes.flatMap((f) => f.edits) : null;
    const sure = fixes.every((f) => f?.applicability === 'machine-applicable');
    return h('li', { class: `ers-diagnostic ers-diagnostic--${d.severity}`, 'data-code': d.code, 'data-places': String(list.length) },
      h('div', { class: 'ers-diagnostic__head' },
        h('span', { class: 'ers-diagnostic__severity', text: d.severity === 'error' ? 'Error' : 'Warning' }),
        h('span', { class: 'ers-diagnostic__code', text: d.code }),
        h('span', { class: 'ers-diagnostic__rule', text: `Guidance ${d.rule}` })),
      h('p', { class: 'ers-diagnostic__message' }, rich(`${capitalise(summary)}, in ${list.length} places:`)),
      h('ol', { class: 'ers-name-check__places' }, list.map((x) => h('li', {}, rich(x.message), x.span ? spanText(name, x.span) : null))),
      d.help ? h('p', { class: 'ers-diagnostic__help' }, rich(d.help)) : null,
      all ? h('div', { class: 'ers-button-group' },
        h('button', {
          type: 'button', class: 'ers-button ers-button--secondary ers-name-check__fix',
          text: `Fix all ${list.length}${sure ? '' : ' (check them after)'}`,
          onclick: () => this.#apply(applyEdits(name, all)),
        })) : null);
  }

  /** Each code's summary (the registry's words), for a card that covers several places. */
  #summaries = new Map();

  #apply(text) {
    const p = this.#p;
    p.name.value = text;
    p.name.focus();
    this.#check();
  }

  #showFailure(error) {
    const p = this.#p;
    p.verdict.className = 'ers-verdict ers-verdict--error ers-name-check__verdict';
    p.verdict.textContent = error.message;
    p.diagnostics.replaceChildren();
    p.suggestion.hidden = true;
  }

  // ---------------------------------------------------------------------------------- building a name

  async #buildName() {
    const p = this.#p;
    const form = p.supplier.form;
    clearErrors(form, p.summary);
    const parts = {
      supplier: p.supplier.value,
      app: p.app.value,
      environment: p.buildEnv.value,
      accessMode: p.radios.find((r) => r.checked)?.value ?? '',
    };
    let built;
    try {
      built = await namesCall((ers) => ers.buildName(parts));
    } catch (error) {
      p.result.hidden = true;
      this.#builtName = null;
      const target = (field) => ({ 'application name': 'app name' }[field] ?? field);
      // Every missing or wrong part at once, as the module lists them.
      const problems = Array.isArray(error.problems) && error.problems.length ? error.problems : [error];
      showErrors(form, p.summary, problems.map((x) => ({ field: target(x.field), message: x.message })));
      return;
    }
    this.#builtName = built;
    this.#showBuilt(built);
    this.emit('ers-name-built', built);
  }

  #showBuilt(built) {
    const p = this.#p;
    const ids = this.#ids;
    p.result.replaceChildren(
      h('h4', { text: 'Your application name' }),
      h('p', { class: 'ers-name-check__built-name' }, h('code', { id: `${ids.built}-name`, text: built.name })),
      h('p', { class: 'ers-rule', text: `Guidance ${built.rule}` }),
      h('div', { class: 'ers-button-group' },
        copyButton('Copy the name', () => built.name),
        h('button', {
          type: 'button', class: 'ers-button ers-button--secondary', text: 'Check this name',
          onclick: () => {
            p.env.value = built.environment;
            p.mode.value = built.accessMode;
            this.#apply(built.name);
          },
        })),
      h('h4', { text: 'The API to enable on this application' }),
      h('p', { class: 'ers-name-check__api' }, h('code', { text: built.api }), ' ', h('span', { class: 'ers-rule', text: `Guidance ${built.apiRule}` })),
      h('div', { class: 'ers-button-group' }, copyButton('Copy the API name', () => built.api)),
      h('p', { class: 'ers-name-check__why', text: built.why }));
    p.result.hidden = false;
    p.status.announce(`Built: ${built.name}`, 0);
  }
}

// ------------------------------------------------------------------------------------ helpers

function select(name, options, value) {
  const el = h('select', { class: 'ers-select', name }, options.map(([v, label]) => h('option', { value: v, text: label })));
  el.value = value;
  return el;
}

function countText(errors, warnings) {
  return [errors ? counted(errors, 'error') : null, warnings ? counted(warnings, 'warning') : null].filter(Boolean).join(', ');
}

/** Text with `quoted` parts (as the module writes names and tokens) shown as code. */
function rich(text) {
  return text.split('`').map((part, i) => (i % 2 ? h('code', { class: 'ers-name-check__quote', text: part }) : part));
}

/** Makes invisible characters visible, for the mirror and quotes. */
function visible(text) {
  let out = '';
  for (const c of text) out += VISIBLE.get(c) ?? (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069\u200e\u200f]/u.test(c) ? '◌' : c);
  return out;
}

/** "Here: `Prod`" for a diagnostic's span (UTF-16 offsets, as JavaScript strings count). */
function spanText(name, [start, end]) {
  if (start === end) {
    const before = name.slice(Math.max(0, start - 12), start);
    return h('p', { class: 'ers-name-check__where' }, 'Where: after ', h('code', { text: `…${visible(before)}` }));
  }
  const text = visible(name.slice(start, end));
  // Spaces at the ends of a quote would be lost to the eye: show them.
  const shown = text.trim() === text ? text : text.replaceAll(' ', '␣');
  return h('p', { class: 'ers-name-check__where' }, 'Where: ', h('code', { text: shown }));
}

function fixLabel(fix) {
  const [edit] = fix.edits;
  if (!edit) return 'Apply this fix';
  if (edit.replacement === '') return 'Remove it';
  if (edit.span[0] === edit.span[1]) return `Insert “${edit.replacement}”`;
  return `Write “${edit.replacement}”`;
}

/** Applies edits (UTF-16 spans, in order, not overlapping) to `text`. */
/** The findings grouped by code, in the order each code first appears. */
function groupByCode(diagnostics) {
  const groups = new Map();
  for (const d of diagnostics) {
    const g = groups.get(d.code);
    if (g) g.push(d);
    else groups.set(d.code, [d]);
  }
  return [...groups.values()];
}

function applyEdits(text, edits) {
  let out = text;
  for (const { span: [start, end], replacement } of [...edits].sort((a, b) => b.span[0] - a.span[0])) {
    out = out.slice(0, start) + replacement + out.slice(end);
  }
  return out;
}

/**
 * The mirror: the name again, with each diagnostic's span marked (errors over warnings) and each
 * missing part marked where it goes. Decorative: the findings list says the same in words.
 */
function renderMirror(mirror, name, diagnostics) {
  const level = new Uint8Array(name.length); // 0 none, 1 warning, 2 error
  const inserts = new Map(); // offset → level
  for (const d of diagnostics) {
    if (!d.span) continue;
    const [start, end] = d.span;
    const l = d.severity === 'error' ? 2 : 1;
    if (start === end) inserts.set(start, Math.max(inserts.get(start) ?? 0, l));
    for (let i = start; i < end && i < name.length; i += 1) level[i] = Math.max(level[i], l);
  }
  const nodes = [];
  const mark = (l) => (l === 2 ? 'ers-name-check__mark ers-name-check__mark--error' : 'ers-name-check__mark ers-name-check__mark--warning');
  let i = 0;
  while (i <= name.length) {
    if (inserts.has(i)) nodes.push(h('span', { class: `${mark(inserts.get(i))} ers-name-check__mark--missing`, text: '‸' }));
    if (i === name.length) break;
    const l = level[i];
    let j = i + 1;
    while (j < name.length && level[j] === l && !inserts.has(j)) j += 1;
    const text = visible(name.slice(i, j));
    nodes.push(l ? h('mark', { class: mark(l), text }) : document.createTextNode(text));
    i = j;
  }
  mirror.replaceChildren(...nodes);
}
