// The one door from the page to the four wasm modules (built from crates/ers-wasm): rules()
// (plan, pack, project), names() (the name checker alone), keys() and jwt(), each fetched from
// this file's URL and instantiated once, on first use. `ersCall`, `namesCall`, `keysCall` and
// `jwtCall` turn a Rust panic into a readable error.

// Each module's glue (pkg/<name>.js) and wasm are fetched only when first asked for.
const MODULES = {
  names: { name: 'ers_names', what: 'name checker' },
  rules: { name: 'ers_rules', what: 'checking engine' },
  keys: { name: 'ers_keys', what: 'key engine' },
  jwt: { name: 'ers_jwt', what: 'token engine' },
};

const ready = {};

/** Where the modules are: pkg/ beside this file's folder, unless the host said otherwise. */
let pkgBase = new URL('../pkg/', import.meta.url);

/**
 * For a host page that serves the wasm modules from elsewhere: `pkg`, the URL of the folder
 * holding ers_*.js and ers_*_bg.wasm. Call it before an element first needs a module.
 */
export function configureWasm({ pkg } = {}) {
  if (pkg) pkgBase = new URL(String(pkg).replace(/\/?$/, '/'), document.baseURI);
}

function load(which) {
  const { name, what } = MODULES[which];
  if (asked[which] && !ready[which]) queueMicrotask(() => asked[which].dispatchEvent(new Event('asked')));
  ready[which] ??= import(new URL(`${name}.js`, pkgBase).href)
    .then(async (module) => {
      await module.default({ module_or_path: new URL(`${name}_bg.wasm`, pkgBase) });
      return module;
    })
    .catch((cause) => {
      ready[which] = undefined; // let a later call try again
      throw Object.assign(
        new Error(
          `The ${what} (WebAssembly) could not be loaded. Reload the page; if it still fails, ` +
            'your browser may block WebAssembly.',
          { cause },
        ),
        { name: 'ErsError', code: 'wasm-load' },
      );
    });
  return ready[which];
}

/** Resolves to the initialised names module (checkName, buildName, nameCodes): the name checker
 *  alone, a fraction of the rules module's size. */
export function names() {
  // The rules module has everything the names module has: once a page has it (the planner or
  // the pack was used), it serves names too. Until then the name checker needs only its own.
  if (ready.rules) return load('rules');
  return load('names');
}

/** Told when a module is first asked for (by anyone): every `wanted(which, …)` resolves. */
const asked = { rules: new EventTarget(), keys: new EventTarget() };

/** The browser's saved project (js/store.js's STORAGE_KEY): restoring it needs the rules module. */
function savedProject() {
  try {
    return globalThis.localStorage?.getItem('ers-golive:project') != null;
  } catch {
    return false; // storage blocked: nothing to restore
  }
}

/**
 * Resolves once the page's layout has settled: the document has loaded and every custom element
 * in it then is defined (or 3 s have passed, so that one that never loads stops nothing), and a
 * frame has been drawn since. Before that, an element lower down may sit briefly near the top,
 * above elements not yet rendered, and look near the viewport when it is not.
 */
let layoutSettled;
function settledLayout() {
  layoutSettled ??= (async () => {
    if (document.readyState !== 'complete') {
      await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
    }
    // Only custom elements can be undefined.
    const tags = new Set([...document.querySelectorAll(':not(:defined)')].map((el) => el.localName));
    const defined = Promise.all([...tags].map((tag) => customElements.whenDefined(tag)));
    await Promise.race([defined, new Promise((resolve) => setTimeout(resolve, 3000))]);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  })();
  return layoutSettled;
}

/**
 * Resolves when the element `el` first needs module `which` ('rules' or 'keys'), so that a
 * page's first load carries only what its first screen uses: when the module is loaded or
 * asked for by anything else; when the user interacts with `el` (pointer, key, focus), or with
 * the page at all if `page` is true; when `el` comes near the viewport (unless `near` is
 * false); when the address's #fragment is `el` or a section holding it; before printing; and,
 * for the rules module, when a saved project waits to be restored. The module starts loading then.
 */
