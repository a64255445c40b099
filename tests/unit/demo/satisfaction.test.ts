import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';

const NOW = '2026-03-02T15:00:00Z';
let lumen: Lumen;
let dataDir: string;
const count = (sql: string) => lumen.runtime.sqlite.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-satisfaction-'));
  lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  await generateDemoClinic(lumen.runtime, { patients: 400, years: 3, seed: 7 });
});
afterAll(async () => {
  await lumen.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo clinic’s satisfaction history', () => {
  it('asks about completed visits of the last two years only, once each, and most answer', () => {
    const requests = count('SELECT count(*) FROM surveyRequest');
    expect(requests).toBeGreaterThan(100);
    expect(count("SELECT count(*) FROM surveyRequest r JOIN appointment a ON a.id = r.appointmentId WHERE a.status NOT IN ('completed', 'checkedOut') OR r.askedAt > '" + NOW + "' OR a.startsAt < '2024-02-28'")).toBe(0);
    const answered = count('SELECT count(*) FROM surveyResponse');
    expect(answered / requests).toBeGreaterThan(0.5);
    expect(count('SELECT count(*) FROM surveyResponse s JOIN surveyRequest r ON r.id = s.requestId WHERE s.patientId <> r.patientId OR s.answeredAt < r.askedAt')).toBe(0);
  });

  it('opens a complaint for every low score (the older ones resolved) and asks only high scores for reviews', () => {
    expect(count('SELECT count(*) FROM surveyResponse s WHERE s.score <= 6 AND NOT EXISTS (SELECT 1 FROM complaint c WHERE c.responseId = s.id)')).toBe(0);
    expect(count('SELECT count(*) FROM complaint WHERE resolvedAt IS NULL')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM complaint WHERE resolvedAt > slaDueAt')).toBeGreaterThan(0);
    expect(count('SELECT count(*) FROM reviewRequest r JOIN surveyResponse s ON s.id = r.responseId WHERE s.score < 9')).toBe(0);
    expect(count('SELECT count(*) FROM reviewRequest WHERE postedAt IS NOT NULL')).toBeGreaterThan(0);
    expect(count("SELECT count(*) FROM reviewRequest WHERE postedAt > '" + NOW + "'")).toBe(0);
  });

  it('gives a year’s NPS report that tells providers apart', async () => {
    const conn = newConnection('cli');
    await lumen.registry.call('auth.signIn', { username: 'manager', password: DEMO_PASSWORD }, conn);
    const report = (await lumen.registry.call('satisfaction.nps', { from: '2025-03-01', to: '2026-03-01' }, conn)) as { total: { responses: number; nps: number }; byProvider: { nps: number | null; responses: number }[] };
    expect(report.total.responses).toBeGreaterThan(50);
    const scored = report.byProvider.filter((p) => p.responses >= 10).map((p) => p.nps!);
    expect(Math.max(...scored) - Math.min(...scored)).toBeGreaterThan(20);
  });
});
