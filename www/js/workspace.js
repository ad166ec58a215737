// The go-live workspace: one project carried from plan to PROD form. It keeps the project in
// this browser as you go (./store.js), restores it on load and says so, saves and opens the
// project file, clears everything (after asking), and shows the guided flow — plan → names →
// keys → test → pack → send — with each step ticked from the project (by the wasm module's
// `projectStatus`) or by the user. It wires the page's elements to the project: the planner's
// inputs and plan, the pack's details and ticks. Every rule and check is the module's; this
// file only moves data between the elements, the store and the module.

import { loadErs, rulesWanted } from './ers.js';
import { ersHeavy, ersHeavyFile, ersHeavyUtf8 } from './ers-offload.js';
import { readFileWithin } from './input-limits.js';
import { capitalise, clearErrors, errorSummary, showErrors } from './form-errors.js';
import { blankApplication, isEmptyProject, store } from './store.js';
import { ask, download, h, liveRegion, timeAgo, uid, withCode } from './ui.js';
import { nextTask } from './transfer.js';

const STATUS_DELAY_MS = 300;
const FLOW_LINKS = { plan: '#planner', names: '#names', register: '#golive', keys: '#keys', test: '#jwt', pack: '#golive', send: '#golive-send' };
/** Flow steps a user ticks, as only they can do them (the others this tool verifies). */
const MANUAL = new Set(['register', 'test', 'send']);
const number = new Intl.NumberFormat('en-GB');
/** The flow of a new project (nothing done yet), shown until the rules module's `projectStatus`
 *  comes (ers-rules' project::flow of a new project; the module's status replaces it). A copy,
 *  so the first load needs only the names module: the CLI test `codegen::the_pages_first_flow_is_the_cores`
 *  fails when it differs from the core. */
const NEW_FLOW = [
  ['plan', 'Plan your ASIDs and applications', '4.15–4.17'],
  ['names', 'Name each application', '4.14–4.15'],
  ['register', 'Register each application on the developer hub', '4.11–4.15'],
  ['keys', 'Make a key pair for each application', '4.2'],
  ['test', 'Test a client assertion', '4.2'],
  ['pack', 'Fill in the PROD form details', '4.3'],
  ['send', 'Send the PROD form', '4.3–4.4'],
].map(([id, title, rule]) => ({ id, title, rule, done: false, manual: MANUAL.has(id), tick: null, detail: '' }));

