// The site's own page (index.html), not the embeddable elements: makes the site work offline
// after one visit (a service worker caching only this site's files, sw.js, made by the build),
// and says so plainly when another site shows this page inside a frame.

import { framedBy } from './framing.js';
import { trustedScriptUrl } from './trusted-types.js';
import { h } from './ui.js';

const framer = framedBy();
if (framer) {
  document.querySelector('.ers-header .ers-width')?.prepend(
    h('div', { class: 'ers-notice ers-notice--error ers-framed', role: 'alert' },
      h('p', {}, h('strong', { text: 'This page is shown inside another site' }), ` (${framer}). `,
        'That site could see what you type or put its own buttons over ours, so private keys cannot be copied or downloaded here. ',
        'Open ers-golive in a tab of its own to make keys.')),
  );
}

// Offline use: only over http(s) (a secure context), and only for the site itself.
if ('serviceWorker' in navigator && window.isSecureContext && !framer) {
  const url = new URL('../sw.js', import.meta.url);
  navigator.serviceWorker
    .register(trustedScriptUrl(url)) // its scope is its folder: the site's root
    .catch((error) => console.warn('ers-golive: offline use is not available:', error.message));
}
