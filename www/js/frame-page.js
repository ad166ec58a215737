// The frame page made for embedding (frame/keys.html): one element that holds secrets (the key
// generator, the key set or the JWT tester), rendered by the same code as on the full site, in
// the tool's own realm, inside an <iframe> that the element's shell on a page of another origin
// made (js/frame-host.js). The contract is js/frame-protocol.js.
//
// - It talks only to its parent, only at the origin the shell named in the address (and, where
//   the browser says who the parent is, only when that is the same origin), on the shell's
//   channel, and takes only the messages of the vocabulary: attributes (only the element's own),
//   the --ers-* theme (only values that fetch nothing), a plan. No message makes it generate,
//   sign, copy or download: those are the user's gestures inside the frame.
// - It sends the parent only public results: the element's events with their public fields,
//   its public read-only properties, its height. Every message is checked once more for private
//   key armour, a PKCS#8 body, a JWK's private members or a JWT before it goes (the tester's
//   token goes only to a page that set `expose-token`).
// - A key made in the generator's frame reaches the tester's frame of the same page through a
//   BroadcastChannel of the tool's origin (the page's script cannot join it), named after the
//   page's id: js/key-handoff.js then works as on the full site.
// - It says where keys are made: "Keys are made on <origin>".

import { markFramePage } from './framing.js';
import { FRAMED, PROTOCOL, THEME, TO_FRAME, looksPublic, safeThemeValue } from './frame-protocol.js';
import { offerKey, onKeyOffer, takeKey, withdrawKey } from './key-handoff.js';
import { trustedScriptUrl } from './trusted-types.js';
import { h } from './ui.js';

const params = new URLSearchParams(location.hash.slice(1));
const part = params.get('part') ?? '';
const parentOrigin = params.get('origin') ?? '';
const channel = params.get('channel') ?? '';
const pageId = params.get('page') ?? '';
const main = document.querySelector('main');
document.querySelector('[data-origin]').textContent = location.origin;

/** Why this frame cannot run, or null. */
function refusal() {
  if (!Object.hasOwn(FRAMED, part)) return 'This page is made to be shown by an ers-golive element on another site.';
  if (window.parent === window) return 'This page is made to be shown inside another site, by an ers-golive element. Open the full ers-golive site to use it on its own.';
  let origin;
  try {
    origin = new URL(parentOrigin).origin;
  } catch {
    origin = null;
  }
  const told = location.ancestorOrigins?.[0];
  if (!origin || origin !== parentOrigin || !channel || (told && told !== origin)) {
    return 'This frame was not opened by an ers-golive element of the page around it, so it does not run.';
  }
  return null;
}

function post(type, message = {}) {
  const data = { ers: PROTOCOL, channel, type, ...message };
  // The last line behind the public-fields-only rule: no secret goes out, even by mistake.
  if (!looksPublic(withoutOptedInToken(data))) {
    console.warn('ers-golive: a message to the page held what looks like a secret; it was not sent');
    return;
  }
  window.parent.postMessage(data, parentOrigin);
}

let el;

/** True when the page opted into the tester's signed token (`expose-token`). */
function exposeToken() {
  return part === 'ers-jwt-tester' && Boolean(el?.hasAttribute('expose-token'));
}

/** A message without the signed token and its curl command, where the page opted into them:
 *  what the secret check looks at. */
function withoutOptedInToken(data) {
  if (!exposeToken()) return data;
  const strip = (o) => {
    if (!o || typeof o !== 'object') return o;
    const { token: _t, curl: _c, ...rest } = o;
    return rest;
  };
  return { ...data, detail: strip(data.detail), state: data.state ? { ...data.state, signed: strip(data.state.signed) } : undefined };
}

/** The element's public read-only properties. */
function state() {
  if (part === 'ers-key-generator') return { kid: el.kid, kids: el.kids };
  if (part === 'ers-key-set') return { applications: el.applications };
  const signed = el.signed;
  let shown = null;
  if (signed) {
    // Named fields only: one added later that carries the token (a snippet) stays in the frame.
    const { header, claims, headerJson, claimsJson, environment, tokenUrl, keyBits, token, curl } = signed;
    shown = { header, claims, headerJson, claimsJson, environment, tokenUrl, keyBits };
    if (exposeToken()) Object.assign(shown, { token, curl });
  }
  return { report: el.report, requestReport: publicRequestReport(el.requestReport), signed: shown };
}

/** A token-request report without the client assertion read from the request. */
function publicRequestReport(report) {
  if (!report) return null;
  const { assertionToken: _a, ...rest } = report;
  return rest;
}

/** An event's detail, its public fields only. */
function publicDetail(name, detail) {
  switch (name) {
    case 'ers-key-generated':
      return { kid: String(detail?.kid ?? ''), publicKeyPem: String(detail?.publicKeyPem ?? ''), jwks: String(detail?.jwks ?? '') };
    case 'ers-keys-made':
      return { keys: (detail?.keys ?? []).map((k) => ({ name: k.name, organisation: k.organisation, accessMode: k.accessMode, capability: k.capability, asid: k.asid, kid: k.kid, thumbprint: k.thumbprint, environment: k.environment, odsCode: k.odsCode })) };
    case 'ers-jwt-signed':
      return exposeToken() && typeof detail?.token === 'string' ? { token: detail.token } : {};
    case 'ers-jwt-checked':
      return { report: detail?.report ?? null };
    default:
      return null;
  }
}

