// The shell of an element that holds secrets, on a page of another origin than the tool's
// (js/frame-host.js says when, and why): an <iframe> of the frame page, the element's attributes
// and the page's --ers-* theme passed in as data, its height and public results taken out, over
// one postMessage channel (js/frame-protocol.js). Loaded only on such pages.

import { ErsElement } from './ers-element.js';
import { frameAddress } from './frame-host.js';
import { FRAMED, PROTOCOL, THEME, TO_HOST } from './frame-protocol.js';

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

/** The reflected properties of `<tag>`: those of the element itself, for the attributes passed in. */
function properties(tag, spec) {
  return Object.fromEntries(spec.attributes.map((attribute) => {
    const property = attribute.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    // The key generator's `kid` property is its newest key's: the attribute is `defaultKid`.
    return [property === 'kid' && tag === 'ers-key-generator' ? 'defaultKid' : property, attribute];
  }));
}

/** The frame of `<tag>`'s shell, on the frame page, for this element's channel. */
function frameOf(tag, spec, channel) {
  const frame = document.createElement('iframe');
  const url = frameAddress();
  url.hash = new URLSearchParams({ part: tag, origin: location.origin, channel, page: PAGE_ID }).toString();
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
  return frame;
}

/** Defines `<tag>` as a shell over the frame page. */
export function defineFramed(tag) {
  if (customElements.get(tag)) return;
  const spec = FRAMED[tag];
  customElements.define(tag, class extends ErsFramed {
    static tag = tag;
    static spec = spec;
    static observedAttributes = spec.attributes;
    static properties = properties(tag, spec);
  });
}

/** The shell; defineFramed gives each tag its own subclass (its spec). */
class ErsFramed extends ErsElement {
  static spec = null;
  #origin = frameAddress().origin;

  #frame = null;
  #channel = randomId();
  #ready = false;
  #state = {};
  #planWaiters = [];

  connectedCallback() {
    super.connectedCallback();
    window.addEventListener('message', this.#onMessage);
  }

  build() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    this.#frame = frameOf(this.localName, this.constructor.spec, this.#channel);
    root.replaceChildren(this.#frame);
    this.replaceChildren(); // the page's "is loading" fallback
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
    return Object.fromEntries(this.constructor.spec.attributes.filter((a) => this.hasAttribute(a)).map((a) => [a, this.getAttribute(a)]));
  }

  #post(type, message = {}) {
    if (!this.#ready) return;
    this.#frame.contentWindow?.postMessage({ ers: PROTOCOL, channel: this.#channel, type, ...message }, this.#origin);
  }

  #onPlan = () => this.#post('plan-changed');

  #onMessage = (event) => {
    // Only our frame, from the frame page's origin, on this element's channel.
    if (!this.#frame || event.source !== this.#frame.contentWindow || event.origin !== this.#origin) return;
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
        if (this.constructor.spec.events.includes(data.name)) {
          this.emit(data.name, eventDetail(data.detail));
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

