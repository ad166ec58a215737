// <ers-asid-planner>: the go-live planner (4.14–4.17, 4.2). Type or import the end-user
// organisations (EUOs), choose how the product reaches e-RS and the other NHS services it uses,
// and get every ASID, PROD application, API and key pair, each with the rule behind it, as a
// paged table and as CSV, JSON or Markdown downloads. Every rule comes from the wasm module;
// this element only collects input and shows what the module returns. Files are read here,
// in the browser: nothing is sent anywhere.

import { ersCall, rulesWanted } from '../../js/ers.js';
import { ersHeavy, ersInWorker, openPlan } from '../../js/ers-offload.js';
import { capitalise, errorSummary, hideSummary, markField, showSummary } from '../../js/form-errors.js';
import { guardPaste, readFileWithin, textWithin } from '../../js/input-limits.js';
import { ask, download, h, liveRegion, pager, slug, uid, withCode } from '../../js/ui.js';
import { render } from '../../js/shadow.js';
import { attributeNotice, pageSizeProblems, reflect } from '../../js/attributes.js';


/** The plan table's columns (each cell's data-label on a narrow screen). */
const PLAN_COLUMNS = ['Organisation', 'ASID (4.16, 4.17)', 'Access', 'PROD application (4.14)', 'API (4.15)', 'Key pair (4.2)'];
const DEFAULT_PAGE_SIZE = 50;

const FORMATS = {
  csv: { method: 'toCsv', bytes: 'toCsvBytes', ext: 'csv', type: 'text/csv;charset=utf-8', label: 'Download CSV' },
  json: { method: 'toJson', bytes: 'toJsonBytes', ext: 'json', type: 'application/json', label: 'Download JSON' },
  markdown: { method: 'toMarkdown', bytes: 'toMarkdownBytes', ext: 'md', type: 'text/markdown;charset=utf-8', label: 'Download Markdown' },
};

const number = new Intl.NumberFormat('en-GB');
/** How many organisations the naming preview shows. */
const PREVIEW_EUOS = 2;


export class ErsAsidPlanner extends HTMLElement {
  static tag = 'ers-asid-planner';
  static observedAttributes = ['product', 'supplier', 'access', 'page-size'];

  #euos = [];
  #plan = null; // the plan's summary: figures and notes
  #handle = null; // the plan kept by the worker (ers.js openPlan), read a page at a time
  #planning = 0; // the latest planNow call, so an older one finishing late changes nothing
  #request = null;
  #euoPage = 0;
  #planPage = 0;
  #built = false;
  #ids = {};
  #parts = {};
  #optionsReady = null;
  #editing = -1; // the organisation row open for changes, or -1
  #repeated = []; // indices of the organisations that repeat an earlier one exactly

