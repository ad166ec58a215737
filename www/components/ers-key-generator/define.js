// Registers <ers-key-generator> once, however many times this module is imported, once its shadow
// root's stylesheets are loaded (so it never shows unstyled).
import { loadStyles } from '../../js/shadow.js';
import { ErsKeyGenerator } from './ers-key-generator.js';

try {
  await loadStyles(ErsKeyGenerator.tag);
} catch (error) {
  console.warn('ers-golive: the styles of <ers-key-generator> could not be loaded; it runs unstyled', error);
}
if (!customElements.get(ErsKeyGenerator.tag)) customElements.define(ErsKeyGenerator.tag, ErsKeyGenerator);