function wanted(which, el, { near = true, page = false } = {}) {
  return new Promise((resolve) => {
    const cleanups = [];
    const want = () => {
      for (const cleanup of cleanups.splice(0)) cleanup();
      resolve();
      load(which).catch(() => {}); // a failure is reported by the element's own call
    };
    if (ready[which] || (which === 'rules' && savedProject())) return want();
    const on = (target, type) => {
      target.addEventListener(type, want, { capture: true, passive: true });
      cleanups.push(() => target.removeEventListener(type, want, { capture: true }));
    };
    on(asked[which], 'asked');
    for (const type of ['pointerdown', 'keydown', 'focusin', 'touchstart']) on(el, type);
    if (page) for (const type of ['pointerdown', 'keydown', 'focusin', 'touchstart', 'wheel', 'scroll']) on(window, type);
    on(window, 'beforeprint');
    const targeted = () => {
      const id = decodeURIComponent(location.hash.slice(1));
      const target = id && document.getElementById(id);
      return target && (target === el || target.contains(el));
    };
    if (targeted()) return want();
    const onHash = () => targeted() && want();
    window.addEventListener('hashchange', onHash);
    cleanups.push(() => window.removeEventListener('hashchange', onHash));
    if (near && 'IntersectionObserver' in globalThis) {
      let stopped = false;
      cleanups.push(() => (stopped = true));
      // Watched once the layout has settled, so that where `el` stands is where the user sees it.
      settledLayout().then(() => {
        if (stopped) return;
        const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && want(), {
          rootMargin: '0px 0px 200px 0px',
        });
        seen.observe(el);
        cleanups.push(() => seen.disconnect());
      });
    }
  });
}

/** When `el` first needs the rules module (~225 KB gzipped): see `wanted`. */
export function rulesWanted(el, options) {
  return wanted('rules', el, options);
}

/** When `el` first needs the keys module (~220 KB gzipped): see `wanted`. */
export function keysWanted(el, options) {
  return wanted('keys', el, options);
}

/** Resolves to the initialised rules module (checkName, planGoLive, goLivePack, …). */
export function rules() {
  return load('rules');
}

/** Resolves to the initialised keys module (generateKeyPair, checkKeyOptions, appendToJwks,
 *  checkJwks). */
export function keys() {
  return load('keys');
}

/** Resolves to the initialised JWT module (signClientAssertion, checkClientAssertion,
 *  checkTokenRequest). */
export function jwt() {
  return load('jwt');
}

/** Any module, for what every module has (version, limits, limitMessage): one the page has
 *  loaded already, else the smallest. */
export function anyModule() {
  for (const which of ['rules', 'names', 'keys', 'jwt']) if (ready[which]) return ready[which];
  return names();
}

/** The rules module, as before the split. */
export const loadErs = rules;

/** Where to look next for a function a module does not have (names ⊂ rules). */
const FALLBACK = {
  names: ['rules', 'keys', 'jwt'],
  rules: ['keys', 'jwt'],
  keys: ['jwt', 'rules'],
  jwt: ['keys', 'rules'],
};

/** Thrown by `guarded` when `fn` asks a module for a function it does not export. */
class NotHere extends Error {}

/** The module, as `fn` sees it: asking for a function it does not export throws `NotHere`
 *  before anything runs, so the call can be run again on the module that has it. */
function guarded(module) {
  return new Proxy(module, {
    get(target, prop) {
      if (typeof prop === 'string' && !(prop in target)) throw new NotHere(prop);
      return target[prop];
    },
  });
}

async function call(which, fn, tried = new Set()) {
  const module = await (which === 'names' ? names() : load(which));
  tried.add(which);
  try {
    return fn(guarded(module));
  } catch (error) {
    if (error instanceof NotHere) {
      // A function of another module (a caller that asked the wrong door): run it there, so
      // `ersCall((m) => m.checkJwks(…))` loads the keys module on first use and works.
      const next = FALLBACK[which].find((m) => !tried.has(m));
      if (next) return call(next, fn, tried);
      throw Object.assign(new Error(`ers-golive: no wasm module exports ${error.message}`), {
        name: 'ErsError',
        code: 'internal',
      });
    }
    if (error instanceof WebAssembly.RuntimeError) {
      const detail = module.lastPanic() ?? error.message;
      throw Object.assign(
        new Error(
          `Internal error in ers-golive (a bug, not your input): ${detail}. ` +
            'Reload the page to continue, and please report this.',
          { cause: error },
        ),
        { name: 'ErsError', code: 'panic' },
      );
    }
    throw error;
  }
}

/**
 * Runs `fn(rulesModule)` and returns its result. Errors thrown by the module keep their `code`
 * and `message`; a panic (a bug in ers-golive) becomes an `ErsError` with code `panic`.
 */
export function ersCall(fn) {
  return call('rules', fn);
}

/** As `ersCall`, with the names module. */
export function namesCall(fn) {
  return call('names', fn);
}

/** As `ersCall`, with the keys module (loaded on the first call). */
export function keysCall(fn) {
  return call('keys', fn);
}

/** As `ersCall`, with the JWT module (loaded on the first call). */
export function jwtCall(fn) {
  return call('jwt', fn);
}
