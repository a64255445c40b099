/**
 * Which lines a coupon may reduce: those of its services or of its categories; every line when it names neither.
 * Never a line that sells stored value (a gift card, a top-up): a coupon would sell money below its face value.
 * Shared so the draft's live totals flag the very lines the main process will.
 */
export function couponEligibility(
  rules: { serviceIds: readonly number[]; categoryIds: readonly number[] },
  lines: readonly { serviceId: number | null; categoryId: number | null; sellsValue?: boolean }[],
): boolean[] {
  const services = new Set(rules.serviceIds);
  const categories = new Set(rules.categoryIds);
  const everyLine = !rules.serviceIds.length && !rules.categoryIds.length;
  return lines.map((line) => !line.sellsValue && (everyLine || (line.serviceId !== null && services.has(line.serviceId)) || (line.categoryId !== null && categories.has(line.categoryId))));
}
