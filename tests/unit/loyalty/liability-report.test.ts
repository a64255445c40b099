import { describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { loyaltyClinics } from './support';

const start = loyaltyClinics();

describe('the points liability report', () => {
  it('exports what outstanding points would pay, by tier, as of a day, and is refused to front desk', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    const max = await c.patient('Max');
    await c.clinic.call('loyalty.adjust', { patientId: lena, points: 1200, reason: 'Moved from the old card system' });
    await c.clinic.call('loyalty.adjust', { patientId: max, points: 90, reason: 'Moved from the old card system' });
    const file = await c.clinic.call('reports.export', { report: 'pointsLiability', input: { asOf: '2026-03-02' }, format: 'csv' });
    const lines = file.csv!.split('\r\n');
    expect(lines[0]).toMatch(/^"Points liability","Lumen Test Clinic","2 Mar 2026",/);
    expect(lines).toContain('"Value of outstanding points","€64.50"');
    expect(lines).toContain('"Outstanding points","1.290"');
    // Hand-given points count for no tier: both patients are Silver (from 0).
    expect(lines).toContain('"Silver","2","1.290","€64.50"');
    expect(lines).toContain('"Gold","0","0","€0.00"');
    expect(lines).toContain('"Total","2","1.290","€64.50"');

    const before = await c.clinic.call('loyalty.liability', { asOf: '2026-03-01' });
    expect(before).toMatchObject({ points: 0, patients: 0 });
    const desk = await c.clinic.as('frontDesk');
    expect(await errorOf(desk.call('reports.export', { report: 'pointsLiability', input: { asOf: '2026-03-02' }, format: 'csv' }))).toMatchObject({ code: 'forbidden' });
  });
});
