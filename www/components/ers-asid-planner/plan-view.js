// The planner's plan view: the figures, the notes (grouped by code, with their fixes), the
// downloads and the paged table of ASIDs, read a page at a time from the plan the worker keeps.
// A plain class the planner composes; what it cannot do itself (download, show an organisation,
// remove the repeated ones, show an error) it asks of the planner through `hooks`.

import { pager } from '../../js/actions.js';
import { h, withCode } from '../../js/ui.js';

/** The plan table's columns (each cell's data-label on a narrow screen). */
const PLAN_COLUMNS = ['Organisation', 'ASID (4.16, 4.17)', 'Access', 'PROD application (4.14)', 'API (4.15)', 'Key pair (4.2)'];

export const FORMATS = {
  csv: { method: 'toCsv', bytes: 'toCsvBytes', ext: 'csv', type: 'text/csv;charset=utf-8', label: 'Download CSV' },
  json: { method: 'toJson', bytes: 'toJsonBytes', ext: 'json', type: 'application/json', label: 'Download JSON' },
  markdown: { method: 'toMarkdown', bytes: 'toMarkdownBytes', ext: 'md', type: 'text/markdown;charset=utf-8', label: 'Download Markdown' },
};

const number = new Intl.NumberFormat('en-GB');

export class PlanView {
  /** The plan's summary shown, the worker's handle to it, and the organisations it repeats. */
  plan = null;
  handle = null;
  repeated = [];
  page = 0;
  parts = {};

  /**
   * `hooks`: `download(format)`, `showEuo(index)`, `euoCount()`, `removeDuplicates(anchor)`,
   * `failed(error)`, `pageSize()`.
   */
  constructor(hooks) {
    this.hooks = hooks;
  }

