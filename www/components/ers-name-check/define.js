// Registers <ers-name-check> once, however many times this module is imported.
import { ErsNameCheck } from './ers-name-check.js';

if (!customElements.get(ErsNameCheck.tag)) customElements.define(ErsNameCheck.tag, ErsNameCheck);
