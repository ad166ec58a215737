// <ers-key-set>: Make all key pairs — one RSA key pair for every PROD application of the plan
// that has none (4.2), with kids made by a convention shown and editable before generating,
// progress (k of N, time left), cancel and resume, and one ZIP saved from the browser: a folder
// per application with KID.pem, KID.pem.pub and KID.json (NHS's file names), index.csv and a
// README of what to register where. The keys are made by the worker pool of ../../keygen.js;
// every rule (kids, folder names, the index, the README, key checks) comes from the wasm module.
// Private keys are never stored or sent: they live in this element until the ZIP is saved, then
// they are dropped; the kids and thumbprints go into the go-live project (js/store.js) and on to
// the pack (event `ers-keys-made`). An application whose kid the project holds already has its
// key: it gets no new one.

import { ersCall, keysCall } from '../../js/ers.js';
import { clearErrors, errorSummary, field, showErrors } from '../../js/form-errors.js';
import { pager } from '../../js/actions.js';
import { counted, h, liveRegion, number, uid } from '../../js/ui.js';
import { render } from '../../js/shadow.js';
import { ErsElement, attributeNotice } from '../../js/ers-element.js';
import { store } from '../../js/store.js';
import { foreignRealm, foreignRealmNotice, keysRefusedBy } from '../../js/framing.js';
import { makeZip, saveBlob } from '../../js/zip.js';
import { generateKeyPairs } from '../../keygen.js';
import { sizeChoice } from '../../js/key-sizes.js';
import { readFileWithin } from '../../js/input-limits.js';

/** Fired when the ZIP is saved: `{ keys: [{ name, organisation, accessMode, capability, asid,
 *  kid, thumbprint }] }`. No private key. */
export const KEYS_EVENT = 'ers-keys-made';

const DEFAULT_TEMPLATE = '{env}-{org}-{mode}-{date}';
/** Applications shown at a time: the list is paged, as laying out every row of a big plan at
 *  once blocks the page (issue 20; tests/bench/sections.bench.mjs). */
const PAGE_SIZE = 100;

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function duration(ms) {
  if (ms == null) return 'estimating the time left';
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `about ${s} s left`;
  return `about ${Math.floor(s / 60)} min ${s % 60} s left`;
}

export class ErsKeySet extends ErsElement {
  static tag = 'ers-key-set';
  static observedAttributes = ['bits', 'kid-pattern'];
  static properties = { bits: 'bits', kidPattern: 'kid-pattern' };

  #attributeRun = 0;
  #ids = {};
  #p = {};
  /** The applications: `{ app, asid, index, kid, edited, had, made }`; `made` holds the key
   *  pair until the ZIP is saved, then only `{ kid, thumbprint, saved: true }`. */
  #rows = [];
  #controller = null;
  #templateError = false;
  #bits = null; // the size of the keys made and not saved yet
  #encrypted = false;

