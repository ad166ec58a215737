// What the bigger sections do beyond showing, rule-free: pages of a long list, a question asked
// in place, a file saved through a Blob URL, how long ago, and a warning before leaving while a
// private key is not yet saved.

import { h, number, uid } from './ui.js';

/** A file name from `text` (a product name): lower-case letters, digits and dashes only, or
 *  `fallback` when nothing is left. */
export function slug(text, fallback = 'file') {
  const s = String(text ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return s || fallback;
}

/**
 * A pager, a labelled `<nav>`: Previous / Next buttons and "Page x of y (what a–b of n)".
 * `go(page)` is called with the page asked for; `update(current, total, size)` redraws it
 * (hidden while everything fits on one page) and returns the current page, kept in range.
 * `block` adds the element's own classes (`${block}__pager`, `${block}__page`).
 */
export function pager(what, go, { block = '' } = {}) {
  const label = h('span', { class: `ers-pager__page${block ? ` ${block}__page` : ''}` });
  const prev = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Previous page' });
  const next = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Next page' });
  const el = h('nav', { class: `ers-button-group ers-pager${block ? ` ${block}__pager` : ''}`, 'aria-label': `Pages of ${what}` }, prev, label, next);
  let page = 0;
  let pages = 1;
  prev.addEventListener('click', () => go(Math.max(0, page - 1)));
  next.addEventListener('click', () => go(Math.min(pages - 1, page + 1)));
  return {
    el,
    update: (current, total, size) => {
      pages = Math.max(1, Math.ceil(total / size));
      page = Math.min(Math.max(0, current), pages - 1);
      el.hidden = total <= size;
      prev.disabled = page === 0;
      next.disabled = page >= pages - 1;
      const first = total === 0 ? 0 : page * size + 1;
      const last = Math.min(total, (page + 1) * size);
      label.textContent = `Page ${number(page + 1)} of ${number(pages)} (${what} ${number(first)}–${number(last)} of ${number(total)})`;
      return page;
    },
  };
}

/** Makes the browser save `content` as `filename`. Nothing leaves the machine. */
export function download(filename, content, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  // Clicked without being put in the page: the host page's scripts (a session replay watching
  // the DOM) never see the link to the file, which may be a private key.
  h('a', { href: url, download: filename }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Asks before something is done, in the page (not a browser dialog): a box after `anchor` with
 * `message` and one button per choice (`[{ label, value, warning? }]`) and Cancel. Resolves to
 * the chosen value, or null for Cancel (or Escape). Focus moves to the box's first button and
 * back to `anchor` when it closes. A second ask on the same anchor replaces the first.
 */
export function ask(anchor, message, choices) {
  anchor.ersAsk?.(null);
  return new Promise((resolve) => {
    const close = (value) => {
      box.remove();
      anchor.ersAsk = undefined;
      if (anchor.isConnected) anchor.focus();
      resolve(value);
    };
    const buttons = choices.map((c) => h('button', {
      type: 'button',
      class: `ers-button${c.warning ? ' ers-button--warning' : ''}`,
      text: c.label,
      onclick: () => close(c.value),
    }));
    const cancel = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: 'Cancel', onclick: () => close(null) });
    const id = uid('ask');
    const box = h('div', { class: 'ers-ask', role: 'group', 'aria-labelledby': id },
      h('p', { class: 'ers-ask__message', id, text: message }),
      h('div', { class: 'ers-button-group' }, ...buttons, cancel));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close(null);
      }
    });
    anchor.ersAsk = close;
    (anchor.closest('.ers-button-group') ?? anchor).after(box);
    buttons[0]?.focus();
  });
}

/** "2 minutes ago", "just now", "3 days ago": how long ago `ms` (a Date.now() value) was. */
export function timeAgo(ms, now = Date.now()) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 45) return 'just now';
  const units = [['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) {
    const n = Math.round(s / size);
    if (n >= 1 && s >= size * 0.75) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

const unsaved = new Set();
function warnBeforeLeaving(event) {
  event.preventDefault();
  event.returnValue = '';
}

/**
 * Marks something that would be lost on leaving the page (`held` true) or no longer (false),
 * under a name of the caller's choosing. The browser asks before leaving only while something is
 * held: a generated private key not yet saved to a file. The project itself is saved as you go,
 * so it never holds the page.
 */
export function holdUnsaved(name, held) {
  if (held) unsaved.add(name);
  else unsaved.delete(name);
  if (unsaved.size) window.addEventListener('beforeunload', warnBeforeLeaving);
  else window.removeEventListener('beforeunload', warnBeforeLeaving);
}

/** What would be lost on leaving now (the names `holdUnsaved` was given), for tests and tools. */
export function unsavedHeld() {
  return [...unsaved];
}
