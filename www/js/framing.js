// Is this page shown inside a frame of another site? A static host cannot always send
// `frame-ancestors 'none'` (a meta CSP cannot set it), so another site could frame the tool and
// lay its own buttons over ours (clickjacking). When framed by another origin, the page says so
// and the key generator refuses to copy or download private keys. Elements embedded with
// embed.js on a documentation page are not framed: this is about our page inside an <iframe>.

/**
 * The origin of the page framing this one when it is another origin ("another site" when the
 * browser does not say which), or null when the page is not framed by another origin.
 */
export function framedBy() {
  if (window.top === window.self) return null;
  try {
    // Reading a cross-origin parent's location throws: same-origin framing is ours.
    if (window.top.location.origin === window.location.origin) return null;
  } catch {
    // another origin
  }
  const ancestors = window.location.ancestorOrigins;
  return ancestors?.length ? ancestors[0] : 'another site';
}

// The frame page made for embedding (frame/keys.html) is the one page of the site that is
// framed by design: there the private key is kept from the page around it by the origin (the
// frame is the tool's origin, the page another), so its elements copy, show and download keys.
let framePage = false;

/** Called by the frame page (js/frame-page.js) once it knows its parent opened it. */
export function markFramePage() {
  framePage = true;
}

/** The site the keys must not be copied, shown or downloaded under: `framedBy()`, except on the
 *  frame page made for embedding (null there). */
export function keysRefusedBy() {
  return framePage ? null : framedBy();
}

/** True when the elements' code was loaded from another origin than the page's: an element that
 *  holds secrets then does not run in the page's realm (its shell runs it in the frame page,
 *  js/frame-host.js). Only a page that bypasses embed.js and defines the element itself gets
 *  here. */
export function foreignRealm() {
  return new URL(import.meta.url).origin !== globalThis.location?.origin;
}

/** What an element that holds secrets shows in place of itself in a foreign realm. */
export function foreignRealmNotice(tag) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = `<${tag}> holds private keys, so it runs only on its own site's origin: embed it with embed.js, which shows it in a frame of that site.`;
  return p;
}
