// Small, rule-free helpers every element uses: element creation, numbers written one way, ids,
// copy to clipboard and a debounced aria-live announcer. What only the bigger sections need
// (pages of a list, a question asked in place, downloads) is in actions.js, so a page that
// embeds only the name checker does not load it.

/** The ::part names of the main pieces, by the shared class that makes them (a host themes
 *  `ers-name-check::part(button)`); an element adds its own (`result`) with a `part` prop. */
const PARTS = [
  ['ers-button', 'button'],
  ['ers-input', 'input'],
  ['ers-select', 'input'],
  ['ers-textarea', 'input'],
  ['ers-error-summary', 'error-summary'],
  ['ers-notice', 'notice'],
  ['ers-verdict', 'verdict'],
  ['ers-diagnostic', 'diagnostic'],
  ['ers-table', 'table'],
];

function partsOf(className) {
  const classes = String(className).split(/\s+/);
  return [...new Set(PARTS.filter(([c]) => classes.includes(c)).map(([, part]) => part))];
}

/** Creates an element: `h('p', { class: 'x', text: 'Hi' }, child…)`. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') el.textContent = value;
    else if (key === 'class') {
      el.className = value;
      const parts = partsOf(value);
      if (parts.length) el.setAttribute('part', [el.getAttribute('part'), ...parts].filter(Boolean).join(' '));
    } else if (key === 'part') el.setAttribute('part', [el.getAttribute('part'), value].filter(Boolean).join(' '));
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const count = new Intl.NumberFormat('en-GB');

/** `1500` → "1,500", as the core's `words::thousands`; `counted(2, 'key pair')` → "2 key pairs". */
export const number = (n) => count.format(n);
export const counted = (n, one, many = `${one}s`) => `${count.format(n)} ${n === 1 ? one : many}`;

let idCounter = 0;
/** A document-unique id with a readable prefix. */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** Copies `text`; resolves to true when the clipboard took it. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A copy button for the text `getText()` returns; says "Copied" for a moment. */
export function copyButton(label, getText) {
  const button = h('button', { type: 'button', class: 'ers-button ers-button--secondary', text: label });
  button.addEventListener('click', async () => {
    const ok = await copyText(getText());
    button.textContent = ok ? 'Copied' : 'Copy failed: select the text and copy it';
    setTimeout(() => (button.textContent = label), 2000);
  });
  return button;
}

/** A visually hidden live region; `announce(text)` is debounced so screen readers are not flooded. */
export function liveRegion(politeness = 'polite') {
  const el = h('div', { class: 'ers-visually-hidden', 'aria-live': politeness, 'aria-atomic': 'true' });
  let timer;
  el.announce = (text, delay = 400) => {
    clearTimeout(timer);
    timer = setTimeout(() => (el.textContent = text), delay);
  };
  return el;
}

/**
 * Text from the module, with its `code` spans (between backticks, as diagnostics write them)
 * as <code> elements: a list of nodes for `h(…)` children. No backtick reaches the page.
 */
export function withCode(text) {
  const parts = String(text ?? '').split('`');
  if (parts.length < 3) return [parts.join('')];
  const nodes = [];
  parts.forEach((part, i) => {
    const isCode = i % 2 === 1 && i < parts.length - 1;
    if (isCode) nodes.push(h('code', { text: part }));
    else if (part) nodes.push(i === parts.length - 1 && i % 2 === 1 ? `\`${part}` : part);
  });
  return nodes;
}