  /** The result section (hidden until a plan is shown), its heading's id `${id}-title`. */
  build(id) {
    const p = this.parts;
    p.stale = h('p', { class: 'ers-notice ers-notice--warning', hidden: true, text: 'The inputs have changed since this plan was made: plan again to update it. The downloads match the plan shown.' });
    p.figures = h('ul', { class: 'ers-summary-figures' });
    p.exports = h('div', { class: 'ers-button-group' },
      Object.entries(FORMATS).map(([format, f]) =>
        h('button', { type: 'button', class: 'ers-button ers-button--secondary', 'data-format': format, text: f.label, onclick: () => this.hooks.download(format) })));
    p.notes = h('ul', { class: 'ers-diagnostics ers-asid-planner__notes' });
    p.planBody = h('tbody');
    p.planPager = pager('ASIDs', (page) => {
      this.page = page;
      this.renderPage();
    }, { block: 'ers-asid-planner' });
    p.result = h('section', { class: 'ers-asid-planner__result', id, hidden: true, 'aria-labelledby': `${id}-title`, part: 'result' },
      h('h3', { id: `${id}-title`, text: 'Your go-live plan' }),
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
    return p.result;
  }

  /** Says the plan shown no longer matches the inputs (when there is one). */
  markStale() {
    if (this.plan) this.parts.stale.hidden = false;
  }

  /** Forgets the plan and hides the section. */
  clear() {
    this.handle?.free();
    this.handle = null;
    this.plan = null;
    this.parts.result.hidden = true;
    this.parts.stale.hidden = true;
  }

  /** Shows `handle`'s plan from its first page (the previous handle is freed). */
  async show(handle) {
    this.handle?.free();
    this.handle = handle;
    this.plan = handle.summary;
    this.repeated = handle.repeated;
    this.page = 0;
    const p = this.parts;
    const t = this.plan.totals;
    const figure = (value, label) => h('li', {}, h('strong', { text: number.format(value) }), label);
    p.figures.replaceChildren(
      figure(t.euos, 'end-user organisations'),
      figure(t.asids, 'ASIDs to request (4.16, 4.17)'),
      figure(t.applications, 'PROD applications (4.14–4.16)'),
      figure(t.keyPairs, 'key pairs (4.2)'),
    );
    this.#renderNotes();
    p.result.hidden = false;
    await this.renderPage();
  }

  /** The notes, one per code where a code repeats: "50 organisations … — Remove duplicates". */
  #renderNotes() {
    const groups = new Map();
    for (const n of this.plan.notes) {
      if (!groups.has(n.code)) groups.set(n.code, []);
      groups.get(n.code).push(n);
    }
    const items = [];
    for (const [code, list] of groups) {
      if (list.length > 1) items.push(this.#noteGroup(code, list));
      else {
        const item = this.#note(list[0]);
        if (code === this.plan.duplicateCode && this.repeated.length) item.append(this.#duplicatesFix());
        items.push(item);
      }
    }
    this.parts.notes.replaceChildren(...items);
  }

  #noteGroup(code, list) {
    const first = list[0];
    const repeated = code === this.plan.duplicateCode ? this.repeated.length : 0;
    const heading = repeated
      ? `${number.format(repeated)} organisation${repeated === 1 ? ' is' : 's are'} in the list twice (the same name and ODS code): each gets its ASIDs twice.`
      : `${number.format(list.length)} notes like this one: ${first.message}`;
    return h('li', { class: `ers-diagnostic ers-diagnostic--${first.severity} ers-asid-planner__note ers-asid-planner__group`, 'data-code': code },
      noteHead(first.severity, code, first.rule),
      h('p', { class: 'ers-diagnostic__message' }, ...withCode(heading)),
      first.help ? h('p', { class: 'ers-diagnostic__help' }, ...withCode(first.help)) : null,
      repeated ? this.#duplicatesFix() : null,
      h('details', { class: 'ers-details' }, h('summary', { text: `Show all ${number.format(list.length)}` }),
        h('ul', { class: 'ers-diagnostics' }, list.map((n) => this.#note(n)))));
  }

  #duplicatesFix() {
    return h('div', { class: 'ers-button-group' },
      h('button', { type: 'button', class: 'ers-button ers-button--secondary', 'data-fix': 'remove-duplicates', text: 'Remove duplicates', onclick: (e) => this.hooks.removeDuplicates(e.currentTarget) }));
  }

  #note(n) {
    return h('li', { class: `ers-diagnostic ers-diagnostic--${n.severity} ers-asid-planner__note` },
      noteHead(n.severity, n.code, n.rule),
      h('p', { class: 'ers-diagnostic__message' }, ...withCode(n.message)),
      n.help ? h('p', { class: 'ers-diagnostic__help' }, ...withCode(n.help)) : null,
      Number.isInteger(n.euoIndex) && n.euoIndex < this.hooks.euoCount()
        ? h('button', {
          type: 'button',
          class: 'ers-button ers-button--secondary ers-asid-planner__show',
          text: `Show organisation ${number.format(n.euoIndex + 1)} in the list`,
          onclick: () => this.hooks.showEuo(n.euoIndex),
        })
        : null);
  }

  /** Reads the page asked for from the worker and shows it with the pager. */
  async renderPage() {
    const size = this.hooks.pageSize();
    const handle = this.handle;
    const total = this.plan.totals.asids;
    const page = Math.max(0, Math.min(this.page, Math.ceil(total / size) - 1));
    this.page = page;
    let slice;
    try {
      slice = await handle.rows(page * size, size);
    } catch (error) {
      this.hooks.failed(error);
      return;
    }
    // Another page or another plan was asked for meanwhile: that one is shown.
    if (handle !== this.handle || page !== this.page) return;
    // The pager and the rows change together, once the rows are here.
    this.parts.planPager.update(page, total, size);
    this.parts.planBody.replaceChildren(...slice.map((row) => planRow(row, this.plan.keyPair)));
  }
}

function noteHead(severity, code, rule) {
  return h('div', { class: 'ers-diagnostic__head' },
    h('span', { class: 'ers-diagnostic__severity', text: severity }),
    h('span', { class: 'ers-diagnostic__code', text: code }),
    h('span', { class: 'ers-diagnostic__rule', text: `Rule ${rule}` }));
}

/** One ASID and its application, each cell labelled by its column (for the narrow layout). */
function planRow({ asid, application: app }, keyPair) {
  const access = asid.accessMode === null
    ? `APIM platform services: ${(asid.services ?? []).join(', ')}`
    : asid.capability ? `${asid.accessMode}, ${asid.capability}` : asid.accessMode;
  const cells = [
    [asid.organisation, asid.odsCode ? h('div', { class: 'ers-asid-planner__ods-cell', text: asid.odsCode }) : null],
    [h('span', { class: 'ers-asid-planner__name', text: asid.name }), ' ', h('span', { class: 'ers-rule', text: `(${asid.rule})` })],
    [access, asid.businessFunction ? h('div', { class: 'ers-asid-planner__bf', text: asid.businessFunction }) : null],
    [app ? h('span', { class: 'ers-asid-planner__name', text: app.name }) : h('span', { class: 'ers-hint', text: 'No e-RS application: those services are onboarded separately.' })],
    app ? [app.api] : [],
    app ? [`${app.keyPairs} (RSA ${keyPair.bits}, ${keyPair.alg})`] : [],
  ];
  return h('tr', {}, ...cells.map((content, i) => h('td', { 'data-label': PLAN_COLUMNS[i] }, ...content)));
}