function slug(text) {
  const s = String(text ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return s || 'go-live';
}

/** Pack fields (camelCase) ↔ project fields (snake_case). */
const DETAIL_KEYS = [['asid', 'asid'], ['appId', 'app_id'], ['apiKey', 'api_key'], ['kid', 'kid'], ['jwksUrl', 'jwks_url']];

export class Workspace {
  #root;
  #parts = {};
  #planner = null;
  #pack = null;
  #applying = false;
  #statusTimer = 0;
  #refreshTimer = 0;
  #status = null;
  /** How long the last restore on load took: `{ restoreMs }` (read by the benchmark). */
  timings = null;

  constructor(root) {
    this.#root = root;
  }

  /** The last `projectStatus` result: `{ flow, planError }` (the pack is the pack element's), or null. */
  get status() {
    return this.#status;
  }

  async start() {
    this.#build();
    await Promise.all(['ers-asid-planner', 'ers-golive-pack'].map((t) => customElements.whenDefined(t)));
    this.#planner = document.querySelector('ers-asid-planner');
    this.#pack = document.querySelector('ers-golive-pack');
    store.onError = (error) => this.#notice(error.message, 'error');
    const restored = store.loadText();
    // The restore is timed from here, once the engine (the rules module) is loaded: loading it
    // is page start-up, shared by every element. With nothing to restore, it loads when first
    // needed (below), so the first load carries only what the first screen uses.
    this.#showClear();
    if (restored) await loadErs();
    const started = performance.now();
    if (restored) {
      try {
        // The browser's copy is read as a project file is: checked field by field.
        const view = await ersHeavy('openProjectView', restored.text);
        const read = performance.now();
        const { project } = view;
        await this.#apply(project, { view, savedAt: restored.savedAt });
        this.#showClear();
        this.timings = { restoreMs: performance.now() - started, readMs: read - started };
        const what = project.product ? `your go-live for ${project.product}` : 'your go-live';
        this.#notice(`Restored ${what}, saved ${restored.savedAt ? timeAgo(restored.savedAt) : 'earlier'}. It is kept in this browser only: save the project file to keep a copy.`, 'ok');
      } catch (error) {
        this.#notice(`Your saved go-live could not be restored: ${error.message}. Open a project file, or start again.`, 'error');
      }
    }
    this.#planner?.addEventListener('ers-plan', () => this.#onPlan());
    this.#pack?.addEventListener('ers-pack-input', (e) => this.#onPackInput(e.detail));
    store.subscribe(({ source }) => {
      this.#scheduleStatus();
      this.#showClear();
      if (!['planner', 'pack', 'file', 'restore', 'clear', 'details'].includes(source)) {
        // Another part of the page wrote details (the key generator, maybe 1,500 kids in a row):
        // show them in the pack once, a moment after the last.
        clearTimeout(this.#refreshTimer);
        this.#refreshTimer = setTimeout(() => this.#refreshPackDetails(), 50);
      }
    });
    // Where you are: the project's status is the rules module's. A new project's flow (every
    // step to do) is shown until then; the status comes when the module is first needed: the
    // user does anything on the page, another element loads it, or there was a project to restore.
    rulesWanted(this.#root, { near: false, page: true }).then(() => this.#scheduleStatus(0));
    window.ersWorkspace = this;
  }

  // ---------------------------------------------------------------------------------- building

  #build() {
    const p = this.#parts;
    p.summary = errorSummary(uid('workspace-errors'));
    p.notice = h('div', { class: 'ers-workspace__notice', role: 'status' });
    p.file = h('input', { type: 'file', accept: '.json,application/json', class: 'ers-visually-hidden', tabindex: '-1', 'aria-hidden': 'true', onchange: () => this.#openFile() });
    p.save = h('button', { type: 'button', class: 'ers-button', text: 'Save project file', onclick: () => this.saveFile() });
    p.open = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Open project file', onclick: () => p.file.click() });
    p.print = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Print', onclick: () => window.print() });
    p.clear = h('button', { type: 'button', class: 'ers-button ers-button--warning', text: 'Clear everything', onclick: () => this.#clearAsk() });
    // Nothing to clear on an empty page: the red button is not shown until there is.
    p.clear.hidden = true;
    p.flow = h('ol', { class: 'ers-flow' });
    p.live = liveRegion();
    // Where you are first (its first step is the first action), then the project file.
    this.#root.replaceChildren(
      p.summary,
      p.notice,
      h('h3', { class: 'ers-workspace__flow-title', text: 'Where you are in Stage 4' }),
      p.flow,
      h('p', { class: 'ers-hint', text: 'Your go-live is kept in this browser as you go and comes back when you return. It never holds a private key, a passphrase or a client secret. Save the project file to keep a copy or carry on elsewhere.' }),
      h('div', { class: 'ers-button-group ers-workspace__actions' }, p.save, p.open, p.print, p.clear),
      p.file,
      p.live);
    this.#renderFlow(NEW_FLOW);
    const details = document.querySelector('[data-ers-details]');
    if (details) this.#buildDetails(details);
  }

  /** "Fill in the details in a spreadsheet": the plan's CSV to download, and to import filled. */
  #buildDetails(box) {
    const p = this.#parts;
    const id = uid('details-file');
    p.detailsFile = h('input', { type: 'file', id, accept: '.csv,.tsv,.txt,text/csv,text/plain', 'aria-describedby': `${id}-hint`, onchange: () => this.#importDetails() });
    p.detailsReport = h('div', { class: 'ers-details-io__report', hidden: true });
    p.detailsSummary = errorSummary(uid('details-errors'));
    box.replaceChildren(
      h('h3', { text: 'Fill in the details in a spreadsheet' }),
      h('p', { class: 'ers-hint', text: 'For many applications: download the plan as CSV, fill in the ASID, AppID, API key, kid and JWKS URL columns of each application’s row, and import the file here. Rows are matched by application name. Never put a client secret or a private key in it.' }),
      p.detailsSummary,
      h('div', { class: 'ers-button-group' },
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Download the plan CSV to fill in', onclick: () => this.#downloadDetails() })),
      h('div', { class: 'ers-field' },
        h('label', { for: id, text: 'Import the filled CSV' }),
        h('span', { class: 'ers-hint', id: `${id}-hint`, text: 'The plan’s CSV as you filled it, or any CSV with an application name column. It is read in this browser and sent nowhere.' }),
        p.detailsFile),
      p.detailsReport);
  }

  async #downloadDetails() {
    const p = this.#parts;
    clearErrors(p.detailsReport.parentElement, p.detailsSummary);
    try {
      const text = await ersHeavyFile('projectPlanCsv', store.project);
      download(`ers-golive-plan-${slug(store.project.product)}.csv`, text, 'text/csv;charset=utf-8');
      p.live.announce('Plan CSV file ready.', 0);
    } catch (error) {
      showErrors(p.detailsReport.parentElement, p.detailsSummary, [{ message: `${error.message}. Make the plan first, in ASIDs & applications.` }]);
    }
  }

  async #importDetails() {
    const p = this.#parts;
    const file = p.detailsFile.files?.[0];
    if (!file) return;
    p.detailsFile.value = '';
    let bytes;
    try {
      bytes = await readFileWithin(file, 'details', 'bytes');
    } catch (error) {
      clearErrors(p.detailsReport.parentElement, p.detailsSummary);
      showErrors(p.detailsReport.parentElement, p.detailsSummary, [{ message: `Could not import ${file.name}: ${error.message}` }]);
      return;
    }
    await this.importDetails(bytes, file.name);
  }

  /** Merges a filled CSV (text or bytes) into the project; reports rows by line. */
  async importDetails(input, source = 'the file') {
    const p = this.#parts;
    clearErrors(p.detailsReport.parentElement, p.detailsSummary);
    let result;
    try {
      result = await ersHeavy('projectImportDetails', store.project, input);
    } catch (error) {
      showErrors(p.detailsReport.parentElement, p.detailsSummary, [{ message: `Could not import ${source}: ${error.message}` }]);
      return null;
    }
    const before = new Map(store.project.applications.map((a) => [a.name, JSON.stringify(a)]));
    const filled = result.project.applications.filter((a) => before.get(a.name) !== JSON.stringify(a)).length;
    try {
      store.replace(result.project, 'details');
    } catch (error) {
      // The module refuses a file holding a secret first; the store refuses one too, shown alike.
      showErrors(p.detailsReport.parentElement, p.detailsSummary, [{ message: `Could not import ${source}: ${error.message}` }]);
      return null;
    }
    if (this.#pack) {
      const current = this.#pack.request;
      const request = await this.#packRequest(store.project);
      request.done = current.done;
      request.contact = current.contact;
      this.#pack.request = request;
    }
    const problems = result.problems;
    const errors = problems.filter((x) => x.severity === 'error').length;
    p.detailsReport.className = `ers-details-io__report ers-notice ${problems.length ? 'ers-notice--warning' : 'ers-notice--ok'}`;
    p.detailsReport.replaceChildren(
      h('p', { text: `Imported ${source}: details filled in for ${number.format(filled)} application${filled === 1 ? '' : 's'}.${problems.length ? ` ${number.format(problems.length)} row${problems.length === 1 ? ' needs' : 's need'} a look${errors ? ` (${errors} not read)` : ''}:` : ''}` }),
      problems.length ? h('ul', {}, problems.map((x) => h('li', {},
        h('span', { class: 'ers-visually-hidden', text: x.severity === 'error' ? 'Error: ' : 'Warning: ' }),
        h('span', { class: 'ers-diagnostic__code', text: x.code }), ' ', ...withCode(x.message), ...(x.help ? withCode(`. ${capitalise(x.help)}.`) : [])))) : '');
    p.detailsReport.hidden = false;
    p.live.announce(`Details filled in for ${filled} applications.`, 0);
    return result;
  }

  #notice(text, kind = 'ok') {
    const p = this.#parts;
    p.notice.replaceChildren(text ? h('p', { class: `ers-notice ers-notice--${kind}`, text }) : '');
  }

  // ----------------------------------------------------------------------------- the project

  /** Puts a project into the planner and the pack (the store already holds it, or will). */
  async #apply(project, { view: given, savedAt } = {}) {
    this.#applying = true;
    try {
      // Restored from this browser: held as it is, not saved again; from a file: saved now.
      if (given) store.adopt(project, savedAt);
      else store.replace(project, 'restore');
      const planner = this.#planner;
      const pack = this.#pack;
      // One reading of the project gives both the planner's and the pack's requests.
      const view = given ?? await ersHeavy('projectView', project);
      if (planner?.setInputs) {
        await planner.setInputs(view.planRequest);
        if (project.euos.length && project.access.length && project.product.trim()) {
          try {
            await planner.planNow({ quiet: true });
            this.#keysFollow();
          } catch {
            // the planner shows its errors
          }
        }
      }
      if (pack) {
        pack.request = this.#withDetails(view.packRequest ?? { product: project.product, supplier: project.supplier, applications: [] }, project);
        await pack.checked;
      }
    } finally {
      this.#applying = false;
    }
    this.#scheduleStatus(0);
  }

  /** Puts a checked project (openProject's result) into the page; resolves once the plan is
   *  made and the pack checked. What happens on load with a saved project. */
  restore(project, view) {
    return this.#apply(project, view ? { view } : {});
  }

  /** The pack's request for the project: the planned applications with their details. */
  async #packRequest(project) {
    let request;
    try {
      request = await ersHeavy('projectPackRequest', project);
    } catch {
      request = { product: project.product, supplier: project.supplier, applications: [], done: [] };
    }
    return this.#withDetails(request, project);
  }

  /** The project's ticks and contact in a pack request (the module's request holds every
   *  application's details already). */
  #withDetails(request, project) {
    request.done = project.done.filter((d) => !MANUAL.has(d));
    request.contact = project.contact;
    return request;
  }

  /** The planner made a plan: its inputs go into the project, the applications line up. */
  async #onPlan() {
    if (this.#applying) return;
    // Each piece of work in its own task, not one long one after the plan's (a 1,500-
    // application plan, its project, pack and key set in one task held the page 0.25 s).
    await nextTask();
    const inputs = this.#planner.inputs;
    const draft = { ...store.project, ...inputs };
    let synced;
    try {
      synced = await ersHeavy('syncProject', draft);
    } catch {
      return; // the planner shows why no plan could be made
    }
    store.replace(synced, 'planner');
    await nextTask();
    if (this.#pack) {
      const request = await this.#packRequest(synced);
      await nextTask();
      const current = this.#pack.request;
      request.done = current.done;
      request.contact = current.contact;
      this.#pack.request = request;
    }
    await nextTask();
    this.#keysFollow();
  }

  /** One plan through every section: the key set takes the planner's plan too, without another
   *  press (keys made and not yet saved stay with their applications). */
  #keysFollow() {
    const keySet = document.querySelector('ers-key-set');
    if (typeof keySet?.usePlannerPlan === 'function' && this.#planner?.plan) keySet.usePlannerPlan().catch(() => {});
  }

  /** The user changed something in the pack: exactly that goes into the project. */
  #onPackInput(detail) {
    if (this.#applying) return;
    if (detail.application !== undefined) {
      const to = DETAIL_KEYS.find(([from]) => from === detail.field)?.[1];
      const name = String(detail.application ?? '').trim();
      try {
        if (to && name) store.updateApplication(name, { [to]: detail.value }, 'pack');
      } catch (error) {
        // A private key typed into a detail: never kept; the pack shows the refusal on the
        // field (ERS-G027), and the live region says it was not kept.
        if (error?.code !== 'project-secret') throw error;
        this.#parts.live?.announce('That detail holds a private key: it was not kept.', 0);
      }
      return;
    }
    store.update((project) => {
      if (detail.done) project.done = [...project.done.filter((d) => MANUAL.has(d)), ...detail.done];
      if (detail.contact !== undefined) project.contact = detail.contact;
    }, 'pack');
  }

  /** Another part of the page (the key generator) wrote details: show them in the pack. */
  #refreshPackDetails() {
    const pack = this.#pack;
    if (!pack || this.#applying) return;
    const request = pack.request;
    let changed = false;
    for (const app of request.applications) {
      const saved = store.application(app.name);
      if (!saved) continue;
      for (const [from, to] of DETAIL_KEYS) {
        if (saved[to] && saved[to] !== app[from]) {
          app[from] = saved[to];
          changed = true;
        }
      }
    }
    if (changed) pack.request = request;
  }

  // ------------------------------------------------------------------------------ the files

  /** Saves the project file (the module writes it, version 1). */
  async saveFile() {
    store.flush();
    try {
      const text = await ersHeavyFile('projectToJson', store.project);
      download(`ers-golive-project-${slug(store.project.product)}.json`, text, 'application/json');
      this.#parts.live.announce('Project file ready.', 0);
    } catch (error) {
      this.#showError(error);
    }
  }

  async #openFile() {
    const p = this.#parts;
    const file = p.file.files?.[0];
    p.file.value = '';
    if (!file) return;
    // The file's size is checked against the project file's limit before a byte is read.
    // Its bytes: a big file is decoded and read in the worker, never as one string here.
    let bytes;
    try {
      bytes = await readFileWithin(file, 'project', 'bytes');
    } catch (error) {
      clearErrors(this.#root, p.summary);
      this.#showError(error, file.name);
      return;
    }
    await this.openText(bytes, file.name);
  }

  /** Opens a project file's text (or its UTF-8 bytes): checked by the module, then it replaces
   *  the current project. */
  async openText(text, source = 'the file') {
    const p = this.#parts;
    clearErrors(this.#root, p.summary);
    let project;
    try {
      project = typeof text === 'string' ? await ersHeavy('openProject', text) : await ersHeavyUtf8('openProject', text);
    } catch (error) {
      this.#showError(error, source);
      return false;
    }
    if (!isEmptyProject(store.project)) {
      const what = store.project.product ? `your go-live for ${store.project.product}` : 'your current go-live';
      const choice = await ask(p.open, `Replace ${what} with the one in ${source}? What is in this browser now is lost unless you saved it.`, [{ label: 'Yes, open the file', value: 'open', warning: true }]);
      if (choice !== 'open') return false;
    }
    await this.#apply(project);
    const what = project.product ? ` for ${project.product}` : '';
    this.#notice(`Opened the go-live${what} from ${source}.`, 'ok');
    p.live.announce(`Opened ${source}.`, 0);
    return true;
  }

  #showError(error, source) {
    const p = this.#parts;
    const message = source ? `Could not open ${source}: ${error.message}` : error.message;
    showErrors(this.#root, p.summary, [{ message }]);
  }

  async #clearAsk() {
    const p = this.#parts;
    const choice = await ask(p.clear, 'Clear everything? This removes your go-live from this browser: the plan, the organisations, every ASID, AppID, API key, kid and tick. Save the project file first to keep a copy.', [{ label: 'Yes, clear everything', value: 'clear', warning: true }]);
    if (choice !== 'clear') return;
    await this.clearEverything();
  }

  /** Forgets the project and empties the planner and the pack. */
  async clearEverything() {
    this.#applying = true;
    try {
      store.clear('clear');
      this.#planner?.reset?.();
      if (this.#pack) this.#pack.request = { product: '', supplier: '', applications: [], done: [], contact: '' };
    } finally {
      this.#applying = false;
    }
    this.#notice('Everything is cleared: nothing of your go-live is left in this browser.', 'ok');
    this.#parts.live.announce('Everything is cleared.', 0);
    this.#scheduleStatus(0);
  }

  /** "Clear everything" only while there is something to clear. */
  #showClear() {
    this.#parts.clear.hidden = isEmptyProject(store.project);
  }

  // ------------------------------------------------------------------------------- the flow

  #scheduleStatus(delay = STATUS_DELAY_MS) {
    clearTimeout(this.#statusTimer);
    this.#statusTimer = setTimeout(() => this.#updateStatus(), delay);
  }

  async #updateStatus() {
    try {
      this.#status = await ersHeavy('projectStatus', store.project);
    } catch {
      return;
    }
    this.#renderFlow(this.#status.flow);
    document.dispatchEvent(new CustomEvent('ers-project-status', { detail: this.#status }));
  }

  #renderFlow(flow) {
    const p = this.#parts;
    const current = flow.find((s) => !s.done)?.id;
    // Each step is numbered as Stage 4 numbers it (the checklist's and the sections' numbers);
    // a step this tool verifies says what it verified, a step only the user can do is theirs
    // to tick.
    p.flow.replaceChildren(...flow.map((step) => {
      const id = uid('flow');
      const state = step.done ? (step.manual ? 'Done' : 'Verified') : step.id === current ? 'Next' : 'To do';
      const tick = step.manual && step.tick
        ? h('div', { class: 'ers-checkbox ers-flow__tick' },
          h('input', { type: 'checkbox', id, checked: step.done, 'aria-describedby': `${id}-detail`, onchange: (e) => this.#tick(step.id, e.target.checked) }),
          h('label', { for: id, text: step.tick }))
        : null;
      return h('li', { class: `ers-flow__step ers-flow__step--${step.done ? 'done' : step.id === current ? 'current' : 'todo'}`, 'aria-current': step.id === current ? 'step' : null, 'data-step': step.id },
        h('span', { class: 'ers-flow__state', text: state }),
        h('div', { class: 'ers-flow__body' },
          h('a', { href: FLOW_LINKS[step.id], class: 'ers-flow__link' }, h('span', { class: 'ers-step', text: step.rule }), ' ', step.title),
          h('p', { class: 'ers-hint ers-flow__detail', id: `${id}-detail`, text: step.detail },
            step.link ? [' ', h('a', { href: step.link, rel: 'noreferrer', target: '_blank', text: 'Open the developer hub (opens in a new tab)' })] : null),
          tick));
    }));
  }

  #tick(id, done) {
    store.update((project) => {
      project.done = project.done.filter((d) => d !== id);
      if (done) project.done.push(id);
    }, 'flow');
  }
}

const root = document.querySelector('[data-ers-workspace]');
if (root) {
  new Workspace(root).start().catch((error) => {
    root.replaceChildren(h('p', { class: 'ers-notice ers-notice--error', text: `The workspace could not start: ${error.message}` }));
  });
}
