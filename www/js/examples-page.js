// components/examples.html?element=<tag>: the examples of one element, from the data of its
// components/<tag>/examples.js (`export default { examples: [{ id, title, text?, elements:
// [[tag, attributes]] }] }`), each in a section of its own; without `element`, the list of the
// elements' example pages. The elements are then defined by embed.js, as on any page.

import { ELEMENTS } from '../embed.js';
import { h } from './ui.js';

const main = document.querySelector('main');
const tag = new URLSearchParams(location.search).get('element');

if (ELEMENTS.includes(tag)) {
  const { default: page } = await import(`../components/${tag}/examples.js`);
  document.title = `<${tag}> examples`;
  main.replaceChildren(
    h('h1', { text: `<${tag}>` }),
    h('p', {}, 'Its attributes, properties, events, parts and custom properties: ', h('a', { href: `${tag}/README.md`, text: 'README' }), '. ', h('a', { href: 'examples.html', text: 'Every element’s examples' }), '.'),
    ...page.examples.map((example) => h('section', { 'aria-labelledby': `example-${example.id}` },
      h('h2', { id: `example-${example.id}`, text: example.title }),
      example.text ? h('p', { text: example.text }) : null,
      example.elements.map(([name, attributes = {}]) => {
        const el = document.createElement(name);
        for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
        return el;
      }))));
} else {
  main.replaceChildren(
    h('h1', { text: 'ers-golive element examples' }),
    h('ul', {}, ELEMENTS.map((name) => h('li', {}, h('a', { href: `examples.html?element=${name}`, text: `<${name}>` })))));
}
