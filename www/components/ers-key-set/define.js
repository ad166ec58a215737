// Registers <ers-key-set> once, however many times this module is imported.
import { ErsKeySet } from './ers-key-set.js';

if (!customElements.get(ErsKeySet.tag)) customElements.define(ErsKeySet.tag, ErsKeySet);
