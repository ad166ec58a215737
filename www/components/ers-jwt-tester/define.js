// Registers <ers-jwt-tester> once, however many times this module is imported.
import { ErsJwtTester } from './ers-jwt-tester.js';

if (!customElements.get(ErsJwtTester.tag)) customElements.define(ErsJwtTester.tag, ErsJwtTester);
