// What the in-page benchmarks print: the median, min and max of a series of timings, and one line
// of them.

/** `{ median, min, max, n }` of `xs` (milliseconds). */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], n: s.length };
}

/** One line: `name`, padded to `width`, then the figures of `f`. */
export function line(name, f, width = 40) {
  return `  ${name.padEnd(width)} median ${f.median.toFixed(0).padStart(6)} ms   min ${f.min.toFixed(0).padStart(6)} ms   max ${f.max.toFixed(0).padStart(6)} ms   (${f.n})`;
}
