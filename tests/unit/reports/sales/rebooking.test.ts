import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVICE_KIND } from '../../../../db/migrations/0015_sales_day';
import { serviceSaleRowsOf } from '../../../../db/migrations/0018_provider_rebooking';
import type { Sqlite } from '../../../../src-main/core/db';
import { rebuildServiceSale, recomputePendingServiceSales } from '../../../../src-main/reports/index';
import { boundsOf } from '../../../../src-main/reports/sales/period';
import { OWNER, type TestClinic } from '../../../support/clinic';
import { copyAsWorkstation, sendChanges } from '../../../support/workstations';
import { type SalesClinic, openSalesClinic } from './clinic';

/*
 * The provider report's rebooking projection (serviceSale) against what it stands for. After random sales, voids,
 * credit notes, package redemptions, visits booked, moved, cancelled and missed, merges, and the job run at random
 * moments: the kept rows of every patient not noted for the job equal rows worked out from scratch, and after the job
 * the whole table equals a rebuild; and the report's patients and rebookings equal the rule read straight from the
 * invoices and visits (the pair's last service sale of the period, a visit from 12 hours to 90 days after it, or one
 * still ahead), whether the job has run or not.
 */

const open: SalesClinic[] = [];
const copies: TestClinic[] = [];
afterEach(async () => {
  await Promise.all([...open.splice(0).map((c) => c.clinic.close()), ...copies.splice(0).map((c) => c.close())]);
});

const ISO = `'%Y-%m-%dT%H:%M:%fZ'`;
const ZONE = 'America/New_York';

/** The rule, line by line: per provider (0: none), the patients on their service lines and those who rebooked. */
function byTheRule(sqlite: Sqlite, from: string, to: string, nowAt: string) {
  const { fromAt, toAt } = boundsOf(from, to, ZONE);
  return sqlite
    .prepare(
      `SELECT staffId, count(*) AS patients, sum(EXISTS (SELECT 1 FROM appointment a WHERE a.patientId = t.patientId
         AND a.startsAt >= strftime(${ISO}, t.lastAt, '+12 hours') AND (a.startsAt < strftime(${ISO}, t.lastAt, '+90 days') OR a.startsAt > :nowAt)
         AND a.status NOT IN ('cancelled', 'noShow'))) AS rebooked
       FROM (
         SELECT coalesce(l.staffId, 0) AS staffId, i.patientId AS patientId, max(i.issuedAt) AS lastAt
         FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id LEFT JOIN service s ON s.id = l.serviceId
         WHERE i.issuedAt >= :fromAt AND i.issuedAt < :toAt AND i.status = 'issued' AND i.patientId IS NOT NULL
           AND l.giftCard = 0 AND l.topUpPlanId IS NULL AND l.packagePlanId IS NULL AND ${SERVICE_KIND}
         GROUP BY 1, 2
       ) t GROUP BY staffId ORDER BY staffId`,
    )
    .all({ fromAt, toAt, nowAt }) as { staffId: number; patients: number; rebooked: number }[];
}

async function reported(c: SalesClinic, from: string, to: string) {
  const report = await c.clinic.call('reports.salesByProvider', { from, to });
  return report.rows
    .filter((r) => r.patients > 0)
    .map((r) => ({ staffId: r.staffId ?? 0, patients: r.patients, rebooked: r.rebooked }))
    .sort((a, b) => a.staffId - b.staffId);
}

const table = (sqlite: Sqlite) => sqlite.prepare('SELECT * FROM serviceSale ORDER BY patientId, staffId, at, invoiceId').all();
const pending = (sqlite: Sqlite) => sqlite.prepare('SELECT patientId FROM serviceSalePending ORDER BY 1').pluck().all() as number[];

/** The kept rows of the patients not noted for the job, and the same patients' rows worked out from scratch. */
function keptAndFresh(sqlite: Sqlite) {
  const notNoted = 'SELECT id FROM patient WHERE id NOT IN (SELECT patientId FROM serviceSalePending)';
  return {
    kept: sqlite.prepare(`SELECT * FROM serviceSale WHERE patientId IN (${notNoted}) ORDER BY patientId, staffId, at, invoiceId`).all(),
    fresh: sqlite.prepare(`SELECT * FROM (${serviceSaleRowsOf(notNoted)}) ORDER BY patientId, staffId, at, invoiceId`).all(),
  };
}

function drain(sqlite: Sqlite): void {
  sqlite.transaction(() => {
    while (recomputePendingServiceSales(sqlite, 2) > 0);
  })();
}

