// An element's defaults come from its attributes (environment, access-mode, kid, bits, product,
// …), reflected as properties: `el.environment = 'int'` sets the attribute and the attribute
// sets the property. The element reads each value through the wasm facade (readDefaults,
// checkKeyOptions, the planner's and key set's own checks), never by a list of its own, and a
// value the rules do not know is said in a visible notice at the top of the element (and on the
// console as a warning), never ignored in silence.

import { capitalise } from './form-errors.js';
import { h, withCode } from './ui.js';

/**
 * Defines a property for each `[property, attribute]` of `map` on `cls.prototype`: getting it
 * reads the attribute (null when absent), setting it writes the attribute (null or undefined
 * removes it). With `pageSize` (the element's default rows per page), `pageSize` reads the
 * `page-size` attribute as a number (pageSizeOf) too. The element reacts in its
 * attributeChangedCallback.
 */
export function reflect(cls, map, { pageSize } = {}) {
  const properties = Object.keys(map);
  if (pageSize !== undefined) properties.push('pageSize');
  // A page may set a property before the element is defined (on the plain element): that value
  // is moved onto the accessor when the element is first connected, as if set afterwards.
  const connected = cls.prototype.connectedCallback;
  cls.prototype.connectedCallback = function connectedCallback() {
    for (const property of properties) {
      if (Object.hasOwn(this, property)) {
        const value = this[property];
        delete this[property];
        this[property] = value;
      }
    }
    connected?.call(this);
  };
  const define = (property, attribute, get) => {
    Object.defineProperty(cls.prototype, property, {
      configurable: true,
      enumerable: false,
      get,
      set(value) {
        if (value === null || value === undefined) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      },
    });
  };
  for (const [property, attribute] of Object.entries(map)) {
    define(property, attribute, function get() {
      return this.getAttribute(attribute);
    });
  }
  if (pageSize !== undefined) {
    define('pageSize', 'page-size', function get() {
      return pageSizeOf(this, pageSize);
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

/**
 * The `page-size` attribute of `el` as a whole number of rows, or `fallback` when it is absent,
 * zero or not a number (the element's notice says so when it reads its attributes).
 */
export function pageSizeOf(el, fallback) {
  const text = el.getAttribute('page-size') ?? '';
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : 0;
  return n > 0 ? n : fallback;
}

/**
 * What the notice says of `el`'s `page-size` (`[]` when absent or a whole number above 0): the
 * `rows` it counts ("rows", "applications") and the default used meanwhile.
 */
export function pageSizeProblems(el, fallback, rows) {
  const text = el.getAttribute('page-size');
  if (text === null || (/^\s*\d+\s*$/.test(text) && Number(text) > 0)) return [];
  return [{ attribute: 'page-size', value: text, message: `the ${rows} per page must be a whole number above 0 (${fallback} by default)` }];
}
