// The base of every ers-* element, after Shoelace's ShoelaceElement: attributes reflected as
// properties, the shadow DOM built once (on first connect), ids unique on the page for label and
// aria wiring, and emit(), whose events always bubble and leave the shadow root (composed), so a
// page hears them wherever the element sits. An attribute's value is read by the wasm facade,
// never by a list of the element's own; a value the rules do not know goes in attributeNotice().

import { capitalise } from './form-errors.js';
import { h, uid, withCode } from './ui.js';

export class ErsElement extends HTMLElement {
  /** `{ property: attribute }`: each property gets and sets its attribute (null removes it). */
  static properties = {};
  /** Rows per page by default, for an element that reads `page-size` (as `pageSize`). */
  static pageSize = 0;

  #built = false;

  constructor() {
    super();
    reflect(this.constructor);
  }

  /** True once the shadow DOM is built. */
  get isBuilt() {
    return this.#built;
  }

  connectedCallback() {
    if (this.#built) return;
    // A page may set a property before the element is defined (on the plain element): that
    // value moves onto the accessor, as if set afterwards.
    for (const property of accessors(this.constructor)) {
      if (Object.hasOwn(this, property)) {
        const value = this[property];
        delete this[property];
        this[property] = value;
      }
    }
    this.#built = true;
    this.build();
  }

  /** Builds the shadow DOM (once). */
  build() {}

  /** `{ key: id }` for each key, unique on the page (`<tag>-<key>-<n>`). */
  ids(...keys) {
    return Object.fromEntries(keys.map((key) => [key, uid(`${this.localName}-${key}`)]));
  }

  /** Dispatches `name` with `detail`, bubbling and composed. Never put a secret in `detail`. */
  emit(name, detail = null) {
    return this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  /** What the notice says of `page-size` (`[]` when absent or right), counting `rows`. */
  pageSizeProblems(rows) {
    const text = this.getAttribute('page-size');
    if (text === null || (/^\s*\d+\s*$/.test(text) && Number(text) > 0)) return [];
    return [{ attribute: 'page-size', value: text, message: `the ${rows} per page must be a whole number above 0 (${this.constructor.pageSize} by default)` }];
  }
}

const reflected = new WeakSet();

function accessors(cls) {
  const list = Object.keys(cls.properties);
  return cls.pageSize ? [...list, 'pageSize'] : list;
}

/** Defines the accessors of `cls.properties` on its prototype, once per class; with a
 *  `pageSize` default, `pageSize` reads `page-size` as a whole number above 0, or the default. */
function reflect(cls) {
  if (reflected.has(cls)) return;
  reflected.add(cls);
  const define = (property, attribute, get = function () { return this.getAttribute(attribute); }) => {
    Object.defineProperty(cls.prototype, property, {
      configurable: true,
      get,
      set(value) {
        if (value === null || value === undefined) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      },
    });
  };
  for (const [property, attribute] of Object.entries(cls.properties)) {
    if (!(property in cls.prototype)) define(property, attribute); // its own getter wins
  }
  if (cls.pageSize) {
    define('pageSize', 'page-size', function () {
      const text = this.getAttribute('page-size') ?? '';
      const n = /^\s*\d+\s*$/.test(text) ? Number(text) : 0;
      return n > 0 ? n : cls.pageSize;
    });
  }
}

/**
 * A notice for the element's attributes, hidden while they are all right. `show(tag, problems)`
 * lists `[{ attribute, value, message }]` (the facade's message for each) and logs a warning;
 * `show(tag, [])` hides it.
 */
export function attributeNotice() {
  const list = h('ul', { class: 'ers-attribute-notice__list' });
  const box = h('div', { class: 'ers-notice ers-notice--error ers-attribute-notice', role: 'status', hidden: true },
    h('p', { class: 'ers-attribute-notice__title' }, h('strong', { text: 'This element’s settings need a fix' })),
    list);
  box.show = (tag, problems) => {
    list.replaceChildren(...problems.map((x) => h('li', {},
      h('code', { text: `${x.attribute}="${x.value}"` }), ': ', ...withCode(capitalise(x.message)),
      '. The default is used meanwhile.')));
    box.hidden = problems.length === 0;
    for (const x of problems) console.warn(`<${tag} ${x.attribute}="${x.value}">: ${x.message}`);
  };
  return box;
}
