import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addCalendarMonths, localDate } from '../../../src-shared/time';
import { type LoyaltyClinic, openLoyalty } from './support';

/*
 * The points ledger against an independent model: random sales (some partly paid with points), partial refunds to
 * the original tender or as store credit, and days passing with the daily run (points expire a month after they are
 * credited). The model keeps its own lots — earned floor(net × share not paid with points / 100), spent soonest
 * expiring first, a refund's points back as a new lot, a credit note taking back its units' share of what the
 * invoice earned (never more than is left), lots written off after their day — and after every run each patient's
 * balance is the sum of their entries, never went below zero, and equals the model's.
 */

const open: LoyaltyClinic[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.clinic.close()));
});

type Step =
  | { kind: 'sell'; patient: number; service: number; quantity: number; usePoints: number }
  | { kind: 'credit'; pick: number; storeCredit: boolean }
  | { kind: 'days'; days: number; hour: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('sell' as const), patient: fc.nat(1), service: fc.nat(2), quantity: fc.integer({ min: 1, max: 3 }), usePoints: fc.nat(400) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('credit' as const), pick: fc.nat(20), storeCredit: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 5, max: 25 }), hour: fc.nat(23) }), weight: 1 },
);

interface Lot { points: number; expiresOn: string }
interface Sold { id: number; patient: number; lineId: number; quantity: number; refunded: number; earned: number }

describe('the points ledger', () => {
  it('reconciles with an independent model under random sales, refunds, redemptions and expiry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 24 }), async (steps) => {
        const c = await openLoyalty();
        open.push(c);
        await c.program({ expiryMonths: 1, tiers: [] });
        const services = [c.services.botox, c.services.laser, c.services.consult];
        const patients = [await c.patient('Lena'), await c.patient('Max')];
        const lots = new Map<number, Lot[]>(patients.map((p) => [p, []]));
        const sold: Sold[] = [];
        const today = () => localDate(c.clinic.clock.now().toISOString(), 'Europe/Berlin');
        const usable = (patient: number) => lots.get(patient)!.filter((l) => l.points > 0 && l.expiresOn >= today());
        const available = (patient: number) => usable(patient).reduce((sum, l) => sum + l.points, 0);
        const credit = (patient: number, points: number) => points > 0 && lots.get(patient)!.push({ points, expiresOn: addCalendarMonths(today(), 1) });
        const take = (patient: number, points: number) => {
          let owed = points;
          for (const lot of usable(patient).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))) {
            const taken = Math.min(lot.points, owed);
            lot.points -= taken;
            owed -= taken;
          }
          expect(owed).toBe(0);
        };

        for (const s of steps) {
          if (s.kind === 'sell') {
            const patient = patients[s.patient];
            const { id } = await c.clinic.call('invoices.createDraft', { patientId: patient, lines: [{ serviceId: services[s.service], quantity: s.quantity }] });
            const invoice = await c.clinic.call('invoices.issue', { id });
            const points = Math.min(s.usePoints, available(patient), Math.floor((invoice.totalCents - 1) / 5));
            const pointsCents = Math.floor((points * 500) / 100);
            const tenders = [...(pointsCents > 0 ? [{ tender: 'points' as const, points }] : []), { tender: 'card' as const, amountCents: invoice.totalCents - pointsCents }];
            await c.clinic.call('payments.take', { invoiceId: id, tenders });
            if (pointsCents > 0) take(patient, points);
            const earned = Math.floor((invoice.netCents * (invoice.totalCents - pointsCents)) / (100 * invoice.totalCents));
            credit(patient, earned);
            sold.push({ id, patient, lineId: invoice.lines[0].id, quantity: s.quantity, refunded: 0, earned });
          } else if (s.kind === 'credit') {
            const open = sold.filter((x) => x.refunded < x.quantity);
            if (!open.length) continue;
            const x = open[s.pick % open.length];
            const result = await c.clinic.call('creditNotes.create', { invoiceId: x.id, lines: [{ invoiceLineId: x.lineId, quantity: 1 }], reason: 'Test', refundTo: s.storeCredit ? 'storeCredit' : 'originalTender' });
            const back = result.invoice.payments.filter((p) => p.creditNoteId === result.creditNote.id && p.tender === 'points').reduce((sum, p) => sum - (p.points ?? 0), 0);
            credit(x.patient, back);
            const owed = Math.floor((x.earned * (x.refunded + 1)) / x.quantity) - Math.floor((x.earned * x.refunded) / x.quantity);
            take(x.patient, Math.min(owed, available(x.patient)));
            x.refunded += 1;
          } else {
            const next = new Date(c.clinic.clock.now().getTime() + s.days * 86_400_000);
            next.setUTCHours(s.hour);
            await c.travel(next.toISOString());
            await c.clinic.call('loyalty.runDaily', {});
            for (const lot of lots.values()) for (const l of lot) if (l.expiresOn < today()) l.points = 0;
          }
        }

        for (const patient of patients) {
          const standing = await c.clinic.call('loyalty.forPatient', { patientId: patient, pageSize: 100 });
          const running = c.sql<{ points: number }>('SELECT points FROM pointsEntry WHERE patientId = ? ORDER BY at, id', patient).map((e) => e.points);
          const prefixes = running.map((_, i) => running.slice(0, i + 1).reduce((a, b) => a + b, 0));
          expect(Math.min(0, ...prefixes)).toBe(0);
          expect(standing.balance).toBe(running.reduce((a, b) => a + b, 0));
          expect([patient, standing.balance, standing.available]).toEqual([patient, lots.get(patient)!.reduce((sum, l) => sum + l.points, 0), available(patient)]);
        }
        await c.clinic.close();
        open.splice(open.indexOf(c), 1);
      }),
      { numRuns: 10 },
    );
  }, 600_000);
});
