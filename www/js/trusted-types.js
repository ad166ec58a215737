// Trusted Types: the page's CSP says `require-trusted-types-for 'script'`, so a script URL (a
// worker's, the service worker's) must be a TrustedScriptURL. This module holds the one policy,
// `ers-golive` (the CSP's `trusted-types ers-golive` allows only it), and it accepts only URLs
// that our own code passes to `trustedScriptUrl` at that moment: no HTML sink is used anywhere,
// so the policy has no createHTML at all.
//
// Where the browser has no Trusted Types, or an embedding page's CSP does not allow our policy,
// the URL is returned as it is (and the browser enforces whatever that page asks for).

let policy;
let expected = null;

function ours() {
  if (policy !== undefined) return policy;
  policy = null;
  const tt = globalThis.trustedTypes;
  if (!tt?.createPolicy) return policy;
  try {
    policy = tt.createPolicy('ers-golive', {
      createScriptURL(url) {
        if (url !== expected) throw new TypeError(`ers-golive: refusing the script URL ${url}`);
        return url;
      },
    });
  } catch {
    policy = null; // the embedding page does not allow our policy name
  }
  return policy;
}

/** `url` as a TrustedScriptURL when Trusted Types are there, else as a string. */
export function trustedScriptUrl(url) {
  const href = String(url);
  const p = ours();
  if (!p) return href;
  expected = href;
  try {
    return p.createScriptURL(href);
  } finally {
    expected = null;
  }
}
