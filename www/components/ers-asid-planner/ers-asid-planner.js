// <ers-asid-planner>: the go-live planner (4.14–4.17, 4.2). Type or import the end-user
// organisations (EUOs), choose how the product reaches e-RS and the other NHS services it uses,
// and get every ASID, PROD application, API and key pair, each with the rule behind it, as a
// paged table and as CSV, JSON or Markdown downloads. Every rule comes from the wasm module;
// this element only collects input and shows what the module returns. Files are read here,
// in the browser: nothing is sent anywhere. The element holds the form and the plan request; the
// organisation editor (euo-editor.js) and the plan view (plan-view.js) are its own modules.

import { ersCall, rulesWanted } from '../../js/ers.js';
import { openPlan } from '../../js/ers-offload.js';
import { capitalise, checkbox, errorSummary, field, hideSummary, markField, showSummary } from '../../js/form-errors.js';
import { ask, download, slug } from '../../js/actions.js';
import { h, liveRegion, withCode } from '../../js/ui.js';
import { render } from '../../js/shadow.js';
import { ErsElement, attributeNotice } from '../../js/ers-element.js';
import { EuoEditor } from './euo-editor.js';
import { FORMATS, PlanView } from './plan-view.js';

const DEFAULT_PAGE_SIZE = 50;

const number = new Intl.NumberFormat('en-GB');
/** How many organisations the naming preview shows. */
const PREVIEW_EUOS = 2;


export class ErsAsidPlanner extends ErsElement {
  static tag = 'ers-asid-planner';
  static observedAttributes = ['product', 'supplier', 'access', 'page-size'];
  static properties = { product: 'product', supplier: 'supplier', access: 'access' };
  static pageSize = DEFAULT_PAGE_SIZE;

