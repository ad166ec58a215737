// Each element renders in its own open shadow root (open, so that assistive-technology audits
// and tests can look inside), styled by constructable stylesheets adopted into that root: the
// shared css/elements.css and the element's components/<tag>/<tag>.css, fetched once per page
// from this file's own URL (so they come from the site that serves the elements, whatever page
// embeds them). Nothing is added to the host page's stylesheets, and the host's CSS does not
// reach in: only the documented --ers-* custom properties (they inherit) and ::part(…) do.
//
// A host page's CSP needs nothing more for this than it needs for the wasm modules: the sheets
// are fetched (connect-src) and adopted, not linked (constructable stylesheets are not subject
// to style-src).

const BASE = new URL('../', import.meta.url);
const sheets = new Map(); // URL → Promise<CSSStyleSheet>
const ready = new Map(); // tag → CSSStyleSheet[]

function sheet(path) {
  const url = new URL(path, BASE).href;
  if (!sheets.has(url)) {
    sheets.set(
      url,
      fetch(url)
        .then((response) => {
          if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
          return response.text();
        })
        .then((text) => {
          const s = new CSSStyleSheet();
          s.replaceSync(text);
          return s;
        })
        .catch((error) => {
          sheets.delete(url); // a later element may try again
          throw error;
        }),
    );
  }
  return sheets.get(url);
}

/** Fetches the stylesheets of `<tag>` (once); define.js waits for them before defining the
 *  element, so it never shows unstyled. */
export async function loadStyles(tag) {
  const list = await Promise.all([sheet('css/elements.css'), sheet(`components/${tag}/${tag}.css`)]);
  ready.set(tag, list);
  return list;
}

/** The element's open shadow root, made (with its stylesheets) on first call. The light DOM
 *  children (a page's "is loading" fallback) are removed: they are never shown once the
 *  element runs. */
export function shadow(el, tag = el.constructor.tag ?? el.localName) {
  if (el.shadowRoot) return el.shadowRoot;
  const root = el.attachShadow({ mode: 'open' });
  const list = ready.get(tag);
  if (list) root.adoptedStyleSheets = list;
  else loadStyles(tag).then((l) => (root.adoptedStyleSheets = l), (error) => console.warn(`ers-golive: the styles of <${tag}> could not be loaded`, error));
  el.replaceChildren();
  return root;
}

/** Puts `children` in the element's shadow root, inside its one `.ers-root` (part "base"). */
export function render(el, ...children) {
  const root = shadow(el);
  const base = document.createElement('div');
  base.className = 'ers-root';
  base.setAttribute('part', 'base');
  base.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  root.replaceChildren(base);
  return root;
}
