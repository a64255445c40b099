/**
 * Which lines a coupon may reduce: those of its services or of its categories; every line when it names neither.
 * Shared so the draft's live totals flag the very lines the main process will.
 */
export function couponEligibility(rules: { serviceIds: readonly number[]; categoryIds: readonly number[] }, lines: readonly { serviceId: number | null; categoryId: number | null }[]): boolean[] {
  if (!rules.serviceIds.length && !rules.categoryIds.length) return lines.map(() => true);
  const services = new Set(rules.serviceIds);
  const categories = new Set(rules.categoryIds);
  return lines.map((line) => (line.serviceId !== null && services.has(line.serviceId)) || (line.categoryId !== null && categories.has(line.categoryId)));
}
