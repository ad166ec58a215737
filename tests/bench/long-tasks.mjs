// The long tasks of a page, step by step, for the page benchmarks (responsiveness, sections):
// a long-task observer (every task over 50 ms) installed in the page; `step(name, what, act)`
// waits for the page to settle, runs `act`, waits again, and records how long it took in all
// and the longest task the main thread ran meanwhile.

/** Watches `page`'s long tasks; resolves to `{ step, results }`. */
export async function watchLongTasks(page, { quietMs = 1500 } = {}) {
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  /** Waits until the page has had no long task for a while, then takes those seen since. */
  const settle = () =>
    page.evaluate(async (quiet) => {
      let seen = -1;
      while (seen !== window.__longTasks.length) {
        seen = window.__longTasks.length;
        await new Promise((r) => setTimeout(r, quiet));
      }
      const longest = Math.max(0, ...window.__longTasks);
      const count = window.__longTasks.length;
      window.__longTasks = [];
      return { longest, count };
    }, quietMs);
  const results = [];
  const step = async (name, what, act) => {
    await settle();
    const t0 = Date.now();
    await act();
    const ms = Date.now() - t0;
    results.push({ name, what, ms, ...(await settle()) });
  };
  return { step, results };
}
