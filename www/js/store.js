// The go-live project, kept in this browser as you go (localStorage), and its small API.
//
// The project is a plain object in the shape of the project file (`"format":
// "ers-golive-project"`, `"version": 1`, snake_case; see crates/ers-rules/src/project.rs):
//
//   { product, supplier, contact, euos: [{ name, ods_code }], access: ['user-restricted', …],
//     services: [{ name, platform }], app_name_pattern, asid_name_pattern, applications: [{ name,
//     …the record's fields (details.js: asid, app_id, api_key, kid, thumbprint, jwks_url…) }],
//     done: ['4.11', 'test', …] }
//
// What goes where (after Excalidraw's per-key table): every field above goes to the browser and
// to the project file; nothing else does. A private key, a passphrase or a client secret never
// reaches the store: `update` and `updateApplication` take only the fields above and refuse a
// value that holds a private key, in any field (names and lists included). The store decides no
// rule; it only keeps and saves.
//
// API (for the page and the other components):
//   import { store } from '../../js/store.js';
//   store.project                       the project (read it; change it through the calls below)
//   store.savedAt                       when it was last saved in the browser (ms), or null
//   store.load()                        reads the saved project: { project, savedAt } or null
//   store.loadText()                    the saved project file's text: { text, savedAt } or null
//                                       (for the module to read and check; then adopt it)
//   store.adopt(project)                takes a project just read from the browser, unsaved
//   store.replace(project)              takes a whole project (e.g. an opened file) and saves it
//   store.update(fn)                    fn(project) changes it; saved a moment later (debounced)
//   store.updateApplication(name, fields)
//                                       sets fields of the application with this name, e.g.
//                                       { kid: 'prod-1', thumbprint: '…' }; adds it if missing;
//                                       returns true when something changed
//   store.application(name)             the application with this name, or undefined
//   store.flush()                       saves now (also done on pagehide and when hidden)
//   store.clear()                       forgets the project, in memory and in the browser
//   store.subscribe(listener)           listener({ project, source }) after every change;
//                                       returns a function that unsubscribes
//   store.onError = (error) => …        called when the browser refuses to save (quota…)
//
// Changes carry a `source` (a short string such as 'planner', 'pack', 'keys') so a component can
// ignore the changes it made itself.

import { FILE_FIELDS } from './details.js';

export const STORAGE_KEY = 'ers-golive:project';
export const FORMAT = 'ers-golive-project';
export const VERSION = 1;
export const SAVE_DELAY_MS = 400;
/** Over this many organisations and applications, a save is written in slices of SLICE. */
const BIG_PROJECT = 20_000;
const SLICE = 2_000;
/** The most text a browser keeps for one origin in localStorage: 5 Mi characters (Chromium's
 *  10 MiB of UTF-16, Firefox's and Safari's 5 MB). A longer save is refused by every browser,
 *  after a long copy of the text: it is not tried (the page says to save the project file). */
export const STORAGE_MAX_CHARS = 5 * 1024 * 1024;

/** The fields a project application may hold besides its name (the record's, details.js):
 *  nothing secret. */
export const APPLICATION_FIELDS = FILE_FIELDS;
const PROJECT_FIELDS = ['product', 'supplier', 'contact', 'euos', 'access', 'services', 'app_name_pattern', 'asid_name_pattern', 'applications', 'done'];

/** An empty project. */
export function emptyProject() {
  return { product: '', supplier: '', contact: '', euos: [], access: [], services: [], app_name_pattern: '', asid_name_pattern: '', applications: [], done: [] };
}

/** An application with a name and nothing else. */
export function blankApplication(name) {
  return { name, ...Object.fromEntries(APPLICATION_FIELDS.map((key) => [key, ''])) };
}

/** True when `value` holds a private key: a PEM of any kind (`PRIVATE KEY` in its label) or a
 *  private JWK (`"kty"` and a `"d"` member), as the core's `secret_in` says. Most values are
 *  short or empty: only text that could hold the words is searched, each search one pass. */
