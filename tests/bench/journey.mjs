// A supplier's journey at real size, for looking at (issue 20): 500 end-user organisations × the
// 3 access modes in headless Chromium against the served site, with a screenshot of each section
// at 1280 px, the printed pack, and the first screen and the plan at 375 px. It asserts only that
// each step reached its end; the screenshots are for a person to look at.
//
//   BASE_URL=http://127.0.0.1:8080/ node tests/bench/journey.mjs [OUT_DIR]
//   (OUT_DIR defaults to tests/output/journey)

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openPage } from '../e2e/harness.mjs';
import { describeProduct, euoCsv } from './supplier.mjs';

const EUOS = 500;
const APPS = EUOS * 3;
const TIMEOUT = 120_000;
const out = process.argv[2] ?? 'tests/output/journey';
await mkdir(out, { recursive: true });
const dir = await mkdtemp(join(tmpdir(), 'ers-golive-journey-'));
const csv = join(dir, 'euos.csv');
await writeFile(csv, euoCsv(EUOS));

const shots = [];
const MAX_HEIGHT = 2400;
/** The viewport, or the top of `target` (at most MAX_HEIGHT px of it, for a person to read). */
async function shoot(page, name, target) {
  const path = join(out, `${name}.png`);
  if (target) {
    await page.locator(target).scrollIntoViewIfNeeded();
    const box = await page.locator(target).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
    });
    await page.screenshot({ path, fullPage: true, clip: { ...box, height: Math.min(box.height, MAX_HEIGHT) } });
  } else {
    await page.screenshot({ path });
  }
  shots.push(`${path}${target ? ` (top ${MAX_HEIGHT} px of ${target})` : ''}`);
}

/** Imports the organisations, picks the three access modes, plans. */
async function plan(page) {
  await page.waitForSelector('ers-asid-planner input[value="user-restricted"]');
  await page.setInputFiles('ers-asid-planner input[type="file"]', csv);
  await page.waitForFunction((n) => document.querySelector('ers-asid-planner').euos.length === n, EUOS, { timeout: TIMEOUT });
  await describeProduct(page);
  await page.click('ers-asid-planner button:has-text("Plan the go-live")');
  await page.waitForFunction((n) => document.querySelector('ers-golive-pack').pack?.totals.applications === n
    && document.querySelector('ers-key-set').applications?.length === n, APPS, { timeout: TIMEOUT });
}

const wide = await openPage('');
try {
  const { page, consoleErrors } = wide;
  await shoot(page, '01-first-screen-1280');
  await plan(page);
  await shoot(page, '02-workspace', '#workspace');
  await shoot(page, '03-planner', '#planner');
  await page.locator('ers-name-check .ers-name-check__checker').getByLabel('Application name')
    .fill('Care Vista – Care Vista Link – PROD – e-Referral Service, User Restricted');
  await page.waitForSelector('ers-name-check li[data-code]', { timeout: TIMEOUT });
  await shoot(page, '04-names', '#names');
  await shoot(page, '05-keys', '#keys');
  await shoot(page, '06-jwt', '#jwt');
  await page.fill('ers-golive-pack fieldset[data-index="0"] input[data-field="appId"]', '5a0f1c2e-0000-4000-8000-000000000001');
  await page.waitForFunction(() => document.querySelector('ers-golive-pack').pack?.applications?.[0]?.appId, null, { timeout: TIMEOUT });
  await shoot(page, '07-pack', '#golive');
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction((n) => document.querySelector('ers-golive-pack').shadowRoot.querySelectorAll('.ers-golive-pack__print-table tbody tr').length === n, APPS, { timeout: TIMEOUT });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, '08-print-first-page');
  if (consoleErrors.length) throw new Error(`console errors: ${consoleErrors.join(' | ')}`);
} finally {
  await wide.close();
}

const narrow = await openPage('', { viewport: { width: 375, height: 812 } });
try {
  const { page, consoleErrors } = narrow;
  await shoot(page, '09-first-screen-375');
  await plan(page);
  for (const id of ['planner', 'keys', 'golive']) await shoot(page, `10-${id}-375`, `#${id}`);
  if (consoleErrors.length) throw new Error(`console errors: ${consoleErrors.join(' | ')}`);
} finally {
  await narrow.close();
  await rm(dir, { recursive: true, force: true });
}
console.log(`journey: ${EUOS} EUOs × 3 access modes = ${APPS.toLocaleString('en-GB')} applications; screenshots:\n  ${shots.join('\n  ')}`);
