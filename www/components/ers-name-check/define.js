// Registers <ers-name-check> once, however many times this module is imported, once its shadow
// root's stylesheets are loaded (so it never shows unstyled).
import { loadStyles } from '../../js/shadow.js';
import { ErsNameCheck } from './ers-name-check.js';

try {
  await loadStyles(ErsNameCheck.tag);
} catch (error) {
  console.warn('ers-golive: the styles of <ers-name-check> could not be loaded; it runs unstyled', error);
}
if (!customElements.get(ErsNameCheck.tag)) customElements.define(ErsNameCheck.tag, ErsNameCheck);
