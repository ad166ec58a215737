// embed.html: the snippets show this site's own address (wherever it is served from), and each
// has a copy button. Rule-free page glue.
import { copyButton } from './ui.js';

const embed = new URL('../embed.js', import.meta.url).href;
for (const code of document.querySelectorAll('code[data-snippet]')) {
  code.textContent = code.textContent.replace('https://YOUR-SITE/ers-golive/embed.js', embed);
  const title = code.closest('.ers-embed__snippet')?.querySelector('.ers-embed__snippet-title')?.textContent ?? 'snippet';
  const button = copyButton('Copy the snippet', () => code.textContent);
  button.setAttribute('aria-label', `Copy the snippet: ${code.closest('section')?.querySelector('h2')?.textContent ?? title}`);
  code.closest('.ers-embed__snippet').append(button);
}
