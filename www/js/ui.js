// Small, rule-free helpers the components share: element creation, copy to clipboard, file
// downloads through Blob URLs, and a debounced aria-live announcer.

/** Creates an element: `h('p', { class: 'x', text: 'Hi' }, child…)`. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') el.textContent = value;
    else if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

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

/** Makes the browser save `content` as `filename`. Nothing leaves the machine. */
export function download(filename, content, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
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
