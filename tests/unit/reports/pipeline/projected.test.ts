import { describe, expect, it } from 'vitest';
import { errorOf } from '../../scheduling/calendar';
import { pipelineClinics, type PipelineClinic } from './clinic';

const open = pipelineClinics();

/**
 * Hand-built: last year, Pat bought Botox ($300) on 15 March 2025 and laser ($250) at 23:30 on 31 March 2025 (already
 * April in UTC), then a $300 Botox refunded in April; Dee bought Botox on 5 January 2026 (due again 5 April). Today is
 * Wednesday 25 March 2026, 10:00 in New York. Booked: Bea's Botox on 26 March (Ana, $300), Carl's Botox consult on
 * 27 March (Ben), Cleo's laser consult on 30 March (Ben), Fay's Botox at 23:30 on 31 March (Ana, $300), Gil's laser on
 * 30 March (Ana, quoted $220 on a draft), Eve's Botox on 27 March then cancelled. Leads: Eve (only a cancelled visit) and
 * Hal (nothing). Rates: lead→consult 50 %, consult→treatment 60 %; average sales $400 and $200 (overall $300).
 */
async function bookedClinic(): Promise<PipelineClinic & { pat: number; dee: number }> {
  const c = await open('2025-03-15T10:00');
  const { services } = c;
  const pat = await c.patient('Pat');
  await c.sell(pat, [services.botox]);
  await c.at('2025-03-31T23:30');
  await c.sell(pat, [services.laser]);
  await c.at('2025-04-02T10:00');
  const refunded = await c.sell(pat, [services.botox]);
  await c.clinic.call('creditNotes.create', { invoiceId: refunded.id, lines: [{ invoiceLineId: refunded.lines[0].id, quantity: 1 }], reason: 'Changed her mind', refundTo: 'storeCredit' });
  await c.at('2026-01-05T10:00');
  const dee = await c.patient('Dee');
  await c.sell(dee, [services.botox]);
  await c.at('2026-03-25T10:00');
  await c.book(await c.patient('Bea'), services.botox, '2026-03-26T10:00');
  await c.book(await c.patient('Carl'), services.botoxConsult, '2026-03-27T11:00', c.ben);
  await c.book(await c.patient('Cleo'), services.laserConsult, '2026-03-30T09:00', c.ben);
  await c.book(await c.patient('Fay'), services.botox, '2026-03-31T23:30');
  const gil = await c.patient('Gil');
  const gilVisit = await c.book(gil, services.laser, '2026-03-30T14:00');
  const draft = await c.clinic.call('invoices.createDraft', { appointmentId: gilVisit });
  await c.clinic.call('invoices.saveDraft', { id: draft.id, lines: [{ serviceId: services.laser, staffId: c.ana, unitPriceCents: 22_000 }] });
  const eve = await c.patient('Eve');
  const eveVisit = await c.book(eve, services.botox, '2026-03-27T15:00');
  await c.clinic.call('appointments.cancel', { id: eveVisit, reason: 'Moved away' });
  await c.patient('Hal');
  return { ...c, pat, dee };
}

