// The supplier the page benchmarks and the journey play: Care Vista, its product Care Vista Link,
// all three access modes, and N end-user organisations as the CSV a supplier would import.

/** The CSV of `n` organisations (`Organisation 1 NHS Foundation Trust,R0000`, …), header first. */
export function euoCsv(n) {
  const rows = Array.from({ length: n }, (_, i) => `Organisation ${i + 1} NHS Foundation Trust,R${String(i).padStart(4, '0')}`);
  return `Organisation,ODS code\n${rows.join('\n')}\n`;
}

/** Types the product and supplier into the planner and picks every access mode. */
export async function describeProduct(page) {
  await page.fill('ers-asid-planner input[name="product"]', 'Care Vista Link');
  await page.fill('ers-asid-planner input[name="supplier"]', 'Care Vista');
  for (const id of ['user-restricted', 'application-restricted-referrer', 'application-restricted-provider']) {
    await page.check(`ers-asid-planner input[value="${id}"]`);
  }
}