function applyAttributes(attributes) {
  if (!attributes || typeof attributes !== 'object') return;
  for (const [name, value] of Object.entries(attributes)) {
    if (!FRAMED[part].attributes.includes(name)) continue; // only the element's own
    if (value === null) el.removeAttribute(name);
    else if (typeof value === 'string' && value.length <= 1000) el.setAttribute(name, value);
  }
}

function applyTheme(theme) {
  if (!theme || typeof theme !== 'object') return;
  const root = document.documentElement.style;
  for (const name of THEME) {
    const value = theme[name];
    if (value === undefined) continue;
    if (value === null || value === '') root.removeProperty(name);
    else if (safeThemeValue(value)) root.setProperty(name, value);
  }
}

let planWanted = null; // { resolve, reject } while the key set waits for the page's plan

function onMessage(event) {
  // Its parent only, at the origin it was told, on its channel, in the vocabulary.
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const data = event.data;
  if (data?.ers !== PROTOCOL || data.channel !== channel || !TO_FRAME.has(data.type)) return;
  switch (data.type) {
    case 'init':
      applyTheme(data.theme);
      applyAttributes(data.attributes);
      main.inert = false;
      main.removeAttribute('aria-busy');
      document.documentElement.dataset.ersReady = '';
      post('height', { height: Math.ceil(document.body.getBoundingClientRect().height) });
      break;
    case 'attributes':
      applyAttributes(data.attributes);
      break;
    case 'theme':
      applyTheme(data.theme);
      break;
    case 'plan-changed':
      if (part === 'ers-key-set') document.dispatchEvent(new Event('ers-plan'));
      break;
    case 'plan':
      if (part !== 'ers-key-set') break;
      if (planWanted) {
        const { resolve, reject } = planWanted;
        planWanted = null;
        if (typeof data.text === 'string') resolve(data.text);
        else reject(new Error(String(data.error ?? 'The plan could not be read.')));
      } else if (typeof data.text === 'string') {
        el.importPlan(data.text).catch(() => {}); // shown in the element's error summary
      }
      break;
    case 'applications':
      if (part === 'ers-key-set' && Array.isArray(data.applications)) el.setApplications(data.applications);
      break;
    default:
  }
}

/** Keys offered in one frame of the page are offered in its other frames (js/key-handoff.js). */
function shareKeys() {
  if (!pageId || !('BroadcastChannel' in globalThis)) return;
  const keys = new BroadcastChannel(`ers-golive-keys:${pageId}`);
  let relaying = false;
  onKeyOffer((news) => {
    if (relaying) return;
    keys.postMessage(news ? { type: 'offer', key: takeKey() } : { type: 'withdraw' });
  });
  keys.addEventListener('message', ({ data }) => {
    relaying = true;
    try {
      if (data?.type === 'offer' && data.key?.privateKeyPem) offerKey(data.key);
      else if (data?.type === 'withdraw') withdrawKey();
      else if (data?.type === 'ask' && takeKey()) keys.postMessage({ type: 'offer', key: takeKey() });
    } finally {
      relaying = false;
    }
  });
  keys.postMessage({ type: 'ask' });
}

async function start() {
  window.addEventListener('message', onMessage);
  // Nothing can be pressed until the page's attributes are in (the init message): a choice made
  // before would be undone by them.
  main.inert = true;
  main.setAttribute('aria-busy', 'true');
  el = document.createElement(part);
  main.append(el);
  for (const name of FRAMED[part].events) {
    el.addEventListener(name, (event) => {
      post('event', { name, detail: publicDetail(name, event.detail) });
      queueMicrotask(() => post('state', { state: state() }));
    });
  }
  shareKeys();
  await import(`../components/${part}/define.js`);
  if (part === 'ers-key-set') {
    // "Use the plan from the planner above": the planner is on the page around the frame. (Set
    // once the element is upgraded: its class field would replace a value set before.)
    el.planProvider = () =>
      new Promise((resolve, reject) => {
        planWanted?.reject(new Error('Asked again.'));
        planWanted = { resolve, reject };
        post('want-plan');
      });
  }
  // Its height, whenever it changes; its state with it (a key forgotten changes both). A frame
  // out of view is not laid out for a ResizeObserver (the browser throttles it), so the height
  // is read once a second too: the page then lays out the frame at its full height before the
  // user scrolls to it.
  let height = 0;
  const report = () => {
    const now = Math.ceil(document.body.getBoundingClientRect().height);
    if (now === height) return;
    height = now;
    post('height', { height });
    post('state', { state: state() });
  };
  new ResizeObserver(report).observe(document.body);
  setInterval(report, 1000);
  document.addEventListener('click', () => setTimeout(() => post('state', { state: state() }), 0), true);
  post('ready');
  report();
  // Offline use: the service worker caches the site's files, this page among them.
  if ('serviceWorker' in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(trustedScriptUrl(new URL('../sw.js', import.meta.url))).catch(() => {});
  }
}

const refused = refusal();
if (refused) {
  main.replaceChildren(h('p', { class: 'ers-notice ers-notice--error', role: 'alert', text: refused }));
} else {
  markFramePage();
  start();
}
