// One script tag gives a documentation page every ers-golive element:
//   <script type="module" src="https://…/ers-golive/embed.js"></script>
//   <ers-name-check></ers-name-check>  (or ers-asid-planner, ers-key-generator, ers-key-set, ers-jwt-tester,
//   ers-golive-pack)
// It adds the elements' stylesheets (once: css/elements.css, scoped to the elements, and each
// element's own; never the site's page styles) and defines the elements the page uses (and those it adds
// later). Each element loads on its own, so one that fails to load leaves a message in its place
// and the others still work.

const base = new URL('.', import.meta.url);

export const ELEMENTS = [
  'ers-name-check',
  'ers-asid-planner',
  'ers-key-generator',
  'ers-key-set',
  'ers-jwt-tester',
  'ers-golive-pack',
];

/** True when `url` is already a stylesheet of the page, linked or @imported (site.css imports
 *  elements.css on our own pages). */
function haveStylesheet(url) {
  for (const sheet of document.styleSheets) {
    if (sheet.href === url) return true;
    let rules = [];
    try {
      rules = [...sheet.cssRules];
    } catch {
      continue; // another origin's sheet: not readable, and not ours to import from
    }
    if (rules.some((r) => r instanceof CSSImportRule && r.styleSheet?.href === url)) return true;
  }
  return [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === url);
}

function addStylesheet(href) {
  const url = new URL(href, base).href;
  if (haveStylesheet(url)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = url;
  document.head.append(link);
}

// Only the elements' styles: the host page's own styles stay as they are.
addStylesheet('css/elements.css');

const wanted = new Map(); // tag → the promise of its definition

/** Loads and defines `<tag>` (once). One that fails leaves a message in its place. */
function define(tag) {
  if (!wanted.has(tag)) {
    addStylesheet(`components/${tag}/${tag}.css`);
    wanted.set(
      tag,
      import(new URL(`components/${tag}/define.js`, base).href).catch((error) => {
        console.warn(`ers-golive: <${tag}> could not be loaded`, error);
        for (const el of document.querySelectorAll(tag)) {
          el.replaceChildren(
            Object.assign(document.createElement('p'), {
              className: 'ers-notice ers-notice--error',
              textContent: `This part of ers-golive could not be loaded (${tag}). Reload the page; if it persists, please report it.`,
            }),
          );
        }
      }),
    );
  }
  return wanted.get(tag);
}

/** Defines the elements the page uses, and no other: a page with only a name checker loads
 *  only the name checker's code (and its wasm module, when first used). */
function defineUsed(root = document) {
  for (const tag of ELEMENTS) if (root.querySelector(tag)) define(tag);
}

defineUsed();
// Elements a page adds later (after DOMContentLoaded, or by its own scripts) are loaded then.
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => defineUsed(), { once: true });
}
new MutationObserver(() => {
  if (wanted.size < ELEMENTS.length) defineUsed();
}).observe(document, { childList: true, subtree: true });

/** Resolves when the elements on the page (when this module ran, or at DOMContentLoaded) are
 *  defined. `defineAll()` loads every element, for pages that create them later. */
export const loaded = new Promise((resolve) => {
  const settle = () => Promise.all(wanted.values()).then(() => resolve());
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', settle, { once: true });
  } else settle();
});

/** Loads and defines every ers-golive element. */
export function defineAll() {
  return Promise.all(ELEMENTS.map(define)).then(() => undefined);
}
