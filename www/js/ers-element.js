// The base of every ers-* element (after Shoelace's): reflected attributes, build once, page-unique
// ids, and emit(), composed so that a page hears an event wherever the element sits.

import { capitalise } from './form-errors.js';
import { h, uid, withCode } from './ui.js';

export class ErsElement extends HTMLElement {
  /** `{ property: attribute }`, reflected (null removes the attribute). */
  static properties = {};
  /** The default rows per page of an element that reads `page-size`. */
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
    // A property set before the element was defined moves onto its accessor.
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

  /** An id unique on the page (not `id`: that is the element's own), and `{ key: id }`. */
  newId(key) {
    return uid(`${this.localName}-${key}`);
  }

  ids(...keys) {
    return Object.fromEntries(keys.map((key) => [key, this.newId(key)]));
  }

  /** Never put a secret in `detail`. */
  emit(name, detail = null) {
    return this.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
  }

  /** What the notice says of `page-size`, counting `rows`. */
  pageSizeProblems(rows) {
    const text = this.getAttribute('page-size');
    if (text === null || count(text)) return [];
    return [{ attribute: 'page-size', value: text, message: `the ${rows} per page must be a whole number above 0 (${this.constructor.pageSize} by default)` }];
  }
}

const reflected = new WeakSet();

function accessors(cls) {
  const list = Object.keys(cls.properties);
  return cls.pageSize ? [...list, 'pageSize'] : list;
}

const count = (text) => (/^\s*\d+\s*$/.test(text) ? Number(text) : 0);

/** The accessors of `cls.properties`, once per class. */
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
      return count(this.getAttribute('page-size') ?? '') || cls.pageSize;
    });
  }
}

/** The notice of attributes the rules refuse: `show(tag, [{ attribute, value, message }])`
 *  lists them (and warns on the console); `show(tag, [])` hides it. */
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
