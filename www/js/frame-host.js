// On a page of another origin, the elements that hold secrets (the key generator, the key set,
// the JWT tester: js/frame-protocol.js's FRAMED) are shells: each creates an <iframe> of the
// frame page made for embedding (frame/keys.html, served from the tool's origin), where the same
// element runs in the tool's realm (js/frame-page.js). The shell passes the element's
// attributes and the page's --ers-* theme in, sizes the frame to the height it reports, and
// receives only public results (kids, JWKS, thumbprints, reports, status) over one postMessage
// channel: origin, source and channel checked on each message, a fixed vocabulary. A script of
// the host page (analytics, a tag manager, session replay) can read all the shell has, and none
// of it is secret: the worker, the wasm, the downloads and the clipboard are the frame's.
// Payment forms keep card numbers from host pages the same way (Braintree's Hosted Fields,
// Stripe Elements; ../../shared/STYLE.md §9). The shell itself is js/frame-shell.js, loaded
// only on such a page.
//
// On the tool's own origin (the full site, or a page served with the frame page) the elements
// render in the page's own realm, as the same code does in the frame.
//
//   import { configureFrame } from 'https://B/ers-golive/js/frame-host.js';
//   configureFrame({ url: 'https://keys.example.org/ers-golive/frame/keys.html' });
//   await import('https://B/ers-golive/embed.js');   // after configureFrame

import { FRAMED } from './frame-protocol.js';
import { loadStyles } from './shadow.js';

/** The frame page: frame/keys.html beside this file's folder, unless the host said otherwise. */
let frameUrl = new URL('../frame/keys.html', import.meta.url);

/**
 * For a host page that serves the frame page itself (the npm package, a self-hosted copy): `url`,
 * the address of `frame/keys.html`. Call it before embed.js (or an element's define.js) runs.
 * Served from the page's own origin, the elements then run in the page's realm: isolation from
 * the page's scripts needs the frame page on an origin of its own (a subdomain will do).
 */
export function configureFrame({ url } = {}) {
  if (url) frameUrl = new URL(String(url), document.baseURI);
}

/** The frame page's address. */
export function frameAddress() {
  return new URL(frameUrl);
}

/** True when `tag`, on this page, must run in the frame: it holds secrets and the page is not
 *  on the frame page's origin. */
export function runsInFrame(tag) {
  return Object.hasOwn(FRAMED, tag) && frameUrl.origin !== globalThis.location?.origin;
}

/**
 * Defines `<tag>` (once): on a page of another origin than the frame page's, as a shell over the
 * frame (an element that holds secrets); on the tool's own origin, as the element itself, from
 * `loadClass()`, once its stylesheets are loaded (so it never shows unstyled).
 */
export async function defineElement(tag, loadClass) {
  if (customElements.get(tag)) return;
  if (runsInFrame(tag)) {
    // The shell's code (js/frame-shell.js) is loaded only where a shell is needed.
    (await import('./frame-shell.js')).defineFramed(tag);
    return;
  }
  const [cls] = await Promise.all([
    loadClass(),
    loadStyles(tag).catch((error) => console.warn(`ers-golive: the styles of <${tag}> could not be loaded; it runs unstyled`, error)),
  ]);
  if (!customElements.get(tag)) customElements.define(tag, cls);
}
