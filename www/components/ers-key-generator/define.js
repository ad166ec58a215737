// Registers <ers-key-generator> once, however many times this module is imported.
import { ErsKeyGenerator } from './ers-key-generator.js';

if (!customElements.get(ErsKeyGenerator.tag)) customElements.define(ErsKeyGenerator.tag, ErsKeyGenerator);
