import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { verifyLedgers } from '../../../src-main/core/ledgers';
import { openPrepaid, type PrepaidClinic } from './support';

/**
 * Random sales of packages, gift cards and top-ups, redemptions and spending, refunds (of sales and of the visits
 * they paid), transfers and voids, in any order: every balance is the sum of its entries and never negative, the
 * money taken by prepaid tenders is matched by their ledgers, and no refused step leaves anything behind.
 */
let pc: PrepaidClinic;
let patients: number[];
let topUp: number;
beforeAll(async () => {
  pc = await openPrepaid();
  patients = [await pc.patient('Ana'), await pc.patient('Ben')];
  topUp = (await pc.clinic.call('topUpPlans.save', { name: 'Pay 100 get 110', amountCents: 10_000, bonusCents: 1_000 })).id;
});
afterAll(() => pc.clinic.close());

const step = fc.oneof(
  fc.record({ kind: fc.constant('sellPackage' as const), who: fc.nat(1) }),
  fc.record({ kind: fc.constant('sellCard' as const), amountCents: fc.integer({ min: 100, max: 50_000 }) }),
  fc.record({ kind: fc.constant('sellTopUp' as const), who: fc.nat(1) }),
  fc.record({ kind: fc.constant('visit' as const), who: fc.nat(1), units: fc.integer({ min: 1, max: 4 }), pick: fc.nat(), by: fc.constantFrom('package', 'giftCard', 'storedValue') }),
  fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), line: fc.nat(), units: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('transfer' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('voidUnpaid' as const), pick: fc.nat() }),
);

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;
const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

async function run(s: Step): Promise<void> {
  const { clinic, services, sql } = pc;
  const patient = 'who' in s ? patients[s.who] : patients[0];
  if (s.kind === 'sellPackage') await pc.sell(patient, [{ packagePlanId: pc.laserSix }]);
  else if (s.kind === 'sellCard') await pc.sell(null, [{ giftCard: { amountCents: s.amountCents } }]);
  else if (s.kind === 'sellTopUp') await pc.sell(patient, [{ topUpPlanId: topUp }]);
  else if (s.kind === 'visit') {
    const id = await pc.visit(patient, services.laser, s.units);
    const due = (await clinic.call('invoices.get', { id })).dueCents;
    if (s.by === 'package') {
      const held = pick((await clinic.call('packages.forPatient', { patientId: patient })).filter((p) => p.state === 'open' && p.left >= s.units), s.pick);
      if (held) await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'package', patientPackageId: held.id }] });
    } else if (s.by === 'giftCard') {
      const card = pick(sql<{ code: string; balance: number }>('SELECT g.code, sum(e.amountCents) AS balance FROM giftCard g JOIN giftCardEntry e ON e.giftCardId = g.id GROUP BY g.id HAVING balance > 0'), s.pick);
      if (card) await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'giftCard', giftCardCode: card.code, amountCents: Math.min(card.balance, due) }] });
    } else {
      const { storedValueCents } = await clinic.call('checkout.balance', { patientId: patient });
      if (storedValueCents > 0) await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'storedValue', amountCents: Math.min(storedValueCents, due) }] });
    }
  } else if (s.kind === 'refund') {
    const invoice = pick(sql<{ id: number }>("SELECT id FROM invoice WHERE status = 'issued' ORDER BY id"), s.pick);
    if (!invoice) return;
    const full = await clinic.call('invoices.get', { id: invoice.id });
    const line = pick(full.lines.filter((l) => l.refundedQuantity < l.quantity), s.line);
    if (!line) return;
    const quantity = Math.min(s.units, line.quantity - line.refundedQuantity);
    const before = clinic.count('creditNote');
    try {
      await clinic.call('creditNotes.create', { invoiceId: invoice.id, lines: [{ invoiceLineId: line.id, quantity }], reason: 'Property', refundTo: 'originalTender' });
    } catch (error) {
      // Refused (a spent card, a used-up package, a spent top-up): nothing may be left behind.
      expect((error as { code: string }).code).toBe('invalid_input');
      expect(clinic.count('creditNote')).toBe(before);
    }
  } else if (s.kind === 'transfer') {
    const held = pick((await clinic.call('packages.forPatient', { patientId: patients[0] })).filter((p) => p.state === 'open'), s.pick);
    if (held) await clinic.call('packages.transfer', { patientPackageId: held.id, toPatientId: patients[1], reason: 'Property' });
  } else {
    const { id } = await clinic.call('invoices.createDraft', { patientId: patient, lines: [{ packagePlanId: pc.laserSix }] });
    await clinic.call('invoices.issue', { id });
    if (s.pick % 2) await clinic.call('invoices.void', { id, reason: 'Property' });
  }
}

function ledgersReconcile() {
  expect(verifyLedgers(pc.clinic.lumen.runtime.sqlite)).toEqual([]);
  const { sql } = pc;
  // Money is conserved: what prepaid tenders paid on invoices (net of refunds) is what left the cards and stored value.
  const [cards] = sql<{ paid: number; spent: number }>(
    "SELECT (SELECT coalesce(sum(amountCents), 0) FROM payment WHERE tender = 'giftCard') AS paid, (SELECT coalesce(-sum(amountCents), 0) FROM giftCardEntry WHERE kind IN ('spent', 'refunded')) AS spent",
  );
  expect(cards.paid).toBe(cards.spent);
  for (const row of sql<{ left: number; units: number }>('SELECT pp.units, sum(e.units) AS left FROM patientPackage pp JOIN packageEntry e ON e.patientPackageId = pp.id GROUP BY pp.id')) {
    expect(row.left).toBeGreaterThanOrEqual(0);
    expect(row.left).toBeLessThanOrEqual(row.units);
  }
  for (const row of sql<{ balance: number }>('SELECT sum(amountCents) AS balance FROM storedValueEntry GROUP BY patientId')) expect(row.balance).toBeGreaterThanOrEqual(0);
}

