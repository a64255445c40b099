import { describe, expect, it } from 'vitest';
import { errorOf } from '../../scheduling/calendar';
import { pipelineClinics } from './clinic';

const open = pipelineClinics();

/**
 * The March 2026 cohort, hand-built in New York time: Ann, Bo, Cy, Di and Ed are added on 2 March, Fi at 23:30 on
 * 31 March (1 April in UTC, still March here); Gus on 1 April (not in the cohort), referred by Bo.
 * Consults: Ann 5 March, Bo 6 March, Cy 9 March, Di 10 March (cancelled), Fi 2 April.
 * Treatments within 90 days of the consult: Ann (Botox, 5 March), Bo (Botox, 20 March), Fi (laser, 2 April);
 * Cy's laser on 1 July is too late. Maintenance: Ann's Botox again on 20 May (within 90 + 30 days), Fi's laser again on
 * 1 May (within 42 + 30). Cross-services: Ann bought laser on 1 June. Ambassador: Bo (Gus).
 * Net sales to date: Ann $850, Bo $300, Cy $250, Fi $500.
 */
async function cohortClinic() {
  const c = await open('2026-03-02T09:00');
  const { services } = c;
  const [ann, bo, cy, di] = [await c.patient('Ann'), await c.patient('Bo'), await c.patient('Cy'), await c.patient('Di')];
  await c.patient('Ed');
  await c.book(ann, services.botoxConsult, '2026-03-05T10:00');
  await c.book(bo, services.botoxConsult, '2026-03-06T10:00');
  await c.book(cy, services.laserConsult, '2026-03-09T10:00');
  const diVisit = await c.book(di, services.botoxConsult, '2026-03-10T10:00');
  await c.clinic.call('appointments.cancel', { id: diVisit, reason: 'Not ready' });
  await c.at('2026-03-05T10:30');
  await c.sell(ann, [services.botox]);
  await c.at('2026-03-20T10:00');
  await c.sell(bo, [services.botox]);
  await c.at('2026-03-31T23:30');
  const fi = await c.patient('Fi');
  await c.book(fi, services.laserConsult, '2026-04-02T10:00');
  await c.at('2026-04-01T00:30');
  await c.patient('Gus', { referredByPatientId: bo });
  await c.at('2026-04-02T11:00');
  await c.sell(fi, [services.laser]);
  await c.at('2026-05-01T10:00');
  await c.sell(fi, [services.laser]);
  await c.at('2026-05-20T10:00');
  await c.sell(ann, [services.botox]);
  await c.at('2026-06-01T10:00');
  await c.sell(ann, [services.laser]);
  await c.at('2026-07-01T10:00');
  await c.sell(cy, [services.laser]);
  await c.at('2026-07-02T10:00');
  return c;
}

const march = { from: '2026-03-01', to: '2026-03-31' };