const holdsSecret = (value) => typeof value === 'string' && value.length >= 11
  && (value.includes('PRIVATE KEY') || (value.includes('"kty"') && /"d"\s*:/.test(value)));

function refuseSecret(value, where) {
  if (holdsSecret(value)) {
    throw Object.assign(new Error(`${where} would hold a private key: a project never keeps private keys`), { name: 'ErsError', code: 'project-secret' });
  }
}

/** A copy holding only the project's fields, each of its type. A value holding a private key,
 *  in any field, is refused (an `ErsError`, code `project-secret`, naming the field, never the
 *  value) — or, with `{ scrub: true }`, left out (emptied) instead. */
export function cleanProject(input, { scrub = false } = {}) {
  const p = emptyProject();
  const text = (v) => (typeof v === 'string' ? v : v == null ? '' : String(v));
  p.product = text(input?.product);
  p.supplier = text(input?.supplier);
  p.contact = text(input?.contact);
  // The naming patterns (4.14, 4.16); empty for the defaults.
  p.app_name_pattern = text(input?.app_name_pattern ?? input?.appNamePattern);
  p.asid_name_pattern = text(input?.asid_name_pattern ?? input?.asidNamePattern);
  p.euos = Array.from(input?.euos ?? [], (e) => ({ name: text(e?.name), ods_code: text(e?.ods_code ?? e?.odsCode) }));
  p.access = Array.from(input?.access ?? [], text);
  p.services = Array.from(input?.services ?? [], (s) => (typeof s === 'string' ? { name: s, platform: '' } : { name: text(s?.name), platform: text(s?.platform) }));
  p.applications = Array.from(input?.applications ?? [], (a) => {
    const app = blankApplication(text(a?.name));
    for (const key of APPLICATION_FIELDS) app[key] = text(a?.[key]);
    return app;
  });
  p.done = Array.from(input?.done ?? [], text);
  // Every field, the names and every list included. (A field's name is made only for a
  // refusal: 100,000 applications have 700,000 fields.)
  const check = (holder, key, where) => {
    if (!holdsSecret(holder[key])) return;
    if (scrub) holder[key] = '';
    else refuseSecret(holder[key], where());
  };
  for (const key of ['product', 'supplier', 'contact', 'app_name_pattern', 'asid_name_pattern']) check(p, key, () => key);
  const each = (list, name, keys) => list.forEach((item, i) => {
    if (keys === null) check(list, i, () => `${name}[${i}]`);
    else for (const k of keys) check(item, k, () => `${name}[${i}].${k}`);
  });
  each(p.euos, 'euos', ['name', 'ods_code']);
  each(p.access, 'access', null);
  each(p.services, 'services', ['name', 'platform']);
  each(p.applications, 'applications', ['name', ...APPLICATION_FIELDS]);
  each(p.done, 'done', null);
  return p;
}

/** True when the project holds nothing worth keeping. */
export function isEmptyProject(p) {
  return !p.product && !p.supplier && !p.contact && !p.app_name_pattern && !p.asid_name_pattern && !p.euos.length && !p.access.length && !p.services.length
    && !p.applications.some((a) => APPLICATION_FIELDS.some((k) => a[k])) && !p.done.length;
}

/** What #stringifyInSlices gives for a project longer than STORAGE_MAX_CHARS. */
const TOO_BIG = Symbol('too big for localStorage');

/** The browser's localStorage, or null where reading it throws (a frame on another site's page
 *  whose browser blocks third-party storage: the frame page made for embedding). */
