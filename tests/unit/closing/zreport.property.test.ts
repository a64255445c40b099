import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepaidTenders } from '../../../src-shared/contract/checkout';
import { localDate } from '../../../src-shared/time';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { travel } from './day';

/**
 * Random days of sales, split payments (cash with change), partial refunds to the tenders or to store credit, at
 * random times (some past midnight): each day's Z report, per tender, equals the payment rows of that clinic-local
 * day summed by hand, and its refunds are that day's credit notes.
 */
let clinic: TestClinic;
let patient: number;
beforeAll(async () => {
  clinic = await openTestClinic({ now: '2026-03-27T08:00:00Z', timeZone: 'Europe/Berlin' });
  patient = (await clinic.call('patients.create', { firstName: 'Till', lastName: 'Tester' })).id;
});
afterAll(() => clinic.close());

const tenderOf = fc.constantFrom('cash' as const, 'card' as const, 'transfer' as const);
const step = fc.oneof(
  fc.record({ kind: fc.constant('sell' as const), cents: fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 3 }), percentOff: fc.option(fc.integer({ min: 1, max: 50 }), { nil: null }) }),
  fc.record({ kind: fc.constant('pay' as const), invoice: fc.nat(), split: fc.integer({ min: 0, max: 100 }), first: tenderOf, second: tenderOf, extraCash: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ kind: fc.constant('refund' as const), invoice: fc.nat(), storeCredit: fc.boolean() }),
  fc.record({ kind: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 600 }) }),
);

const rows = <T>(text: string, ...params: unknown[]) => clinic.lumen.runtime.sqlite.prepare(text).all(...params) as T[];

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

async function run(steps: Step[]) {
  for (const s of steps) {
    const issued = rows<{ id: number }>("SELECT id FROM invoice WHERE status = 'issued' ORDER BY id");
    if (s.kind === 'sell') {
      const discount = s.percentOff ? { kind: 'percent' as const, basisPoints: s.percentOff * 100 } : null;
      const lines = s.cents.map((unitPriceCents) => ({ description: 'Item', unitPriceCents, taxRateMillipercent: 19_000, discount }));
      const { id } = await clinic.call('invoices.createDraft', { patientId: patient, lines });
      await clinic.call('invoices.issue', { id });
    } else if (s.kind === 'pay' && issued.length) {
      const invoice = await clinic.call('invoices.get', { id: issued[s.invoice % issued.length].id });
      if (invoice.dueCents <= 0) continue;
      const first = Math.floor((invoice.dueCents * s.split) / 100);
      const parts = [{ tender: s.first, amountCents: first }, { tender: s.second, amountCents: invoice.dueCents - first }].filter((p) => p.amountCents > 0);
      const tenders = parts.map((p) => (p.tender === 'cash' ? { ...p, tenderedCents: p.amountCents + s.extraCash } : p));
      await clinic.call('payments.take', { invoiceId: invoice.id, tenders });
    } else if (s.kind === 'refund' && issued.length) {
      const invoice = await clinic.call('invoices.get', { id: issued[s.invoice % issued.length].id });
      const line = invoice.lines.find((l) => l.refundedQuantity < l.quantity);
      if (!line) continue;
      await clinic.call('creditNotes.create', { invoiceId: invoice.id, lines: [{ invoiceLineId: line.id, quantity: 1 }], reason: 'Refund', refundTo: s.storeCredit ? 'storeCredit' : 'originalTender' });
    } else if (s.kind === 'wait') {
      await travel(clinic, new Date(clinic.clock.now().getTime() + s.minutes * 60_000).toISOString());
    }
  }
}

describe('Z report tender totals', () => {
  it('equal the day’s payment rows, whatever is sold, paid and refunded when', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 20 }), async (steps) => {
        await run(steps);
        const payments = rows<{ tender: string; amountCents: number; changeCents: number | null; takenAt: string }>('SELECT tender, amountCents, changeCents, takenAt FROM payment');
        const notes = rows<{ createdAt: string }>('SELECT createdAt FROM creditNote');
        const dates = [...new Set(payments.map((p) => localDate(p.takenAt, 'Europe/Berlin')))];
        for (const date of dates) {
          const { figures } = await clinic.call('closing.report', { date, openingFloatCents: 1_000 });
          const ofDay = payments.filter((p) => localDate(p.takenAt, 'Europe/Berlin') === date);
          for (const t of figures.tenders) {
            const mine = ofDay.filter((p) => p.tender === t.tender);
            expect(t.takenCents, `${date} ${t.tender} in`).toBe(mine.filter((p) => p.amountCents > 0).reduce((sum, p) => sum + p.amountCents, 0));
            expect(t.refundedCents, `${date} ${t.tender} out`).toBe(mine.filter((p) => p.amountCents < 0).reduce((sum, p) => sum - p.amountCents, 0));
            expect(t.count).toBe(mine.length);
          }
          // Store credit refunded and spent is prepaid money: it moves between the two totals, never into takings.
          const prepaid = ofDay.filter((p) => prepaidTenders.some((tender) => tender === p.tender));
          expect(figures.prepaidRedeemedCents).toBe(prepaid.reduce((sum, p) => sum + p.amountCents, 0));
          expect(figures.takingsCents + figures.prepaidRedeemedCents).toBe(ofDay.reduce((sum, p) => sum + p.amountCents, 0));
          expect(figures.changeGivenCents).toBe(ofDay.reduce((sum, p) => sum + (p.changeCents ?? 0), 0));
          expect(figures.cash.expectedCents).toBe(1_000 + figures.tenders[0].netCents);
          expect(figures.refunds.count).toBe(notes.filter((n) => localDate(n.createdAt, 'Europe/Berlin') === date).length);
          expect(figures.refunds.refundedCents).toBe(figures.tenders.reduce((sum, t) => sum + t.refundedCents, 0));
        }
        await travel(clinic, { days: 1 });
      }),
      { numRuns: 12 },
    );
  });
});
