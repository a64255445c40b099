import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartContent } from '../../../src-shared/contract/charts';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';

const NOW = '2026-03-02T15:00:00Z';
const folders: string[] = [];
const opened: Lumen[] = [];

async function demo(patients: number, seed = 42): Promise<Lumen> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-calendar-'));
  folders.push(dataDir);
  const lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  opened.push(lumen);
  await generateDemoClinic(lumen.runtime, { patients, years: 10, seed });
  return lumen;
}

const all = <T>(lumen: Lumen, sql: string) => lumen.runtime.sqlite.prepare(sql).all() as T[];
const one = <T>(lumen: Lumen, sql: string) => lumen.runtime.sqlite.prepare(sql).get() as T;

afterAll(async () => {
  for (const lumen of opened) await lumen.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('the demo clinic calendar', () => {
  let lumen: Lumen;
  beforeAll(async () => {
    lumen = await demo(500);
  });

  it('books the same appointments from the same seed', async () => {
    const again = await demo(500);
    for (const sql of ['SELECT * FROM appointment ORDER BY id', 'SELECT * FROM appointmentService ORDER BY id', 'SELECT * FROM chart ORDER BY id', 'SELECT * FROM staffException ORDER BY id']) {
      expect(all(again, sql), sql).toEqual(all(lumen, sql));
    }
  });

  it('has years of visits with the usual mix of outcomes, and the next weeks booked', () => {
    const mix = one<{ n: number; noShow: number; cancelled: number; late: number; future: number; futureOpen: number }>(
      lumen,
      `SELECT count(*) AS n, avg(status = 'noShow') AS noShow, avg(status = 'cancelled') AS cancelled, sum(lateCancel) AS late,
              sum(startsAt > '${NOW}') AS future, sum(startsAt > '${NOW}' AND status IN ('booked', 'confirmed', 'cancelled')) AS futureOpen
       FROM appointment`,
    );
    expect(mix.n).toBeGreaterThan(3000);
    expect(mix.noShow).toBeGreaterThan(0.02);
    expect(mix.noShow).toBeLessThan(0.07);
    expect(mix.cancelled).toBeGreaterThan(0.05);
    expect(mix.cancelled).toBeLessThan(0.12);
    expect(mix.late).toBeGreaterThan(0);
    expect(mix.future).toBeGreaterThan(0);
    expect(mix.futureOpen).toBe(mix.future);
    expect(one<{ n: number }>(lumen, `SELECT count(*) AS n FROM appointment WHERE startsAt < '${NOW}' AND status IN ('booked', 'confirmed')`).n).toBe(0);
    // Cancelled and no-show visits hold no time.
    expect(one<{ n: number }>(lumen, "SELECT count(*) AS n FROM appointmentService s JOIN appointment a ON a.id = s.appointmentId WHERE s.live != (a.status NOT IN ('cancelled', 'noShow'))").n).toBe(0);
  });

  it('never double-books a provider, room or device among live segments', () => {
    for (const column of ['staffId', 'roomId', 'deviceId']) {
      const clashes = all(
        lumen,
        `SELECT a.id, b.id FROM appointmentService a JOIN appointmentService b
           ON b.${column} = a.${column} AND b.id > a.id AND b.live = 1 AND b.startsAt < a.endsAt AND a.startsAt < b.endsAt
         WHERE a.live = 1 AND a.${column} IS NOT NULL`,
      );
      expect(clashes, column).toEqual([]);
    }
  });

  it('books only providers who may perform the service, rooms and devices of the kind it needs', () => {
    const wrong = all(
      lumen,
      `SELECT s.id FROM appointmentService s JOIN service v ON v.id = s.serviceId JOIN staff st ON st.id = s.staffId
       LEFT JOIN room r ON r.id = s.roomId LEFT JOIN device d ON d.id = s.deviceId
       WHERE st.role != 'practitioner' OR s.priceCents != v.priceCents
          OR (v.roomKind IS NOT NULL AND (r.kind IS NOT v.roomKind)) OR (v.deviceKind IS NOT NULL AND (d.kind IS NOT v.deviceKind))
          OR (st.active = 1 AND EXISTS (SELECT 1 FROM serviceProvider p WHERE p.serviceId = v.id) AND NOT EXISTS (SELECT 1 FROM serviceProvider p WHERE p.serviceId = v.id AND p.staffId = st.id))`,
    );
    expect(wrong).toEqual([]);
  });

  it('has 30 active practitioners today, some who left, and two hair-removal lasers, each shared by two laser rooms', () => {
    expect(one<{ n: number }>(lumen, "SELECT count(*) AS n FROM staff WHERE role = 'practitioner' AND active = 1").n).toBe(30);
    expect(one<{ n: number }>(lumen, "SELECT count(*) AS n FROM staff WHERE role = 'practitioner' AND active = 0").n).toBeGreaterThan(0);
    const lasers = all<{ rooms: number }>(lumen, "SELECT count(*) AS rooms FROM deviceRoom dr JOIN device d ON d.id = dr.deviceId JOIN room r ON r.id = dr.roomId WHERE d.kind = 'laser' AND r.kind = 'laser' GROUP BY d.id");
    expect(lasers).toEqual([{ rooms: 2 }, { rooms: 2 }]);
    expect(one<{ n: number }>(lumen, "SELECT count(DISTINCT staffId) AS n FROM staffHours WHERE kind = 'rest'").n).toBeGreaterThanOrEqual(30);
    expect(one<{ n: number }>(lumen, "SELECT count(*) AS n FROM block WHERE kind = 'closure' AND staffId IS NULL AND roomId IS NULL AND deviceId IS NULL").n).toBeGreaterThan(30);
  });

  it('runs laser courses as series numbered 0..n-1, each visit in course', () => {
    const series = all<{ id: number; count: number; n: number; indexes: string; types: string }>(
      lumen,
      `SELECT s.id, s.count, count(a.id) AS n, group_concat(a.seriesIndex) AS indexes, group_concat(DISTINCT a.visitType) AS types
       FROM series s JOIN (SELECT * FROM appointment ORDER BY seriesIndex) a ON a.seriesId = s.id GROUP BY s.id`,
    );
    expect(series.length).toBeGreaterThan(10);
    for (const s of series) {
      expect(s.indexes).toBe(Array.from({ length: s.n }, (_, i) => i).join(','));
      expect(s.n).toBe(s.count);
      expect(s.types).toBe('inCourse');
    }
  });

  it('derives visit types from the patient’s history', () => {
    const completed = "IN ('completed', 'checkedOut')";
    const wrong = all(
      lumen,
      `SELECT a.id, a.visitType FROM appointment a
       WHERE a.visitType IN ('first', 'return', 'repurchase') AND a.visitType != CASE
         WHEN NOT EXISTS (SELECT 1 FROM appointment e WHERE e.patientId = a.patientId AND e.startsAt < a.startsAt AND e.status ${completed}) THEN 'first'
         WHEN EXISTS (SELECT 1 FROM appointmentService s JOIN service v ON v.id = s.serviceId
                      JOIN appointmentService es JOIN service ev ON ev.id = es.serviceId JOIN appointment e ON e.id = es.appointmentId
                      WHERE s.appointmentId = a.id AND v.kind = 'treatment' AND ev.kind = 'treatment' AND ev.categoryId = v.categoryId
                        AND e.patientId = a.patientId AND e.startsAt < a.startsAt AND e.status ${completed}) THEN 'repurchase'
         ELSE 'return' END`,
    );
    expect(wrong).toEqual([]);
    const types = all<{ visitType: string }>(lumen, 'SELECT DISTINCT visitType FROM appointment ORDER BY 1').map((r) => r.visitType);
    expect(types).toEqual(['first', 'inCourse', 'recheck', 'repurchase', 'return']);
  });

  it('has a signed chart for every completed treatment visit, and only those, with lots unexpired on the day', () => {
    const missing = all(
      lumen,
      `SELECT a.id FROM appointment a WHERE a.status IN ('completed', 'checkedOut')
         AND EXISTS (SELECT 1 FROM appointmentService s JOIN service v ON v.id = s.serviceId WHERE s.appointmentId = a.id AND v.kind = 'treatment')
         AND NOT EXISTS (SELECT 1 FROM chart c WHERE c.appointmentId = a.id)`,
    );
    expect(missing).toEqual([]);
    const charts = all<{ content: string; status: string; appointmentStatus: string; day: string; treatments: number; signedAt: string; endsAt: string }>(
      lumen,
      `SELECT c.content, c.status, a.status AS appointmentStatus, substr(a.startsAt, 1, 10) AS day, c.signedAt, a.endsAt,
              (SELECT count(*) FROM appointmentService s JOIN service v ON v.id = s.serviceId WHERE s.appointmentId = a.id AND v.kind = 'treatment') AS treatments
       FROM chart c JOIN appointment a ON a.id = c.appointmentId`,
    );
    expect(charts.length).toBeGreaterThan(1000);
    let injections = 0;
    for (const c of charts) {
      expect(c.status).toBe('signed');
      expect(['completed', 'checkedOut']).toContain(c.appointmentStatus);
      expect(c.treatments).toBeGreaterThan(0);
      expect(c.signedAt > c.endsAt).toBe(true);
      const content = ChartContent.parse(JSON.parse(c.content));
      for (const i of content.injections) {
        expect(i.expiry > c.day, `${i.lot} expires ${i.expiry}, used ${c.day}`).toBe(true);
        injections++;
      }
    }
    expect(injections).toBeGreaterThan(100);
    const lots = one<{ n: number }>(lumen, 'SELECT count(*) AS n FROM productLot');
    expect(lots.n).toBeGreaterThan(5);
  });

  it('shows a demo day’s appointments in the day view, as the front desk sees it', async () => {
    const conn = newConnection('test');
    await lumen.registry.call('auth.signIn', { username: 'frontdesk', password: DEMO_PASSWORD }, conn);
    const { day } = one<{ day: string }>(lumen, "SELECT substr(startsAt, 1, 10) AS day FROM appointment WHERE startsAt < '2026-02-01' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
    const view = await lumen.registry.call('appointments.day', { date: day, by: 'staff' }, conn);
    const expected = all<{ id: number }>(
      lumen,
      `SELECT id FROM appointment WHERE status != 'cancelled' AND startsAt >= '${view.startsAt}' AND startsAt < '${view.endsAt}' ORDER BY id`,
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(3);
    expect(view.appointments.map((a) => a.id).sort((a, b) => a - b)).toEqual(expected);
    expect(view.columns.length).toBeGreaterThan(3);
  });
});
