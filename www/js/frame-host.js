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
// Stripe Elements; ../../shared/STYLE.md §9).
//
// On the tool's own origin (the full site, or a page served with the frame page) the elements
// render in the page's own realm, as the same code does in the frame.
//
//   import { configureFrame } from 'https://B/ers-golive/js/frame-host.js';
//   configureFrame({ url: 'https://keys.example.org/ers-golive/frame/keys.html' });
//   await import('https://B/ers-golive/embed.js');   // after configureFrame

import { FRAMED, PROTOCOL, THEME, TO_HOST } from './frame-protocol.js';
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

/** One id for every frame of this page, so that a key made in the generator's frame can be
 *  offered to the tester's frame of the same page (and to no other page's). */
const PAGE_ID = randomId();

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The event detail a shell passes on: what the frame sent, for the events of its element. */
function eventDetail(detail) {
  return detail && typeof detail === 'object' ? detail : null;
}

/** Defines `<tag>` as a shell over the frame page. */
export function defineFramed(tag) {
  if (customElements.get(tag)) return;
  const spec = FRAMED[tag];

  class ErsFramed extends HTMLElement {
    static tag = tag;
    static observedAttributes = spec.attributes;

    #frame = null;
    #channel = randomId();
    #ready = false;
    #state = {};
    #planWaiters = [];

    connectedCallback() {
      if (this.#frame) {
        window.addEventListener('message', this.#onMessage);
        return;
      }
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      const frame = document.createElement('iframe');
      const url = frameAddress();
      url.hash = new URLSearchParams({ part: tag, origin: location.origin, channel: this.#channel, page: PAGE_ID }).toString();
      // What the frame needs and no more: its scripts, its own origin (its worker, wasm and
      // storage), forms (its buttons submit forms), downloads (the key files); the clipboard
      // for its copy buttons. No popups, no navigation of this page, no pointer lock.
      frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-downloads');
      frame.setAttribute('allow', 'clipboard-write');
      frame.setAttribute('referrerpolicy', 'no-referrer');
      frame.setAttribute('title', `ers-golive ${spec.title}, on ${url.origin}`);
      frame.setAttribute('part', 'frame');
      Object.assign(frame.style, { display: 'block', width: '100%', height: '320px', border: '0', colorScheme: 'normal' });
      frame.src = url.href;
      this.#frame = frame;
      root.replaceChildren(frame);
      this.replaceChildren(); // the page's "is loading" fallback
      window.addEventListener('message', this.#onMessage);
      document.addEventListener('ers-plan', this.#onPlan);
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.#onMessage);
      document.removeEventListener('ers-plan', this.#onPlan);
    }

    attributeChangedCallback(name, old, value) {
      if (old !== value) this.#post('attributes', { attributes: { [name]: value } });
    }

    /** Sends the page's --ers-* values again (after the page changed its theme). */
    refreshTheme() {
      this.#post('theme', { theme: this.#theme() });
    }

    #theme() {
      const style = getComputedStyle(this);
      const theme = {};
      for (const name of THEME) {
        const value = style.getPropertyValue(name).trim();
        if (value) theme[name] = value;
      }
      return theme;
    }

    #attributes() {
      return Object.fromEntries(spec.attributes.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a)]));
    }

    #post(type, message = {}) {
      if (!this.#ready) return;
      this.#frame.contentWindow?.postMessage({ ers: PROTOCOL, channel: this.#channel, type, ...message }, frameUrl.origin);
    }

    #onPlan = () => this.#post('plan-changed');

    #onMessage = (event) => {
      // Only our frame, from the frame page's origin, on this element's channel.
      if (!this.#frame || event.source !== this.#frame.contentWindow || event.origin !== frameUrl.origin) return;
      const data = event.data;
      if (data?.ers !== PROTOCOL || data.channel !== this.#channel || !TO_HOST.has(data.type)) return;
      switch (data.type) {
        case 'ready':
          this.#ready = true;
          this.#post('init', { attributes: this.#attributes(), theme: this.#theme() });
          for (const waiter of this.#planWaiters.splice(0)) waiter();
          break;
        case 'height': {
          const height = Number(data.height);
          if (Number.isFinite(height) && height > 0) this.#frame.style.height = `${Math.ceil(Math.min(height, 100_000))}px`;
          break;
        }
        case 'state':
          if (data.state && typeof data.state === 'object') this.#state = data.state;
          break;
        case 'event':
          if (spec.events.includes(data.name)) {
            this.dispatchEvent(new CustomEvent(data.name, { bubbles: true, composed: true, detail: eventDetail(data.detail) }));
          }
          break;
        case 'want-plan':
          this.#sendPlan();
          break;
        default:
      }
    };

    /** The planner's plan on this page, for the key set's "Use the plan from the planner above". */
    async #sendPlan() {
      const planner = document.querySelector('ers-asid-planner');
      if (!planner || typeof planner.exportPlan !== 'function' || !planner.plan) {
        this.#post('plan', { error: planner ? 'The planner has no plan yet: make a plan in the planner first, then use it here.' : 'There is no planner on this page: import the plan’s JSON file instead.' });
        return;
      }
      try {
        this.#post('plan', { text: String(await planner.exportPlan('json')) });
      } catch (error) {
        this.#post('plan', { error: String(error?.message ?? error) });
      }
    }

    /** Resolves once the frame page runs. */
    #whenReady() {
      return this.#ready ? Promise.resolve() : new Promise((resolve) => this.#planWaiters.push(resolve));
    }

    // The public read-only state the frame reports, by element (no secret: see its README).
    get kid() {
      return this.#state.kid ?? null;
    }

    get kids() {
      return this.#state.kids ?? [];
    }

    get applications() {
      return this.#state.applications ?? [];
    }

    get report() {
      return this.#state.report ?? null;
    }

    get requestReport() {
      return this.#state.requestReport ?? null;
    }

    /** The last signed assertion without its token and curl command, or with them when the
     *  page set `expose-token`. */
    get signed() {
      return this.#state.signed ?? null;
    }

    /** The key set: takes the applications of a plan (its JSON text). */
    async importPlan(text) {
      await this.#whenReady();
      this.#post('plan', { text: String(text) });
    }

    /** The key set: sets the applications (see its README). */
    async setApplications(applications) {
      await this.#whenReady();
      this.#post('applications', { applications: JSON.parse(JSON.stringify(Array.from(applications ?? []))) });
    }

    /** The key set: takes the plan of the planner on this page. */
    async usePlannerPlan() {
      await this.#whenReady();
      await this.#sendPlan();
    }
  }
  // Properties mirror the attributes passed in, as on the element itself.
  for (const attribute of spec.attributes) {
    const property = attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const name = property === 'kid' && tag === 'ers-key-generator' ? 'defaultKid' : property;
    if (name in ErsFramed.prototype) continue;
    Object.defineProperty(ErsFramed.prototype, name, {
      configurable: true,
      get() {
        return this.getAttribute(attribute);
      },
      set(value) {
        if (value === null || value === undefined) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      },
    });
  }
  customElements.define(tag, ErsFramed);
}

/**
 * Defines `<tag>` (once): on a page of another origin than the frame page's, as a shell over the
 * frame (an element that holds secrets); on the tool's own origin, as the element itself, from
 * `loadClass()`, once its stylesheets are loaded (so it never shows unstyled).
 */
export async function defineElement(tag, loadClass) {
  if (customElements.get(tag)) return;
  if (runsInFrame(tag)) {
    defineFramed(tag);
    return;
  }
  const [cls] = await Promise.all([
    loadClass(),
    loadStyles(tag).catch((error) => console.warn(`ers-golive: the styles of <${tag}> could not be loaded; it runs unstyled`, error)),
  ]);
  if (!customElements.get(tag)) customElements.define(tag, cls);
}
