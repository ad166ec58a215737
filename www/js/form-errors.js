// Form fields and errors in the manner of GOV.UK Frontend: field, label and hint; an error
// summary that takes focus and links to each field; each error beside its field. No rules here.

import { h, uid, withCode } from './ui.js';

/** "the key…" → "The key…". */
export function capitalise(text) {
  const s = String(text ?? '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A field: label, hint (text or nodes), control (given `id`, and the hint's id in its
 *  aria-describedby; `[...before, control]` puts nodes before it), then `after`; `name` is
 *  what errors refer to it by. */
export function field(id, label, hint, control, name, ...after) {
  const before = [control].flat();
  control = before.pop();
  control.id ||= id;
  const hintId = `${id}-hint`;
  if (hint !== null) {
    const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== hintId);
    control.setAttribute('aria-describedby', [hintId, ...described].join(' '));
  }
  return h('div', { class: 'ers-field', 'data-field': name },
    h('label', { for: id, text: label }),
    hint === null ? null : h('span', { class: 'ers-hint', id: hintId }, hint),
    ...before, control, ...after);
}

/** A radio (or checkbox: `props.type`) with its label and, inside it, its hint (joined to it by
 *  aria-describedby); `props` are the input's. */
export function choice(id, label, hint, props) {
  return h('div', { class: `ers-${props.type}` },
    h('input', { id, 'aria-describedby': `${id}-hint`, ...props }),
    h('label', { for: id }, label, h('span', { class: 'ers-hint', id: `${id}-hint`, text: hint })));
}

/** A checkbox, its label and under the label its hint (`null`: none), joined to it by
 *  aria-describedby after any id `props` gives; `between` goes between label and hint. The
 *  input is the wrapper's `control`. */
export function checkbox(id, label, hint, props, { between = null, block = '' } = {}) {
  const hintId = `${id}-hint`;
  const described = [props['aria-describedby'], hint === null ? null : hintId].filter(Boolean).join(' ');
  const control = h('input', { ...props, type: 'checkbox', id, 'aria-describedby': described || null });
  const el = h('div', { class: `ers-checkbox${block ? ` ${block}` : ''}` }, control,
    h('div', {}, h('label', { for: id }, label), between, hint === null ? null : h('span', { class: 'ers-hint', id: hintId }, hint)));
  el.control = control;
  return el;
}

/** An empty, hidden error summary; `showErrors` (or `showSummary`) fills it. `level`: the
 *  heading's level in the element's outline. */
export function errorSummary(id, { level = 4 } = {}) {
  const list = h('ul', { class: 'ers-error-summary__list' });
  const box = h('div', { class: 'ers-error-summary', id, tabindex: '-1', hidden: true, 'aria-labelledby': `${id}-title` },
    h('div', { role: 'alert' }, h(`h${level}`, { class: 'ers-error-summary__title', id: `${id}-title`, text: 'There is a problem' }), list));
  box.list = list;
  return box;
}

/**
 * Fills the summary `box` with `items` (`[{ text, go? }]`: `go()` takes the user to what the
 * item is about, and makes the item a link), shows it and gives it focus (unless `focus` is
 * false). For an element whose fields are not plain `[data-field]` wrappers (`showErrors` is
 * for those).
 */
export function showSummary(box, items, { focus = true } = {}) {
  box.list.replaceChildren(...items.map(({ text, go }) => h('li', {}, go
    ? h('a', { href: '#', onclick: (event) => { event.preventDefault(); go(); } }, ...withCode(text))
    : withCode(text))));
  box.hidden = false;
  if (focus) box.focus();
}

/** Hides the summary and empties it. */
export function hideSummary(box) {
  box.hidden = true;
  box.list.replaceChildren();
}

/** Removes every error `showErrors` put in `form` and hides the summary. */
export function clearErrors(form, box) {
  box.hidden = true;
  box.list.replaceChildren();
  for (const message of form.querySelectorAll('[data-error]')) message.remove();
  for (const f of form.querySelectorAll('.ers-field--error')) f.classList.remove('ers-field--error');
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  for (const c of form.querySelectorAll('[aria-describedby]')) {
    const ids = c.getAttribute('aria-describedby').split(' ').filter((x) => x && !x.endsWith('-error'));
    c.setAttribute('aria-describedby', ids.join(' '));
  }
}

/**
 * Marks `wrapper` (a field of one control, or a fieldset of radios or checkboxes, or a field
 * holding one) as in error with `text`: the message, with a visually hidden "Error:" first,
 * after its hint (or its label or legend), joined to the control's (or the fieldset's)
 * aria-describedby, and aria-invalid on a single control. The error goes as soon as the field
 * changes (GOV.UK: an error is about what was sent, and the field now says something else).
 * Returns `{ control, clear }` (`clear()` removes it now; twice is harmless), or null when the
 * wrapper has no control.
 */
export function markField(wrapper, text, control = null) {
  const group = wrapper.matches('fieldset') ? wrapper : wrapper.querySelector('fieldset');
  control ??= group
    ? (group.querySelector('input:checked') ?? group.querySelector('input'))
    : wrapper.querySelector('input, textarea, select');
  if (!control && !group) return null;
  // A group is described as a whole; a single control is marked invalid.
  const described = group ?? control;
  const errorId = `${described.id || control?.id || uid('field')}-error`;
  wrapper.classList.add('ers-field--error');
  if (!group) control.setAttribute('aria-invalid', 'true');
  described.setAttribute('aria-describedby', `${described.getAttribute('aria-describedby') ?? ''} ${errorId}`.trim());
  const message = h('p', { class: 'ers-error-message', id: errorId, 'data-error': '' },
    h('span', { class: 'ers-visually-hidden', text: 'Error: ' }), ...withCode(text));
  const box = group ?? wrapper;
  const after = box.querySelector(':scope > .ers-hint') ?? box.querySelector(':scope > legend, :scope > label');
  if (after) after.after(message);
  else control.before(message);
  const clear = () => {
    message.remove();
    wrapper.classList.remove('ers-field--error');
    if (!group) control.removeAttribute('aria-invalid');
    const ids = (described.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== errorId);
    described.setAttribute('aria-describedby', ids.join(' '));
  };
  wrapper.addEventListener(group ? 'change' : 'input', clear, { once: true });
  return { control: control ?? described, clear };
}

/**
 * Shows each `{ field?, message }` beside the field whose `data-field` is `field` (a field of one
 * control, or a fieldset of radios) and in the summary, which then takes focus. A problem with
 * no field goes in the summary only.
 */
export function showErrors(form, box, problems) {
  for (const problem of problems) {
    const wrapper = problem.field ? form.querySelector(`[data-field="${problem.field}"]`) : null;
    const text = capitalise(problem.message);
    const marked = wrapper ? markField(wrapper, text) : null;
    if (!marked) {
      box.list.append(h('li', {}, ...withCode(text)));
      continue;
    }
    const { control } = marked;
    box.list.append(h('li', {}, h('a', {
      href: `#${control.id}`,
      onclick: (event) => {
        event.preventDefault();
        control.focus();
        (wrapper.querySelector('label, legend') ?? control).scrollIntoView({ block: 'center' });
      },
    }, ...withCode(text))));
  }
  box.hidden = false;
  box.focus();
}
