// <ers-golive-pack>: the go-live pack (4.3). The Stage 4 checklist with checkboxes, and the
// PROD form details of every application — from the planner on the page, a plan JSON file, or
// typed by hand — checked by the wasm module (findings ERS-G…, each with its rule), exported as
// a Markdown email to the e-RS Partners team, CSV or JSON. Every rule comes from the module;
// this element only collects input and shows what the module returns. Nothing typed here is
// stored (no localStorage) or sent anywhere: reloading the page clears it.

import { ersCall, rulesWanted } from '../../js/ers.js';
import { eachFinding, ersHeavy, ersHeavyFile } from '../../js/ers-offload.js';
import { checkbox, errorSummary, field, hideSummary, showSummary } from '../../js/form-errors.js';
import { readFileWithin } from '../../js/input-limits.js';
import { download, pager, slug } from '../../js/actions.js';
import { copyText, h, liveRegion, withCode } from '../../js/ui.js';
import { render } from '../../js/shadow.js';
import { nextTask } from '../../js/transfer.js';
import { ErsElement, attributeNotice } from '../../js/ers-element.js';
import { DETAILS, TYPED, TYPED_NAMES } from '../../js/details.js';


const DEFAULT_PAGE_SIZE = 20;
const count = new Intl.NumberFormat('en-GB');
/** The largest pack whose email is made at each check, to print whole with the pack. */
const PRINT_EMAIL_MAX = 300;
/** How long after a check the printed document is made, and how many of its rows per task. */
const PRINT_DELAY_MS = 1000;
const PRINT_ROWS_PER_TASK = 150;
const RECHECK_MS = 250;

const FORMATS = {
  text: { fn: 'packToText', ext: 'txt', type: 'text/plain;charset=utf-8', label: 'Download the email (text)' },
  markdown: { fn: 'packToMarkdown', ext: 'md', type: 'text/markdown;charset=utf-8', label: 'Download Markdown' },
  csv: { fn: 'packToCsv', ext: 'csv', type: 'text/csv;charset=utf-8', label: 'Download CSV' },
  json: { fn: 'packToJson', ext: 'json', type: 'application/json', label: 'Download JSON' },
};

/** The text fields of an application, in form order, with their labels and hints. */
const FIELDS = DETAILS.filter((d) => d.form !== false);
/** The printed table's columns of details: `[title, fields]`, in the record's order. */
const PRINT_COLUMNS = [...new Set(FIELDS.filter((f) => f.print).map((f) => f.print))]
  .map((title) => [title, FIELDS.filter((f) => f.print === title)]);

function blankApplication() {
  const typed = Object.fromEntries(TYPED.map((key) => [key, '']));
  return { name: '', environment: 'prod', accessMode: '', capability: '', api: '', organisation: '', odsCode: '', ...typed };
}

export class ErsGoLivePack extends ErsElement {
  static tag = 'ers-golive-pack';
  static observedAttributes = ['product', 'supplier', 'page-size'];
  static properties = { product: 'product', supplier: 'supplier' };
  static pageSize = DEFAULT_PAGE_SIZE;

  #apps = [];
  #product = '';
  #supplier = '';
  #done = new Set();
  #contact = '';
  /** Applications added by hand and not yet edited: no error is shown on their empty fields
   *  until the first edit (as GOV.UK validates after a field is used, not before). */
  #pristine = new WeakSet();
  #pack = null;
  #page = 0;
  #timer = 0;
  #checking = Promise.resolve();
  #ids = {};
  #parts = {};
  #cards = new Map(); // application index → { fields: { key: { keys, input, slot, hintId, box } }, groups, missing, other, title }
  #accessOptions = [];
  #usedPlanner = false;

  attributeChangedCallback(name, old, value) {
    if (!this.isBuilt || old === value) return;
    this.#readAttributes(name);
  }