describe('prepaid ledgers', () => {
  it('always reconcile, whatever is sold, redeemed, refunded, transferred and voided in whatever order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), async (steps) => {
        for (const s of steps) await run(s);
        ledgersReconcile();
      }),
      { numRuns: 20 },
    );
  });

  it('audit-verify names a prepaid payment whose ledger entries do not match it, for each tender', async () => {
    // A clinic of its own: the other tests' clinic must stay as its ledgers left it.
    const own = await openPrepaid();
    onTestFinished(() => own.clinic.close());
    const { clinic, services, sql } = own;
    const patient = await own.patient('Cleo');
    const ownTopUp = (await clinic.call('topUpPlans.save', { name: 'Pay 100 get 110', amountCents: 10_000, bonusCents: 1_000 })).id;
    await own.sell(patient, [{ topUpPlanId: ownTopUp }, { packagePlanId: own.laserSix }, { giftCard: { amountCents: 5_000 } }]);
    const [held] = await clinic.call('packages.forPatient', { patientId: patient });
    const [card] = sql<{ code: string }>('SELECT code FROM giftCard ORDER BY id DESC LIMIT 1');
    for (const tender of [{ tender: 'storedValue', amountCents: 1_000 }, { tender: 'package', patientPackageId: held.id }, { tender: 'giftCard', giftCardCode: card.code, amountCents: 1_000 }])
      await clinic.call('payments.take', { invoiceId: await own.visit(patient, services.laser), tenders: [tender] as never });
    expect(verifyLedgers(clinic.lumen.runtime.sqlite)).toEqual([]);

    // Each payment gets a stray entry of its own ledger, as a bad import or a hand edit would leave.
    const paid = (tender: string) => sql<{ id: number; giftCardId: number; patientPackageId: number }>('SELECT id, giftCardId, patientPackageId FROM payment WHERE tender = ? ORDER BY id DESC LIMIT 1', tender)[0];
    const sqlite = clinic.lumen.runtime.sqlite;
    sqlite.exec('PRAGMA foreign_keys = OFF');
    const at = '2026-03-02T00:00:00Z';
    sqlite.prepare("INSERT INTO storedValueEntry (id, patientId, amountCents, kind, paymentId, at) VALUES (999998, ?, -1, 'spend', ?, ?)").run(patient, paid('storedValue').id, at);
    sqlite.prepare("INSERT INTO packageEntry (id, patientPackageId, units, kind, paymentId, at) VALUES (999998, ?, 1, 'returned', ?, ?)").run(held.id, paid('package').id, at);
    sqlite.prepare("INSERT INTO giftCardEntry (id, giftCardId, amountCents, kind, paymentId, at) VALUES (999998, ?, 1, 'refunded', ?, ?)").run(paid('giftCard').giftCardId, paid('giftCard').id, at);
    sqlite.exec('PRAGMA foreign_keys = ON');
    const problems = verifyLedgers(sqlite);
    expect(problems).toEqual(
      expect.arrayContaining([
        `Stored-value payment ${paid('storedValue').id} of 1000 has ledger entries of -1001.`,
        `Package payment ${paid('package').id} of 1 units has ledger entries of 0.`,
        `Gift-card payment ${paid('giftCard').id} of 1000 has ledger entries of -999.`,
      ]),
    );
    expect((await clinic.call('audit.verify', {})).ok).toBe(false);
  });

  it('audit-verify names a ledger that does not balance', async () => {
    const sqlite = pc.clinic.lumen.runtime.sqlite;
    const before = verifyLedgers(sqlite);
    expect(before).toEqual([]);
    const verified = await pc.clinic.call('audit.verify', {});
    expect(verified).toMatchObject({ ok: true, ledgerProblems: [] });
    const card = sqlite.prepare('SELECT id FROM giftCard LIMIT 1').pluck().get() as number | undefined;
    const held = sqlite.prepare('SELECT id FROM patientPackage LIMIT 1').pluck().get() as number | undefined;
    sqlite.exec('PRAGMA foreign_keys = OFF');
    if (held) sqlite.prepare("INSERT INTO packageEntry (id, patientPackageId, units, kind, at) VALUES (999999, ?, -1000, 'redeemed', '2026-03-02T00:00:00Z')").run(held);
    if (card) sqlite.prepare("INSERT INTO giftCardEntry (id, giftCardId, amountCents, kind, at) VALUES (999999, ?, -99999999, 'spent', '2026-03-02T00:00:00Z')").run(card);
    const problems = verifyLedgers(sqlite);
    if (held) expect(problems.join('\n')).toMatch(/Package \d+ has -\d+ units left/);
    if (card) expect(problems.join('\n')).toMatch(/Gift card \d+ holds -\d+/);
    expect((await pc.clinic.call('audit.verify', {})).ok).toBe(!held && !card);
  });
});