describe('projected sales', () => {
  it('adds booked treatments at their price, consults × rate × category ASP and open leads, by day, category and provider', async () => {
    const c = await bookedClinic();
    const march = await c.clinic.call('reports.projectedSales', { from: '2026-03-01', to: '2026-03-31', include: { leads: true } });
    // Treatments 300 + 300 + 220; consults 400 × 60 % + 200 × 60 %; leads 2 × (300 × 50 % × 60 %).
    expect(march.totals).toEqual({ treatments: 3, treatmentsCents: 82_000, consults: 2, consultsCents: 36_000, openLeads: 2, leadsCents: 18_000, expectedCents: 136_000 });
    expect(march.byDay).toEqual([
      { date: '2026-03-26', treatments: 1, treatmentsCents: 30_000, consults: 0, consultsCents: 0, expectedCents: 30_000 },
      { date: '2026-03-27', treatments: 0, treatmentsCents: 0, consults: 1, consultsCents: 24_000, expectedCents: 24_000 },
      { date: '2026-03-30', treatments: 1, treatmentsCents: 22_000, consults: 1, consultsCents: 12_000, expectedCents: 34_000 },
      { date: '2026-03-31', treatments: 1, treatmentsCents: 30_000, consults: 0, consultsCents: 0, expectedCents: 30_000 },
    ]);
    expect(march.byCategory.map((r) => [r.categoryName, r.expectedCents])).toEqual([['Neurotoxin', 84_000], ['Laser hair removal', 34_000]]);
    expect(march.byProvider.map((r) => [r.staffName, r.treatments, r.consults, r.expectedCents])).toEqual([['Ana Alvarez', 3, 0, 82_000], ['Ben Brandt', 0, 2, 36_000]]);
    // March 2025: $300 + the $250 sold at 23:30 on the 31st (April in UTC); the April refund belongs to April.
    expect(march.lastYear).toEqual({ from: '2025-03-01', to: '2025-03-31', netSalesCents: 55_000 });
    // Weekly $700 × 31 ÷ 7.
    expect(march.target).toEqual({ targetCents: 310_000, gapCents: 174_000, monthsWithTarget: [] });
    // Pat is overdue for both categories on 1 March; Dee falls due on 5 April (not in March).
    expect(march.gapClosers).toEqual({ delinquent: { patients: 1, potentialCents: 60_000 }, dueSoon: { patients: 0, potentialCents: 0 } });
    expect(march.assumptions).toMatchObject({ leadToConsultBp: 5_000, consultToTreatmentBp: 6_000, overallAverageSaleCents: 30_000, includeLeads: true, overridden: [] });
    expect(march.emptyText).toBeNull();
  });

  it('counts a visit at 23:30 on the last day of a month in that month, and leaves leads out when asked', async () => {
    const c = await bookedClinic();
    const april = await c.clinic.call('reports.projectedSales', { from: '2026-04-01', to: '2026-04-30', include: { leads: false } });
    expect(april.totals).toEqual({ treatments: 0, treatmentsCents: 0, consults: 0, consultsCents: 0, openLeads: 0, leadsCents: 0, expectedCents: 0 });
    expect(april.byDay).toEqual([]);
    expect(april.gapClosers.dueSoon).toEqual({ patients: 1, potentialCents: 40_000 });
    const lastDay = await c.clinic.call('reports.projectedSales', { from: '2026-03-31', to: '2026-03-31', include: { leads: false } });
    expect(lastDay.totals.treatmentsCents).toBe(30_000);
  });

  it('applies overrides to this answer only', async () => {
    const c = await bookedClinic();
    const overrides = { consultToTreatmentBp: 10_000, averageSaleCents: { [String(c.neurotoxin)]: 50_000 } };
    const whatIf = await c.clinic.call('reports.projectedSales', { from: '2026-03-01', to: '2026-03-31', include: { leads: true }, overrides });
    // Consults 500 + 200 at 100 %; leads 2 × (350 × 50 % × 100 %).
    expect(whatIf.totals).toMatchObject({ consultsCents: 70_000, leadsCents: 35_000, expectedCents: 187_000 });
    expect(whatIf.assumptions.overridden).toEqual(['consultToTreatmentBp', `averageSaleCents.${c.neurotoxin}`]);
    const settings = await c.clinic.call('reports.pipelineSettings', {});
    expect(settings.consultToTreatmentBp).toBe(6_000);
    expect(settings.categories.find((k) => k.categoryId === c.neurotoxin)?.averageSaleCents).toBe(40_000);
  });

  it('prorates month targets by days and falls back to the weekly target', async () => {
    const c = await bookedClinic();
    await c.clinic.call('reports.updatePipelineSettings', { monthlyTargets: [{ month: '2026-04', targetCents: 300_000 }] });
    const span = await c.clinic.call('reports.projectedSales', { from: '2026-03-29', to: '2026-04-15', include: { leads: false } });
    // 3 March days at $700 a week ($300) + 15 of April's 30 days of $3,000 ($1,500).
    expect(span.target).toMatchObject({ targetCents: 180_000, monthsWithTarget: ['2026-04'] });
  });

  it('refuses a reversed period, a rate above 100 % and an unknown category, changing nothing', async () => {
    const c = await bookedClinic();
    const audits = c.clinic.count('audit');
    expect(await errorOf(c.clinic.call('reports.projectedSales', { from: '2026-04-01', to: '2026-03-01' }))).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { to: expect.any(Array) } } });
    expect(await errorOf(c.clinic.call('reports.projectedSales', { from: '2026-03-01', to: '2026-03-31', overrides: { consultToTreatmentBp: 12_000 } }))).toMatchObject({ code: 'invalid_input' });
    expect(await errorOf(c.clinic.call('reports.projectedSales', { from: '2026-03-01', to: '2026-03-31', overrides: { averageSaleCents: { '999': 100 } } }))).toMatchObject({ code: 'not_found', details: { fieldErrors: { 'overrides.averageSaleCents.999': expect.any(Array) } } });
    expect(await errorOf(c.clinic.call('reports.updatePipelineSettings', { leadToConsultBp: 10_001 }))).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { leadToConsultBp: expect.any(Array) } } });
    expect(await errorOf(c.clinic.call('reports.updatePipelineSettings', { stallDays: 20, categories: [{ categoryId: 999, averageSaleCents: 1 }] }))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(c.clinic.call('reports.updatePipelineSettings', { weeklyTargetCents: -1 }))).toMatchObject({ code: 'invalid_input' });
    expect((await c.clinic.call('reports.pipelineSettings', {})).stallDays).toBe(14);
    expect(c.clinic.count('audit')).toBe(audits);
  });

  it('shows the rows behind a figure, adding up to it', async () => {
    const c = await bookedClinic();
    const period = { from: '2026-03-01', to: '2026-03-31', include: { leads: true } };
    const day = await c.clinic.call('reports.pipelineRows', { report: 'projectedSales', key: { kind: 'day', date: '2026-03-30' }, ...period });
    expect(day.sum).toBe(34_000);
    expect(day.table.rows.map((r) => [r.patientName, r.expectedCents])).toEqual([['Cleo Client', 12_000], ['Gil Client', 22_000]]);
    expect(day.table.rows.every((r) => typeof r.patientId === 'number' && typeof r.appointmentId === 'number')).toBe(true);
    const ben = await c.clinic.call('reports.pipelineRows', { report: 'projectedSales', key: { kind: 'provider', staffId: c.ben }, ...period });
    expect([ben.total, ben.sum]).toEqual([2, 36_000]);
    const neuro = await c.clinic.call('reports.pipelineRows', { report: 'projectedSales', key: { kind: 'category', categoryId: c.neurotoxin }, ...period, limit: 2 });
    expect([neuro.total, neuro.sum, neuro.table.rows.length]).toEqual([3, 84_000, 2]);
    const leads = await c.clinic.call('reports.pipelineRows', { report: 'projectedSales', key: { kind: 'leads' }, ...period });
    expect(leads.table.rows.map((r) => r.patientName).sort()).toEqual(['Eve Client', 'Hal Client']);
    expect(leads.sum).toBe(18_000);
  });

  it('keeps the settings and audits a change', async () => {
    const c = await bookedClinic();
    const saved = await c.clinic.call('reports.updatePipelineSettings', { leadToConsultBp: 4_500, openLeadDays: 30, stallDays: 21, categories: [{ categoryId: c.laser, averageSaleCents: 22_500 }] });
    expect(saved).toMatchObject({ leadToConsultBp: 4_500, consultToTreatmentBp: 6_000, openLeadDays: 30, stallDays: 21, weeklyTargetCents: 70_000 });
    // 26 March 2025 – 25 March 2026: Botox on 2 April 2025 (sold, later refunded) and 5 January 2026; laser on 31 March 2025.
    expect(saved.categories.filter((k) => k.actualSales > 0)).toEqual([
      { categoryId: c.neurotoxin, categoryName: 'Neurotoxin', averageSaleCents: 40_000, actualAverageSaleCents: 30_000, actualSales: 2 },
      { categoryId: c.laser, categoryName: 'Laser hair removal', averageSaleCents: 22_500, actualAverageSaleCents: 25_000, actualSales: 1 },
    ]);
    expect(saved.categories.find((k) => k.actualSales === 0)?.actualAverageSaleCents).toBeNull();
    const audit = await c.clinic.call('audit.list', { entity: 'pipelineSettings' });
    expect(audit[0]).toMatchObject({ summary: 'Changed the sales projection’s assumptions' });
  });

  it('gives zeros, not NaN, on an empty clinic, and only managers and owners may read it', async () => {
    const c = await open('2026-03-25T10:00');
    const empty = await c.clinic.call('reports.projectedSales', { from: '2026-03-30', to: '2026-04-05' });
    expect(empty.totals.expectedCents).toBe(0);
    expect(empty.emptyText).toContain('Nothing is booked');
    expect(empty.target.gapCents).toBe(70_000);
    const desk = await c.clinic.as('frontDesk');
    expect(await errorOf(desk.call('reports.projectedSales', { from: '2026-03-30', to: '2026-04-05' }))).toMatchObject({ code: 'forbidden' });
    const manager = await c.clinic.as('manager');
    expect((await manager.call('reports.projectedSales', { from: '2026-03-30', to: '2026-04-05' })).from).toBe('2026-03-30');
  });

  it('values a consult of a consults-only category at the overall average sale', async () => {
    const c = await open('2026-03-25T10:00');
    const consultation = (await c.clinic.call('catalog.categories', {})).find((k) => k.name === 'Consultation')!;
    const { id: general } = await c.clinic.call('catalog.saveService', { categoryId: consultation.id, name: 'General consult', kind: 'consult', priceCents: 0, durationMinutes: 30 });
    await c.book(await c.patient('Ida'), general, '2026-03-30T10:00');
    const week = await c.clinic.call('reports.projectedSales', { from: '2026-03-30', to: '2026-04-05', include: { leads: false } });
    // The overall average sale is $300 (Neurotoxin $400, laser $200) × 60 %.
    expect(week.totals).toMatchObject({ consults: 1, consultsCents: 18_000 });
  });
});
