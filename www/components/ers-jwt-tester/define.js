// Registers <ers-jwt-tester> once, however many times this module is imported, once its shadow
// root's stylesheets are loaded (so it never shows unstyled).
import { loadStyles } from '../../js/shadow.js';
import { ErsJwtTester } from './ers-jwt-tester.js';

try {
  await loadStyles(ErsJwtTester.tag);
} catch (error) {
  console.warn('ers-golive: the styles of <ers-jwt-tester> could not be loaded; it runs unstyled', error);
}
if (!customElements.get(ErsJwtTester.tag)) customElements.define(ErsJwtTester.tag, ErsJwtTester);