type Action =
  | { kind: 'sell'; patient: number; lines: number[]; pay: boolean }
  | { kind: 'void' }
  | { kind: 'credit'; pick: number }
  | { kind: 'redeem'; patient: number }
  | { kind: 'book'; patient: number; staff: number; days: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'noShow'; pick: number }
  | { kind: 'move'; pick: number; days: number }
  | { kind: 'merge' }
  | { kind: 'drain' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sell' as const), patient: fc.nat(3), lines: fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }), pay: fc.boolean() }) },
  fc.record({ kind: fc.constant('void' as const) }),
  fc.record({ kind: fc.constant('credit' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('redeem' as const), patient: fc.nat(3) }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('book' as const), patient: fc.nat(3), staff: fc.nat(1), days: fc.integer({ min: -3, max: 150 }) }) },
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('noShow' as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(20), days: fc.integer({ min: -100, max: 100 }) }),
  fc.record({ kind: fc.constant('merge' as const) }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('drain' as const) }) },
);

/** At most 20 days a step from 2026-01-05: the story spans a few months, a DST change and visits months ahead. */
const steps = fc.array(fc.tuple(action, fc.integer({ min: 0, max: 20 * 24 })), { minLength: 6, maxLength: 16 });

describe('the provider report’s rebooking projection', () => {
  it('keeps every patient it has not noted exact, equals a rebuild once the job has run, and the report follows the rule either way', async () => {
    await fc.assert(
      fc.asyncProperty(steps, async (story) => {
        const c = await openSalesClinic();
        open.push(c);
        const { clinic, services, staff } = c;
        const sqlite = clinic.lumen.runtime.sqlite;
        const patients = [await c.patient('Ada'), await c.patient('Bo'), await c.patient('Cy'), await c.patient('Di')];
        const providers = [staff.ana, staff.ben];
        const lineOf = [
          { serviceId: services.botox, staffId: staff.ana },
          { serviceId: services.filler, staffId: staff.ben },
          { serviceId: services.consult, staffId: staff.ana },
          { serviceId: services.consult },
          { packagePlanId: c.botoxThree },
        ];
        const unpaid: number[] = [];
        const paidLines: { invoiceId: number; lineId: number }[] = [];
        const visits: number[] = [];
        let merged = false;
        let at = Date.parse('2026-01-05T15:00:00Z');
        for (const [step, hours] of story) {
          at += hours * 3_600_000;
          await c.at(new Date(at).toISOString());
          const visit = (pick: number) => (visits.length ? visits[pick % visits.length] : null);
          // Di is merged into Cy at most once; later steps for Di are Cy's.
          const who = (i: number) => patients[merged && i === 3 ? 2 : i];
          if (step.kind === 'sell') {
            const sold = await c.sell(who(step.patient), step.lines.map((i) => lineOf[i]) as never, { pay: step.pay });
            if (step.pay) paidLines.push(...sold.lines.map((lineId) => ({ invoiceId: sold.id, lineId })));
            else unpaid.push(sold.id);
          } else if (step.kind === 'void' && unpaid.length) {
            await clinic.call('invoices.void', { id: unpaid.shift()!, reason: 'Test' });
          } else if (step.kind === 'credit' && paidLines.length) {
            const { invoiceId, lineId } = paidLines.splice(step.pick % paidLines.length, 1)[0];
            await clinic.call('creditNotes.create', { invoiceId, lines: [{ invoiceLineId: lineId, quantity: 1 }], reason: 'Test', refundTo: 'storeCredit' }).catch(() => undefined);
          } else if (step.kind === 'redeem') {
            const held = (await clinic.call('packages.forPatient', { patientId: who(step.patient) })).find((p) => p.state === 'open' && p.left > 0);
            if (held) await c.sell(who(step.patient), [lineOf[0]] as never, { tenders: [{ tender: 'package', patientPackageId: held.id }] });
          } else if (step.kind === 'book') {
            visits.push(await c.book(who(step.patient), providers[step.staff], new Date(at + step.days * 86_400_000).toISOString()));
          } else if (step.kind === 'cancel' && visit(step.pick)) {
            await clinic.call('appointments.cancel', { id: visit(step.pick)!, reason: 'Test' }).catch(() => undefined);
          } else if (step.kind === 'noShow' && visit(step.pick)) {
            await clinic.call('appointments.setStatus', { id: visit(step.pick)!, status: 'noShow' }).catch(() => undefined);
          } else if (step.kind === 'move' && visit(step.pick)) {
            const id = visit(step.pick)!;
            const { startsAt } = await clinic.call('appointments.get', { id });
            await clinic
              .call('appointments.move', { id, startsAt: new Date(Date.parse(startsAt) + step.days * 86_400_000).toISOString(), override: { reason: 'Test' } })
              .catch(() => undefined);
          } else if (step.kind === 'merge' && !merged) {
            // Di's invoices and visits move to Cy; a package Di holds is carried over as a transfer.
            merged = await clinic.call('patients.merge', { keepId: patients[2], mergeId: patients[3] }).then(
              () => true,
              () => false,
            );
          } else if (step.kind === 'drain') {
            drain(sqlite);
          }
          const { kept, fresh } = keptAndFresh(sqlite);
          expect(kept).toEqual(fresh);
        }

        const nowAt = clinic.clock.now().toISOString();
        const periods = [
          ['2026-01-01', '2026-12-31'],
          ['2026-01-15', '2026-03-10'],
          ['2026-02-01', '2026-02-28'],
        ];
        const byRule = periods.map(([from, to]) => byTheRule(sqlite, from, to, nowAt));
        for (const [i, [from, to]] of periods.entries()) expect(await reported(c, from, to)).toEqual(byRule[i]);

        drain(sqlite);
        expect(pending(sqlite)).toEqual([]);
        const drained = table(sqlite);
        rebuildServiceSale(sqlite);
        expect(drained).toEqual(table(sqlite));
        for (const [i, [from, to]] of periods.entries()) expect(await reported(c, from, to)).toEqual(byRule[i]);
        await c.clinic.close();
        open.splice(open.indexOf(c), 1);
      }),
      { numRuns: 10 },
    );
  }, 300_000);

  it('notes only the patient when checkout issues a sale, and the job brings the patient’s rows up to date', async () => {
    const c = await openSalesClinic();
    open.push(c);
    const sqlite = c.clinic.lumen.runtime.sqlite;
    const ada = await c.patient('Ada');
    await c.at('2026-02-02T15:00:00Z');
    await c.book(ada, c.staff.ana, '2026-03-02T15:00:00Z');
    const sold = await c.sell(ada, [{ serviceId: c.services.botox, staffId: c.staff.ana }]);
    expect(pending(sqlite)).toEqual([ada]);
    expect(table(sqlite)).toEqual([]);
    expect(await reported(c, '2026-02-01', '2026-02-28')).toEqual([{ staffId: c.staff.ana, patients: 1, rebooked: 1 }]);

    const job = c.clinic.lumen.scheduler.list().find((j) => j.name === 'serviceSale');
    expect(job).toBeDefined();
    await c.clinic.lumen.scheduler.runNow('serviceSale');
    await c.clinic.lumen.scheduler.idle();
    expect(c.clinic.lumen.scheduler.list().find((j) => j.name === 'serviceSale')).toMatchObject({ lastOutcome: 'ok', lastMessage: '1 patient brought up to date.' });
    expect(pending(sqlite)).toEqual([]);
    expect(table(sqlite)).toEqual([
      { patientId: ada, staffId: c.staff.ana, at: '2026-02-02T15:00:00.000Z', invoiceId: sold.id, nextSaleAt: null, nextVisitAt: '2026-03-02T15:00:00.000Z', nextVisitSoon: 1 },
    ]);
    expect(await reported(c, '2026-02-01', '2026-02-28')).toEqual([{ staffId: c.staff.ana, patients: 1, rebooked: 1 }]);
  });

  it('is kept where a sync import lands: the same rows as the workstation that sold and booked, and as a rebuild', async () => {
    const c = await openSalesClinic();
    open.push(c);
    const ada = await c.patient('Ada');
    await c.at('2026-03-07T15:00:00Z');
    await c.sell(ada, [{ serviceId: c.services.botox, staffId: c.staff.ana }]);
    drain(c.clinic.lumen.runtime.sqlite);
    const room = await copyAsWorkstation(c.clinic, 'Room 2', 'R');
    copies.push(room);
    room.clock.set('2026-03-09T03:30:00Z');
    await room.call('auth.unlock', { password: OWNER.password }).catch(() => undefined);
    await room.call('checkout.commit', { patientId: ada, lines: [{ serviceId: c.services.filler, staffId: c.staff.ben, quantity: 1 }] });
    const visit = await room.call('appointments.book', {
      patientId: ada,
      segments: [{ serviceId: c.services.consult, staffId: c.staff.ben, startsAt: '2026-04-01T14:00:00Z' }],
      override: { reason: 'Report test' },
    });
    await room.call('appointments.book', {
      patientId: ada,
      segments: [{ serviceId: c.services.consult, staffId: c.staff.ana, startsAt: '2026-03-20T14:00:00Z' }],
      override: { reason: 'Report test' },
    });
    await room.call('appointments.cancel', { id: visit.id, reason: 'Travelling' });
    await sendChanges(room, c.clinic);

    const sqlite = c.clinic.lumen.runtime.sqlite;
    expect(pending(sqlite)).toEqual([ada]);
    // Both sales were last rebooked by the visit of the 20th: 13 days after the Botox, 11 after the filler.
    const expected = [
      { staffId: c.staff.ana, patients: 1, rebooked: 1 },
      { staffId: c.staff.ben, patients: 1, rebooked: 1 },
    ];
    expect(await reported(c, '2026-03-01', '2026-03-31')).toEqual(expected);
    drain(sqlite);
    drain(room.lumen.runtime.sqlite);
    const kept = table(sqlite);
    expect(kept).toEqual(table(room.lumen.runtime.sqlite));
    expect(kept).toMatchObject([{ nextVisitAt: '2026-03-20T14:00:00.000Z' }, { nextVisitAt: '2026-03-20T14:00:00.000Z' }]);
    rebuildServiceSale(sqlite);
    expect(kept).toEqual(table(sqlite));
    expect(await reported(c, '2026-03-01', '2026-03-31')).toEqual(expected);
  });
});