  attributeChangedCallback(name, old, value) {
    if (!this.#built || old === value) return;
    this.#readAttributes(name);
  }

  /**
   * Fills the form from the attributes: `product` and `supplier` as given (the plan checks
   * them), `access` (the ids of planOptions, space- or comma-separated) ticks those choices,
   * `page-size` sets the rows per page. A value the module does not offer is said in the notice.
   */
  async #readAttributes(only = null) {
    await this.#optionsReady;
    const p = this.#parts;
    const wanted = (name) => (only === null || only === name) && this.hasAttribute(name);
    if (wanted('product')) p.product.value = this.getAttribute('product');
    if (wanted('supplier')) p.supplier.value = this.getAttribute('supplier');
    if (wanted('access') && p.accessBoxes) {
      const asked = this.getAttribute('access').split(/[\s,]+/).filter(Boolean);
      const offered = p.accessBoxes.map((b) => b.option.id);
      this.#attributeProblems.access = asked.filter((id) => !offered.includes(id)).map((id) => ({
        attribute: 'access', value: this.getAttribute('access'),
        message: `the planner offers no access \`${id}\`: use ${offered.map((o) => `\`${o}\``).join(', ')} (4.16)`,
      }));
      for (const b of p.accessBoxes) b.box.checked = asked.includes(b.option.id);
    }
    if (only === null || only === 'page-size') {
      this.#attributeProblems.pageSize = pageSizeProblems(this, DEFAULT_PAGE_SIZE, 'rows');
      if (only === 'page-size') {
        this.#euoPage = 0;
        this.#planPage = 0;
        this.#renderEuos();
        if (this.#plan) this.#renderPlan();
      }
    }
    p.attrNotice.show(ErsAsidPlanner.tag, Object.values(this.#attributeProblems).flat());
    if (only !== 'page-size') this.#markStale();
  }

  #attributeProblems = {};

  /** The end-user organisations in the editor: `[{ name, odsCode?, line? }]` (a copy). */
  get euos() {
    return this.#euos.map((e) => ({ ...e }));
  }

  set euos(list) {
    this.#euos = Array.from(list ?? [], (e) => ({ name: String(e?.name ?? ''), odsCode: e?.odsCode ?? undefined }));
    this.#euoPage = 0;
    if (this.#built) {
      this.#renderEuos();
      this.#markStale();
    }
  }

  /** The last plan's summary (`{ product, supplier, access, services, notes, totals }`), or null. */
  get plan() {
    return this.#planShown;
  }

  #planShown = null; // the plan once its first page is shown (a big one's rows come from the worker)

  connectedCallback() {
    if (this.#built) return;
    this.#built = true;
    this.#build();
    // The access modes and services are the rules module's: it loads when the planner is first
    // needed (near the viewport, used, or a saved project to restore), not with the page.
    this.#optionsReady = rulesWanted(this).then(() => this.#loadOptions());
    if (['product', 'supplier', 'access', 'page-size'].some((a) => this.hasAttribute(a))) this.#readAttributes();
  }

  /**
   * The inputs as a go-live project holds them: `{ product, supplier, euos: [{ name, ods_code }],
   * access: ['user-restricted', …], services: [{ name, platform }] }`.
   */
  get inputs() {
    const r = this.#collectRequest();
    const access = [];
    if (r.userRestricted) access.push('user-restricted');
    if (r.appRestrictedReferrer) access.push('application-restricted-referrer');
    if (r.appRestrictedProvider) access.push('application-restricted-provider');
    return {
      product: r.product,
      supplier: r.supplier ?? '',
      euos: this.#euos.map((e) => ({ name: e.name, ods_code: e.odsCode ?? '' })),
      access,
      services: r.services.map((x) => (typeof x === 'string' ? { name: x, platform: '' } : x)),
      // The defaults are kept as none, so a project follows NHS's guidance if the defaults change.
      app_name_pattern: r.appNamePattern === this.#naming?.appPattern ? '' : r.appNamePattern ?? '',
      asid_name_pattern: r.asidNamePattern === this.#naming?.asidPattern ? '' : r.asidNamePattern ?? '',
    };
  }

  /** Fills the form from a plan request (`planGoLive`'s shape); the plan is not made. */
  async setInputs(request) {
    await this.#optionsReady;
    const p = this.#parts;
    p.product.value = request?.product ?? '';
    p.supplier.value = request?.supplier ?? '';
    const chosen = new Set([
      request?.userRestricted && 'user-restricted',
      request?.appRestrictedReferrer && 'application-restricted-referrer',
      request?.appRestrictedProvider && 'application-restricted-provider',
    ].filter(Boolean));
    for (const b of p.accessBoxes ?? []) b.box.checked = chosen.has(b.option.id);
    const apim = [];
    const shared = [];
    const known = new Map((p.serviceBoxes ?? []).map((b) => [b.option.name, b]));
    for (const b of known.values()) b.box.checked = false;
    for (const service of request?.services ?? []) {
      const name = typeof service === 'string' ? service : service.name;
      const platform = typeof service === 'string' ? null : service.platform;
      const box = known.get(name);
      if (box && (!platform || platform === box.option.platform)) box.box.checked = true;
      else if (platform === 'apim') apim.push(name);
      else shared.push(name);
    }
    p.otherApim.value = apim.join(', ');
    p.otherShared.value = shared.join(', ');
    p.appPattern.value = request?.appNamePattern || this.#naming?.appPattern || '';
    p.asidPattern.value = request?.asidNamePattern || this.#naming?.asidPattern || '';
    this.euos = Array.from(request?.euos ?? [], (e) => ({ name: e.name, odsCode: e.odsCode || undefined }));
    this.#clearErrors();
  }

  /** Empties the form and forgets the plan. */
  reset() {
    const p = this.#parts;
    if (!this.#built) return;
    for (const el of [p.product, p.supplier, p.otherApim, p.otherShared, p.euoName, p.euoOds, p.paste]) el.value = '';
    p.appPattern.value = this.#naming?.appPattern ?? '';
    p.asidPattern.value = this.#naming?.asidPattern ?? '';
    for (const b of [...(p.accessBoxes ?? []), ...(p.serviceBoxes ?? [])]) b.box.checked = false;
    this.#planning += 1;
    this.#handle?.free();
    this.#handle = null;
    this.#plan = null;
    this.#planShown = null;
    this.#request = null;
    this.#euos = [];
    this.#euoPage = 0;
    this.#editing = -1;
    p.importReport.hidden = true;
    p.result.hidden = true;
    p.stale.hidden = true;
    this.#clearErrors();
    this.#renderEuos();
  }

  // ---------------------------------------------------------------------------------- building

  #build() {
    const ids = (this.#ids = {
      summary: uid('planner-errors'),
      product: uid('planner-product'),
      supplier: uid('planner-supplier'),
      access: uid('planner-access'),
      services: uid('planner-services'),
      otherApim: uid('planner-other-apim'),
      otherShared: uid('planner-other-shared'),
      euos: uid('planner-euos'),
      euoName: uid('planner-euo-name'),
      euoOds: uid('planner-euo-ods'),
      paste: uid('planner-paste'),
      file: uid('planner-file'),
      result: uid('planner-result'),
    });
    const p = this.#parts;

    p.summary = errorSummary(ids.summary, { level: 3 });

    p.product = h('input', { class: 'ers-input', id: ids.product, name: 'product', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${ids.product}-hint` });
    p.supplier = h('input', { class: 'ers-input', id: ids.supplier, name: 'supplier', autocomplete: 'organization', 'aria-describedby': `${ids.supplier}-hint` });
    const names = h(
      'div',
      { class: 'ers-grid' },
      h('div', { class: 'ers-field', 'data-field': 'product' },
        h('label', { for: ids.product, text: 'Product name' }),
        h('span', { class: 'ers-hint', id: `${ids.product}-hint`, text: 'As it goes into every ASID name (4.16) and application name (4.14), e.g. Care Vista Link.' }),
        p.product),
      h('div', { class: 'ers-field', 'data-field': 'supplier' },
        h('label', { for: ids.supplier, text: 'Supplier name (optional)' }),
        h('span', { class: 'ers-hint', id: `${ids.supplier}-hint`, text: 'The first part of each application name (4.14). Left empty, the product name is used.' }),
        p.supplier),
    );

    p.accessList = h('div', { class: 'ers-asid-planner__choices' });
    p.access = h(
      'fieldset',
      { class: 'ers-fieldset ers-field', id: ids.access, 'data-field': 'access', 'aria-describedby': `${ids.access}-hint` },
      h('legend', { text: 'How the product reaches e-RS (4.15, 4.16)' }),
      h('span', { class: 'ers-hint', id: `${ids.access}-hint`, text: 'Choose every one you use. Each needs its own ASID and PROD application for every organisation.' }),
      p.accessList,
    );

    p.serviceList = h('div', { class: 'ers-asid-planner__choices ers-grid' });
    p.otherApim = h('input', { class: 'ers-input', id: ids.otherApim, autocomplete: 'off', 'aria-describedby': `${ids.otherApim}-hint` });
    p.otherShared = h('input', { class: 'ers-input', id: ids.otherShared, autocomplete: 'off', 'aria-describedby': `${ids.otherShared}-hint` });
    p.services = h(
      'fieldset',
      { class: 'ers-fieldset', id: ids.services, 'aria-describedby': `${ids.services}-hint` },
      h('legend', { text: 'Other NHS services the product uses (4.17)' }),
      h('span', { class: 'ers-hint', id: `${ids.services}-hint`, text: 'Services on the NHS API platform (APIM) cannot share the e-RS ASID; others can.' }),
      p.serviceList,
      h('div', { class: 'ers-grid' },
        h('div', { class: 'ers-field' },
          h('label', { for: ids.otherApim, text: 'Other services on the NHS API platform' }),
          h('span', { class: 'ers-hint', id: `${ids.otherApim}-hint`, text: 'Names separated by commas. They share the separate APIM ASID.' }),
          p.otherApim),
        h('div', { class: 'ers-field' },
          h('label', { for: ids.otherShared, text: 'Other services that may share the e-RS ASID' }),
          h('span', { class: 'ers-hint', id: `${ids.otherShared}-hint`, text: 'Names separated by commas.' }),
          p.otherShared)),
    );

    p.euos = this.#buildEuoEditor();
    p.naming = this.#buildNaming();

    p.planButton = h('button', { type: 'submit', class: 'ers-button', text: 'Plan the go-live' });
    // The plan's size, said before it is made (the module's sentence).
    p.size = h('p', { class: 'ers-asid-planner__size', id: uid('planner-size'), 'aria-live': 'polite' });
    p.form = h('form', { class: 'ers-asid-planner__form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.planNow().catch(() => {}); } },
      names, p.access, p.services, p.euos, p.naming, p.size, h('div', { class: 'ers-button-group' }, p.planButton));

    p.status = liveRegion();
    p.result = this.#buildResult();

    p.attrNotice = attributeNotice();
    p.result.setAttribute('part', 'result');
    render(this, h('div', { class: 'ers-asid-planner' }, p.attrNotice, p.summary, p.form, p.status, p.result));
    for (const el of [p.product, p.supplier, p.otherApim, p.otherShared]) el.addEventListener('change', () => this.#markStale());
    for (const el of [p.product, p.supplier]) el.addEventListener('input', () => this.#schedulePreview());
  }

  /** The naming patterns (defaults shown, editable), a preview of the first organisations' names
   *  with each name's length and the name checker's verdict, and what 4.16 and 4.17 allow. */
  #buildNaming() {
    const p = this.#parts;
    const ids = { app: uid('planner-app-pattern'), asid: uid('planner-asid-pattern'), preview: uid('planner-preview') };
    this.#ids.appPattern = ids.app;
    this.#ids.asidPattern = ids.asid;
    p.appPattern = h('input', { class: 'ers-input ers-input--mono', id: ids.app, name: 'app-name-pattern', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${ids.app}-hint`,
      oninput: () => { this.#markStale(); this.#schedulePreview(); } });
    p.asidPattern = h('input', { class: 'ers-input ers-input--mono', id: ids.asid, name: 'asid-name-pattern', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${ids.asid}-hint`,
      oninput: () => { this.#markStale(); this.#schedulePreview(); } });
    p.appHint = h('span', { class: 'ers-hint', id: `${ids.app}-hint` });
    p.asidHint = h('span', { class: 'ers-hint', id: `${ids.asid}-hint` });
    p.previewBody = h('tbody');
    p.previewCaption = h('caption', { text: 'The names these patterns make for your first organisations' });
    p.previewError = h('p', { class: 'ers-error-message', id: `${ids.preview}-error`, hidden: true });
    p.preview = h('div', { class: 'ers-table-wrap', id: ids.preview },
      h('table', { class: 'ers-table ers-table--stack ers-asid-planner__preview' },
        p.previewCaption,
        h('thead', {}, h('tr', {}, ['Organisation', 'ASID name (4.16)', 'Application name (4.14)', 'Characters', 'Name checker'].map((t) => h('th', { scope: 'col', text: t })))),
        p.previewBody));
    p.choices = h('ul', { class: 'ers-asid-planner__choices-list' });
    return h('fieldset', { class: 'ers-fieldset ers-asid-planner__naming', 'data-field': 'names' },
      h('legend', { text: 'How the applications and ASIDs are named (4.14, 4.16)' }),
      h('details', { class: 'ers-details ers-asid-planner__allowed' },
        h('summary', { text: 'What 4.16 and 4.17 let you choose' }), p.choices),
      h('div', { class: 'ers-field', 'data-field': 'app_name_pattern' },
        h('label', { for: ids.app, text: 'Application name: the app part' }),
        p.appHint, p.appPattern),
      h('div', { class: 'ers-field', 'data-field': 'asid_name_pattern' },
        h('label', { for: ids.asid, text: 'ASID name' }),
        p.asidHint, p.asidPattern),
      p.previewError,
      p.preview);
  }

  #previewTimer = 0;
  #previewTurn = 0;
  #naming = null;

  #schedulePreview() {
    clearTimeout(this.#previewTimer);
    this.#previewTimer = setTimeout(() => this.#showPreview(), 150);
  }

  /** The first organisations' names by the patterns, each with its length and verdict. */
  async #showPreview() {
    const p = this.#parts;
    if (!this.#naming) return;
    const turn = ++this.#previewTurn;
    const request = this.#collectRequest();
    // The preview reads only the first organisations: never the whole list (100,000 of them).
    const sample = { ...request, euos: request.euos.slice(0, PREVIEW_EUOS) };
    const access = [request.userRestricted, request.appRestrictedReferrer, request.appRestrictedProvider].filter(Boolean).length;
    let preview;
    let error = null;
    try {
      preview = await ersCall((m) => m.planPreview(sample, PREVIEW_EUOS));
    } catch (e) {
      error = e;
    }
    if (turn !== this.#previewTurn) return;
    p.size.textContent = await ersCall((m) => m.planSize(request.euos.length, access));
    // Only a problem with a pattern is shown here; the others are the plan's to say.
    const problems = (error?.problems ?? []).filter((x) => x.location === 'app_name_pattern' || x.location === 'asid_name_pattern');
    p.previewError.hidden = problems.length === 0;
    p.previewError.replaceChildren(...problems.map((x) => h('span', { class: 'ers-asid-planner__problem' },
      h('span', { class: 'ers-visually-hidden', text: 'Error: ' }), ...withCode(x.message), x.help ? ' ' : '', ...(x.help ? withCode(x.help) : []))));
    for (const [input, part] of [[p.appPattern, 'app_name_pattern'], [p.asidPattern, 'asid_name_pattern']]) {
      const bad = problems.some((x) => x.location === part);
      input.setAttribute('aria-invalid', bad ? 'true' : 'false');
      input.setAttribute('aria-describedby', [`${input.id}-hint`, bad ? p.previewError.id : null].filter(Boolean).join(' '));
    }
    if (!preview) {
      p.preview.hidden = true;
      return;
    }
    p.preview.hidden = false;
    p.previewCaption.textContent = preview.example
      ? 'The names these patterns make, for an example organisation (add yours to see theirs)'
      : `The names these patterns make for your first ${preview.rows.length === 1 ? 'organisation' : 'organisations'}`;
    p.previewBody.replaceChildren(...preview.rows.map((r) => h('tr', { 'data-valid': String(r.valid) },
      h('td', { 'data-label': 'Organisation', text: r.organisation }),
      h('td', { 'data-label': 'ASID name (4.16)', text: r.asidName }),
      h('td', { 'data-label': 'Application name (4.14)', class: 'ers-asid-planner__name', text: r.appName }),
      h('td', { 'data-label': 'Characters', class: 'ers-asid-planner__chars', text: number.format(r.chars) }),
      h('td', { 'data-label': 'Name checker', class: r.valid ? 'ers-asid-planner__verdict--ok' : 'ers-asid-planner__verdict--error', text: r.verdict }))));
  }

  #buildEuoEditor() {
    const ids = this.#ids;
    const p = this.#parts;
    p.euoName = h('input', { class: 'ers-input', id: ids.euoName, autocomplete: 'organization', 'aria-describedby': `${ids.euoName}-hint` });
    p.euoOds = h('input', { class: 'ers-input ers-input--mono ers-asid-planner__ods', id: ids.euoOds, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${ids.euoOds}-hint` });
    const add = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Add organisation', onclick: () => this.#addTyped() });
    for (const input of [p.euoName, p.euoOds]) {
      input.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          this.#addTyped();
        }
      });
    }

    p.paste = h('textarea', { class: 'ers-textarea', id: ids.paste, rows: 4, 'aria-describedby': `${ids.paste}-hint` });
    guardPaste(p.paste, 'csv', (message) =>
      this.#showImportReport('the pasted text', 0, [{ severity: 'error', code: 'input-too-large', message, rule: 'CSV' }]));
    const pasteButton = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Add pasted organisations', onclick: () => this.#addPasted(pasteButton) });

    p.file = h('input', { type: 'file', id: ids.file, class: 'ers-asid-planner__file', accept: '.csv,.tsv,.txt,text/csv,text/plain', 'aria-describedby': `${ids.file}-hint` });
    p.file.addEventListener('change', () => {
      const [file] = p.file.files ?? [];
      if (file) this.#importFile(file, p.file).finally(() => (p.file.value = ''));
    });
    p.drop = h('div', { class: 'ers-asid-planner__drop', 'data-drop': '' },
      h('p', { class: 'ers-asid-planner__drop-text', text: 'Or drop a CSV file here. It is read in this browser and sent nowhere.' }));
    for (const type of ['dragenter', 'dragover']) {
      p.drop.addEventListener(type, (e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        p.drop.classList.add('ers-asid-planner__drop--over');
      });
    }
    p.drop.addEventListener('dragleave', () => p.drop.classList.remove('ers-asid-planner__drop--over'));
    p.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      p.drop.classList.remove('ers-asid-planner__drop--over');
      const [file] = e.dataTransfer?.files ?? [];
      if (file) this.#importFile(file, p.drop);
    });

    p.importReport = h('div', { class: 'ers-asid-planner__import', hidden: true });
    p.euoCount = h('p', { class: 'ers-asid-planner__count' });
    p.euoBody = h('tbody');
    p.euoTable = h('div', { class: 'ers-table-wrap' },
      h('table', { class: 'ers-table ers-asid-planner__euos' },
        h('caption', { class: 'ers-visually-hidden', text: 'End-user organisations' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: '#' }), h('th', { scope: 'col', text: 'Organisation' }), h('th', { scope: 'col', text: 'ODS code' }), h('th', { scope: 'col' }, h('span', { class: 'ers-visually-hidden', text: 'Actions' })))),
        p.euoBody));
    p.euoPager = pager('organisations', (page) => {
      this.#euoPage = page;
      this.#renderEuos();
    }, { block: 'ers-asid-planner' });
    p.clearEuos = h('button', { type: 'button', class: 'ers-button ers-button--warning', text: 'Remove all organisations', onclick: async () => {
      const n = this.#euos.length;
      const choice = await ask(p.clearEuos, `Remove all ${number.format(n)} organisation${n === 1 ? '' : 's'} from the list?`, [{ label: 'Yes, remove them all', value: 'remove', warning: true }]);
      if (choice !== 'remove') return;
      this.#euos = [];
      this.#euoPage = 0;
      this.#editing = -1;
      this.#renderEuos();
      this.#markStale();
      p.status.announce('All organisations removed.', 0);
    } });

    const fieldset = h('fieldset', { class: 'ers-fieldset ers-field', id: ids.euos, 'data-field': 'euos' },
      h('legend', { text: 'End-user organisations (EUOs)' }),
      h('span', { class: 'ers-hint', text: 'Each organisation using the product gets its own ASIDs (4.16). Type them, paste a column from a spreadsheet, or import a CSV file.' }),
      h('div', { class: 'ers-asid-planner__add' },
        h('div', { class: 'ers-field', 'data-field': 'euo-name' },
          h('label', { for: ids.euoName, text: 'Organisation name' }),
          h('span', { class: 'ers-hint', id: `${ids.euoName}-hint`, text: 'e.g. Leeds Teaching Hospitals NHS Trust' }),
          p.euoName),
        h('div', { class: 'ers-field' },
          h('label', { for: ids.euoOds, text: 'ODS code (optional)' }),
          h('span', { class: 'ers-hint', id: `${ids.euoOds}-hint`, text: 'e.g. RR8' }),
          p.euoOds),
        h('div', { class: 'ers-asid-planner__add-button' }, add)),
      h('details', { class: 'ers-details' },
        h('summary', { text: 'Paste a column of organisations' }),
        h('div', {},
          h('div', { class: 'ers-field' },
            h('label', { for: ids.paste, text: 'Organisations, one per line' }),
            h('span', { class: 'ers-hint', id: `${ids.paste}-hint`, text: 'A name per line, or a name and ODS code separated by a tab (as copied from a spreadsheet), comma or semicolon.' }),
            p.paste),
          pasteButton)),
      h('div', { class: 'ers-field' },
        h('label', { for: ids.file, text: 'Import a CSV file' }),
        h('span', { class: 'ers-hint', id: `${ids.file}-hint`, text: 'A header row naming the organisation and ODS code columns (any order), or two columns without a header. Excel exports, semicolons and quoted cells are fine.' }),
        p.file),
      p.drop,
      p.importReport,
      p.euoCount,
      p.euoTable,
      p.euoPager.el,
      h('div', { class: 'ers-button-group' }, p.clearEuos));
    fieldset.addEventListener('dragover', (e) => e.preventDefault());
    fieldset.addEventListener('drop', (e) => {
      if (e.defaultPrevented && e.target instanceof Node && p.drop.contains(e.target)) return;
      e.preventDefault();
      const [file] = e.dataTransfer?.files ?? [];
      if (file) this.#importFile(file, p.drop);
    });
    this.#renderEuos();
    return fieldset;
  }

  #buildResult() {
    const ids = this.#ids;
    const p = this.#parts;
    p.stale = h('p', { class: 'ers-notice ers-notice--warning', hidden: true, text: 'The inputs have changed since this plan was made: plan again to update it. The downloads match the plan shown.' });
    p.figures = h('ul', { class: 'ers-summary-figures' });
    p.exports = h('div', { class: 'ers-button-group' },
      Object.entries(FORMATS).map(([format, f]) =>
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', 'data-format': format, text: f.label, onclick: () => this.#download(format) })));
    p.notes = h('ul', { class: 'ers-diagnostics ers-asid-planner__notes' });
    p.planBody = h('tbody');
    p.planPager = pager('ASIDs', (page) => {
      this.#planPage = page;
      this.#renderPlanPage();
    }, { block: 'ers-asid-planner' });
    return h('section', { class: 'ers-asid-planner__result', id: ids.result, hidden: true, 'aria-labelledby': `${ids.result}-title` },
      h('h3', { id: `${ids.result}-title`, text: 'Your go-live plan' }),
      p.stale,
      p.figures,
      h('p', { class: 'ers-hint', text: 'ASID values are allocated by NHS: the plan names and counts them and leaves the numbers for NHS to fill in.' }),
      p.exports,
      h('h4', { text: 'Notes' }),
      p.notes,
      h('div', { class: 'ers-table-wrap' },
        h('table', { class: 'ers-table ers-table--stack ers-asid-planner__plan' },
          h('caption', { text: 'ASIDs and the PROD application bound to each' }),
          h('thead', {}, h('tr', {}, PLAN_COLUMNS.map((t) => h('th', { scope: 'col', text: t })))),
          p.planBody)),
      p.planPager.el);
  }

  async #loadOptions() {
    const p = this.#parts;
    try {
      const options = await ersCall((m) => m.planOptions());
      p.accessBoxes = options.access.map((a) => {
        const id = uid('planner-access');
        const box = h('input', { type: 'checkbox', id, value: a.id, 'aria-describedby': `${id}-hint`, onchange: () => this.#markStale() });
        const detail = a.businessFunction ? `API: ${a.api}. NHS sets ${a.businessFunction}.` : `API: ${a.api}.`;
        return { option: a, box, el: h('div', { class: 'ers-checkbox' }, box, h('div', {}, h('label', { for: id, text: a.label }), h('span', { class: 'ers-hint', id: `${id}-hint`, text: detail }))) };
      });
      p.accessList.replaceChildren(...p.accessBoxes.map((b) => b.el));
      p.serviceBoxes = options.services.map((s) => {
        const id = uid('planner-service');
        const box = h('input', { type: 'checkbox', id, value: s.name, 'aria-describedby': `${id}-hint`, onchange: () => this.#markStale() });
        const where = s.platform === 'apim' ? 'On the NHS API platform: needs the separate ASID.' : 'May share the e-RS ASID.';
        const label = s.fullName && s.fullName !== s.name ? `${s.name} (${s.fullName})` : s.name;
        return { option: s, box, el: h('div', { class: 'ers-checkbox' }, box, h('div', {}, h('label', { for: id, text: label }), h('span', { class: 'ers-hint', id: `${id}-hint`, text: where }))) };
      });
      p.serviceList.replaceChildren(...p.serviceBoxes.map((b) => b.el));
      const naming = await ersCall((m) => m.planNaming());
      this.#naming = naming;
      const list = (xs) => xs.map((x) => `{${x.name}} ${x.meaning}`).join('; ');
      p.appHint.textContent = `Goes between the supplier and "- PROD - e-Referral Service, …" (4.14). Default: ${naming.appPattern}. Placeholders: ${list(naming.appPlaceholders)}.`;
      p.asidHint.textContent = `Default, as 4.16 writes it: ${naming.asidPattern}. Placeholders: ${list(naming.asidPlaceholders)}.`;
      if (!p.appPattern.value) p.appPattern.value = naming.appPattern;
      if (!p.asidPattern.value) p.asidPattern.value = naming.asidPattern;
      p.choices.replaceChildren(...naming.choices.map((c) => h('li', {}, h('span', { class: 'ers-rule', text: `${c.rule} ` }), c.text)));
      this.#schedulePreview();
    } catch (error) {
      p.accessList.replaceChildren(h('p', { class: 'ers-notice ers-notice--error', text: error.message }));
    }
  }

  // ---------------------------------------------------------------------------------- the EUOs

  #renderEuos() {
    const p = this.#parts;
    this.#schedulePreview();
    const size = this.pageSize;
    const total = this.#euos.length;
    this.#euoPage = p.euoPager.update(this.#euoPage, total, size);
    p.euoCount.textContent = total === 0 ? 'No organisation yet.' : `${number.format(total)} organisation${total === 1 ? '' : 's'}.`;
    p.euoTable.hidden = total === 0;
    p.clearEuos.hidden = total === 0;
    const start = this.#euoPage * size;
    const rows = [];
    for (let i = start; i < Math.min(total, start + size); i += 1) {
      rows.push(i === this.#editing ? this.#editRow(i) : this.#viewRow(i));
    }
    p.euoBody.replaceChildren(...rows);
  }

  /** A row of the list: one tab stop (its Change button), the name and code as text. */
  #viewRow(i) {
    const euo = this.#euos[i];
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
    const p = this.#parts;
    const euo = this.#euos[i];
    const n = i + 1;
    const name = h('input', { class: 'ers-input', value: euo.name, 'aria-label': `Name of organisation ${n}`, 'data-euo': String(i), 'data-part': 'edit-name' });
    const ods = h('input', { class: 'ers-input ers-input--mono ers-asid-planner__ods', value: euo.odsCode ?? '', 'aria-label': `ODS code of organisation ${n}`, 'data-euo': String(i), 'data-part': 'ods', spellcheck: 'false' });
    const done = (focus = true) => {
      this.#editing = -1;
      this.#renderEuos();
      if (focus) this.shadowRoot.querySelector(`button[data-euo="${i}"]`)?.focus();
    };
    const save = () => {
      this.#euos[i] = { ...this.#euos[i], name: name.value.trim(), odsCode: ods.value.trim() || undefined };
      this.#markStale();
      p.status.announce(`Organisation ${n} changed.`, 0);
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
      this.#euos.splice(i, 1);
      this.#editing = -1;
      this.#renderEuos();
      this.#markStale();
      p.status.announce(`Removed ${euo.name || `organisation ${n}`}.`, 0);
      (this.shadowRoot.querySelector(`button[data-euo="${Math.min(i, this.#euos.length - 1)}"]`) ?? p.euoName).focus();
    });
    return h('tr', { class: 'ers-asid-planner__editing' }, h('td', { text: number.format(n) }), h('td', {}, name), h('td', {}, ods),
      h('td', {}, h('div', { class: 'ers-button-group' },
        h('button', { type: 'button', class: 'ers-button', text: 'Save', onclick: save }),
        remove,
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Cancel', onclick: () => done() }))));
  }

  #edit(i) {
    this.#editing = i;
    this.#renderEuos();
    this.shadowRoot.querySelector(`input[data-euo="${i}"][data-part="edit-name"]`)?.focus();
  }

  #addTyped() {
    const p = this.#parts;
    this.#clearFieldError('euo-name');
    const name = p.euoName.value.trim();
    if (!name) {
      this.#fieldError('euo-name', p.euoName, 'Enter the organisation’s name to add it');
      p.euoName.focus();
      return;
    }
    this.#euos.push({ name, odsCode: p.euoOds.value.trim() || undefined });
    p.euoName.value = '';
    p.euoOds.value = '';
    this.#euoPage = Math.floor((this.#euos.length - 1) / this.pageSize);
    this.#renderEuos();
    this.#markStale();
    this.#clearFieldError('euos');
    p.status.announce(`Added ${name}. ${this.#euos.length} organisations.`);
    p.euoName.focus();
  }

  async #addPasted(anchor) {
    const text = this.#parts.paste.value;
    if (!text.trim()) return;
    try {
      await textWithin(text, 'csv');
    } catch (error) {
      this.#showImportReport('the pasted text', 0, [{ severity: 'error', code: error.code ?? 'error', message: error.message, rule: 'CSV' }]);
      return;
    }
    const added = await this.#import(text, 'the pasted text', anchor);
    if (added > 0) this.#parts.paste.value = '';
  }

  async #importFile(file, anchor) {
    let bytes;
    try {
      // Checked against the core's CSV limit (20 MB) before a byte is read.
      bytes = await readFileWithin(file, 'csv', 'bytes');
    } catch (error) {
      this.#showImportReport(file.name, 0, [{ severity: 'error', code: error.code ?? 'error', message: error.message, rule: 'CSV' }]);
      return 0;
    }
    return this.#import(bytes, file.name, anchor);
  }

  /** Reads EUOs (text or bytes) with the module, appends them and reports problems by line. */
  async #import(input, source, anchor = this.#parts.file) {
    const p = this.#parts;
    let result;
    try {
      // In a worker: a CSV of 100,000 rows must not block the page.
      result = await ersInWorker('parseEuoCsv', input);
    } catch (error) {
      this.#showImportReport(source, 0, [{ severity: 'error', code: error.code ?? 'error', message: error.message, rule: 'CSV' }]);
      return 0;
    }
    if (this.#euos.length > 0 && result.euos.length > 0) {
      // Importing again: the same file twice would plan every organisation twice.
      const have = number.format(this.#euos.length);
      const more = number.format(result.euos.length);
      const choice = await ask(anchor, `The list already has ${have} organisation${this.#euos.length === 1 ? '' : 's'}. Add the ${more} from ${source} to them, or replace them?`, [
        { label: `Add ${more} to the list`, value: 'add' },
        { label: `Replace the list with these ${more}`, value: 'replace', warning: true },
      ]);
      if (choice === null) {
        p.status.announce('Nothing imported.', 0);
        return 0;
      }
      if (choice === 'replace') {
        this.#euos = [];
        this.#editing = -1;
      }
    }
    const before = this.#euos.length;
    for (const e of result.euos) this.#euos.push({ name: e.name, odsCode: e.odsCode ?? undefined, line: e.line });
    const added = result.euos.length;
    if (added > 0) {
      this.#euoPage = Math.floor(before / this.pageSize);
      this.#clearFieldError('euos');
    }
    this.#renderEuos();
    this.#markStale();
    // Duplicates and unusual ODS codes are said now, at import, in the plan's own words.
    let notes = [];
    try {
      notes = await ersHeavy('euoNotes', this.#euos.map((e) => ({ name: e.name, odsCode: e.odsCode ?? null, line: e.line ?? null })));
    } catch {
      notes = [];
    }
    this.#showImportReport(source, added, [...result.problems, ...notes]);
    const skipped = result.problems.filter((x) => x.severity === 'error').length;
    p.status.announce(`Imported ${added} organisation${added === 1 ? '' : 's'} from ${source}${skipped ? `; ${skipped} row${skipped === 1 ? '' : 's'} not imported` : ''}.`);
    this.dispatchEvent(new CustomEvent('ers-euos-imported', { bubbles: true, detail: { source, added, problems: result.problems } }));
    return added;
  }

  #showImportReport(source, added, problems) {
    const p = this.#parts;
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

  // ---------------------------------------------------------------------------------- planning

  #collectRequest() {
    const p = this.#parts;
    const split = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
    const chosen = new Set((p.accessBoxes ?? []).filter((b) => b.box.checked).map((b) => b.option.id));
    return {
      product: p.product.value,
      supplier: p.supplier.value.trim() || null,
      euos: this.#euos.map((e) => ({ name: e.name, odsCode: e.odsCode ?? null, line: e.line ?? null })),
      userRestricted: chosen.has('user-restricted'),
      appRestrictedReferrer: chosen.has('application-restricted-referrer'),
      appRestrictedProvider: chosen.has('application-restricted-provider'),
      services: [
        ...(p.serviceBoxes ?? []).filter((b) => b.box.checked).map((b) => b.option.name),
        ...split(p.otherApim.value).map((name) => ({ name, platform: 'apim' })),
        ...split(p.otherShared.value).map((name) => ({ name, platform: 'shareable' })),
      ],
      appNamePattern: p.appPattern.value.trim() || null,
      asidNamePattern: p.asidPattern.value.trim() || null,
    };
  }

  /**
   * Plans with the current inputs and shows the plan; resolves to it. On bad input, shows the
   * errors (summary and fields) and rejects with the module's error.
   */
  async planNow({ quiet = false } = {}) {
    const p = this.#parts;
    this.#clearErrors();
    const request = this.#collectRequest();
    const turn = ++this.#planning;
    let handle;
    try {
      // In a worker: a plan of 100,000 organisations must not block the page.
      handle = await openPlan(request);
    } catch (error) {
      if (turn === this.#planning) this.#showErrors(error, { focus: !quiet });
      throw error;
    }
    if (turn !== this.#planning) {
      handle.free();
      return handle.summary;
    }
    const plan = handle.summary;
    this.#handle?.free();
    this.#handle = handle;
    this.#plan = plan;
    this.#request = request;
    this.#repeated = handle.repeated;
    this.#planPage = 0;
    await this.#renderPlan();
    if (turn !== this.#planning) return plan;
    this.#planShown = plan;
    p.stale.hidden = true;
    const t = plan.totals;
    p.status.announce(`Plan made: ${number.format(t.asids)} ASIDs, ${number.format(t.applications)} PROD applications and ${number.format(t.keyPairs)} key pairs for ${number.format(t.euos)} organisations.`);
    this.dispatchEvent(new CustomEvent('ers-plan', { bubbles: true, detail: { plan } }));
    return plan;
  }

  /** The last plan as `csv`, `json` or `markdown` text. */
  async exportPlan(format) {
    const f = FORMATS[format];
    if (!f) throw new Error(`unknown format ${format}: use csv, json or markdown`);
    const handle = this.#handle;
    if (!handle) throw new Error('make a plan first');
    return handle.export(f.method);
  }

  /** The last plan as the go-live pack takes it (`packFromPlan`'s shape), however big. */
  async packRequest() {
    const handle = this.#handle;
    if (!handle) throw new Error('make a plan first');
    return handle.export('packRequest');
  }

  /**
   * The last plan as a file's bytes (UTF-8; the CSV starts with a BOM; the JSON is compact):
   * what the download buttons save, with no conversion to a JavaScript string on the way.
   */
  async exportBytes(format) {
    const f = FORMATS[format];
    if (!f) throw new Error(`unknown format ${format}: use csv, json or markdown`);
    const handle = this.#handle;
    if (!handle) throw new Error('make a plan first');
    return handle.export(f.bytes);
  }

  async #download(format) {
    const f = FORMATS[format];
    try {
      const bytes = await this.exportBytes(format);
      download(`ers-golive-plan-${slug(this.#request.product, 'product')}.${f.ext}`, bytes, f.type);
      this.#parts.status.announce(`${f.label.replace('Download ', '')} file ready.`, 0);
    } catch (error) {
      this.#showErrors(error);
    }
  }

  #markStale() {
    if (this.#plan) this.#parts.stale.hidden = false;
    this.#schedulePreview();
  }

  async #renderPlan() {
    const p = this.#parts;
    const plan = this.#plan;
    const t = plan.totals;
    const figure = (value, label) => h('li', {}, h('strong', { text: number.format(value) }), label);
    p.figures.replaceChildren(
      figure(t.euos, 'end-user organisations'),
      figure(t.asids, 'ASIDs to request (4.16, 4.17)'),
      figure(t.applications, 'PROD applications (4.14–4.16)'),
      figure(t.keyPairs, 'key pairs (4.2)'),
    );
    this.#renderNotes();
    p.result.hidden = false;
    await this.#renderPlanPage();
  }

  /** The notes, one per code where a code repeats: "50 organisations … — Remove duplicates". */
  #renderNotes() {
    const groups = new Map();
    for (const n of this.#plan.notes) {
      if (!groups.has(n.code)) groups.set(n.code, []);
      groups.get(n.code).push(n);
    }
    const items = [];
    for (const [code, list] of groups) {
      if (list.length > 1) items.push(this.#noteGroup(code, list));
      else {
        const item = this.#note(list[0]);
        if (code === this.#plan.duplicateCode && this.#repeated.length) item.append(this.#duplicatesFix());
        items.push(item);
      }
    }
    this.#parts.notes.replaceChildren(...items);
  }

  #noteGroup(code, list) {
    const first = list[0];
    const repeated = code === this.#plan.duplicateCode ? this.#repeated.length : 0;
    const heading = repeated
      ? `${number.format(repeated)} organisation${repeated === 1 ? ' is' : 's are'} in the list twice (the same name and ODS code): each gets its ASIDs twice.`
      : `${number.format(list.length)} notes like this one: ${first.message}`;
    const fix = repeated ? this.#duplicatesFix() : null;
    return h('li', { class: `ers-diagnostic ers-diagnostic--${first.severity} ers-asid-planner__note ers-asid-planner__group`, 'data-code': code },
      h('div', { class: 'ers-diagnostic__head' },
        h('span', { class: 'ers-diagnostic__severity', text: first.severity }),
        h('span', { class: 'ers-diagnostic__code', text: code }),
        h('span', { class: 'ers-diagnostic__rule', text: `Rule ${first.rule}` })),
      h('p', { class: 'ers-diagnostic__message' }, ...withCode(heading)),
      first.help ? h('p', { class: 'ers-diagnostic__help' }, ...withCode(first.help)) : null,
      fix,
      list.length > 1
        ? h('details', { class: 'ers-details' }, h('summary', { text: `Show all ${number.format(list.length)}` }),
          h('ul', { class: 'ers-diagnostics' }, list.map((n) => this.#note(n))))
        : null);
  }

  #duplicatesFix() {
    return h('div', { class: 'ers-button-group' },
      h('button', { type: 'button', class: 'ers-button ers-button--secondary', 'data-fix': 'remove-duplicates', text: 'Remove duplicates', onclick: (e) => this.#removeDuplicates(e.currentTarget) }));
  }

  /** Removes the organisations that repeat an earlier one exactly (asks first), and plans again. */
  async #removeDuplicates(anchor) {
    const p = this.#parts;
    const drop = this.#repeated;
    if (!drop.length) return;
    const n = number.format(drop.length);
    const choice = await ask(anchor, `Remove the ${n} repeated organisation${drop.length === 1 ? '' : 's'}? The first of each stays in the list.`, [{ label: `Yes, remove ${n}`, value: 'remove', warning: true }]);
    if (choice !== 'remove') return;
    const gone = new Set(drop);
    this.#euos = this.#euos.filter((_, i) => !gone.has(i));
    this.#editing = -1;
    this.#euoPage = 0;
    this.#renderEuos();
    p.status.announce(`Removed ${n} repeated organisation${drop.length === 1 ? '' : 's'}.`, 0);
    try {
      await this.planNow();
    } catch {
      // shown in the error summary
    }
    p.notes.closest('section')?.querySelector('h3')?.focus?.();
  }

  #note(n) {
    return h('li', { class: `ers-diagnostic ers-diagnostic--${n.severity} ers-asid-planner__note` },
      h('div', { class: 'ers-diagnostic__head' },
        h('span', { class: 'ers-diagnostic__severity', text: n.severity }),
        h('span', { class: 'ers-diagnostic__code', text: n.code }),
        h('span', { class: 'ers-diagnostic__rule', text: `Rule ${n.rule}` })),
      h('p', { class: 'ers-diagnostic__message' }, ...withCode(n.message)),
      n.help ? h('p', { class: 'ers-diagnostic__help' }, ...withCode(n.help)) : null,
      Number.isInteger(n.euoIndex) && n.euoIndex < this.#euos.length
        ? h('button', {
          type: 'button',
          class: 'ers-button ers-button--secondary ers-asid-planner__show',
          text: `Show organisation ${number.format(n.euoIndex + 1)} in the list`,
          onclick: () => this.#focusTarget({ euoIndex: n.euoIndex }),
        })
        : null);
  }

  async #renderPlanPage() {
    const p = this.#parts;
    const size = this.pageSize;
    const handle = this.#handle;
    const total = this.#plan.totals.asids;
    const page = Math.max(0, Math.min(this.#planPage, Math.ceil(total / size) - 1));
    this.#planPage = page;
    let slice;
    try {
      slice = await handle.rows(page * size, size);
    } catch (error) {
      this.#showErrors(error);
      return;
    }
    // Another page or another plan was asked for meanwhile: that one is shown.
    if (handle !== this.#handle || page !== this.#planPage) return;
    // The pager and the rows change together, once the rows are here.
    p.planPager.update(page, total, size);
    const rows = [];
    for (const { asid, application: app } of slice) {
      const access = asid.accessMode === null
        ? `APIM platform services: ${(asid.services ?? []).join(', ')}`
        : asid.capability ? `${asid.accessMode}, ${asid.capability}` : asid.accessMode;
      const cells = [
        [asid.organisation, asid.odsCode ? h('div', { class: 'ers-asid-planner__ods-cell', text: asid.odsCode }) : null],
        [h('span', { class: 'ers-asid-planner__name', text: asid.name }), ' ', h('span', { class: 'ers-rule', text: `(${asid.rule})` })],
        [access, asid.businessFunction ? h('div', { class: 'ers-asid-planner__bf', text: asid.businessFunction }) : null],
        [app ? h('span', { class: 'ers-asid-planner__name', text: app.name }) : h('span', { class: 'ers-hint', text: 'No e-RS application: those services are onboarded separately.' })],
        app ? [app.api] : [],
        app ? [`${app.keyPairs} (RSA ${this.#plan.keyPair.bits}, ${this.#plan.keyPair.alg})`] : [],
      ];
      // Each cell labelled by its column, for the narrow screen's one-block-per-row layout.
      rows.push(h('tr', {}, ...cells.map((content, i) => h('td', { 'data-label': PLAN_COLUMNS[i] }, ...content))));
    }
    p.planBody.replaceChildren(...rows);
  }

  // ---------------------------------------------------------------------------------- errors

  /** Where each plan error points: the request field the module names (`location`). */
  #target(problem) {
    const p = this.#parts;
    switch (problem.location) {
      case 'product':
        return { field: 'product', input: p.product };
      case 'euos':
        return Number.isInteger(problem.euoIndex)
          ? { field: 'euos', euoIndex: problem.euoIndex }
          : { field: 'euos', input: p.euoName };
      case 'access':
        return { field: 'access', input: p.accessBoxes?.[0]?.box ?? p.access };
      default:
        return { field: null, input: p.planButton };
    }
  }

  #showErrors(error, { focus = true } = {}) {
    const p = this.#parts;
    const problems = Array.isArray(error?.problems) && error.problems.length
      ? error.problems
      : [{ code: error?.code ?? 'error', message: error?.message ?? String(error) }];
    const items = [];
    const marked = new Set();
    for (const problem of problems) {
      const target = this.#target(problem);
      const text = capitalise(problem.help ? `${problem.message}: ${problem.help}` : problem.message);
      items.push({ text, go: () => this.#focusTarget(target) });
      if (target.field && !marked.has(target.field) && target.euoIndex === undefined) {
        marked.add(target.field);
        this.#fieldError(target.field, target.input, text);
      }
    }
    showSummary(p.summary, items, { focus });
  }

  #focusTarget(target) {
    if (target.euoIndex !== undefined) {
      this.#euoPage = Math.floor(target.euoIndex / this.pageSize);
      this.#renderEuos();
      const input = this.shadowRoot.querySelector(`[data-euo="${target.euoIndex}"][data-part="name"]`);
      input?.scrollIntoView({ block: 'center' });
      input?.focus();
      return;
    }
    const field = target.field ? this.shadowRoot.querySelector(`[data-field="${target.field}"]`) : null;
    (field?.querySelector('label, legend') ?? target.input)?.scrollIntoView?.({ block: 'center' });
    target.input?.focus?.();
  }

  #fieldError(field, input, message) {
    const wrap = this.shadowRoot.querySelector(`[data-field="${field}"]`);
    if (!wrap) return;
    this.#clearFieldError(field);
    const marked = markField(wrap, message, wrap.tagName === 'FIELDSET' ? null : input);
    if (marked) this.#fieldErrors.set(field, marked.clear);
  }

  #clearFieldError(field) {
    this.#fieldErrors.get(field)?.();
    this.#fieldErrors.delete(field);
  }

  /** The field errors shown, by field: the function that clears each. */
  #fieldErrors = new Map();

  #clearErrors() {
    for (const field of ['product', 'access', 'euos', 'euo-name']) this.#clearFieldError(field);
    hideSummary(this.#parts.summary);
  }
}

// product ↔ `product`, supplier ↔ `supplier`, access ↔ `access`, pageSize ↔ `page-size` (a number).
reflect(ErsAsidPlanner, { product: 'product', supplier: 'supplier', access: 'access' }, { pageSize: DEFAULT_PAGE_SIZE });
