import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../../src-main/core/db';
import { startSnapshotRebuild } from '../../../../src-main/core/snapshot-rebuild';
import { rebuildSalesProjections, SALES_PROJECTIONS } from '../../../../src-main/reports/index';
import { PERIOD_ENTRIES, SCOPE_REVENUE_SQL } from '../../../../src-main/reports/sales/queries';
import { boundsOf } from '../../../../src-main/reports/sales/period';
import { OWNER, type TestClinic } from '../../../support/clinic';
import { indexesRead } from '../../../support/query-plans';
import { copyAsWorkstation, sendChanges } from '../../../support/workstations';
import { type SalesClinic, openSalesClinic } from './clinic';

/*
 * The sales projections (per-day sums, salesDay; what each invoice sold, invoiceSale, and its package units used,
 * invoiceRedemption) against what they stand for: after random sales, voids, credit notes and package sales and
 * redemptions (some paid hours after the visit was invoiced), at random New York hours (a DST change inside), what the
 * triggers kept equals a rebuild, and the category and provider reports and each patient's revenue up to a cut-off
 * equal the sums read line by line from the revenue entries.
 */

const open: SalesClinic[] = [];
const copies: TestClinic[] = [];
afterEach(async () => {
  await Promise.all([...open.splice(0).map((c) => c.clinic.close()), ...copies.splice(0).map((c) => c.close())]);
});

type Action =
  | { kind: 'sell'; patient: number; lines: number[]; pay: boolean }
  | { kind: 'void' }
  | { kind: 'credit'; pick: number }
  | { kind: 'redeem'; patient: number; paidHoursLater: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('sell' as const), patient: fc.nat(2), lines: fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }), pay: fc.boolean() }),
  fc.record({ kind: fc.constant('void' as const) }),
  fc.record({ kind: fc.constant('credit' as const), pick: fc.nat(20) }),
  // A visit paid by the package at once, or invoiced first and paid by it hours later (often on another local day).
  fc.record({ kind: fc.constant('redeem' as const), patient: fc.nat(2), paidHoursLater: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })) }),
);

const table = (sqlite: Sqlite) => ({
  salesDay: sqlite.prepare('SELECT * FROM salesDay ORDER BY mode, dimension, localDate, key').all(),
  invoiceSale: sqlite.prepare('SELECT * FROM invoiceSale ORDER BY invoiceId').all(),
  invoiceRedemption: sqlite.prepare('SELECT * FROM invoiceRedemption ORDER BY invoiceId').all(),
});

const serviceSaleRows = (sqlite: Sqlite) => sqlite.prepare('SELECT * FROM serviceSale ORDER BY patientId, staffId, at, invoiceId').all();

/**
 * A patient's lifetime revenue and, as its first part, that of invoices issued before `at` with their credit notes
 * and redemptions before it — as cohorts read them.
 */
const cohortRevenue = (sqlite: Sqlite, patientId: number, at: string, mode: string) => {
  const scope = JSON.stringify([{ key: 'p', patientId, fromAt: '', toAt: '9999', untilAt: '9999', firstFromAt: '', firstToAt: at }]);
  const row = sqlite.prepare(SCOPE_REVENUE_SQL).get({ scope, mode }) as { amountCents: number; firstCents: number } | undefined;
  return { lifetime: row?.amountCents ?? 0, first: row?.firstCents ?? 0 };
};

/** The same, entry by entry: every entry dated before `at` is of an invoice issued before it. */
const cohortLineByLine = (sqlite: Sqlite, patientId: number, at: string, mode: string) =>
  (sqlite.prepare(`SELECT coalesce(sum(amountCents), 0) FROM (${PERIOD_ENTRIES}) WHERE patientId = :patientId`).pluck().get({ fromAt: '', toAt: at, mode, patientId }) as number);

/** The line-by-line answer: the revenue entries of the period grouped by `column`, as the reports define their figures. */
function lineByLine(sqlite: Sqlite, column: 'category' | 'staffId', from: string, to: string, mode: string) {
  const { fromAt, toAt } = boundsOf(from, to, 'America/New_York');
  return sqlite
    .prepare(
      `SELECT ${column} AS key, sum(amountCents) AS amountCents, -sum(CASE WHEN entry = 'refund' THEN amountCents ELSE 0 END) AS refundsCents,
        count(DISTINCT CASE WHEN entry <> 'refund' THEN invoiceId END) AS invoices
       FROM (${PERIOD_ENTRIES}) GROUP BY ${column} ORDER BY 1`,
    )
    .all({ fromAt, toAt, mode }) as { key: unknown; amountCents: number; refundsCents: number; invoices: number }[];
}