describe('conversion cascade', () => {
  it('follows the cohort through every stage with counts, rates against 80 % and revenue', async () => {
    const c = await cohortClinic();
    const instagram = await c.clinic.call('catalog.saveReferralSource', { name: 'Instagram', channel: 'social' });
    const flyers = await c.clinic.call('catalog.saveReferralSource', { name: 'Flyers', channel: 'print' });
    await c.clinic.call('reports.setAwareness', { month: '2026-03', referralSourceId: instagram.id, reached: 12 });
    await c.clinic.call('reports.setAwareness', { month: '2026-03', referralSourceId: flyers.id, reached: 8 });
    await c.clinic.call('reports.setAwareness', { month: '2026-04', referralSourceId: flyers.id, reached: 50 });
    expect(await c.clinic.call('reports.awareness', { from: '2026-03', to: '2026-03' })).toEqual([
      { month: '2026-03', referralSourceId: flyers.id, referralSourceName: 'Flyers', reached: 8 },
      { month: '2026-03', referralSourceId: instagram.id, referralSourceName: 'Instagram', reached: 12 },
    ]);
    const cascade = await c.clinic.call('reports.conversionCascade', march);
    expect(cascade.stages.map((s) => [s.stage, s.patients, s.revenueCents])).toEqual([
      ['awareness', 20, 0],
      ['lead', 6, 190_000],
      ['consult', 4, 190_000],
      ['treatment', 3, 165_000],
      ['maintenance', 2, 135_000],
      ['crossServices', 1, 85_000],
      ['ambassador', 1, 30_000],
    ]);
    expect(cascade.links.map((l) => [l.link, l.countIn, l.countOut, l.rateBp, l.belowTarget])).toEqual([
      ['lead', 20, 6, 3_000, true],
      ['consult', 6, 4, 6_667, true],
      ['treatment', 4, 3, 7_500, true],
      ['maintenance', 3, 2, 6_667, true],
      ['crossServices', 2, 1, 5_000, true],
      ['ambassador', 3, 1, 3_333, true],
    ]);
    expect(cascade.averageSaleCents).toBe(30_000);
    expect(cascade.whatIf).toBeNull();
    expect(cascade.emptyText).toBeNull();
  });

  it('shows awareness as not measured until a manager enters it', async () => {
    const c = await cohortClinic();
    const cascade = await c.clinic.call('reports.conversionCascade', march);
    expect(cascade.stages[0]).toMatchObject({ stage: 'awareness', patients: null });
    expect(cascade.links[0]).toMatchObject({ link: 'lead', countIn: null, countOut: 6, rateBp: null, belowTarget: null });
  });

  it('passes a what-if down the cascade at the later links’ rates', async () => {
    const c = await cohortClinic();
    const cascade = await c.clinic.call('reports.conversionCascade', { ...march, whatIf: { link: 'consult', points: 10 } });
    // 6 leads × 10 points = 0.6 → 1 more consult; × 3/4 → 1 more treated; × 2/3 → 1 maintained; × 1/2 → 1 cross-sold;
    // × 1/3 → no ambassador. Three more sales at the overall average of $300.
    expect(cascade.whatIf).toEqual({
      link: 'consult',
      points: 10,
      rateBp: 7_667,
      extraPatients: [
        { stage: 'consult', patients: 1 },
        { stage: 'treatment', patients: 1 },
        { stage: 'maintenance', patients: 1 },
        { stage: 'crossServices', patients: 1 },
        { stage: 'ambassador', patients: 0 },
      ],
      revenueEffectCents: 90_000,
    });
  });

  it('lists the patients behind a stage, adding up to it', async () => {
    const c = await cohortClinic();
    const treated = await c.clinic.call('reports.pipelineRows', { report: 'conversionCascade', key: { kind: 'stage', stage: 'treatment' }, ...march });
    expect([treated.total, treated.sum]).toEqual([3, 3]);
    expect(treated.table.rows.map((r) => [r.patientName, r.consultOn, r.treatedOn, r.revenueCents])).toEqual([
      ['Fi Client', '2026-04-02', '2026-04-02', 50_000],
      ['Ann Client', '2026-03-05', '2026-03-05', 85_000],
      ['Bo Client', '2026-03-06', '2026-03-20', 30_000],
    ]);
    const leads = await c.clinic.call('reports.pipelineRows', { report: 'conversionCascade', key: { kind: 'stage', stage: 'lead' }, ...march, limit: 2, offset: 4 });
    expect([leads.total, leads.table.rows.length]).toEqual([6, 2]);
    expect(await errorOf(c.clinic.call('reports.pipelineRows', { report: 'conversionCascade', key: { kind: 'day', date: '2026-03-02' }, ...march }))).toMatchObject({ code: 'invalid_input' });
  });

  it('refuses bad input and gives nulls, not NaN, on an empty clinic', async () => {
    const c = await open('2026-03-02T09:00');
    expect(await errorOf(c.clinic.call('reports.conversionCascade', { from: '2026-03-31', to: '2026-03-01' }))).toMatchObject({ code: 'invalid_input' });
    expect(await errorOf(c.clinic.call('reports.conversionCascade', { ...march, whatIf: { link: 'consult', points: 101 } }))).toMatchObject({ code: 'invalid_input' });
    expect(await errorOf(c.clinic.call('reports.setAwareness', { month: '2026-03', referralSourceId: 999, reached: 5 }))).toMatchObject({ code: 'not_found' });
    expect(c.clinic.count('awarenessEntry')).toBe(0);
    const empty = await c.clinic.call('reports.conversionCascade', { ...march, whatIf: { link: 'treatment', points: 5 } });
    expect(empty.links.every((l) => l.rateBp === null && l.belowTarget === null)).toBe(true);
    expect(empty.stages.slice(1).every((s) => s.patients === 0 && s.revenueCents === 0)).toBe(true);
    expect(empty.whatIf).toMatchObject({ rateBp: null, revenueEffectCents: 0 });
    expect(empty.emptyText).toContain('No patients were added');
  });
});
