// One script tag gives a documentation page every ers-golive element:
//   <script type="module" src="https://…/ers-golive/embed.js"></script>
//   <ers-name-check></ers-name-check>  (or ers-asid-planner, ers-key-generator, ers-key-set, ers-jwt-tester,
//   ers-golive-pack)
// It defines the elements the page uses (and those it adds later), and adds nothing to the host
// page's styles: each element renders in its own open shadow root with its own stylesheets
// (js/shadow.js), themed by the host only through --ers-* custom properties and ::part(…).
// Each element loads on its own, so one that fails to load leaves a message in its place and
// the others still work. Elements that hold keys run in a frame on other origins (js/frame-host.js).

const base = new URL('.', import.meta.url);

export const ELEMENTS = [
  'ers-name-check',
  'ers-asid-planner',
  'ers-key-generator',
  'ers-key-set',
  'ers-jwt-tester',
  'ers-golive-pack',
];

const wanted = new Map(); // tag → the promise of its definition

/** Loads and defines `<tag>` (once). One that fails leaves a message in its place. */
function define(tag) {
  if (!wanted.has(tag)) {
    wanted.set(
      tag,
      import(new URL(`components/${tag}/define.js`, base).href).catch((error) => {
        console.warn(`ers-golive: <${tag}> could not be loaded`, error);
        for (const el of document.querySelectorAll(tag)) {
          el.replaceChildren(
            Object.assign(document.createElement('p'), {
              role: 'alert',
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
