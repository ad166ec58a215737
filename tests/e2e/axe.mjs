// Accessibility checks with axe-core, run inside the page. The page's CSP forbids inline
// scripts, so open it with `openPage(path, { bypassCSP: true })` before calling this.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

/**
 * Runs axe on the elements matching `selector` (default: the whole document) against WCAG 2.2 A
 * and AA; resolves to the violations, each `{ id, impact, help, nodes: [html…] }`.
 */
export async function checkA11y(page, selector = 'html') {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  const violations = await page.evaluate(async (sel) => {
    const result = await window.axe.run(sel, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.html),
    }));
  }, selector);
  return violations;
}

/** A readable list of violations, for assertion messages. */
export function describeViolations(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`).join('\n');
}
