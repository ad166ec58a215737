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