describe('the per-day sales projection', () => {
  it('equals a rebuild, and the reports equal the line-by-line sums, after random sales in both package settings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(action, fc.integer({ min: 0, max: 20 })), { minLength: 4, maxLength: 10 }), fc.nat(6), fc.nat(6), async (steps, a, b) => {
        const c = await openSalesClinic();
        open.push(c);
        const { clinic, services, staff } = c;
        const sqlite = clinic.lumen.runtime.sqlite;
        const patients = [await c.patient('Ada'), await c.patient('Bo'), await c.patient('Cy')];
        const lineOf = [
          { serviceId: services.botox, staffId: staff.ana },
          { serviceId: services.filler, staffId: staff.ben },
          { serviceId: services.consult, staffId: staff.ana },
          { serviceId: services.consult, staffId: staff.ben },
          { packagePlanId: c.botoxThree },
        ];
        const unpaid: number[] = [];
        const paidLines: { invoiceId: number; lineId: number }[] = [];
        // Half-day steps from 2026-03-06 (EST) past the change to EDT on the 8th.
        let at = Date.parse('2026-03-06T12:00:00Z');
        const instants: string[] = [];
        for (const [step, hours] of steps) {
          at += hours * 3_600_000;
          instants.push(new Date(at + 1_800_000).toISOString());
          await c.at(new Date(at).toISOString());
          if (step.kind === 'sell') {
            const sold = await c.sell(patients[step.patient], step.lines.map((i) => lineOf[i]) as never, { pay: step.pay });
            if (step.pay) paidLines.push(...sold.lines.map((lineId) => ({ invoiceId: sold.id, lineId })));
            else unpaid.push(sold.id);
          } else if (step.kind === 'void' && unpaid.length) {
            await clinic.call('invoices.void', { id: unpaid.shift()!, reason: 'Test' });
          } else if (step.kind === 'credit' && paidLines.length) {
            const { invoiceId, lineId } = paidLines.splice(step.pick % paidLines.length, 1)[0];
            await clinic.call('creditNotes.create', { invoiceId, lines: [{ invoiceLineId: lineId, quantity: 1 }], reason: 'Test', refundTo: 'storeCredit' }).catch(() => undefined);
          } else if (step.kind === 'redeem') {
            const openPackage = async () => (await clinic.call('packages.forPatient', { patientId: patients[step.patient] })).find((p) => p.state === 'open' && p.left > 0);
            // A patient without a package buys one first.
            const held = (await openPackage()) ?? (await c.sell(patients[step.patient], [lineOf[4]] as never), await openPackage())!;
            const byPackage = [{ tender: 'package' as const, patientPackageId: held.id }];
            if (step.paidHoursLater === 0) await c.sell(patients[step.patient], [lineOf[0]] as never, { tenders: byPackage });
            else {
              const owed = await c.sell(patients[step.patient], [lineOf[0]] as never, { pay: false });
              at += step.paidHoursLater * 3_600_000;
              await c.at(new Date(at).toISOString());
              await clinic.call('payments.take', { invoiceId: owed.id, tenders: byPackage });
            }
          }
        }

        const kept = table(sqlite);
        rebuildSalesProjections(sqlite);
        expect(kept).toEqual(table(sqlite));
        // The demo's rebuild, in a worker thread: the same rows, the provider report's rebooking rows included.
        const rebuilt = { ...kept, serviceSale: serviceSaleRows(sqlite) };
        sqlite.exec('DELETE FROM salesDay; DELETE FROM invoiceSale; DELETE FROM invoiceRedemption; DELETE FROM serviceSale');
        await startSnapshotRebuild(clinic.lumen.runtime.dbFile, [SALES_PROJECTIONS], 'America/New_York').write();
        expect({ ...table(sqlite), serviceSale: serviceSaleRows(sqlite) }).toEqual(rebuilt);

        const [from, to] = [`2026-03-${String(6 + Math.min(a, b)).padStart(2, '0')}`, `2026-03-${String(6 + Math.max(a, b)).padStart(2, '0')}`];
        for (const mode of ['sale', 'redemption'] as const) {
          await clinic.call('reports.saveSalesSettings', { packageRevenue: mode });
          const byCategory = await clinic.call('reports.salesByCategory', { from, to, compareWith: 'none' });
          const categories = byCategory.rows.map((r) => ({ key: r.category, amountCents: r.amountCents, refundsCents: r.refundsCents, invoices: r.count }));
          expect(categories.sort((x, y) => String(x.key).localeCompare(String(y.key)))).toEqual(
            lineByLine(sqlite, 'category', from, to, mode).sort((x, y) => String(x.key).localeCompare(String(y.key))),
          );
          const byProvider = await clinic.call('reports.salesByProvider', { from, to });
          const providers = byProvider.rows.map((r) => ({ key: r.staffId, amountCents: r.netCents, refundsCents: r.refundsCents, invoices: r.invoices }));
          expect(providers.sort((x, y) => (x.key ?? 0) - (y.key ?? 0))).toEqual(lineByLine(sqlite, 'staffId', from, to, mode).sort((x, y) => Number(x.key ?? 0) - Number(y.key ?? 0)));
          for (const patientId of patients)
            for (const cutOff of [instants[a % instants.length], instants[b % instants.length], '9999'])
              expect([patientId, cutOff, cohortRevenue(sqlite, patientId, cutOff, mode)]).toEqual([
                patientId,
                cutOff,
                { lifetime: cohortLineByLine(sqlite, patientId, '9999', mode), first: cohortLineByLine(sqlite, patientId, cutOff, mode) },
              ]);
        }
        await c.clinic.close();
        open.splice(open.indexOf(c), 1);
      }),
      { numRuns: 8 },
    );
  }, 240_000);

  it('is kept where a sync import lands: the same rows as the workstation that sold, and as a rebuild', async () => {
    const c = await openSalesClinic();
    open.push(c);
    const patient = await c.patient('Ada');
    await c.at('2026-03-07T15:00:00Z');
    await c.sell(patient, [{ serviceId: c.services.botox, staffId: c.staff.ana }]);
    const room = await copyAsWorkstation(c.clinic, 'Room 2', 'R');
    copies.push(room);
    room.clock.set('2026-03-09T03:30:00Z');
    await room.call('auth.unlock', { password: OWNER.password }).catch(() => undefined);
    const there = (await room.call('checkout.commit', { patientId: patient, lines: [{ serviceId: c.services.filler, staffId: c.staff.ben, quantity: 2 }] })).invoice;
    await room.call('creditNotes.create', { invoiceId: there.id, lines: [{ invoiceLineId: there.lines[0].id, quantity: 1 }], reason: 'One unit unused', refundTo: 'storeCredit' });
    await sendChanges(room, c.clinic);

    const sqlite = c.clinic.lumen.runtime.sqlite;
    // 23:30 EDT on the 8th: the filler sale is the 8th's, on both workstations.
    expect(sqlite.prepare("SELECT localDate, invoices FROM salesDay WHERE mode = 'sale' AND dimension = 'all' ORDER BY localDate").all()).toEqual([
      { localDate: '2026-03-07', invoices: 1 },
      { localDate: '2026-03-08', invoices: 1 },
    ]);
    const kept = table(sqlite);
    expect(kept).toEqual(table(room.lumen.runtime.sqlite));
    rebuildSalesProjections(sqlite);
    expect(kept).toEqual(table(sqlite));
  });
});

