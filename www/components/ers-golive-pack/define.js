// Registers <ers-golive-pack> once, however many times this module is imported.
import { ErsGoLivePack } from './ers-golive-pack.js';

if (!customElements.get(ErsGoLivePack.tag)) customElements.define(ErsGoLivePack.tag, ErsGoLivePack);
