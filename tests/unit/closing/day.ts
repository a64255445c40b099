import { OWNER, type TestClinic } from '../../support/clinic';

/** Test helpers for a day at the till: walk-in sales as the desk makes them, and row counts to prove a refusal changed nothing. */
export async function sell(clinic: TestClinic, lines: { unitPriceCents: number; quantity?: number; taxRateMillipercent?: number; percentOff?: number; staffId?: number; serviceId?: number }[]) {
  const { id } = await clinic.call('invoices.createDraft', {
    lines: lines.map((l) => ({
      description: 'Item',
      serviceId: l.serviceId,
      staffId: l.staffId ?? null,
      quantity: l.quantity ?? 1,
      unitPriceCents: l.unitPriceCents,
      taxRateMillipercent: l.taxRateMillipercent ?? 19_000,
      discount: l.percentOff ? { kind: 'percent' as const, basisPoints: l.percentOff * 100 } : null,
    })),
  });
  return clinic.call('invoices.issue', { id });
}

/** Every row of the tables a sale, payment, refund or close writes, to compare before and after a refused call. */
export function snapshot(clinic: TestClinic): Record<string, unknown[]> {
  const tables = ['invoice', 'invoiceLine', 'payment', 'creditNote', 'creditNoteLine', 'storedValueEntry', 'dayClose'];
  return Object.fromEntries(tables.map((table) => [table, clinic.lumen.runtime.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all()]));
}

/** Moves the clinic's clock (an instant, or days ahead) and unlocks the owner's desk, which locks after idle minutes. */
export async function travel(clinic: TestClinic, to: string | { days: number }): Promise<void> {
  if (typeof to === 'string') clinic.clock.set(to);
  else clinic.clock.advance(to);
  const session = await clinic.call('auth.session', {});
  if (session?.locked) await clinic.call('auth.unlock', { password: OWNER.password });
}
