import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';
import { localDate } from '../../../src-shared/time';

const NOW = '2026-03-02T15:00:00Z';
const ZONE = 'America/New_York';
let lumen: Lumen;
let dataDir: string;
const one = <T>(sql: string, ...params: unknown[]) => lumen.runtime.sqlite.prepare(sql).get(...params) as T;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-closes-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 200, years: 2, seed: 7 });
});
afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo clinic’s closed days', () => {
  it('closes every past day with sales on the reception till, balanced, and leaves today open', async () => {
    const paymentDays = new Set((lumen.runtime.sqlite.prepare('SELECT takenAt FROM payment').pluck().all() as string[]).map((at) => localDate(at, ZONE)));
    const today = localDate(NOW, ZONE);
    const closedDays = new Set(lumen.runtime.sqlite.prepare('SELECT date FROM dayClose').pluck().all() as string[]);
    for (const day of paymentDays) if (day < today) expect(closedDays.has(day), day).toBe(true);
    expect(closedDays.has(today)).toBe(false);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM dayClose WHERE (differenceCents <> 0 AND NOT (expectedCashCents < 0 AND countedCents = 0 AND note <> '')) OR workstationNumber <> 0").n).toBe(0);

    // The stored reports are what the day's rows say, and add up to every payment before today.
    const conn = newConnection('test');
    await lumen.registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
    const busiest = one<{ date: string }>('SELECT date FROM dayClose ORDER BY length(report) DESC LIMIT 1').date;
    const report = await lumen.registry.call('closing.report', { date: busiest }, conn);
    expect(report).toMatchObject({ changedSinceClose: false, closes: [{ closedBy: 'Jordan Ellis', differenceCents: 0 }] });
    expect(report.figures.takingsCents).not.toBe(0);
    // Takings and prepaid redeemed (stored value, gift cards, packages) together are every payment of the closed days.
    const storedTakings = (lumen.runtime.sqlite.prepare('SELECT report FROM dayClose').pluck().all() as string[])
      .map((text) => JSON.parse(text) as { takingsCents: number; prepaidRedeemedCents: number })
      .reduce((sum, figures) => sum + figures.takingsCents + figures.prepaidRedeemedCents, 0);
    const paidBeforeToday = (lumen.runtime.sqlite.prepare('SELECT takenAt, amountCents FROM payment').all() as { takenAt: string; amountCents: number }[])
      .filter((p) => localDate(p.takenAt, ZONE) < today)
      .reduce((sum, p) => sum + p.amountCents, 0);
    expect(storedTakings).toBe(paidBeforeToday);
    // The closed history refuses changes; today takes payment.
    const closedInvoice = one<{ id: number }>("SELECT id FROM invoice WHERE status = 'issued' AND issuedAt < ? ORDER BY issuedAt DESC LIMIT 1", '2026-02-01');
    await expect(lumen.registry.call('invoices.backToDraft', { id: closedInvoice.id }, conn)).rejects.toMatchObject({ code: 'invalid_transition', details: { reason: 'dayClosed' } });
  });
});
