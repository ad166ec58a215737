// Registers <ers-key-set> once, however many times this module is imported, once its shadow
// root's stylesheets are loaded (so it never shows unstyled).
import { loadStyles } from '../../js/shadow.js';
import { ErsKeySet } from './ers-key-set.js';

try {
  await loadStyles(ErsKeySet.tag);
} catch (error) {
  console.warn('ers-golive: the styles of <ers-key-set> could not be loaded; it runs unstyled', error);
}
if (!customElements.get(ErsKeySet.tag)) customElements.define(ErsKeySet.tag, ErsKeySet);
