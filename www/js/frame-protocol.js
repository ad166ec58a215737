// The contract between an element's shell on a page of another origin (js/frame-host.js) and the
// frame page made for embedding (frame/keys.html, js/frame-page.js): one postMessage channel per
// element, every message `{ ers: PROTOCOL, channel, type, … }`, origins and sources checked on
// both sides, and a fixed vocabulary. Nothing secret is in it: no message carries a private key,
// a passphrase or a signed token (the tester's token only to a host that set `expose-token`).
//
// host → frame (the frame takes these from its parent only, from the origin it was told):
//   init        { attributes, theme }  the element's attributes and --ers-* values, once ready
//   attributes  { attributes }         attributes changed ({ name: value | null })
//   theme       { theme }              --ers-* values changed
//   plan        { text } | { error }   the planner's plan (JSON), asked for by `want-plan`
//   plan-changed {}                    the planner on the page made a new plan
//   applications { applications }      the key set's applications (its setApplications)
// frame → host:
//   ready       {}                     the frame page runs: send `init`
//   height      { height }             the frame's content height, in CSS pixels
//   event       { name, detail }       one of EVENTS, its detail stripped to the public fields
//   state       { state }              the element's public read-only properties
//   want-plan   {}                     "Use the plan from the planner above" was pressed

/** Every message carries it, so that no other postMessage traffic is taken for ours. */
export const PROTOCOL = 'ers-golive/1';

/** The elements that hold or handle secrets: on another origin they run in the frame. For each,
 *  the attributes passed in (observed on the shell) and the events passed out. */
export const FRAMED = {
  'ers-key-generator': { title: 'key generator', attributes: ['kid', 'bits'], events: ['ers-key-generated'] },
  'ers-key-set': { title: 'key set: every key pair of a plan', attributes: ['bits', 'kid-pattern'], events: ['ers-keys-made'] },
  'ers-jwt-tester': { title: 'client assertion tester', attributes: ['environment', 'kid', 'api-key', 'expose-token'], events: ['ers-jwt-signed', 'ers-jwt-checked'] },
};

/** What the host may send, and what the frame may send. */
export const TO_FRAME = new Set(['init', 'attributes', 'theme', 'plan', 'plan-changed', 'applications']);
export const TO_HOST = new Set(['ready', 'height', 'event', 'state', 'want-plan']);

/** The custom properties a host themes the elements with (css/elements.css reads only these). */
export const THEME = [
  '--ers-brand', '--ers-brand-2', '--ers-code-wash', '--ers-error', '--ers-error-wash', '--ers-focus',
  '--ers-font', '--ers-ink', '--ers-line', '--ers-link', '--ers-mono', '--ers-muted', '--ers-ok',
  '--ers-ok-wash', '--ers-paper', '--ers-radius', '--ers-space', '--ers-warning', '--ers-warning-wash',
  '--ers-wash',
];

/** A theme value the frame applies: a short CSS value that fetches nothing (no url(), no
 *  image-set(), no escapes that could hide them). */
export function safeThemeValue(value) {
  return typeof value === 'string' && value.length <= 200 && !/url\(|image|\\|@|;|[{}<>]/i.test(value);
}

/** Private key armour, a PKCS#8 or PKCS#1 body's start (base64 of their DER headers), a JWK's
 *  private member or a compact JWT: what must never be in a message to the host. */
const SECRET = /PRIVATE KEY|MII[\w+/]{3}IBA(DAN|AK)|"(d|p|q|dp|dq|qi)"\s*:|eyJ[\w-]*\.eyJ[\w-]*\.[\w-]+/;

/** True when `value`, as JSON, holds nothing of the kinds SECRET matches. The frame checks every
 *  message to the host with it, as a last line behind the public-fields-only rule. */
export function looksPublic(value) {
  let text;
  try {
    text = JSON.stringify(value) ?? '';
  } catch {
    return false;
  }
  return !SECRET.test(text);
}
