import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestClinic, type TestClinic } from '../../support/clinic';

/**
 * Random sales, split payments, partial refunds by line (to the card or to store credit) and stored-value spending,
 * in any order: every invoice's due is its total less credit notes and net payments, no refund ever exceeds what was
 * paid or sold, and the stored value is the sum of its entries, never below zero.
 */
let clinic: TestClinic;
let patient: number;
beforeAll(async () => {
  clinic = await openTestClinic();
  patient = (await clinic.call('patients.create', { firstName: 'Ledger', lastName: 'Tester' })).id;
});
afterAll(() => clinic.close());

const line = fc.record({
  quantity: fc.integer({ min: 1, max: 6 }),
  unitPriceCents: fc.integer({ min: 1, max: 60_000 }),
  taxRateMillipercent: fc.constantFrom(0, 7_000, 8_875, 19_000, 20_000),
  percentOff: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
});
const step = fc.oneof(
  fc.record({ kind: fc.constant('sell' as const), lines: fc.array(line, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('pay' as const), invoice: fc.nat(), share: fc.integer({ min: 1, max: 100 }), storedValue: fc.boolean() }),
  fc.record({ kind: fc.constant('refund' as const), invoice: fc.nat(), line: fc.nat(), units: fc.integer({ min: 1, max: 6 }), storeCredit: fc.boolean() }),
);

const sql = <T>(text: string, ...params: unknown[]) => clinic.lumen.runtime.sqlite.prepare(text).all(...params) as T[];

async function invariantsHold() {
  for (const { id } of sql<{ id: number }>("SELECT id FROM invoice WHERE status = 'issued'")) {
    const invoice = await clinic.call('invoices.get', { id });
    expect(invoice.dueCents).toBe(invoice.totalCents - invoice.creditedCents - invoice.paidCents);
    expect(invoice.paidCents, JSON.stringify({ payments: invoice.payments, credits: invoice.creditNotes, total: invoice.totalCents })).toBeGreaterThanOrEqual(0);
    expect(invoice.creditedCents).toBeLessThanOrEqual(invoice.totalCents);
    for (const l of invoice.lines) expect(l.refundedQuantity).toBeLessThanOrEqual(l.quantity);
  }
  const [ledger] = sql<{ balance: number }>('SELECT coalesce(sum(amountCents), 0) AS balance FROM storedValueEntry WHERE patientId = ?', patient);
  const balance = (await clinic.call('checkout.balance', { patientId: patient })).storedValueCents;
  expect(balance).toBe(ledger.balance);
  expect(balance, 'stored value').toBeGreaterThanOrEqual(0);
  const [tender] = sql<{ total: number }>("SELECT coalesce(sum(amountCents), 0) AS total FROM payment WHERE tender = 'storedValue'");
  expect(ledger.balance + tender.total).toBe(0); // every stored-value payment has its ledger entry
}

describe('checkout ledgers', () => {
  it('always reconcile, whatever is sold, paid and refunded in whatever order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        for (const s of steps) {
          const issued = sql<{ id: number }>("SELECT id FROM invoice WHERE status = 'issued' ORDER BY id");
          if (s.kind === 'sell') {
            const lines = s.lines.map((l) => ({ description: 'Item', quantity: l.quantity, unitPriceCents: l.unitPriceCents, taxRateMillipercent: l.taxRateMillipercent, discount: l.percentOff ? { kind: 'percent' as const, basisPoints: l.percentOff } : null }));
            const { id } = await clinic.call('invoices.createDraft', { patientId: patient, lines });
            await clinic.call('invoices.issue', { id });
          } else if (s.kind === 'pay' && issued.length) {
            const invoice = await clinic.call('invoices.get', { id: issued[s.invoice % issued.length].id });
            const balance = (await clinic.call('checkout.balance', { patientId: patient })).storedValueCents;
            const cap = s.storedValue ? Math.min(invoice.dueCents, balance) : invoice.dueCents;
            const amountCents = Math.ceil((cap * s.share) / 100);
            if (amountCents > 0) await clinic.call('payments.take', { invoiceId: invoice.id, tenders: [{ tender: s.storedValue ? 'storedValue' : 'card', amountCents }] });
          } else if (s.kind === 'refund' && issued.length) {
            const invoice = await clinic.call('invoices.get', { id: issued[s.invoice % issued.length].id });
            const target = invoice.lines[s.line % invoice.lines.length];
            const left = target.quantity - target.refundedQuantity;
            if (left > 0) {
              await clinic.call('creditNotes.create', {
                invoiceId: invoice.id,
                lines: [{ invoiceLineId: target.id, quantity: Math.min(left, s.units) }],
                reason: 'Property test',
                refundTo: s.storeCredit ? 'storeCredit' : 'originalTender',
              });
            }
          }
        }
        await invariantsHold();
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