describe('packages counted at redemption', () => {
  it('count a visit invoiced one day and paid by its package the next as one invoice of its category and provider', async () => {
    const c = await openSalesClinic();
    open.push(c);
    const { clinic, services, staff } = c;
    const patient = await c.patient('Ada');
    await c.at('2026-03-10T15:00:00Z');
    await c.sell(patient, [{ packagePlanId: c.botoxThree }] as never);
    await c.at('2026-03-11T15:00:00Z');
    const visit = await c.sell(patient, [{ serviceId: services.botox, staffId: staff.ana }, { serviceId: services.consult, staffId: staff.ana }], { pay: false });
    // 21:30 EDT on the 12th (01:30 UTC on the 13th): the redemption is the 12th's.
    await c.at('2026-03-13T01:30:00Z');
    const held = (await clinic.call('packages.forPatient', { patientId: patient }))[0];
    await clinic.call('payments.take', { invoiceId: visit.id, tenders: [{ tender: 'package', patientPackageId: held.id }, { tender: 'card', amountCents: 5_000 }] });
    await clinic.call('reports.saveSalesSettings', { packageRevenue: 'redemption' });

    const period = { from: '2026-03-10', to: '2026-03-13' };
    const byCategory = await clinic.call('reports.salesByCategory', { ...period, compareWith: 'none' });
    const neurotoxin = byCategory.rows.find((r) => r.category === c.categories.neurotoxin)!;
    expect([neurotoxin.amountCents, neurotoxin.count]).toEqual([25_000, 1]); // a third of 750, on the 12th; the visit once
    expect(byCategory.trend.series.find((t) => t.category === c.categories.neurotoxin)!.amountsCents).toEqual([0, 0, 25_000, 0]);
    expect(byCategory.totals.count).toBe(1);
    const ana = (await clinic.call('reports.salesByProvider', period)).rows.find((r) => r.staffId === staff.ana)!;
    expect([ana.netCents, ana.invoices]).toEqual([30_000, 1]);
  });
});

describe('the projections’ rebuild', () => {
  it('reads the indexes a bulk writer builds before starting it, and no other', async () => {
    const c = await openSalesClinic();
    open.push(c);
    expect(indexesRead(c.clinic.lumen.runtime.sqlite, SALES_PROJECTIONS.sql)).toEqual([...SALES_PROJECTIONS.indexes].sort());
  });
});
