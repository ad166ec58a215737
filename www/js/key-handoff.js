// The one way a private key passes from <ers-key-generator> to <ers-jwt-tester> on a page: not
// an event, an attribute or a property, which any script of an embedding page (analytics, tag
// managers, session replay) could read. The generator offers the key it made here; the tester
// is told only that a key (its kid) is on offer, and takes it when the user asks for it (its
// "Use the key just generated" button); "Forget this key" withdraws it and every element drops
// its copy. Listeners get `{ kid }` or `null`, never the key.
//
// A page's realm is no boundary for its own scripts, so this module holds a key only where the
// page is the tool's own origin (the full site, or the frame page made for embedding). On a page
// of another origin the generator and the tester are shells over frames of the tool's origin
// (js/frame-host.js): a script of that page that imports this module from the tool's origin gets
// an instance of its own, in which nothing is ever offered. The frames of one page pass a key
// between them through a BroadcastChannel of the tool's origin (js/frame-page.js).

let offered = null; // { kid, privateKeyPem, jwks }
const listeners = new Set();

function tell() {
  const news = offered ? { kid: offered.kid } : null;
  for (const listener of listeners) listener(news);
}

/** Offers the key pair just made (the generator calls this). */
export function offerKey({ kid, privateKeyPem, jwks }) {
  offered = { kid: String(kid ?? ''), privateKeyPem, jwks: typeof jwks === 'string' ? jwks : '' };
  tell();
}

/** The key on offer, for the element the user asked to use it in; null when there is none. */
export function takeKey() {
  return offered ? { ...offered } : null;
}

/** Withdraws the key ("Forget this key"): every element that took it drops its copy. */
export function withdrawKey() {
  if (!offered) return;
  offered = null;
  tell();
}

/** Calls `listener({ kid })` when a key is offered and `listener(null)` when it is withdrawn;
 *  returns the function that stops it. */
export function onKeyOffer(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
