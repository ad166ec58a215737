// embed.html: each element shown live (in `.ers-embed__live`) gets the snippet that embeds it,
// made here from the element as the page writes it (its tag and attributes) and this site's
// own address (wherever it is served from), with a copy button. The snippet cannot differ from
// the element beside it. Rule-free page glue; text only (no markup is built from strings).
import { copyButton, h } from './ui.js';

const embed = new URL('../embed.js', import.meta.url).href;

/** `<tag a="v">` as a page writes it: the attributes the page gave, quoted. */
function markup(el) {
  const tag = el.localName;
  const attributes = [...el.attributes].map((a) => ` ${a.name}="${a.value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`).join('');
  return `<${tag}${attributes}></${tag}>`;
}

for (const live of document.querySelectorAll('.ers-embed__live')) {
  const el = live.firstElementChild;
  const section = live.closest('section');
  if (!el || !section) continue;
  const titleId = `${section.id}-snippet-title`;
  const code = h('code', { 'data-snippet': true, text: `<script type="module" src="${embed}"></script>\n${markup(el)}` });
  const button = copyButton('Copy the snippet', () => code.textContent);
  button.setAttribute('aria-label', `Copy the snippet: ${section.querySelector('h2')?.textContent ?? 'snippet'}`);
  live.before(h('div', { class: 'ers-embed__snippet' },
    h('p', { class: 'ers-embed__snippet-title', id: titleId, text: 'The snippet to copy' }),
    h('pre', { tabindex: '0', 'aria-labelledby': titleId }, code),
    button));
}
