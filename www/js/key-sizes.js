// The key size choice of <ers-key-generator> and <ers-key-set>: radios built from the keys
// module's `keySizes()` (the sizes ers-keys offers, its default and its rule, each size with
// the code of its warning), the element's `bits` attribute read by `checkKeyOptions`, and the
// chosen size's warning shown as soon as it is chosen. No size is written here: the choice
// appears when the keys module is first needed (keysWanted: near the viewport, used, a `bits`
// attribute to read), already on the size the attribute asks for.
//
//   const sizes = sizeChoice(el, { id, noteClass, warning: (d) => node, onChange });
//   form.append(sizes.element);
//   await sizes.shown; sizes.bits;                // the size chosen (undefined: not shown yet)
//   const problems = await sizes.read(el.getAttribute('bits')); // null: a newer read follows

import { keysCall, keysWanted } from './ers.js';
import { choice as radioChoice } from './form-errors.js';
import { h } from './ui.js';

/**
 * The size choice of `el`. `id` names the fieldset (its radios are `${id}-${bits}`, in the
 * group `${id}-size`); `noteClass` is the warning box's class; `warning(d)` draws a warning;
 * `recommended` is said after the documented size's hint, `hint` (true) gives the fieldset a
 * hint of its own; `onChange()` follows a change of size.
 */
export function sizeChoice(el, { id, noteClass, warning, recommended = '', hint = false, onChange = () => {} }) {
  const note = h('div', { class: noteClass, 'aria-live': 'polite' });
  const hintText = hint ? h('span', { class: 'ers-hint', id: `${id}-hint` }) : null;
  const radios = h('div', { class: 'ers-size-choice' });
  const element = h('fieldset', { class: 'ers-fieldset', id, 'aria-describedby': hint ? `${id}-hint` : null },
    h('legend', { text: 'Key size' }), hintText, radios, note);
  let run = 0;
  let chosen; // the size the `bits` attribute asked for (undefined: the default)
  // A `bits` attribute is read before the radios are drawn, so that they appear on its size.
  let reading = Promise.resolve();

  const radio = (bits) => radios.querySelector(`input[value="${bits}"]`);
  const draw = (offered) => {
    const { defaultBits, rule, sizes } = offered;
    if (hintText) hintText.textContent = `NHS documents ${defaultBits}-bit RSA keys (${rule}). Smaller keys are offered for clients that cannot use ${defaultBits}.`;
    radios.replaceChildren(...sizes.map(({ bits, warning: code }) => sizeRadio(id, bits, code, bits === (chosen ?? defaultBits),
      code ? 'Smaller than NHS documents: you will see a warning.' : `What NHS documents (${rule}).${recommended}`,
      () => { choice.check(); onChange(); })));
    return offered;
  };
  const drawn = keysWanted(el)
    .then(() => keysCall((m) => m.keySizes()))
    .then(async (offered) => {
      await reading;
      return draw(offered);
    });
  drawn.catch((error) => note.replaceChildren(h('p', { class: 'ers-notice ers-notice--error', text: error.message })));

  const choice = {
    element,
    /** Resolves once the sizes are shown (to keySizes()), or rejects when the module failed. */
    shown: drawn,
    /** The size chosen, or undefined before the choice is shown (the core's default then). */
    get bits() {
      const value = radios.querySelector('input:checked')?.value;
      return value === undefined ? undefined : Number(value);
    },
    /** Shows the chosen size's warnings (the rule is the keys module's). */
    async check() {
      try {
        const warnings = await keysCall((m) => m.checkKeyOptions({ bits: choice.bits }));
        note.replaceChildren(...warnings.map((d) => warning(d)));
      } catch {
        note.replaceChildren();
      }
    },
    /**
     * Chooses the size `value` (the `bits` attribute) names once the keys module accepts it,
     * else the default; resolves to the problems for the element's notice (`[{ attribute,
     * value, message }]`), or null when a newer read started meanwhile.
     */
    async read(value) {
      const mine = ++run;
      const problems = [];
      let bits;
      let settled;
      reading = new Promise((resolve) => (settled = resolve));
      if (value !== null && value !== undefined && String(value).trim()) {
        const asked = /^\s*\d+\s*$/.test(value) ? Number(value) : value;
        try {
          await keysCall((m) => m.checkKeyOptions({ bits: asked }));
          bits = asked;
        } catch (error) {
          problems.push({ attribute: 'bits', value, message: error.message });
        }
      }
      settled();
      if (mine !== run) return null;
      chosen = bits;
      const offered = await drawn.catch(() => null);
      if (mine !== run) return null;
      const target = offered && radio(bits ?? offered.defaultBits);
      if (target) target.checked = true;
      await choice.check();
      return problems;
    },
  };
  return choice;
}

/** One size's radio: `${id}-${bits}`, its hint below its label. */
function sizeRadio(id, bits, code, checked, hint, onchange) {
  return radioChoice(`${id}-${bits}`, code ? `${bits} bits` : `${bits} bits (recommended)`, hint,
    { type: 'radio', name: `${id}-size`, value: String(bits), checked, onchange });
}