function browserStorage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class ProjectStore {
  #project = emptyProject();
  #savedAt = null;
  #timer = 0;
  #dirty = false;
  #listeners = new Set();
  #index = null; // application name → index, rebuilt when the list changes
  #storage;
  onError = null;

  constructor(storage = browserStorage()) {
    this.#storage = storage;
  }

  get project() {
    return this.#project;
  }

  get savedAt() {
    return this.#savedAt;
  }

  /** Reads the saved project, if any: `{ project, savedAt }` (the store now holds it), or null. */
  load() {
    let raw = null;
    try {
      raw = this.#storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
    if (!raw) return null;
    try {
      const saved = JSON.parse(raw);
      if (saved?.format !== FORMAT || !(saved.version >= 1) || saved.version > VERSION) return null;
      this.#project = cleanProject(saved);
      this.#savedAt = Number.isFinite(saved.saved_at) ? saved.saved_at : null;
      this.#index = null;
      return { project: this.#project, savedAt: this.#savedAt };
    } catch {
      return null;
    }
  }

  /** The saved project's text as it is (a project file with `saved_at`), for the module to read
   *  and check in one go: `{ text, savedAt }`, or null. */
  loadText() {
    let text = null;
    try {
      text = this.#storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
    if (!text) return null;
    const at = /"saved_at":(\d+)/.exec(text.slice(0, 200));
    return { text, savedAt: at ? Number(at[1]) : null };
  }

  /** Takes a project just read from the browser's copy: held, not saved again. */
  adopt(project, savedAt = this.#savedAt, source = 'restore') {
    clearTimeout(this.#timer);
    this.#timer = 0;
    this.#dirty = false;
    this.#project = cleanProject(project);
    this.#index = null;
    this.#savedAt = savedAt;
    this.#emit(source);
  }

  /** Takes a whole project and saves it now. */
  replace(project, source = 'file') {
    this.#project = cleanProject(project);
    this.#index = null;
    this.#dirty = true;
    this.flush();
    this.#emit(source);
  }

  /** `fn(project)` changes the project in place; the change is saved a moment later. */
  update(fn, source = 'page') {
    const draft = this.#project;
    fn(draft);
    let refused = null;
    try {
      this.#project = cleanProject(draft);
    } catch (error) {
      // `fn` changed the project in place: what it put in holding a secret is taken out again
      // before anything else can see or save it, and the caller learns why.
      refused = error;
      this.#project = cleanProject(draft, { scrub: true });
    }
    this.#index = null;
    this.#changed(source);
    if (refused) throw refused;
  }

  /** The application with this name, or undefined. */
  application(name) {
    const i = this.#indexOf(name);
    return i === undefined ? undefined : this.#project.applications[i];
  }

  /**
   * Sets fields (APPLICATION_FIELDS: `asid`, `app_id`, `api_key`, `kid`, `thumbprint`…) of the application
   * named `name`, adding it if the project has none of that name. Other keys are refused (a
   * TypeError), as is a value holding a private key. Returns true when something changed.
   */
  updateApplication(name, fields, source = 'page') {
    const key = String(name ?? '').trim();
    if (!key) throw new TypeError('updateApplication needs the application name');
    for (const k of Object.keys(fields ?? {})) {
      if (!APPLICATION_FIELDS.includes(k)) throw new TypeError(`a project application has no field ${k}: use ${APPLICATION_FIELDS.join(', ')}`);
      refuseSecret(fields[k], k);
    }
    let i = this.#indexOf(key);
    if (i === undefined) {
      this.#project.applications.push(blankApplication(key));
      i = this.#project.applications.length - 1;
      this.#index?.set(key, i);
    }
    const app = this.#project.applications[i];
    let changed = false;
    for (const [k, v] of Object.entries(fields)) {
      const value = v == null ? '' : String(v).trim();
      if (app[k] !== value) {
        app[k] = value;
        changed = true;
      }
    }
    if (changed) this.#changed(source);
    return changed;
  }

  /**
   * Saves now, if anything changed since the last save. A big project (over BIG_PROJECT
   * organisations and applications) is written in slices, a task each, so that saving 100,000
   * organisations never blocks the page; `{ now: true }` (when the page is hidden or left)
   * writes it at once.
   */
  flush({ now = false } = {}) {
    clearTimeout(this.#timer);
    this.#timer = 0;
    if (!this.#dirty && !(now && this.#pending)) return;
    this.#dirty = false;
    this.#pending = false;
    const savedAt = Date.now();
    const project = this.#project;
    if (isEmptyProject(project)) {
      this.#write(null, savedAt);
      return;
    }
    const big = project.euos.length + project.applications.length > BIG_PROJECT;
    if (!big || now) {
      this.#writing += 1; // a slow write still under way is outdated
      const record = { format: FORMAT, version: VERSION, saved_at: savedAt };
      for (const key of PROJECT_FIELDS) record[key] = project[key];
      this.#write(JSON.stringify(record), savedAt);
      return;
    }
    const turn = ++this.#writing;
    this.#pending = true;
    this.#stringifyInSlices(project, savedAt, turn).then((text) => {
      if (text === null || turn !== this.#writing) return;
      this.#pending = false;
      this.#write(text, savedAt);
    });
  }

  #writing = 0; // the latest save; an older one still being written is dropped
  #pending = false; // a save is being written in slices

  /** The project file's text as `flush` writes it, made a slice of each list per task; null
   *  when a newer save started meanwhile; TOO_BIG as soon as it is longer than a browser keeps. */
  async #stringifyInSlices(project, savedAt, turn) {
    const out = [`{"format":${JSON.stringify(FORMAT)},"version":${VERSION},"saved_at":${savedAt}`];
    let length = 0;
    for (const key of PROJECT_FIELDS) {
      const value = project[key];
      if (!Array.isArray(value) || value.length <= SLICE) {
        out.push(`,${JSON.stringify(key)}:${JSON.stringify(value)}`);
        continue;
      }
      out.push(`,${JSON.stringify(key)}:[`);
      for (let i = 0; i < value.length; i += SLICE) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (turn !== this.#writing) return null;
        const slice = JSON.stringify(value.slice(i, i + SLICE));
        out.push(i === 0 ? slice.slice(1, -1) : `,${slice.slice(1, -1)}`);
        length += slice.length;
        if (length > STORAGE_MAX_CHARS) return TOO_BIG;
      }
      out.push(']');
    }
    out.push('}');
    return out.join('');
  }

  #write(text, savedAt) {
    try {
      if (text === TOO_BIG || text?.length > STORAGE_MAX_CHARS) {
        throw new RangeError(`the project is over the ${STORAGE_MAX_CHARS} characters a browser keeps`);
      }
      if (text === null) this.#storage?.removeItem(STORAGE_KEY);
      else this.#storage?.setItem(STORAGE_KEY, text);
      this.#savedAt = savedAt;
    } catch (error) {
      this.#dirty = true;
      const why = error instanceof RangeError
        ? 'Your go-live is too big for this browser to keep (over 5 million characters)'
        : 'This browser did not let the page keep your go-live (its storage may be full or turned off)';
      this.onError?.(Object.assign(new Error(`${why}. Save the project file to keep your work.`, { cause: error }), { name: 'ErsError', code: 'storage' }));
    }
  }

  /** Forgets the project, in memory and in the browser. */
  clear(source = 'page') {
    clearTimeout(this.#timer);
    this.#timer = 0;
    this.#dirty = false;
    this.#writing += 1;
    this.#pending = false;
    this.#project = emptyProject();
    this.#index = null;
    this.#savedAt = null;
    try {
      this.#storage?.removeItem(STORAGE_KEY);
    } catch {
      // nothing to remove
    }
    this.#emit(source);
  }

  /** `listener({ project, source })` after every change; returns the unsubscribe function. */
  subscribe(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #indexOf(name) {
    if (!this.#index) {
      this.#index = new Map();
      this.#project.applications.forEach((a, i) => {
        if (!this.#index.has(a.name.trim())) this.#index.set(a.name.trim(), i);
      });
    }
    return this.#index.get(String(name ?? '').trim());
  }

  #changed(source) {
    this.#dirty = true;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
    this.#emit(source);
  }

  #emit(source) {
    for (const listener of this.#listeners) {
      try {
        listener({ project: this.#project, source });
      } catch (error) {
        console.error('ers-golive: a project listener failed', error);
      }
    }
  }
}

/** The page's one store. Saved when the page is hidden or left, so nothing is lost on close. */
export const store = new ProjectStore();

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => store.flush({ now: true }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') store.flush({ now: true });
  });
}
