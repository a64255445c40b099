import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../src-main/core/db';
import { startSnapshotRebuild } from '../../../src-main/core/snapshot-rebuild';
import { PURCHASE_PROJECTION, rebuildPurchaseProjection } from '../../../src-main/retention/index';
import type { TestClinic } from '../../support/clinic';
import { indexesRead } from '../../support/query-plans';
import { copyAsWorkstation, sendChanges } from '../../support/workstations';
import { type Calendar, openCalendar } from '../scheduling/calendar';
import { travel } from './support';

const open: TestClinic[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((clinic) => clinic.close()));
});

async function calendar(now?: string): Promise<Calendar> {
  const cal = await openCalendar(now);
  open.push(cal.clinic);
  return cal;
}

const sqliteOf = (clinic: TestClinic) => clinic.lumen.runtime.sqlite;

/** Both projection tables, in key order. */
function projection(sqlite: Sqlite) {
  return {
    categories: sqlite.prepare('SELECT * FROM patientCategoryPurchase ORDER BY patientId, categoryId').all(),
    patients: sqlite.prepare('SELECT * FROM patientPurchase ORDER BY patientId').all(),
  };
}

/** What the triggers left must equal a full rebuild from the invoices (run after reading them). */
function expectEqualToRebuild(sqlite: Sqlite) {
  const kept = projection(sqlite);
  rebuildPurchaseProjection(sqlite);
  expect(kept).toEqual(projection(sqlite));
}

const categoryRow = (sqlite: Sqlite, patientId: number, category: string) =>
  sqlite
    .prepare('SELECT p.* FROM patientCategoryPurchase p JOIN serviceCategory c ON c.id = p.categoryId WHERE p.patientId = ? AND c.name = ?')
    .get(patientId, category) as Record<string, unknown> | undefined;

