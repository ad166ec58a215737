// Registers <ers-asid-planner> once, however many times this module is imported, once its shadow
// root's stylesheets are loaded (so it never shows unstyled).
import { loadStyles } from '../../js/shadow.js';
import { ErsAsidPlanner } from './ers-asid-planner.js';

try {
  await loadStyles(ErsAsidPlanner.tag);
} catch (error) {
  console.warn('ers-golive: the styles of <ers-asid-planner> could not be loaded; it runs unstyled', error);
}
if (!customElements.get(ErsAsidPlanner.tag)) customElements.define(ErsAsidPlanner.tag, ErsAsidPlanner);
