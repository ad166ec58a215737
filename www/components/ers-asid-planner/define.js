// Registers <ers-asid-planner> once, however many times this module is imported.
import { ErsAsidPlanner } from './ers-asid-planner.js';

if (!customElements.get(ErsAsidPlanner.tag)) customElements.define(ErsAsidPlanner.tag, ErsAsidPlanner);