  /** The applications with their kid, thumbprint and state (no private key). */
  get applications() {
    return this.#rows.map((r) => ({
      ...r.app,
      asid: r.asid,
      kid: r.made?.kid ?? r.kid,
      thumbprint: r.made?.thumbprint ?? '',
      state: r.had ? 'had-a-kid' : r.made?.saved ? 'saved' : r.made ? 'made' : 'to-make',
    }));
  }

  disconnectedCallback() {
    this.#controller?.abort();
  }

  attributeChangedCallback(_name, old, value) {
    if (this.#p.sizes && old !== value) this.#readAttributes();
  }

  /** The key size (`bits`, checked by the keys module) and the kid template (`kid-pattern`,
   *  checked by the rules module's plannedKids) the form starts with; a value they refuse is
   *  said in the notice, and the default is used. */
  async #readAttributes() {
    const run = ++this.#attributeRun;
    const p = this.#p;
    const problems = [];
    const sized = await p.sizes.read(this.getAttribute('bits'));
    if (sized === null) return; // changed meanwhile: a newer read follows
    problems.push(...sized);
    const pattern = this.getAttribute('kid-pattern');
    let template = DEFAULT_TEMPLATE;
    if (pattern !== null && pattern.trim()) {
      try {
        await ersCall((m) => m.plannedKids([], pattern, p.date.value));
        template = pattern;
      } catch (error) {
        problems.push({ attribute: 'kid-pattern', value: pattern, message: error.message });
      }
    }
    if (run !== this.#attributeRun) return; // changed meanwhile: a newer read follows
    if (p.template.value !== template) {
      p.template.value = template;
      this.#replan();
    }
    p.attrNotice.show(ErsKeySet.tag, problems);
  }

  // ---------------------------------------------------------------------------------- building

  build() {
    if (foreignRealm()) {
      render(this, foreignRealmNotice(ErsKeySet.tag));
      return;
    }
    const ids = (this.#ids = this.ids(
      'summary', 'file', 'bits', 'template', 'date', 'passphrase', 'table', 'progress',
    ));
    const p = this.#p;
    p.status = liveRegion();
    p.summary = errorSummary(ids.summary);
    p.attrNotice = attributeNotice();

    p.use = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Use the plan from the planner above', onclick: () => this.usePlannerPlan().catch(() => {}) });
    p.file = h('input', { type: 'file', id: ids.file, accept: '.json,application/json', 'aria-describedby': `${ids.file}-hint`, onchange: () => this.#importFile() });
    p.newPlan = h('p', { class: 'ers-notice ers-notice--warning', hidden: true, text: 'The planner has made a new plan since you used it: use it again to update the applications. Keys already made are kept for applications with the same name.' });

    // The sizes are the keys module's (keySizes), shown when it is first needed.
    p.sizes = sizeChoice(this, {
      id: ids.bits, noteClass: 'ers-key-set__size-note',
      warning: (d) => h('p', { class: 'ers-notice ers-notice--warning', text: `${d.code}: ${d.message}` }),
    });
    p.template = h('input', { class: 'ers-input ers-input--mono', id: ids.template, name: 'template', type: 'text', value: DEFAULT_TEMPLATE, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'none', 'aria-describedby': `${ids.template}-hint`, onchange: () => this.#replan() });
    p.date = h('input', { class: 'ers-input ers-input--mono ers-key-set__date', id: ids.date, name: 'date', type: 'text', value: today(), spellcheck: 'false', autocomplete: 'off', inputmode: 'numeric', 'aria-describedby': `${ids.date}-hint`, onchange: () => this.#replan() });
    p.passphrase = h('input', { class: 'ers-input', id: ids.passphrase, name: 'passphrase', type: 'password', autocomplete: 'new-password', spellcheck: 'false', 'aria-describedby': `${ids.passphrase}-hint` });

    p.tbody = h('tbody');
    p.table = h('div', { class: 'ers-table-wrap', hidden: true },
      h('table', { class: 'ers-table ers-table--stack ers-key-set__table', id: ids.table },
        h('caption', { text: 'Applications and their kids' }),
        h('thead', {}, h('tr', {}, ['#', 'Application', 'Access mode', 'kid', 'Key pair'].map((t) => h('th', { scope: 'col', text: t })))),
        p.tbody));
    p.empty = h('p', { class: 'ers-hint', text: 'No application yet: use the plan from the planner above, or import its JSON.' });
    p.pager = pager('applications', (n) => this.#showPage(n), { block: 'ers-key-set' });

    p.make = h('button', { type: 'submit', class: 'ers-button', text: 'Make all key pairs', disabled: true });
    p.cancel = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Cancel', hidden: true, onclick: () => this.#controller?.abort() });
    p.bar = h('progress', { class: 'ers-key-set__bar', max: 1, value: 0, 'aria-labelledby': `${ids.progress}-text` });
    p.progressText = h('span', { id: `${ids.progress}-text` });
    p.progress = h('div', { class: 'ers-key-set__progress', id: ids.progress, hidden: true }, p.bar, ' ', p.progressText);

    p.zip = h('button', { type: 'button', class: 'ers-button', text: 'Download the ZIP', hidden: true, onclick: () => this.saveZip() });
    p.forget = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Forget the private keys', hidden: true, onclick: () => this.#forget() });
    p.result = h('div', { class: 'ers-key-set__result', tabindex: '-1', hidden: true });

    p.form = h('form', { class: 'ers-key-set__form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.make(); } },
      p.summary,
      h('div', { class: 'ers-button-group' }, p.use),
      field(ids.file, 'Or import a plan (JSON)', 'The JSON file the planner downloads or `ers-golive plan --json` writes. It is read in this browser and sent nowhere.', p.file, 'file'),
      p.newPlan,
      h('div', { class: 'ers-field', 'data-field': 'bits' }, p.sizes.element),
      field(ids.template, 'How kids are made', 'Placeholders: {env} the environment, {org} the ODS code (or the organisation’s name), {mode} ur, ar-ref or ar-prov, {date} the date below, {n} the application’s number. Kids must carry the date: NHS’s key-expiry tooling reads a YYYY-MM-DD date in kids. Each kid below can be edited too.', p.template, 'template'),
      field(ids.date, 'Date in the kids (YYYY-MM-DD)', 'Today by default: the day the keys are made.', p.date, 'date'),
      field(ids.passphrase, 'One passphrase for every private key (optional)', 'Encrypts every KID.pem (PKCS#8, PBES2 with AES-256-CBC). Leave empty for unencrypted keys, as NHS’s commands make.', p.passphrase, 'passphrase'),
      p.empty,
      p.table,
      p.pager.el,
      h('div', { class: 'ers-button-group' }, p.make, p.cancel),
      p.progress,
      p.result,
      h('div', { class: 'ers-button-group' }, p.zip, p.forget));

    p.result.setAttribute('part', 'result');
    render(this, p.status, p.attrNotice,
      h('p', { class: 'ers-key-set__where' },
        h('strong', { text: 'One key pair per application (4.2). ' }),
        'The keys are made here, in this tab, on every core of your computer, and saved as one ZIP: a folder per application with KID.pem, KID.pem.pub and KID.json, an index and a README. Nothing is stored or sent; the private keys are dropped from the page once the ZIP is saved.'),
      p.form);
    document.addEventListener('ers-plan', this.#onPlan);
    // The keys module (a quarter of the page's first load) loads when the element is first
    // needed: its size choice comes from it.
    if (this.hasAttribute('bits') || this.hasAttribute('kid-pattern')) this.#readAttributes();
  }

  #onPlan = () => {
    if (this.#rows.length) this.#p.newPlan.hidden = false;
  };

  // ---------------------------------------------------------------------------------- sources

  /** Where "Use the plan from the planner above" gets the plan's JSON: the planner on this page,
   *  unless set (the frame page made for embedding asks the page around it). A function
   *  resolving to the JSON text, or rejecting with the reason there is none. */
  planProvider = null;

  /** Takes the applications of the planner on this page. */
  async usePlannerPlan() {
    this.#clearErrors();
    let text;
    try {
      text = await (this.planProvider ?? plannerPlan)();
    } catch (error) {
      showErrors(this.#p.form, this.#p.summary, [{ message: error.message }]);
      throw error;
    }
    await this.importPlan(text);
    this.#p.newPlan.hidden = true;
  }

  /** Takes the applications of a plan (its JSON text). */
  async importPlan(text) {
    let targets;
    try {
      targets = await ersCall((m) => m.keyTargetsFromPlan(String(text)));
    } catch (error) {
      showErrors(this.#p.form, this.#p.summary, [{ field: 'file', message: error.message }]);
      throw error;
    }
    this.setApplications(targets);
  }

  /**
   * Sets the applications: `{ name, environment, accessMode, capability, organisation, odsCode,
   * asid, kid? }`. An application that has a kid already has its key: it gets none. Keys made
   * (not yet saved) are kept for applications of the same name.
   */
  setApplications(applications) {
    const old = new Map(this.#rows.filter((r) => r.made).map((r) => [r.app.name, r]));
    this.#rows = Array.from(applications ?? [], (a, index) => {
      const { asid: given = '', thumbprint: _t, state: _s, ...app } = a;
      const kept = old.get(app.name);
      // The project may know this application's kid (a key made before, or typed in the pack)
      // and its ASID, the number NHS allocated (a plan has only the ASID's name, `asidName`).
      const known = app.kid || store.application(app.name)?.kid || '';
      const asid = given || store.application(app.name)?.asid || '';
      return { app: { ...app, kid: known }, asid, index, kid: kept?.kid ?? known, edited: Boolean(kept), had: !kept && Boolean(known), made: kept?.made ?? null };
    });
    this.#page = 0;
    this.#replan();
  }

  async #importFile() {
    const file = this.#p.file.files?.[0];
    if (!file) return;
    this.#clearErrors();
    let text;
    try {
      // Checked against the core's limit for a plan before a byte is read.
      text = await readFileWithin(file, 'plan');
    } catch (error) {
      this.#p.file.value = '';
      showErrors(this.#p.form, this.#p.summary, [{ field: 'file', message: `${file.name}: ${error.message}` }]);
      return;
    }
    try {
      await this.importPlan(text);
      this.#p.status.announce(`${file.name}: ${counted(this.#rows.length, 'application')}.`, 0);
    } catch {
      // shown in the error summary
    } finally {
      this.#p.file.value = '';
    }
  }

  // ---------------------------------------------------------------------------------- kids

  /** Remakes the kids not edited by hand from the template and the date. */
  async #replan() {
    const p = this.#p;
    // Only the template's own error is cleared here (another may be showing, e.g. a kid's).
    if (this.#templateError) clearErrors(p.form, p.summary);
    this.#templateError = false;
    const todo = this.#rows.filter((r) => !r.had && !r.made && !r.edited);
    if (todo.length) {
      try {
        // Kids that are set (edited, made, or the application's own) are kept and reserved.
        const apps = this.#rows.map((r) => ({ ...r.app, kid: r.had || r.made || r.edited ? r.kid : '' }));
        const kids = await ersCall((m) => m.plannedKids(apps, p.template.value, p.date.value));
        // A kid edited by hand meanwhile is kept.
        for (const r of todo) if (!r.edited && !r.made && !r.had) r.kid = kids[r.index];
      } catch (error) {
        this.#templateError = true;
        showErrors(p.form, p.summary, [{ field: error.code === 'kid-date' ? 'date' : 'template', message: error.message }]);
      }
    }
    if (this.#shown === this.#rows) {
      // The same rows: only the kids change, in place (an input being typed in is not replaced).
      for (const r of todo) {
        const input = p.tbody.querySelector(`input[data-row="${r.index}"]`);
        if (input && !r.edited) input.value = r.kid;
      }
    } else {
      this.#render();
    }
  }

  /** The page of the list shown, and the rows it was drawn from. */
  #page = 0;
  #shown = null;

  #render() {
    const p = this.#p;
    p.empty.hidden = this.#rows.length > 0;
    p.table.hidden = this.#rows.length === 0;
    this.#renderPage();
    const left = this.#left().length;
    const made = this.#rows.filter((r) => r.made && !r.made.saved).length;
    p.make.disabled = Boolean(this.#controller) || left === 0;
    p.make.textContent = left === 0 ? 'Make all key pairs' : made ? `Make the remaining ${counted(left, 'key pair')}` : `Make all key pairs (${number(left)})`;
    p.zip.hidden = made === 0 || Boolean(this.#controller);
    p.zip.textContent = `Download the ZIP (${counted(made, 'key pair')})`;
    p.forget.hidden = p.zip.hidden;
  }

  /** Draws the page of the list asked for (kept in range). */
  #renderPage() {
    const p = this.#p;
    this.#page = p.pager.update(this.#page, this.#rows.length, PAGE_SIZE);
    const first = this.#page * PAGE_SIZE;
    p.tbody.replaceChildren(...this.#rows.slice(first, first + PAGE_SIZE).map((r) => this.#row(r)));
    this.#shown = this.#rows;
  }

  /** Shows page `n` of the list (the pager's buttons) and says which; focus stays on the pager
   *  (on its other button when the one pressed is now disabled, at either end). */
  #showPage(n) {
    const p = this.#p;
    this.#page = n;
    this.#renderPage();
    const first = this.#page * PAGE_SIZE;
    const last = Math.min(this.#rows.length, first + PAGE_SIZE);
    p.status.announce(`Applications ${number(first + 1)} to ${number(last)} of ${number(this.#rows.length)}.`, 0);
    if (this.shadowRoot?.activeElement?.disabled) p.pager.el.querySelector('button:not(:disabled)')?.focus();
  }

  /** The row of application `index` when it is on the page shown, else null. */
  #rowElement(index) {
    const at = index - this.#page * PAGE_SIZE;
    return at >= 0 && at < PAGE_SIZE ? this.#p.tbody.children[at] ?? null : null;
  }

  #row(r) {
    const id = uid('keyset-kid');
    const app = r.app;
    const mode = app.capability ? `${app.accessMode} (${app.capability})` : app.accessMode;
    let kidCell;
    if (r.had || r.made) {
      kidCell = h('code', { class: 'ers-key-set__kid', text: r.made?.kid ?? r.kid });
    } else {
      kidCell = h('input', {
        class: 'ers-input ers-input--mono ers-key-set__kid', id, type: 'text', value: r.kid, spellcheck: 'false', autocomplete: 'off', autocapitalize: 'none',
        'aria-label': `kid for application ${r.index + 1}`, 'data-row': String(r.index), disabled: Boolean(this.#controller),
        onchange: (e) => {
          r.kid = e.target.value.trim();
          r.edited = true;
        },
      });
    }
    const state = this.#stateText(r);
    return h('tr', { 'data-state': r.had ? 'had' : r.made?.saved ? 'saved' : r.made ? 'made' : 'todo' },
      h('td', { 'data-label': '#', text: number(r.index + 1) }),
      h('td', { 'data-label': 'Application' }, h('span', { class: 'ers-key-set__name', text: app.name || '(no name)' }), h('span', { class: 'ers-hint', text: app.organisation })),
      h('td', { 'data-label': 'Access mode', text: mode }),
      h('td', { 'data-label': 'kid' }, kidCell),
      h('td', { 'data-label': 'Key pair', class: 'ers-key-set__state', text: state }));
  }

  #stateText(r) {
    if (r.had) return 'has a kid already: no new key';
    if (r.made?.saved) return `saved in the ZIP · thumbprint ${r.made.thumbprint}`;
    return r.made ? 'made, not saved yet' : 'to make';
  }

  #left() {
    return this.#rows.filter((r) => !r.had && !r.made);
  }

  #clearErrors() {
    clearErrors(this.#p.form, this.#p.summary);
  }

  // ---------------------------------------------------------------------------------- making

  /** Makes the key pairs of every application that has none (or what is left after a cancel). */
  async make() {
    const p = this.#p;
    if (this.#controller) return;
    this.#clearErrors();
    const rows = this.#left();
    if (!rows.length) return;
    await p.sizes.shown.catch(() => {}); // a failed module is said by checkKeyOptions below
    const bits = p.sizes.bits;
    const passphrase = p.passphrase.value;
    // The passphrase is read once: the field is emptied whatever happens next (keys made, an
    // error, a cancel), so it never stays on the page.
    p.passphrase.value = '';
    if (!(await this.#checked(bits, passphrase))) return;
    this.#bits = bits;
    this.#encrypted = Boolean(passphrase);
    const controller = (this.#controller = new AbortController());
    this.#showStarted(rows.length, bits);
    const made = { done: 0 };
    try {
      await generateKeyPairs(rows.map((r) => ({ bits, kid: r.kid, passphrase: passphrase || undefined })), {
        signal: controller.signal,
        onKey: (i, pair) => {
          rows[i].made = pair;
          made.done += 1;
          this.#showMade(rows[i]);
        },
        onProgress: ({ done: k, total: n, etaMs }) => {
          p.bar.value = k;
          p.progressText.textContent = `${number(k)} of ${counted(n, 'key pair')} made · ${k === n ? 'done' : duration(etaMs)}`;
        },
      });
      this.#showResult(`${counted(made.done, 'key pair')} made. Download the ZIP to save them: until then they exist only in this tab.`, 'ok');
      p.status.announce(`${counted(made.done, 'key pair')} made. Download the ZIP to save them.`, 0);
    } catch (error) {
      this.#showFailed(error, made.done);
    } finally {
      this.#controller = null;
      p.cancel.hidden = true;
      p.progress.hidden = true;
      this.removeAttribute('aria-busy');
      this.#render();
    }
  }

  /** Every mistake, reported before the keys take minutes; true when there is none. */
  async #checked(bits, passphrase) {
    const p = this.#p;
    // Made keys (not saved yet) keep their size and encryption: one ZIP holds one kind.
    const pending = this.#rows.filter((r) => r.made && !r.made.saved);
    if (pending.length && (bits !== this.#bits || Boolean(passphrase) !== this.#encrypted)) {
      showErrors(p.form, p.summary, [{ field: 'bits', message: `The ${counted(pending.length, 'key pair')} made already are ${this.#bits}-bit${this.#encrypted ? ', encrypted' : ''}: save their ZIP (or forget them) before making keys of another kind.` }]);
      return false;
    }
    const kids = this.#rows.map((r) => r.made?.kid ?? r.kid);
    let problems;
    try {
      // Key options are the keys module's; the kids of a key set are the rules module's.
      await keysCall((m) => m.checkKeyOptions({ bits, passphrase }));
      problems = await ersCall((m) => m.checkKeySetKids(kids));
    } catch (error) {
      // The keys module says which field (bits, passphrase) a refusal is about.
      showErrors(p.form, p.summary, [{ field: error.field ?? 'passphrase', message: error.message }]);
      return false;
    }
    if (problems.length) {
      // The list turns to the page of the first application named.
      this.#page = Math.floor(problems[0].index / PAGE_SIZE);
      this.#renderPage();
      showErrors(p.form, p.summary, problems.slice(0, 10).map((x) => ({ message: `Application ${number(x.index + 1)}: ${x.message}` })));
      return false;
    }
    return true;
  }

  #showStarted(total, bits) {
    const p = this.#p;
    p.cancel.hidden = false;
    p.progress.hidden = false;
    p.result.hidden = true;
    p.bar.max = total;
    p.bar.value = 0;
    p.progressText.textContent = `0 of ${counted(total, 'key pair')} made · starting`;
    this.setAttribute('aria-busy', 'true');
    this.#render();
    p.status.announce(`Making ${number(total)} ${bits}-bit key pairs. You can keep using the page.`, 0);
  }

  /** A key made: its row, if on the page shown, changes in place (the page is not laid out
   *  again while keys are being made). */
  #showMade(row) {
    const tr = this.#rowElement(row.index);
    if (!tr) return;
    tr.dataset.state = 'made';
    tr.querySelector('.ers-key-set__state').textContent = this.#stateText(row);
  }

  #showFailed(error, done) {
    const p = this.#p;
    if (error?.name !== 'AbortError') {
      showErrors(p.form, p.summary, [{ message: error?.message ?? String(error) }]);
      return;
    }
    const left = this.#left().length;
    const again = this.#encrypted ? ' (enter the same passphrase again: it was cleared)' : '';
    this.#showResult(`Cancelled: ${counted(done, 'key pair')} made and kept; ${number(left)} still to make. Press “Make the remaining ${counted(left, 'key pair')}”${again} to go on, or download the ZIP of those made.`, 'warning');
    p.status.announce(`Cancelled. ${counted(done, 'key pair')} kept, ${number(left)} to make.`, 0);
  }

  #showResult(text, kind) {
    const p = this.#p;
    p.result.replaceChildren(h('p', { class: `ers-notice ers-notice--${kind}`, text }));
    p.result.hidden = false;
    p.result.focus();
  }

  /** Saves the ZIP of the keys made and not saved yet; then drops their private keys. */
  async saveZip() {
    const p = this.#p;
    const rows = this.#rows.filter((r) => r.made && !r.made.saved);
    if (!rows.length) return;
    // Framed by another site (the site's own page, not the frame page made for embedding), the
    // private keys are not saved: that site could overlay our buttons (README, "Security").
    const framer = keysRefusedBy();
    if (framer) {
      this.#clearErrors();
      showErrors(p.form, p.summary, [{ message: `The ZIP holds private keys, so it cannot be saved while this page is shown inside another site (${framer}). Open ers-golive in a tab of its own to make and save keys.` }]);
      return;
    }
    const entries = rows.map((r) => ({ ...r.app, index: r.index, asid: r.asid, kid: r.made.kid, thumbprint: r.made.thumbprint }));
    const set = await ersCall((m) => m.keySetFiles(entries, { bits: this.#bits, encrypted: this.#encrypted }));
    const files = [
      { name: set.readmeFile, text: set.readme },
      { name: set.indexFile, text: set.index },
    ];
    rows.forEach((r, i) => {
      const folder = set.folders[i];
      const { files: names, privateKeyPem, publicKeyPem, jwks } = r.made;
      files.push({ name: `${folder}/${names.privateKey}`, text: privateKeyPem });
      files.push({ name: `${folder}/${names.publicKey}`, text: publicKeyPem });
      files.push({ name: `${folder}/${names.jwks}`, text: jwks });
    });
    const name = `ers-golive-keys-${p.date.value || today()}.zip`;
    saveBlob(name, await makeZip(files));
    files.length = 0;
    const keys = [];
    for (const r of rows) {
      r.made = { kid: r.made.kid, thumbprint: r.made.thumbprint, saved: true };
      keys.push({ ...r.app, asid: r.asid, kid: r.made.kid, thumbprint: r.made.thumbprint });
      // Into the project: the kid and thumbprint only, never the key.
      store.updateApplication(r.app.name, { kid: r.made.kid, thumbprint: r.made.thumbprint }, 'keys');
    }
    this.#render();
    this.#showResult(`${name} saved with ${counted(rows.length, 'key pair')}. The private keys are no longer in this page: they are in the ZIP only. The kids and thumbprints went into the project and the go-live pack.`, 'ok');
    p.status.announce(`${name} saved. The private keys were removed from the page.`, 0);
    this.emit(KEYS_EVENT, { keys });
  }

  #forget() {
    for (const r of this.#rows) if (r.made && !r.made.saved) r.made = null;
    this.#render();
    this.#showResult('The key pairs not saved were removed from this page. Their applications can get new keys.', 'ok');
    this.#p.status.announce('Key pairs not saved were removed.', 0);
  }
}

/** The JSON of the plan of the planner on this page. */
async function plannerPlan() {
  const planner = document.querySelector('ers-asid-planner');
  if (!planner || typeof planner.exportPlan !== 'function' || !planner.plan) {
    throw new Error(planner ? 'The planner has no plan yet: make a plan in the planner first, then use it here.' : 'There is no planner on this page: import the plan’s JSON file instead.');
  }
  return planner.exportPlan('json');
}
