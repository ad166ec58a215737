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
 * removes it). The element reacts in its attributeChangedCallback.
 */
export function reflect(cls, map) {
  // A page may set a property before the element is defined (on the plain element): that value
  // is moved onto the accessor when the element is first connected, as if set afterwards.
  const connected = cls.prototype.connectedCallback;
  cls.prototype.connectedCallback = function connectedCallback() {
    for (const property of Object.keys(map)) {
      if (Object.hasOwn(this, property)) {
        const value = this[property];
        delete this[property];
        this[property] = value;
      }
    }
    connected?.call(this);
  };
  for (const [property, attribute] of Object.entries(map)) {
    Object.defineProperty(cls.prototype, property, {
      configurable: true,
      enumerable: false,
      get() {
        return this.getAttribute(attribute);
      },
      set(value) {
        if (value === null || value === undefined) this.removeAttribute(attribute);
        else this.setAttribute(attribute, String(value));
      },
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