describe('purchase projection', () => {
  it('records an issued sale per category with its clinic-local date, last service, provider and invoice', async () => {
    // 23:30 in Berlin on 2 March is 22:30 UTC: the local date is the 2nd, the next UTC day would be wrong after midnight.
    const { clinic, ana, ben, services, patient } = await calendar('2026-03-02T22:30:00Z');
    const lena = await patient('Lena', 'Vogel');
    const { invoice } = await clinic.call('checkout.commit', {
      patientId: lena,
      lines: [
        { serviceId: services.botox, staffId: ana, quantity: 1 },
        { serviceId: services.recheck, staffId: ben, quantity: 1 },
        { serviceId: services.laser, staffId: ben, quantity: 1 },
        { description: 'Sunscreen', unitPriceCents: 2_500, taxRateMillipercent: 0 },
      ],
    });
    const sqlite = sqliteOf(clinic);
    const botox = invoice.lines.find((l) => l.serviceId === services.botox)!;
    const recheck = invoice.lines.find((l) => l.serviceId === services.recheck)!;
    expect(categoryRow(sqlite, lena, 'Neurotoxin')).toMatchObject({
      firstAt: invoice.issuedAt,
      lastAt: invoice.issuedAt,
      lastLocalDate: '2026-03-02',
      purchases: 1,
      spentCents: botox.totalCents + recheck.totalCents,
      // The later line of the same invoice is the latest.
      lastServiceId: services.recheck,
      lastStaffId: ben,
      lastInvoiceId: invoice.id,
    });
    expect(categoryRow(sqlite, lena, 'Laser hair removal')).toMatchObject({ purchases: 1, lastServiceId: services.laser });
    expect(sqlite.prepare('SELECT * FROM patientPurchase WHERE patientId = ?').get(lena)).toMatchObject({
      invoices: 1,
      spentCents: invoice.totalCents,
      lastLocalDate: '2026-03-02',
    });
    expectEqualToRebuild(sqlite);
  });

  it('forgets an invoice taken back to draft or voided, and a line whose every unit was credited', async () => {
    const { clinic, ana, services, patient } = await calendar();
    const sqlite = sqliteOf(clinic);
    const lena = await patient('Lena', 'Vogel');
    const first = (await clinic.call('checkout.commit', { patientId: lena, lines: [{ serviceId: services.botox, staffId: ana }] })).invoice;
    await clinic.call('invoices.backToDraft', { id: first.id });
    expect(categoryRow(sqlite, lena, 'Neurotoxin')).toBeUndefined();
    expectEqualToRebuild(sqlite);
    await clinic.call('invoices.issue', { id: first.id });
    expect(categoryRow(sqlite, lena, 'Neurotoxin')).toMatchObject({ purchases: 1 });
    await clinic.call('invoices.void', { id: first.id, reason: 'Wrong patient' });
    expect(categoryRow(sqlite, lena, 'Neurotoxin')).toBeUndefined();
    expect(sqlite.prepare('SELECT count(*) FROM patientPurchase').pluck().get()).toBe(0);

    await travel(clinic, { days: 1 });
    const second = (await clinic.call('checkout.commit', {
      patientId: lena,
      lines: [{ serviceId: services.botox, staffId: ana, quantity: 3 }, { serviceId: services.laser, staffId: ana }],
    })).invoice;
    const [botox, laser] = second.lines;
    await clinic.call('creditNotes.create', { invoiceId: second.id, lines: [{ invoiceLineId: botox.id, quantity: 1 }], reason: 'One unit unused', refundTo: 'storeCredit' });
    const afterOne = categoryRow(sqlite, lena, 'Neurotoxin')!;
    expect(afterOne.spentCents).toBeLessThan(botox.totalCents);
    expect(afterOne.spentCents).toBeGreaterThan(0);
    await clinic.call('creditNotes.create', { invoiceId: second.id, lines: [{ invoiceLineId: botox.id, quantity: 2 }], reason: 'Refunded', refundTo: 'storeCredit' });
    expect(categoryRow(sqlite, lena, 'Neurotoxin')).toBeUndefined();
    expect(categoryRow(sqlite, lena, 'Laser hair removal')).toMatchObject({ spentCents: laser.totalCents });
    expect(sqlite.prepare('SELECT spentCents, invoices FROM patientPurchase WHERE patientId = ?').get(lena)).toEqual({ spentCents: laser.totalCents, invoices: 1 });
    expectEqualToRebuild(sqlite);
  });

  it('moves with a merged patient', async () => {
    const { clinic, ana, services, patient } = await calendar();
    const sqlite = sqliteOf(clinic);
    const keep = await patient('Lena', 'Vogel');
    const duplicate = await patient('Lena', 'Vogl');
    await clinic.call('checkout.commit', { patientId: keep, lines: [{ serviceId: services.laser, staffId: ana }] });
    await travel(clinic, { hours: 1 });
    const later = (await clinic.call('checkout.commit', { patientId: duplicate, lines: [{ serviceId: services.laser, staffId: ana }] })).invoice;
    await clinic.call('patients.merge', { keepId: keep, mergeId: duplicate });
    expect(categoryRow(sqlite, keep, 'Laser hair removal')).toMatchObject({ purchases: 2, lastInvoiceId: later.id });
    expect(categoryRow(sqlite, duplicate, 'Laser hair removal')).toBeUndefined();
    expectEqualToRebuild(sqlite);
  });

  it('is rebuilt where a sync import lands', async () => {
    const { clinic, ana, services, patient } = await calendar();
    const lena = await patient('Lena', 'Vogel');
    await clinic.call('checkout.commit', { patientId: lena, lines: [{ serviceId: services.botox, staffId: ana }] });
    const room = await copyAsWorkstation(clinic, 'Room 2', 'R');
    open.push(room);
    await travel(room, { days: 1 });
    const there = (await room.call('checkout.commit', { patientId: lena, lines: [{ serviceId: services.botox, staffId: ana, quantity: 2 }] })).invoice;
    await room.call('creditNotes.create', { invoiceId: there.id, lines: [{ invoiceLineId: there.lines[0].id, quantity: 1 }], reason: 'One unit unused', refundTo: 'storeCredit' });
    await sendChanges(room, clinic);
    const sqlite = sqliteOf(clinic);
    expect(categoryRow(sqlite, lena, 'Neurotoxin')).toMatchObject({ purchases: 2, lastInvoiceId: there.id });
    expect(projection(sqlite)).toEqual(projection(sqliteOf(room)));
    expectEqualToRebuild(sqlite);
  });

  it('follows the clinic’s zone and a service moved to another category', async () => {
    const { clinic, ana, services, patient } = await calendar('2026-03-02T22:30:00Z');
    const sqlite = sqliteOf(clinic);
    const lena = await patient('Lena', 'Vogel');
    await clinic.call('checkout.commit', { patientId: lena, lines: [{ serviceId: services.laser, staffId: ana }] });
    sqlite.prepare("UPDATE clinic SET timeZone = 'America/New_York'").run();
    expect(categoryRow(sqlite, lena, 'Laser hair removal')).toMatchObject({ lastLocalDate: '2026-03-02' });
    sqlite.prepare("UPDATE clinic SET timeZone = 'Asia/Tokyo'").run();
    expect(categoryRow(sqlite, lena, 'Laser hair removal')).toMatchObject({ lastLocalDate: '2026-03-03' });
    sqlite.prepare("UPDATE service SET categoryId = (SELECT id FROM serviceCategory WHERE name = 'Neurotoxin') WHERE id = ?").run(services.laser);
    expect(categoryRow(sqlite, lena, 'Laser hair removal')).toBeUndefined();
    expect(categoryRow(sqlite, lena, 'Neurotoxin')).toMatchObject({ lastServiceId: services.laser });
    expectEqualToRebuild(sqlite);
  });

  it('equals a full rebuild after any history of sales, drafts, voids and credit notes', async () => {
    const { clinic, ana, ben, services, patient } = await calendar();
    const sqlite = sqliteOf(clinic);
    const patients = [await patient('Ada'), await patient('Bo'), await patient('Cy')];
    const serviceIds = [services.botox, services.laser, services.recheck, services.consult, undefined];
    const step = fc.oneof(
      fc.record({
        kind: fc.constant('sell' as const),
        patient: fc.nat(2),
        lines: fc.array(fc.record({ service: fc.nat(4), staff: fc.boolean(), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }),
        hours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 })),
        // Sometimes none: two sales in the same millisecond are ordered by line id.
        seconds: fc.constantFrom(0, 1),
      }),
      fc.record({ kind: fc.constantFrom('backToDraft' as const, 'reissue' as const, 'void' as const, 'refund' as const), pick: fc.nat(), units: fc.integer({ min: 1, max: 3 }) }),
    );
    const invoices: number[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === 'sell') {
            await travel(clinic, { hours: s.hours, seconds: s.seconds });
            const lines = s.lines.map((l) => {
              const serviceId = serviceIds[l.service];
              return serviceId === undefined
                ? { description: 'Serum', unitPriceCents: 3_000, taxRateMillipercent: 0, quantity: l.quantity }
                : { serviceId, staffId: l.staff ? ana : ben, quantity: l.quantity };
            });
            invoices.push((await clinic.call('checkout.commit', { patientId: patients[s.patient], lines })).invoice.id);
            continue;
          }
          if (!invoices.length) continue;
          const id = invoices[s.pick % invoices.length];
          const invoice = await clinic.call('invoices.get', { id });
          // Refusals (a void invoice, a line already refunded) are part of the history too: they change nothing.
          if (s.kind === 'backToDraft') await clinic.call('invoices.backToDraft', { id }).catch(() => undefined);
          if (s.kind === 'reissue') await clinic.call('invoices.issue', { id }).catch(() => undefined);
          if (s.kind === 'void') await clinic.call('invoices.void', { id, reason: 'Test void' }).catch(() => undefined);
          if (s.kind === 'refund' && invoice.lines.length) {
            const line = invoice.lines[s.pick % invoice.lines.length];
            await clinic
              .call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: line.id, quantity: s.units }], reason: 'Refund', refundTo: 'storeCredit' })
              .catch(() => undefined);
          }
        }
        expectEqualToRebuild(sqlite);
      }),
      { numRuns: 40 },
    );
    expect(sqlite.prepare('SELECT count(*) FROM patientCategoryPurchase').pluck().get()).toBeGreaterThan(0);
    // The demo's rebuild, in a worker thread: the same rows.
    const kept = projection(sqlite);
    sqlite.exec('DELETE FROM patientCategoryPurchase; DELETE FROM patientPurchase');
    await startSnapshotRebuild(clinic.lumen.runtime.dbFile, [PURCHASE_PROJECTION], 'Europe/Berlin').write();
    expect(projection(sqlite)).toEqual(kept);
  }, 120_000);

  it('is rebuilt whole reading the indexes a bulk writer builds before starting it, and no other', async () => {
    const { clinic } = await calendar();
    expect(indexesRead(sqliteOf(clinic), PURCHASE_PROJECTION.sql)).toEqual([...PURCHASE_PROJECTION.indexes].sort());
  });
});
