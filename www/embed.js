// One script tag gives a documentation page every ers-golive element:
//   <script type="module" src="https://…/ers-golive/embed.js"></script>
//   <ers-name-check></ers-name-check>  (or ers-asid-planner, ers-key-generator, ers-jwt-tester,
//   ers-golive-pack)
// It adds the stylesheets (once) and defines each element. Each element loads on its own, so
// one that fails to load leaves a message in its place and the others still work.

const base = new URL('.', import.meta.url);

export const ELEMENTS = [
  'ers-name-check',
  'ers-asid-planner',
  'ers-key-generator',
  'ers-key-set',
  'ers-jwt-tester',
  'ers-golive-pack',
];

function addStylesheet(href) {
  const url = new URL(href, base).href;
  if ([...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href === url)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = url;
  document.head.append(link);
}

addStylesheet('css/site.css');

export const loaded = Promise.all(
  ELEMENTS.map(async (tag) => {
    addStylesheet(`components/${tag}/${tag}.css`);
    try {
      await import(new URL(`components/${tag}/define.js`, base).href);
    } catch (error) {
      console.warn(`ers-golive: <${tag}> could not be loaded`, error);
      for (const el of document.querySelectorAll(tag)) {
        el.replaceChildren(
          Object.assign(document.createElement('p'), {
            className: 'ers-notice ers-notice--error',
            textContent: `This part of ers-golive could not be loaded (${tag}). Reload the page; if it persists, please report it.`,
          }),
        );
      }
    }
  }),
);