  /** The product and supplier the pack starts with (`product`, `supplier`: the pack's checks
   *  judge them, as any) and the applications per page (`page-size`, said in the notice when it
   *  is not a whole number above 0). A plan taken later brings its own product and supplier. */
  #readAttributes(only = null) {
    const wanted = (name) => (only === null || only === name) && this.hasAttribute(name);
    let changed = false;
    if (wanted('product')) {
      this.#product = this.getAttribute('product');
      changed = true;
    }
    if (wanted('supplier')) {
      this.#supplier = this.getAttribute('supplier');
      changed = true;
    }
    this.#parts.attrNotice.show(ErsGoLivePack.tag, this.pageSizeProblems('applications'));
    if (only === 'page-size') {
      this.#page = 0;
      this.#renderApps();
    }
    if (changed) this.recheck();
  }

  /** The pack request as it stands: `{ product, supplier, applications, done }` (a copy). */
  get request() {
    return {
      product: this.#product,
      supplier: this.#supplier,
      applications: this.#apps.map((a) => ({ ...a })),
      done: [...this.#done],
      contact: this.#contact,
    };
  }

  set request(value) {
    this.#product = String(value?.product ?? '');
    this.#supplier = String(value?.supplier ?? '');
    this.#apps = Array.from(value?.applications ?? [], (a) => ({ ...blankApplication(), ...a }));
    this.#done = new Set(Array.from(value?.done ?? [], String));
    this.#contact = String(value?.contact ?? '');
    this.#page = 0;
    if (this.isBuilt) {
      this.#parts.contact.value = this.#contact;
      this.#syncChecklist();
      this.#renderApps();
      this.recheck();
    }
  }

  /**
   * Tells the page what the user changed, and only that: `ers-pack-input` with `{ application,
   * field, value }` for a detail, `{ done }` for the ticks, `{ contact }` for the signature. A
   * page that keeps the details elsewhere (the workspace) writes exactly these, so a change
   * made meanwhile by another part of the page is never overwritten with a stale value.
   */
  #edited(detail) {
    this.emit('ers-pack-input', detail);
  }

  /** Resolves once the checks asked for so far are done (to the pack). */
  get checked() {
    return this.#checking;
  }

  /** The last checked pack (the module's `goLivePack` result), or null. */
  get pack() {
    return this.#pack;
  }

  disconnectedCallback() {
    document.removeEventListener('ers-plan', this.#onPlan);
    document.removeEventListener('ers-keys-made', this.#onKeys);
    window.removeEventListener('beforeprint', this.#onPrint);
    this.#printMedia?.removeEventListener('change', this.#onPrint);
  }

  // ---------------------------------------------------------------------------------- building

  build() {
    const ids = (this.#ids = this.ids('summary', 'checklist', 'apps', 'file', 'useButton', 'email', 'contact'));
    const p = this.#parts;

    p.summary = errorSummary(ids.summary, { level: 3 });

    const note = h('div', { class: 'ers-notice' },
      h('p', {}, h('strong', { text: 'The PROD form’s exact fields are not public. ' }),
        `The e-RS Partners team sends you the PROD form (4.3). This pack gathers, for each PROD application, what the form is known to need: name, environment, access mode, capability, API, end-user organisation, ${TYPED_NAMES} (a user-restricted application’s).`),
      h('p', { text: 'Never enter a client secret or a private key: the form needs neither.' }));

    // The checklist.
    p.checklistBox = h('div', { class: 'ers-golive-pack__steps' });
    p.checklistSource = h('p', { class: 'ers-hint', id: `${ids.checklist}-hint` });
    const checklist = h('fieldset', { class: 'ers-fieldset ers-golive-pack__checklist', id: ids.checklist, 'aria-describedby': `${ids.checklist}-hint` },
      h('legend', { text: 'Stage 4 checklist' }), p.checklistSource, p.checklistBox);

    const sources = this.#sourcesPart();

    p.verdict = h('p', { class: 'ers-verdict', hidden: true });
    p.next = h('p', { class: 'ers-golive-pack__next', hidden: true });
    p.packFindings = h('ul', { class: 'ers-diagnostics', hidden: true });
    p.groups = h('ul', { class: 'ers-golive-pack__groups', hidden: true, 'aria-label': 'Findings shared by several applications' });
    p.cards = h('div', { class: 'ers-golive-pack__apps', id: ids.apps });
    p.empty = h('p', { class: 'ers-hint', text: 'No application yet: use the plan from the planner, import its JSON, or add one by hand.' });
    p.pager = pager('applications', (n) => {
      this.#page = n;
      this.#renderApps();
      p.cards.querySelector('input')?.focus();
    }, { block: 'ers-golive-pack' });

    const exportsBox = this.#exportsPart();

    p.status = liveRegion();
    p.attrNotice = attributeNotice();
    // What prints: the pack as a document (its table, the checklist, the email), made when
    // printing starts; on screen it is not shown.
    p.print = h('section', { class: 'ers-golive-pack__print', 'aria-hidden': 'true' });
    render(this, p.attrNotice, p.summary, note, checklist, sources, p.verdict, p.next, p.groups, p.packFindings, p.empty, p.cards, p.pager.el, exportsBox, p.status, p.print);
    document.addEventListener('ers-plan', this.#onPlan);
    document.addEventListener('ers-keys-made', this.#onKeys);
    window.addEventListener('beforeprint', this.#onPrint);
    this.#printMedia = window.matchMedia('print');
    this.#printMedia.addEventListener('change', this.#onPrint);
    if (['product', 'supplier', 'page-size'].some((a) => this.hasAttribute(a))) this.#readAttributes();
    // The checklist is the rules module's: it loads when the pack is first needed.
    rulesWanted(this).then(() => this.#load());
  }

  #sourcesPart() {
    const p = this.#parts;
    const ids = this.#ids;
    p.useButton = h('button', { type: 'button', id: ids.useButton, class: 'ers-button ers-button--secondary', text: 'Use the plan from the planner above', onclick: () => this.usePlannerPlan().catch(() => {}) });
    p.file = h('input', { type: 'file', class: 'ers-golive-pack__file', accept: '.json,application/json',
      onchange: () => this.#importFile() });
    p.add = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Add an application by hand', onclick: () => this.#addApplication() });
    p.newPlan = h('p', { class: 'ers-notice ers-notice--warning', hidden: true, text: 'The planner has made a new plan since you used it: use it again to update the applications. Details you typed are kept for applications with the same name.' });
    return h('div', { class: 'ers-golive-pack__sources' },
      h('h3', { text: 'PROD applications' }),
      h('div', { class: 'ers-button-group' }, p.useButton, p.add),
      field(ids.file, 'Or import a plan (JSON)', 'The JSON file the planner downloads. It is read in this browser and sent nowhere.', p.file),
      p.newPlan);
  }

  #exportsPart() {
    const p = this.#parts;
    const ids = this.#ids;
    p.exports = h('div', { class: 'ers-button-group' },
      ...Object.entries(FORMATS).map(([format, f]) =>
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', 'data-format': format, text: f.label, onclick: () => this.#download(format) })),
      p.copy = h('button', { type: 'button', class: 'ers-button', text: 'Copy the email', onclick: () => this.#copy() }),
      h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Print', onclick: () => window.print() }));
    p.email = h('pre', { class: 'ers-golive-pack__email', id: ids.email, tabindex: '0', 'aria-label': 'The email, as plain text' });
    p.contact = h('input', { class: 'ers-input', autocomplete: 'name',
      oninput: (e) => { this.#contact = e.target.value; this.#edited({ contact: this.#contact }); this.#scheduleRecheck(); } });
    p.draft = h('p', { class: 'ers-notice ers-notice--warning ers-golive-pack__draft', hidden: true });
    p.sendTitle = h('h3', { id: 'golive-send', tabindex: '-1', text: 'Send it' });
    return h('div', { class: 'ers-golive-pack__exports' },
      p.sendTitle,
      h('p', { class: 'ers-hint', text: 'The email to the e-RS Partners team: the PROD form details and this checklist, as plain text for any mail client (or Markdown). Copy it into the form or an email; check it first.' }),
      field(ids.contact, 'Your name, to sign the email (optional)', 'The contact the e-RS Partners team can reply to.', p.contact),
      p.sendTo = h('p', { class: 'ers-golive-pack__to' }),
      p.draft,
      p.exports,
      p.preview = h('details', { class: 'ers-details', ontoggle: () => this.#showEmail() }, h('summary', { text: 'Show the email' }), h('div', {}, p.email)));
  }

  #printMedia = null;
  /** The email's text for the last pack, kept for printing (small packs only: see #keepEmail). */
  #emailText = '';
  #emailFor = null;

  #onPrint = (event) => {
    if (event.type === 'change' && !event.matches) return;
    this.#renderPrint();
  };

  /** The pack as a printed document: what it is, the one summary, a table of every application
   *  with every detail (the ASID first), the checklist with its ticks and what the tool
   *  verified, and the email whole. */
  #printFor = null;
  #printTimer = 0;
  #printTurn = 0;

  /** Makes the printed document a moment after the pack changes, a slice of rows per task
   *  (not shown on screen, so it costs no layout): printing then finds it ready. */
  #schedulePrint() {
    clearTimeout(this.#printTimer);
    this.#printTimer = setTimeout(() => this.#renderPrint({ slices: true }), PRINT_DELAY_MS);
  }

  async #renderPrint({ slices = false } = {}) {
    const pack = this.#pack;
    const p = this.#parts;
    if (!pack) {
      p.print.replaceChildren(h('p', { text: 'The go-live pack is still loading.' }));
      return;
    }
    if (this.#printFor === pack) return;
    const turn = ++this.#printTurn;
    const title = `Go-live pack${pack.product ? `: ${pack.product}` : ''}${pack.supplier && pack.supplier !== pack.product ? ` (${pack.supplier})` : ''}`;
    const apps = pack.applications ?? [];
    const cell = (label, value, cls = '') => h('td', { 'data-label': label, class: cls }, value || '—');
    const row = (a, i) => h('tr', {},
      h('td', { text: count.format(i + 1) }),
      h('td', { class: 'ers-golive-pack__print-name' },
        h('strong', { text: a.name || '(no name)' }),
        h('br'), `${a.organisation}${a.odsCode ? ` (${a.odsCode})` : ''}`,
        h('br'), [a.accessMode, a.capability].filter(Boolean).join(', '), a.api ? ` · ${a.api}` : ''),
      ...PRINT_COLUMNS.map(([, all]) => {
        // A field only one access mode needs is left out of the others' rows while empty.
        const fields = all.filter((f) => !f.only || f.only === a.accessMode || a[f.key]);
        return fields.length === 1
          ? cell(fields[0].short, a[fields[0].key], 'ers-golive-pack__print-id')
          : h('td', { class: 'ers-golive-pack__print-id' }, ...fields.flatMap((f, k) => [k ? h('br') : null, `${f.short}: ${a[f.key] || '—'}`]));
      }));
    const tbody = h('tbody');
    const steps = (pack.checklist ?? []).map((c) => h('li', { class: c.done ? 'ers-golive-pack__print-done' : '' },
      h('span', { class: 'ers-golive-pack__print-tick', text: c.done ? '[x]' : '[ ]' }), ' ',
      h('strong', { text: c.number }), ` ${c.title}${c.perApplication ? ' (each application)' : ''}`,
      c.note ? h('span', { class: 'ers-golive-pack__print-note', text: ` — ${c.note}` }) : null));
    const email = this.#emailFor === pack && this.#emailText
      ? h('pre', { class: 'ers-golive-pack__print-email', text: this.#emailText })
      : h('p', { text: 'The email to the e-RS Partners team is in the downloads ("Download the email (text)"): it is too long to print with the pack.' });
    p.print.replaceChildren(
      h('h2', { text: title }),
      h('p', { class: 'ers-golive-pack__print-summary', text: pack.summary }),
      h('table', { class: 'ers-golive-pack__print-table' },
        h('caption', { text: `The PROD applications (${count.format(apps.length)}) and the details the PROD form needs (4.3)` }),
        h('thead', {}, h('tr', {}, ['#', 'Application (4.14), organisation, access', ...PRINT_COLUMNS.map(([title]) => title)].map((t) => h('th', { scope: 'col', text: t })))),
        tbody),
      h('h3', { text: 'Stage 4 checklist' }),
      h('ul', { class: 'ers-golive-pack__print-steps' }, steps),
      h('h3', { text: 'The email to the e-RS Partners team' }),
      email);
    for (let i = 0; i < apps.length; i += PRINT_ROWS_PER_TASK) {
      if (slices && i > 0) {
        await nextTask();
        if (turn !== this.#printTurn) return;
      }
      tbody.append(...apps.slice(i, i + PRINT_ROWS_PER_TASK).map((a, k) => row(a, i + k)));
    }
    if (turn === this.#printTurn) this.#printFor = pack;
  }

  /** Keeps the email's text for printing, for a pack small enough to make it at once. */
  async #keepEmail(pack) {
    if ((pack.applications?.length ?? 0) > PRINT_EMAIL_MAX) {
      this.#emailText = '';
      this.#emailFor = null;
      return;
    }
    try {
      this.#emailText = await this.exportPack('text');
      this.#emailFor = pack;
    } catch {
      this.#emailFor = null;
    }
  }

  /** Key pairs made by <ers-key-set>: their kids go to the applications of the same name (or,
   *  in an empty pack, the applications come with them). */
  #onKeys = (event) => {
    const keys = event.detail?.keys ?? [];
    if (!keys.length) return;
    const fields = Object.keys(blankApplication());
    const pick = (k) => Object.fromEntries(fields.map((f) => [f, String(k[f] ?? '')]));
    if (!this.#apps.length) {
      this.#apps = keys.map((k) => ({ ...blankApplication(), ...pick(k) }));
    } else {
      const byName = new Map(keys.map((k) => [k.name, k]));
      for (const app of this.#apps) {
        const key = byName.get(app.name);
        if (key) app.kid = key.kid;
      }
    }
    this.#renderApps();
    this.recheck();
    this.#parts.status.announce(`${count.format(keys.length)} kid${keys.length === 1 ? '' : 's'} added from the key pairs made.`, 0);
  };

  #onPlan = () => {
    if (this.#usedPlanner) this.#parts.newPlan.hidden = false;
  };

  async #load() {
    try {
      const [checklist, options] = await ersCall((m) => [m.goLiveChecklist(), m.planOptions()]);
      this.#accessOptions = options.access;
      // Who to send it to, as 4.3 says it: the address is on the PROD form, not known here.
      this.#parts.sendTo.replaceChildren(h('strong', { text: 'To: ' }), checklist.sendTo);
      this.#parts.checklistSource.replaceChildren(
        'Tick each step only you can do as you do it; this tool ticks the steps it can verify (4.14, 4.16, 4.2) and says what it verified. Both go into the email. Source: ',
        h('a', { href: checklist.stage4Url, rel: 'noreferrer', target: '_blank', text: checklist.source }),
        ` ${checklist.newerNumbering ?? ''}`);
      // NHS's order and numbers: 4.11–4.17 are the parts of 4.1, then 4.2, 4.3, 4.4.
      const items = [];
      let part = null;
      for (const step of checklist.steps) {
        if (step.partOf && step.partOf !== part) items.push(h('p', { class: 'ers-golive-pack__part', text: step.partOf }));
        part = step.partOf ?? null;
        const item = this.#stepItem(step);
        if (step.partOf) item.classList.add('ers-golive-pack__step--part');
        items.push(item);
      }
      this.#parts.checklistBox.replaceChildren(...items);
      this.#renderApps();
      await this.recheck();
    } catch (error) {
      this.#showErrors([{ text: error.message }]);
    }
  }

  #stepItem(step) {
    const id = this.newId('step');
    // A step the module verifies (4.14, 4.16, 4.2) is ticked by it, saying what it verified;
    // the user ticks only what only they can do.
    const tool = step.verifiedByTool === true;
    const note = tool ? h('span', { class: 'ers-golive-pack__verified', id: `${id}-note`, 'data-note': step.number }) : null;
    const props = { 'data-step': step.number, 'aria-describedby': tool ? `${id}-note` : null,
      checked: tool ? false : this.#done.has(step.number), disabled: tool, 'data-tool': tool ? 'true' : null,
      onchange: (e) => {
        if (e.target.checked) this.#done.add(step.number);
        else this.#done.delete(step.number);
        this.#edited({ done: [...this.#done] });
        this.#scheduleRecheck();
      } };
    const label = [h('span', { class: 'ers-golive-pack__number', text: step.number }), ` ${step.title}`,
      step.perApplication ? h('span', { class: 'ers-tag ers-golive-pack__each', text: 'each application' }) : null];
    const hint = [step.whatToDo, step.link ? [' ', h('a', { href: step.link, rel: 'noreferrer', target: '_blank', text: 'Open the developer hub (opens in a new tab)' })] : null];
    return checkbox(id, label, hint, props, { between: note, block: 'ers-golive-pack__step' });
  }


  #syncChecklist() {
    for (const box of this.#parts.checklistBox.querySelectorAll('input[data-step]:not([data-tool])')) box.checked = this.#done.has(box.dataset.step);
  }

  /** The steps the module verified, ticked as the last pack says, with what it verified. */
  #showVerified(pack) {
    const root = this.#parts.checklistBox;
    for (const item of pack.checklist ?? []) {
      if (!item.verifiedByTool) continue;
      const box = root.querySelector(`input[data-step="${item.number}"]`);
      if (box) box.checked = item.done;
      const note = root.querySelector(`[data-note="${item.number}"]`);
      if (note) {
        note.textContent = item.note ?? '';
        note.classList.toggle('ers-golive-pack__verified--done', item.done);
      }
    }
  }

  // ---------------------------------------------------------------------------- applications

  /** Reads the plan of the `<ers-asid-planner>` on this page (its `exportPlan('json')`). */
  async usePlannerPlan() {
    this.#clearErrors();
    const planner = document.querySelector('ers-asid-planner');
    const link = this.#ids.useButton;
    if (!planner || typeof planner.exportPlan !== 'function') {
      const e = new Error('There is no planner on this page: import the plan’s JSON file instead.');
      this.#showErrors([{ text: e.message, href: this.#ids.file }]);
      throw e;
    }
    if (!planner.plan) {
      const e = new Error('The planner has no plan yet: make a plan in the planner first, then use it here.');
      this.#showErrors([{ text: e.message, href: link }]);
      throw e;
    }
    // The plan as the pack takes it, straight from the planner's kept plan (a plan of 100,000
    // organisations is over the limit of a plan file); an older planner gives its JSON.
    if (typeof planner.packRequest === 'function') await this.#takeRequest(planner.packRequest(), 'the planner');
    else await this.#takePlan(await planner.exportPlan('json'), 'the planner');
    this.#usedPlanner = true;
    this.#parts.newPlan.hidden = true;
  }

  /** Reads a plan (JSON text or the planner's plan object) into the applications. */
  async importPlan(plan) {
    this.#clearErrors();
    await this.#takePlan(plan, 'the file');
  }

  async #importFile() {
    const file = this.#parts.file.files?.[0];
    if (!file) return;
    this.#clearErrors();
    let text;
    try {
      // Checked against the core's limit for a plan before a byte is read.
      text = await readFileWithin(file, 'plan');
    } catch (error) {
      this.#parts.file.value = '';
      this.#showErrors([{ text: `${file.name}: ${error.message}`, href: this.#ids.file }]);
      return;
    }
    try {
      await this.#takePlan(text, file.name);
    } catch {
      // shown in the error summary
    }
  }

  #takePlan(plan, source) {
    return this.#takeRequest(ersHeavy('packFromPlan', plan), source);
  }

  /** Takes the applications of a pack request (a promise of one) into the pack. */
  async #takeRequest(made, source) {
    let request;
    try {
      request = await made;
    } catch (error) {
      this.#showErrors([{ text: `${source}: ${error.message}`, href: this.#ids.file }]);
      throw error;
    }
    // Keep what was typed for applications of the same name: only those with a detail are
    // looked up, in slices, so 100,000 applications do not block the page.
    const typed = new Map();
    for (const a of this.#apps) if (TYPED.some((key) => a[key])) typed.set(a.name, a);
    let kept = 0;
    if (typed.size > 0) {
      const apps = request.applications;
      for (let i = 0; i < apps.length; i += 1) {
        const old = typed.get(apps[i].name);
        if (old) {
          for (const key of TYPED) if (!apps[i][key] && old[key]) apps[i][key] = old[key];
          kept += 1;
        }
        if (i % 10_000 === 9_999) await nextTask();
      }
    }
    this.#product = request.product;
    this.#supplier = request.supplier;
    this.#apps = request.applications;
    this.#page = 0;
    this.#renderApps();
    await this.recheck();
    const n = this.#apps.length;
    this.#parts.status.announce(`${count.format(n)} PROD application${n === 1 ? '' : 's'} taken from ${source}${kept ? `; details kept for ${count.format(kept)}` : ''}.`, 0);
  }

  #addApplication() {
    const app = blankApplication();
    this.#pristine.add(app);
    this.#apps.push(app);
    this.#page = Math.floor((this.#apps.length - 1) / this.pageSize);
    this.#renderApps();
    this.recheck();
    const card = this.#cards.get(this.#apps.length - 1);
    card?.fields.name.input.focus();
    this.#parts.status.announce(`Application ${count.format(this.#apps.length)} added.`);
  }

  #removeApplication(index) {
    this.#apps.splice(index, 1);
    const pages = Math.max(1, Math.ceil(this.#apps.length / this.pageSize));
    this.#page = Math.min(this.#page, pages - 1);
    this.#renderApps();
    this.recheck();
    this.#parts.status.announce(`Application ${index + 1} removed.`, 0);
    (this.#parts.cards.querySelector('input') ?? this.#parts.add).focus();
  }

  #renderApps() {
    const p = this.#parts;
    const size = this.pageSize;
    const start = this.#page * size;
    const slice = this.#apps.slice(start, start + size);
    this.#cards.clear();
    p.cards.replaceChildren(...slice.map((app, k) => this.#card(app, start + k)));
    p.empty.hidden = this.#apps.length > 0;
    this.#renderPager();
    this.#renderFindings();
  }

  #card(app, index) {
    const id = this.newId('app');
    const fields = {};
    const inputs = [];
    for (const f of FIELDS) {
      const inputId = `${id}-${f.key}`;
      const hintId = `${inputId}-hint`;
      const input = h('input', { class: `ers-input${f.mono ? ' ers-input--mono' : ''}`, value: app[f.key] ?? '', autocomplete: 'off', spellcheck: 'false', inputmode: f.inputmode,
        'data-field': f.key,
        oninput: (e) => {
          this.#pristine.delete(this.#apps[index]);
          this.#apps[index][f.key] = e.target.value;
          if (f.key === 'name') this.#cards.get(index).title.textContent = this.#title(index);
          else this.#edited({ application: this.#apps[index].name, field: f.key, value: e.target.value });
          this.#scheduleRecheck();
        } });
      const slot = h('div', { class: 'ers-golive-pack__field-findings' });
      const box = field(inputId, f.label, f.hint, [slot, input]);
      if (f.wide) box.classList.add('ers-golive-pack__wide');
      fields[f.key] = { keys: [f.key], input, slot, hintId, box };
      inputs.push(box);
    }
    // A field only one access mode needs is offered to that mode's applications (or kept in
    // sight while it holds something).
    const offer = () => {
      const a = this.#apps[index];
      for (const f of FIELDS) if (f.only) fields[f.key].box.hidden = f.only !== a.accessMode && !a[f.key];
    };
    offer();
    // Access: the three ways of reaching e-RS, from the rules (planOptions).
    const accessId = `${id}-access`;
    const current = this.#accessOptions.find((o) => o.accessMode === app.accessMode && (o.capability ?? '') === (app.capability ?? ''));
    const select = h('select', { class: 'ers-select', 'data-field': 'accessMode',
      onchange: (e) => {
        this.#pristine.delete(this.#apps[index]);
        const o = this.#accessOptions.find((x) => x.id === e.target.value);
        this.#apps[index].accessMode = o?.accessMode ?? '';
        this.#apps[index].capability = o?.capability ?? '';
        this.#apps[index].api = '';
        offer();
        this.#scheduleRecheck();
      } },
      h('option', { value: '', text: 'Choose…', selected: !current }),
      ...this.#accessOptions.map((o) => h('option', { value: o.id, text: `${o.label} — ${o.api}`, selected: o === current })));
    const accessSlot = h('div', { class: 'ers-golive-pack__field-findings' });
    const accessBox = field(accessId, 'Access (4.15, 4.16)', 'One access mode, and for application-restricted one capability, per application. Environment: PROD (4.13).', [accessSlot, select]);
    fields.accessMode = { keys: ['accessMode', 'capability', 'api', 'environment'], input: select, slot: accessSlot, hintId: `${accessId}-hint`, box: accessBox };
    inputs.splice(1, 0, accessBox);

    const title = h('span', { text: this.#title(index) });
    const missing = h('p', { class: 'ers-golive-pack__missing', hidden: true });
    const other = h('ul', { class: 'ers-diagnostics', hidden: true });
    const card = h('fieldset', { class: 'ers-fieldset ers-golive-pack__app', 'data-index': String(index) },
      h('legend', {}, title),
      missing, other,
      h('div', { class: 'ers-golive-pack__grid' }, ...inputs),
      h('button', { type: 'button', class: 'ers-button ers-button--secondary ers-golive-pack__remove', text: `Remove application ${index + 1}`, onclick: () => this.#removeApplication(index) }));
    this.#cards.set(index, { fields, groups: Object.values(fields), missing, other, title, card });
    return card;
  }

  #title(index) {
    const name = this.#apps[index]?.name?.trim();
    return `Application ${index + 1}${name ? `: ${name}` : ''}`;
  }

  #renderPager() {
    this.#page = this.#parts.pager.update(this.#page, this.#apps.length, this.pageSize);
  }

  // --------------------------------------------------------------------------------- checking

  #scheduleRecheck() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.recheck(), RECHECK_MS);
  }

  /** Checks the pack now with the module; resolves to the pack. */
  recheck() {
    clearTimeout(this.#timer);
    this.#checking = this.#checking.then(async () => {
      try {
        this.#pack = await ersHeavy('goLivePack', this.request);
      } catch (error) {
        this.#showErrors([{ text: error.message }]);
        return this.#pack;
      }
      await nextTask(); // the check and the drawing of its findings: two tasks, not one
      this.#renderFindings();
      await this.#keepEmail(this.#pack);
      await this.#showEmail();
      this.#schedulePrint();
      this.emit('ers-pack', { pack: this.#pack });
      return this.#pack;
    });
    return this.#checking;
  }

  #renderFindings() {
    const pack = this.#pack;
    const p = this.#parts;
    if (!pack) return;
    const t = pack.totals;
    this.#showVerified(pack);
    // An empty pack is where everyone starts, not a mistake: the hint says what to do, and the
    // verdict and ERS-G019 wait until there is something to judge.
    const started = t.applications > 0;
    p.verdict.hidden = !started;
    // The one count of what is missing and wrong: the module's sentence, word for word the
    // email's DRAFT line and the CLI's.
    p.verdict.className = `ers-verdict ${pack.complete ? 'ers-verdict--ok' : t.errors ? 'ers-verdict--error' : 'ers-verdict--warning'}`;
    p.verdict.textContent = pack.summary;
    // What to do next comes first, before any list of findings.
    p.next.hidden = !started;
    p.next.textContent = pack.nextStep ?? '';
    const draft = started && !pack.complete;
    p.draft.hidden = !draft;
    p.draft.textContent = draft
      ? 'The email is a draft, marked DRAFT in its subject and first line, until every application is complete and nothing is wrong.'
      : '';
    if (p.copy.textContent.startsWith('Copy the')) p.copy.textContent = draft ? 'Copy the draft email' : 'Copy the email';
    // Findings shared by several applications, once each with a count: 150 cards of the same
    // warning say less than one line.
    // A detail not given yet (the codes the module lists in missingCodes) reads "no AppID yet".
    const missingCodes = new Set(pack.missingCodes);
    // One pass over the findings (half a million for 100,000 applications): the counts, the
    // pack's own findings and those of the cards shown.
    const counts = new Map();
    const general = [];
    const byApp = new Map();
    // (A big pack's findings come packed from the worker: `f` is shared by the findings that
    // differ only in their application, copied only for the cards shown.)
    eachFinding(pack, (f, application) => {
      if (application === null) {
        if (started) general.push(f);
        return;
      }
      const c = counts.get(f.code);
      if (c) c.n += 1;
      else counts.set(f.code, { f, n: 1 });
      if (!this.#cards.has(application)) return;
      const mine = byApp.get(application);
      const one = f.application === application ? f : { ...f, application };
      if (mine) mine.push(one);
      else byApp.set(application, [one]);
    });
    const shared = [...counts.values()].filter((c) => c.n > 1);
    p.groups.hidden = !started || shared.length === 0;
    p.groups.replaceChildren(...shared.map(({ f, n }) => h('li', { class: `ers-golive-pack__group ers-golive-pack__group--${f.severity}` },
      h('span', { class: 'ers-visually-hidden', text: f.severity === 'error' ? 'Error: ' : 'Warning: ' }),
      h('strong', { text: `${count.format(n)} applications` }), ': ',
      ...(missingCodes.has(f.code) ? [`no ${FIELDS.find((x) => x.key === f.location)?.short ?? f.location} yet.`] : withCode(f.message)),
      ' ', h('span', { class: 'ers-rule', text: `(${f.code}, rule ${f.rule})` }))));
    p.packFindings.hidden = general.length === 0;
    p.packFindings.replaceChildren(...general.map((f) => this.#diagnostic(f)));

    for (const [index, card] of this.#cards) {
      const findings = this.#pristine.has(this.#apps[index]) ? [] : byApp.get(index) ?? [];
      const missing = findings.filter((f) => missingCodes.has(f.code));
      card.missing.hidden = missing.length === 0;
      card.missing.replaceChildren(
        h('span', { class: 'ers-visually-hidden', text: 'Warning: ' }),
        h('strong', { text: 'Still to fill in: ' }),
        missing.map((f) => `${FIELDS.find((x) => x.key === f.location)?.short ?? f.location} (${f.code}, rule ${f.rule})`).join(', '), '.');
      for (const field of card.groups) {
        const mine = findings.filter((f) => field.keys.includes(f.location) && !missingCodes.has(f.code));
        const ids = mine.map(() => this.newId('finding'));
        field.slot.replaceChildren(...mine.map((f, i) => this.#fieldMessage(f, ids[i], index)));
        const invalid = mine.some((f) => f.severity === 'error');
        field.input.setAttribute('aria-invalid', invalid ? 'true' : 'false');
        field.input.setAttribute('aria-describedby', [field.hintId, ...ids].join(' '));
        field.box.classList.toggle('ers-field--error', invalid);
      }
      const rest = findings.filter((f) => f.location === null && !missingCodes.has(f.code));
      card.other.hidden = rest.length === 0;
      card.other.replaceChildren(...rest.map((f) => this.#diagnostic(f)));
    }
  }

  #fieldMessage(f, id, index) {
    const warning = f.severity === 'warning';
    const msg = h('span', { class: `ers-error-message${warning ? ' ers-golive-pack__warning' : ''}`, id },
      h('span', { class: 'ers-visually-hidden', text: warning ? 'Warning: ' : 'Error: ' }),
      h('span', { class: 'ers-diagnostic__code', text: f.code }), ' ', ...withCode(f.message), ' ',
      h('span', { class: 'ers-rule', text: `(rule ${f.rule})` }));
    if (f.help) msg.append(h('span', { class: 'ers-golive-pack__help' }, ...withCode(f.help)));
    if (f.suggestion && f.location) {
      const key = f.location === 'api' ? null : f.location;
      if (key && key in this.#apps[index]) {
        msg.append(h('button', { type: 'button', class: 'ers-button ers-button--secondary ers-golive-pack__fix', text: `Use “${f.suggestion}”`,
          onclick: () => {
            this.#apps[index][key] = f.suggestion;
            this.#edited({ application: this.#apps[index].name, field: key, value: f.suggestion });
            const input = this.#cards.get(index)?.fields[key]?.input;
            if (input && input.tagName === 'INPUT') { input.value = f.suggestion; input.focus(); }
            this.recheck();
          } }));
      }
    }
    return msg;
  }

  #diagnostic(f) {
    const warning = f.severity === 'warning';
    return h('li', { class: `ers-diagnostic${warning ? ' ers-diagnostic--warning' : ''}` },
      h('div', { class: 'ers-diagnostic__head' },
        h('span', { class: 'ers-diagnostic__severity', text: warning ? 'Warning' : 'Error' }),
        h('span', { class: 'ers-diagnostic__code', text: f.code }),
        h('span', { class: 'ers-diagnostic__rule', text: `rule ${f.rule}` })),
      h('p', { class: 'ers-diagnostic__message' }, ...withCode(f.message)),
      f.help ? h('p', { class: 'ers-diagnostic__help' }, ...withCode(f.help)) : null);
  }

  // --------------------------------------------------------------------------------- exporting

  /** The pack as `markdown`, `csv` or `json` text. */
  async exportPack(format) {
    const f = FORMATS[format];
    if (!f) throw new Error(`unknown format ${format}: use markdown, csv or json`);
    // In a worker: the email for 100,000 applications must not block the page.
    return ersHeavy(f.fn, this.request);
  }

  /** Fills the email preview, only while it is open (the Markdown of a large pack is big). */
  async #showEmail() {
    if (!this.#parts.preview.open) return;
    try {
      this.#parts.email.textContent = this.#emailFor === this.#pack && this.#emailText ? this.#emailText : await this.exportPack('text');
    } catch (error) {
      this.#showErrors([{ text: error.message }]);
    }
  }

  async #copy() {
    const button = this.#parts.copy;
    const label = button.textContent;
    let ok = false;
    try {
      ok = await copyText(await this.exportPack('text'));
    } catch (error) {
      this.#showErrors([{ text: error.message }]);
    }
    button.textContent = ok ? 'Copied' : 'Copy failed: download the email instead';
    this.#parts.status.announce(ok ? 'The email is copied.' : 'The email could not be copied.', 0);
    setTimeout(() => (button.textContent = label), 2000);
  }

  async #download(format) {
    const f = FORMATS[format];
    try {
      // A file's content: bytes made in the worker for a big pack.
      const text = await ersHeavyFile(f.fn, this.request);
      download(`ers-golive-pack-${slug(this.#product, 'pack')}.${f.ext}`, text, f.type);
      this.#parts.status.announce(`${f.label.replace('Download ', '')} file ready.`, 0);
    } catch (error) {
      this.#showErrors([{ text: error.message }]);
    }
  }

  // ------------------------------------------------------------------------------------ errors

  #clearErrors() {
    hideSummary(this.#parts.summary);
  }

  /** The error summary, with `[{ text, href? }]`: `href` the id of the control to go to. */
  #showErrors(items) {
    showSummary(this.#parts.summary, items.map(({ text, href }) => ({
      text,
      go: href ? () => this.shadowRoot.getElementById(href)?.focus() : undefined,
    })));
  }
}