  #planning = 0; // the latest planNow call, so an older one finishing late changes nothing
  #request = null;
  #ids = {};
  #parts = {};
  #optionsReady = null;
  #editor = new EuoEditor({
    changed: () => this.#markStale(),
    shown: () => this.#schedulePreview(),
    announce: (text, delay) => this.#parts.status.announce(text, delay),
    fieldError: (name, input, message) => this.#fieldError(name, input, message),
    clearFieldError: (name) => this.#clearFieldError(name),
    pageSize: () => this.pageSize,
    root: () => this.shadowRoot,
    imported: (detail) => this.emit('ers-euos-imported', detail),
  });

  #view = new PlanView({
    download: (format) => this.#download(format),
    showEuo: (index) => this.#editor.show(index),
    euoCount: () => this.#editor.list.length,
    removeDuplicates: (anchor) => this.#removeDuplicates(anchor),
    failed: (error) => this.#showErrors(error),
    pageSize: () => this.pageSize,
  });

  attributeChangedCallback(name, old, value) {
    if (!this.isBuilt || old === value) return;
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
      this.#attributeProblems.pageSize = this.pageSizeProblems('rows');
      if (only === 'page-size') {
        this.#editor.page = 0;
        this.#editor.render();
        if (this.#view.plan) {
          this.#view.page = 0;
          this.#view.renderPage();
        }
      }
    }
    p.attrNotice.show(ErsAsidPlanner.tag, Object.values(this.#attributeProblems).flat());
    if (only !== 'page-size') this.#markStale();
  }

  #attributeProblems = {};

  /** The end-user organisations in the editor: `[{ name, odsCode?, line? }]` (a copy). */
  get euos() {
    return this.#editor.list.map((e) => ({ ...e }));
  }

  set euos(list) {
    this.#editor.list = Array.from(list ?? [], (e) => ({ name: String(e?.name ?? ''), odsCode: e?.odsCode ?? undefined }));
    this.#editor.page = 0;
    if (this.isBuilt) {
      this.#editor.render();
      this.#markStale();
    }
  }

  /** The last plan's summary (`{ product, supplier, access, services, notes, totals }`), or null. */
  get plan() {
    return this.#planShown;
  }

  #planShown = null; // the plan once its first page is shown (a big one's rows come from the worker)

  build() {
    this.#buildForm();
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
      euos: this.#editor.list.map((e) => ({ name: e.name, ods_code: e.odsCode ?? '' })),
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
    if (!this.isBuilt) return;
    const e = this.#editor.parts;
    for (const el of [p.product, p.supplier, p.otherApim, p.otherShared, e.euoName, e.euoOds, e.paste]) el.value = '';
    p.appPattern.value = this.#naming?.appPattern ?? '';
    p.asidPattern.value = this.#naming?.asidPattern ?? '';
    for (const b of [...(p.accessBoxes ?? []), ...(p.serviceBoxes ?? [])]) b.box.checked = false;
    this.#planning += 1;
    this.#view.clear();
    this.#planShown = null;
    this.#request = null;
    this.#editor.parts.importReport.hidden = true;
    this.#clearErrors();
    this.#editor.set([]);
  }

  // ---------------------------------------------------------------------------------- building

  #buildForm() {
    const ids = (this.#ids = this.ids('summary', 'product', 'supplier', 'access', 'services', 'otherApim', 'otherShared', 'euos', 'euoName', 'euoOds', 'paste', 'file', 'result', 'size'));
    const p = this.#parts;
    p.summary = errorSummary(ids.summary, { level: 3 });
    p.product = h('input', { class: 'ers-input', name: 'product', autocomplete: 'off', spellcheck: 'false' });
    p.supplier = h('input', { class: 'ers-input', name: 'supplier', autocomplete: 'organization' });
    const names = h('div', { class: 'ers-grid' },
      field(ids.product, 'Product name', 'As it goes into every ASID name (4.16) and application name (4.14), e.g. Care Vista Link.', p.product, 'product'),
      field(ids.supplier, 'Supplier name (optional)', 'The first part of each application name (4.14). Left empty, the product name is used.', p.supplier, 'supplier'));
    p.accessList = h('div', { class: 'ers-asid-planner__choices' });
    p.access = h('fieldset', { class: 'ers-fieldset ers-field', id: ids.access, 'data-field': 'access', 'aria-describedby': `${ids.access}-hint` },
      h('legend', { text: 'How the product reaches e-RS (4.15, 4.16)' }),
      h('span', { class: 'ers-hint', id: `${ids.access}-hint`, text: 'Choose every one you use. Each needs its own ASID and PROD application for every organisation.' }),
      p.accessList);
    p.serviceList = h('div', { class: 'ers-asid-planner__choices ers-grid' });
    p.otherApim = h('input', { class: 'ers-input', autocomplete: 'off' });
    p.otherShared = h('input', { class: 'ers-input', autocomplete: 'off' });
    p.services = h('fieldset', { class: 'ers-fieldset', id: ids.services, 'aria-describedby': `${ids.services}-hint` },
      h('legend', { text: 'Other NHS services the product uses (4.17)' }),
      h('span', { class: 'ers-hint', id: `${ids.services}-hint`, text: 'Services on the NHS API platform (APIM) cannot share the e-RS ASID; others can.' }),
      p.serviceList,
      h('div', { class: 'ers-grid' },
        field(ids.otherApim, 'Other services on the NHS API platform', 'Names separated by commas. They share the separate APIM ASID.', p.otherApim),
        field(ids.otherShared, 'Other services that may share the e-RS ASID', 'Names separated by commas.', p.otherShared)));
    p.status = liveRegion();
    p.euos = this.#editor.build(ids);
    p.naming = this.#buildNaming();
    p.planButton = h('button', { type: 'submit', class: 'ers-button', text: 'Plan the go-live' });
    // The plan's size, said before it is made (the module's sentence).
    p.size = h('p', { class: 'ers-asid-planner__size', id: ids.size, 'aria-live': 'polite' });
    p.form = h('form', { class: 'ers-asid-planner__form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.planNow().catch(() => {}); } },
      names, p.access, p.services, p.euos, p.naming, p.size, h('div', { class: 'ers-button-group' }, p.planButton));
    p.attrNotice = attributeNotice();
    render(this, h('div', { class: 'ers-asid-planner' }, p.attrNotice, p.summary, p.form, p.status, this.#view.build(ids.result)));
    for (const el of [p.product, p.supplier, p.otherApim, p.otherShared]) el.addEventListener('change', () => this.#markStale());
    for (const el of [p.product, p.supplier]) el.addEventListener('input', () => this.#schedulePreview());
  }

  /** The naming patterns (defaults shown, editable), a preview of the first organisations' names
   *  with each name's length and the name checker's verdict, and what 4.16 and 4.17 allow. */
  #buildNaming() {
    const p = this.#parts;
    const ids = this.ids('app', 'asid', 'preview');
    const pattern = (name) => h('input', { class: 'ers-input ers-input--mono', name, autocomplete: 'off', spellcheck: 'false',
      oninput: () => { this.#markStale(); this.#schedulePreview(); } });
    p.appPattern = pattern('app-name-pattern');
    p.asidPattern = pattern('asid-name-pattern');
    // The hints say the module's defaults and placeholders, once it has loaded.
    const appField = field(ids.app, 'Application name: the app part', '', p.appPattern, 'app_name_pattern');
    const asidField = field(ids.asid, 'ASID name', '', p.asidPattern, 'asid_name_pattern');
    p.appHint = appField.querySelector('.ers-hint');
    p.asidHint = asidField.querySelector('.ers-hint');
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
      appField,
      asidField,
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
    // The preview reads only the first organisations: never the whole list, however long.
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

  async #loadOptions() {
    const p = this.#parts;
    try {
      const options = await ersCall((m) => m.planOptions());
      p.accessBoxes = options.access.map((a) => {
        const id = this.newId('access');
        const detail = a.businessFunction ? `API: ${a.api}. NHS sets ${a.businessFunction}.` : `API: ${a.api}.`;
        const el = checkbox(id, a.label, detail, { value: a.id, onchange: () => this.#markStale() });
        return { option: a, box: el.control, el };
      });
      p.accessList.replaceChildren(...p.accessBoxes.map((b) => b.el));
      p.serviceBoxes = options.services.map((s) => {
        const id = this.newId('service');
        const where = s.platform === 'apim' ? 'On the NHS API platform: needs the separate ASID.' : 'May share the e-RS ASID.';
        const label = s.fullName && s.fullName !== s.name ? `${s.name} (${s.fullName})` : s.name;
        const el = checkbox(id, label, where, { value: s.name, onchange: () => this.#markStale() });
        return { option: s, box: el.control, el };
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

  #collectRequest() {
    const p = this.#parts;
    const split = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
    const chosen = new Set((p.accessBoxes ?? []).filter((b) => b.box.checked).map((b) => b.option.id));
    return {
      product: p.product.value,
      supplier: p.supplier.value.trim() || null,
      euos: this.#editor.list.map((e) => ({ name: e.name, odsCode: e.odsCode ?? null, line: e.line ?? null })),
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
      // In a worker: a big plan must not block the page.
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
    this.#request = request;
    await this.#view.show(handle);
    if (turn !== this.#planning) return plan;
    this.#planShown = plan;
    this.#view.parts.stale.hidden = true;
    const t = plan.totals;
    p.status.announce(`Plan made: ${number.format(t.asids)} ASIDs, ${number.format(t.applications)} PROD applications and ${number.format(t.keyPairs)} key pairs for ${number.format(t.euos)} organisations.`);
    this.emit('ers-plan', { plan });
    return plan;
  }

  /** The last plan as `csv`, `json` or `markdown` text. */
  async exportPlan(format) {
    const f = FORMATS[format];
    if (!f) throw new Error(`unknown format ${format}: use csv, json or markdown`);
    const handle = this.#view.handle;
    if (!handle) throw new Error('make a plan first');
    return handle.export(f.method);
  }

  /** The last plan as the go-live pack takes it (`packFromPlan`'s shape), however big. */
  async packRequest() {
    const handle = this.#view.handle;
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
    const handle = this.#view.handle;
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
    this.#view.markStale();
    this.#schedulePreview();
  }

  /** Removes the organisations that repeat an earlier one exactly (asks first), and plans again. */
  async #removeDuplicates(anchor) {
    const drop = this.#view.repeated;
    if (!drop.length) return;
    const n = number.format(drop.length);
    const choice = await ask(anchor, `Remove the ${n} repeated organisation${drop.length === 1 ? '' : 's'}? The first of each stays in the list.`, [{ label: `Yes, remove ${n}`, value: 'remove', warning: true }]);
    if (choice !== 'remove') return;
    this.#editor.remove(drop);
    this.#parts.status.announce(`Removed ${n} repeated organisation${drop.length === 1 ? '' : 's'}.`, 0);
    try {
      await this.planNow();
    } catch {
      // shown in the error summary
    }
    this.#view.parts.notes.closest('section')?.querySelector('h3')?.focus?.();
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
          : { field: 'euos', input: this.#editor.parts.euoName };
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
      this.#editor.show(target.euoIndex);
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
