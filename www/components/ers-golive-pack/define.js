// Registers <ers-golive-pack> once, however many times this module is imported, once its shadow
// root's stylesheets are loaded (so it never shows unstyled).
import { loadStyles } from '../../js/shadow.js';
import { ErsGoLivePack } from './ers-golive-pack.js';

try {
  await loadStyles(ErsGoLivePack.tag);
} catch (error) {
  console.warn('ers-golive: the styles of <ers-golive-pack> could not be loaded; it runs unstyled', error);
}
if (!customElements.get(ErsGoLivePack.tag)) customElements.define(ErsGoLivePack.tag, ErsGoLivePack);
