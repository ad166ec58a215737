// The planner's end-user organisation (EUO) editor: type an organisation, paste a column, import
// or drop a CSV file (read by the rules module, in a worker), and change or remove each row of
// the paged list. A plain class the planner composes: the list is its own, and it tells the
// planner through `hooks` when the list changed (the plan is then stale).

import { ersHeavy, ersInWorker } from '../../js/ers-offload.js';
import { capitalise, field } from '../../js/form-errors.js';
import { guardPaste, readFileWithin, textWithin } from '../../js/input-limits.js';
import { ask, pager } from '../../js/actions.js';
import { h, withCode } from '../../js/ui.js';

const number = new Intl.NumberFormat('en-GB');

export class EuoEditor {
  /** The organisations: `[{ name, odsCode?, line? }]`. */
  list = [];
  page = 0;
  /** The row open for changes, or -1. */
  editing = -1;
  parts = {};

  /**
   * `hooks`: `changed()` after the list changed, `shown()` after the list was drawn,
   * `announce(text, delay?)`, `fieldError(field, input, message)`, `clearFieldError(field)`,
   * `pageSize()`, `root()` (the shadow root), `imported(detail)` after an import.
   */
  constructor(hooks) {
    this.hooks = hooks;
  }

  /** The fieldset, with `ids` `{ euos, euoName, euoOds, paste, file }`. */
  build(ids) {
    const p = this.parts;
    p.importReport = h('div', { class: 'ers-asid-planner__import', hidden: true });
    const fieldset = h('fieldset', { class: 'ers-fieldset ers-field', id: ids.euos, 'data-field': 'euos' },
      h('legend', { text: 'End-user organisations (EUOs)' }),
      h('span', { class: 'ers-hint', text: 'Each organisation using the product gets its own ASIDs (4.16). Type them, paste a column from a spreadsheet, or import a CSV file.' }),
      this.#typed(ids),
      this.#pasted(ids),
      this.#file(ids),
      p.importReport,
      ...this.#table());
    fieldset.addEventListener('dragover', (e) => e.preventDefault());
    fieldset.addEventListener('drop', (e) => {
      if (e.defaultPrevented && e.target instanceof Node && p.drop.contains(e.target)) return;
      e.preventDefault();
      const [file] = e.dataTransfer?.files ?? [];
      if (file) this.#importFile(file, p.drop);
    });
    this.render();
    return fieldset;
  }

  #typed(ids) {
    const p = this.parts;
    p.euoName = h('input', { class: 'ers-input', autocomplete: 'organization' });
    p.euoOds = h('input', { class: 'ers-input ers-input--mono ers-asid-planner__ods', autocomplete: 'off', spellcheck: 'false' });
    for (const input of [p.euoName, p.euoOds]) {
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          this.#addTyped();
        }
      });
    }
    return h('div', { class: 'ers-asid-planner__add' },
      field(ids.euoName, 'Organisation name', 'e.g. Leeds Teaching Hospitals NHS Trust', p.euoName, 'euo-name'),
      field(ids.euoOds, 'ODS code (optional)', 'e.g. RR8', p.euoOds),
      h('div', { class: 'ers-asid-planner__add-button' },
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Add organisation', onclick: () => this.#addTyped() })));
  }

  #pasted(ids) {
    const p = this.parts;
    p.paste = h('textarea', { class: 'ers-textarea', rows: 4 });
    guardPaste(p.paste, 'csv', (message) =>
      this.#report('the pasted text', 0, [{ severity: 'error', code: 'input-too-large', message, rule: 'CSV' }]));
    const button = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Add pasted organisations', onclick: () => this.#addPasted(button) });
    return h('details', { class: 'ers-details' },
      h('summary', { text: 'Paste a column of organisations' }),
      h('div', {},
        field(ids.paste, 'Organisations, one per line', 'A name per line, or a name and ODS code separated by a tab (as copied from a spreadsheet), comma or semicolon.', p.paste),
        button));
  }

  /** The file chooser and the drop zone. */
  #file(ids) {
    const p = this.parts;
    p.file = h('input', { type: 'file', class: 'ers-asid-planner__file', accept: '.csv,.tsv,.txt,text/csv,text/plain' });
    p.file.addEventListener('change', () => {
      const [file] = p.file.files ?? [];
      if (file) this.#importFile(file, p.file).finally(() => (p.file.value = ''));
    });
    p.drop = h('div', { class: 'ers-asid-planner__drop', 'data-drop': '' },
      h('p', { class: 'ers-asid-planner__drop-text', text: 'Or drop a CSV file here. It is read in this browser and sent nowhere.' }));
    const over = (on) => p.drop.classList.toggle('ers-asid-planner__drop--over', on);
    for (const type of ['dragenter', 'dragover']) {
      p.drop.addEventListener(type, (e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        over(true);
      });
    }
    p.drop.addEventListener('dragleave', () => over(false));
    p.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      over(false);
      const [file] = e.dataTransfer?.files ?? [];
      if (file) this.#importFile(file, p.drop);
    });
    return [
      field(ids.file, 'Import a CSV file', 'A header row naming the organisation and ODS code columns (any order), or two columns without a header. Excel exports, semicolons and quoted cells are fine.', p.file),
      p.drop,
    ];
  }

  /** The count, the paged list and "Remove all". */
  #table() {
    const p = this.parts;
    p.euoCount = h('p', { class: 'ers-asid-planner__count' });
    p.euoBody = h('tbody');
    p.euoTable = h('div', { class: 'ers-table-wrap' },
      h('table', { class: 'ers-table ers-asid-planner__euos' },
        h('caption', { class: 'ers-visually-hidden', text: 'End-user organisations' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: '#' }), h('th', { scope: 'col', text: 'Organisation' }), h('th', { scope: 'col', text: 'ODS code' }), h('th', { scope: 'col' }, h('span', { class: 'ers-visually-hidden', text: 'Actions' })))),
        p.euoBody));
    p.euoPager = pager('organisations', (page) => {
      this.page = page;
      this.render();
    }, { block: 'ers-asid-planner' });
    p.clearEuos = h('button', { type: 'button', class: 'ers-button ers-button--warning', text: 'Remove all organisations', onclick: async () => {
      const n = this.list.length;
      const choice = await ask(p.clearEuos, `Remove all ${number.format(n)} organisation${n === 1 ? '' : 's'} from the list?`, [{ label: 'Yes, remove them all', value: 'remove', warning: true }]);
      if (choice !== 'remove') return;
      this.set([]);
      this.hooks.changed();
      this.hooks.announce('All organisations removed.', 0);
    } });
    return [p.euoCount, p.euoTable, p.euoPager.el, h('div', { class: 'ers-button-group' }, p.clearEuos)];
  }

  /** Replaces the list (first page, no row open). */
  set(list) {
    this.list = list;
    this.page = 0;
    this.editing = -1;
    this.render();
  }

  /** Removes the organisations at `indices`. */
  remove(indices) {
    const gone = new Set(indices);
    this.set(this.list.filter((_, i) => !gone.has(i)));
  }

  render() {
    const p = this.parts;
    this.hooks.shown();
    const size = this.hooks.pageSize();
    const total = this.list.length;
    this.page = p.euoPager.update(this.page, total, size);
    p.euoCount.textContent = total === 0 ? 'No organisation yet.' : `${number.format(total)} organisation${total === 1 ? '' : 's'}.`;
    p.euoTable.hidden = total === 0;
    p.clearEuos.hidden = total === 0;
    const start = this.page * size;
    const rows = [];
    for (let i = start; i < Math.min(total, start + size); i += 1) {
      rows.push(i === this.editing ? this.#editRow(i) : this.#viewRow(i));
    }
    p.euoBody.replaceChildren(...rows);
  }

  /** Shows organisation `index` in the list and gives its Change button focus. */
  show(index) {
    this.page = Math.floor(index / this.hooks.pageSize());
    this.render();
    const button = this.hooks.root().querySelector(`[data-euo="${index}"][data-part="name"]`);
    button?.scrollIntoView({ block: 'center' });
    button?.focus();
  }

  /** A row of the list: one tab stop (its Change button), the name and code as text. */
  #viewRow(i) {
    const euo = this.list[i];
    const n = i + 1;
    const change = h('button', { type: 'button', class: 'ers-button ers-button--secondary ers-asid-planner__change', 'data-euo': String(i), 'data-part': 'name',
      text: 'Change', 'aria-label': `Change or remove organisation ${n}, ${euo.name || 'unnamed'}`,
      onclick: () => this.#edit(i) });
    return h('tr', {}, h('td', { text: number.format(n) }),
      h('td', { class: 'ers-asid-planner__euo-name', text: euo.name || '(no name)' }),
      h('td', { class: 'ers-asid-planner__ods-cell', text: euo.odsCode ?? '' }),
      h('td', {}, change));
  }

  /** The row open for changes: name, ODS code, Save, Remove (asks first) and Cancel. */
  #editRow(i) {
    const euo = this.list[i];
    const n = i + 1;
    const root = this.hooks.root();
    const name = h('input', { class: 'ers-input', value: euo.name, 'aria-label': `Name of organisation ${n}`, 'data-euo': String(i), 'data-part': 'edit-name' });
    const ods = h('input', { class: 'ers-input ers-input--mono ers-asid-planner__ods', value: euo.odsCode ?? '', 'aria-label': `ODS code of organisation ${n}`, 'data-euo': String(i), 'data-part': 'ods', spellcheck: 'false' });
    const done = (focus = true) => {
      this.editing = -1;
      this.render();
      if (focus) root.querySelector(`button[data-euo="${i}"]`)?.focus();
    };
    const save = () => {
      this.list[i] = { ...this.list[i], name: name.value.trim(), odsCode: ods.value.trim() || undefined };
      this.hooks.changed();
      this.hooks.announce(`Organisation ${n} changed.`, 0);
      done();
    };
    for (const input of [name, ods]) {
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') { e.preventDefault(); save(); }
        if (e.key === 'Escape') { e.preventDefault(); done(); }
      });
    }
    const remove = h('button', { type: 'button', class: 'ers-button ers-button--warning', text: 'Remove', 'aria-label': `Remove organisation ${n}, ${euo.name || 'unnamed'}` });
    remove.addEventListener('click', async () => {
      const choice = await ask(remove, `Remove ${euo.name || `organisation ${n}`} from the list?`, [{ label: 'Yes, remove it', value: 'remove', warning: true }]);
      if (choice !== 'remove') return;
      this.list.splice(i, 1);
      this.editing = -1;
      this.render();
      this.hooks.changed();
      this.hooks.announce(`Removed ${euo.name || `organisation ${n}`}.`, 0);
      (root.querySelector(`button[data-euo="${Math.min(i, this.list.length - 1)}"]`) ?? this.parts.euoName).focus();
    });
    return h('tr', { class: 'ers-asid-planner__editing' }, h('td', { text: number.format(n) }), h('td', {}, name), h('td', {}, ods),
      h('td', {}, h('div', { class: 'ers-button-group' },
        h('button', { type: 'button', class: 'ers-button', text: 'Save', onclick: save }),
        remove,
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Cancel', onclick: () => done() }))));
  }

  #edit(i) {
    this.editing = i;
    this.render();
    this.hooks.root().querySelector(`input[data-euo="${i}"][data-part="edit-name"]`)?.focus();
  }

  #addTyped() {
    const p = this.parts;
    this.hooks.clearFieldError('euo-name');
    const name = p.euoName.value.trim();
    if (!name) {
      this.hooks.fieldError('euo-name', p.euoName, 'Enter the organisation’s name to add it');
      p.euoName.focus();
      return;
    }
    this.list.push({ name, odsCode: p.euoOds.value.trim() || undefined });
    p.euoName.value = '';
    p.euoOds.value = '';
    this.page = Math.floor((this.list.length - 1) / this.hooks.pageSize());
    this.render();
    this.hooks.changed();
    this.hooks.clearFieldError('euos');
    this.hooks.announce(`Added ${name}. ${number.format(this.list.length)} organisations.`);
    p.euoName.focus();
  }

  async #addPasted(anchor) {
    const text = this.parts.paste.value;
    if (!text.trim()) return;
    try {
      await textWithin(text, 'csv');
    } catch (error) {
      this.#report('the pasted text', 0, [{ severity: 'error', code: error.code ?? 'error', message: error.message, rule: 'CSV' }]);
      return;
    }
    const added = await this.#import(text, 'the pasted text', anchor);
    if (added > 0) this.parts.paste.value = '';
  }

  async #importFile(file, anchor) {
    let bytes;
    try {
      // Checked against the core's CSV limit before a byte is read.
      bytes = await readFileWithin(file, 'csv', 'bytes');
    } catch (error) {
      this.#report(file.name, 0, [{ severity: 'error', code: error.code ?? 'error', message: error.message, rule: 'CSV' }]);
      return 0;
    }
    return this.#import(bytes, file.name, anchor);
  }

  /** Asks whether organisations from `source` join the list or replace it; false: neither. */
  async #addOrReplace(count, source, anchor) {
    if (this.list.length === 0 || count === 0) return true;
    // Importing again: the same file twice would plan every organisation twice.
    const have = number.format(this.list.length);
    const more = number.format(count);
    const choice = await ask(anchor, `The list already has ${have} organisation${this.list.length === 1 ? '' : 's'}. Add the ${more} from ${source} to them, or replace them?`, [
      { label: `Add ${more} to the list`, value: 'add' },
      { label: `Replace the list with these ${more}`, value: 'replace', warning: true },
    ]);
    if (choice === null) return false;
    if (choice === 'replace') {
      this.list = [];
      this.editing = -1;
    }
    return true;
  }

  /** Reads EUOs (text or bytes) with the module, appends them and reports problems by line. */
  async #import(input, source, anchor = this.parts.file) {
    let result;
    try {
      // In a worker: a big CSV must not block the page.
      result = await ersInWorker('parseEuoCsv', input);
    } catch (error) {
      this.#report(source, 0, [{ severity: 'error', code: error.code ?? 'error', message: error.message, rule: 'CSV' }]);
      return 0;
    }
    if (!(await this.#addOrReplace(result.euos.length, source, anchor))) {
      this.hooks.announce('Nothing imported.', 0);
      return 0;
    }
    const before = this.list.length;
    for (const e of result.euos) this.list.push({ name: e.name, odsCode: e.odsCode ?? undefined, line: e.line });
    const added = result.euos.length;
    if (added > 0) {
      this.page = Math.floor(before / this.hooks.pageSize());
      this.hooks.clearFieldError('euos');
    }
    this.render();
    this.hooks.changed();
    // Duplicates and unusual ODS codes are said now, at import, in the plan's own words.
    let notes = [];
    try {
      notes = await ersHeavy('euoNotes', this.list.map((e) => ({ name: e.name, odsCode: e.odsCode ?? null, line: e.line ?? null })));
    } catch {
      notes = [];
    }
    this.#report(source, added, [...result.problems, ...notes]);
    const skipped = result.problems.filter((x) => x.severity === 'error').length;
    this.hooks.announce(`Imported ${added} organisation${added === 1 ? '' : 's'} from ${source}${skipped ? `; ${skipped} row${skipped === 1 ? '' : 's'} not imported` : ''}.`);
    this.hooks.imported({ source, added, problems: result.problems });
    return added;
  }

  #report(source, added, problems) {
    const p = this.parts;
    const errors = problems.filter((x) => x.severity === 'error');
    const warnings = problems.filter((x) => x.severity === 'warning');
    const kind = errors.length || warnings.length ? 'ers-notice--warning' : 'ers-notice--ok';
    const said = [
      errors.length ? `${number.format(errors.length)} row${errors.length === 1 ? ' was' : 's were'} not imported` : '',
      warnings.length ? `${number.format(warnings.length)} thing${warnings.length === 1 ? ' needs' : 's need'} a look` : '',
    ].filter(Boolean).join('; ');
    p.importReport.className = `ers-asid-planner__import ers-notice ${kind}`;
    p.importReport.replaceChildren(
      h('p', { class: 'ers-asid-planner__import-title', text: `Imported ${number.format(added)} organisation${added === 1 ? '' : 's'} from ${source}.${said ? ` ${capitalise(said)}:` : ''}` }),
      problems.length ? h('ul', {}, problems.map((x) => h('li', { class: `ers-asid-planner__problem ers-asid-planner__problem--${x.severity}` },
        x.severity === 'error' ? h('span', { class: 'ers-visually-hidden', text: 'Error: ' }) : null,
        h('span', { class: 'ers-diagnostic__code', text: x.code }), ' ', ...withCode(x.message), x.help ? ' ' : '', ...(x.help ? withCode(x.help) : [])))) : null,
    );
    p.importReport.hidden = false;
  }
}
