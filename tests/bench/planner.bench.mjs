// In-page benchmark of <ers-asid-planner>: 10,000 end-user organisations × all three access
// modes (+ the APIM services ASID for PDS) planned and exported as CSV, JSON and Markdown (the
// bytes the download buttons save), in headless Chromium against the served site. Goal:
// ≤ 300 ms for plan + exports. Prints medians and a ratio against a peer measured in the same
// run: the browser's own JSON.stringify of the same whole plan as a JavaScript object.
//
//   BASE_URL=http://127.0.0.1:8080/ node tests/bench/planner.bench.mjs   (or: cargo xtask bench)

import { openPage } from '../e2e/harness.mjs';

const EUOS = 10_000;
const RUNS = 7;
const GOAL_MS = 300;

const session = await openPage('');
try {
  const { page, consoleErrors } = session;
  await page.waitForSelector('ers-asid-planner input[type="checkbox"]');
  await page.fill('ers-asid-planner input[name="product"]', 'Care Vista Link');
  await page.fill('ers-asid-planner input[name="supplier"]', 'Care Vista');
  for (const id of ['user-restricted', 'application-restricted-referrer', 'application-restricted-provider', 'PDS']) {
    await page.check(`ers-asid-planner input[value="${id}"]`);
  }
  const figures = await page.evaluate(
    async ({ euos, runs }) => {
      const el = document.querySelector('ers-asid-planner');
      el.euos = Array.from({ length: euos }, (_, i) => ({
        name: `Organisation ${i} NHS Foundation Trust`,
        odsCode: `R${String(i).padStart(5, '0')}`,
      }));
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const t = { plan: [], csv: [], json: [], markdown: [], total: [], peer: [] };
      let sizes = {};
      const { loadErs } = await import('./js/ers.js');
      const m = await loadErs();
      for (let r = 0; r < runs; r += 1) {
        const t0 = performance.now();
        const plan = await el.planNow();
        const t1 = performance.now();
        const csv = await el.exportBytes('csv');
        const t2 = performance.now();
        const json = await el.exportBytes('json');
        const t3 = performance.now();
        const md = await el.exportBytes('markdown');
        const t4 = performance.now();
        t.plan.push(t1 - t0);
        t.csv.push(t2 - t1);
        t.json.push(t3 - t2);
        t.markdown.push(t4 - t3);
        t.total.push(t4 - t0);
        // The peer: the same plan as one JavaScript object, serialised by the engine.
        const handle = new m.GoLivePlan({
          product: 'Care Vista Link', supplier: 'Care Vista', euos: el.euos,
          userRestricted: true, appRestrictedReferrer: true, appRestrictedProvider: true, services: ['PDS'],
        });
        const whole = handle.toObject();
        handle.free();
        const t5 = performance.now();
        const peer = JSON.stringify(whole);
        t.peer.push(performance.now() - t5);
        sizes = { asids: plan.totals.asids, applications: plan.totals.applications, csv: csv.length, json: json.length, md: md.length, peer: peer.length };
      }
      return { sizes, ...Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) };
    },
    { euos: EUOS, runs: RUNS },
  );
  const ms = (x) => `${x.toFixed(1).padStart(8)} ms`;
  console.log(`planner page bench: ${EUOS} EUOs × 3 access modes + APIM ASID = ${figures.sizes.asids} ASIDs, ${figures.sizes.applications} applications (median of ${RUNS} runs)`);
  console.log(`  plan + render page 1       ${ms(figures.plan)}`);
  console.log(`  export CSV                 ${ms(figures.csv)} (${figures.sizes.csv} bytes)`);
  console.log(`  export JSON                ${ms(figures.json)}`);
  console.log(`  export Markdown            ${ms(figures.markdown)}`);
  console.log(`  plan + all three exports   ${ms(figures.total)}   goal ≤ ${GOAL_MS} ms: ${figures.total <= GOAL_MS ? 'met' : 'NOT met'}`);
  console.log(`  plan + CSV export          ${ms(figures.plan + figures.csv)}   goal ≤ ${GOAL_MS} ms: ${figures.plan + figures.csv <= GOAL_MS ? 'met' : 'NOT met'}`);
  console.log(`  peer JSON.stringify(plan)  ${ms(figures.peer)}   plan+exports / peer = ${(figures.total / figures.peer).toFixed(2)}×`);
  if (consoleErrors.length) console.log(`  console errors: ${consoleErrors.join(' | ')}`);
} finally {
  await session.close();
}
