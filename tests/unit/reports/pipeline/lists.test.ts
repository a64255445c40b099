import { describe, expect, it } from 'vitest';
import { errorOf } from '../../scheduling/calendar';
import { pipelineClinics, type PipelineClinic } from './clinic';

const open = pipelineClinics();

async function done(c: PipelineClinic, appointmentId: number): Promise<void> {
  await c.clinic.call('appointments.setStatus', { id: appointmentId, status: 'arrived' });
  await c.clinic.call('appointments.setStatus', { id: appointmentId, status: 'completed' });
}

/**
 * Consults in March 2026 (New York): Ann on the 3rd with Ana (nothing since: stalled), Bo on the 4th with Ben (booked
 * Botox on the 25th), Cy on the 5th (bought laser the next day), Di on the 20th (too recent for 14 days), Eve on the 3rd
 * cancelled. Quotes: Ann's draft for Botox started on the 10th by the owner; a walk-in draft and Bo's empty draft are no
 * quotes; Cy's invoice is issued.
 */
async function callListClinic() {
  const c = await open('2026-03-02T09:00');
  const { services } = c;
  const ann = await c.patient('Ann');
  await c.clinic.call('patients.setConsent', { patientId: ann, channel: 'phone', granted: true, source: 'form' });
  const [bo, cy, di, eve] = [await c.patient('Bo'), await c.patient('Cy'), await c.patient('Di'), await c.patient('Eve')];
  await c.clinic.call('patients.update', { id: di, patch: { doNotContact: true } });
  const visits = {
    ann: await c.book(ann, services.botoxConsult, '2026-03-03T10:00'),
    bo: await c.book(bo, services.botoxConsult, '2026-03-04T10:00', c.ben),
    cy: await c.book(cy, services.laserConsult, '2026-03-05T10:00'),
    di: await c.book(di, services.botoxConsult, '2026-03-20T10:00'),
  };
  const eveVisit = await c.book(eve, services.botoxConsult, '2026-03-03T11:00');
  await c.clinic.call('appointments.cancel', { id: eveVisit, reason: 'Ill' });
  await c.at('2026-03-03T10:30');
  await done(c, visits.ann);
  await c.at('2026-03-04T10:30');
  await done(c, visits.bo);
  await c.book(bo, services.botox, '2026-03-25T10:00');
  await c.at('2026-03-05T10:30');
  await done(c, visits.cy);
  await c.at('2026-03-06T10:00');
  await c.sell(cy, [services.laser]);
  await c.at('2026-03-10T10:00');
  await c.clinic.call('invoices.createDraft', { patientId: ann, lines: [{ serviceId: services.botox, staffId: c.ana }] });
  await c.clinic.call('invoices.createDraft', { lines: [{ serviceId: services.botox, staffId: c.ana }] });
  await c.clinic.call('invoices.createDraft', { patientId: bo });
  await c.at('2026-03-20T10:30');
  await done(c, visits.di);
  await c.at('2026-03-25T09:00');
  return { ...c, ann, di, visits };
}

describe('stalled consults', () => {
  it('lists consults more than N days old with no treatment since and nothing booked', async () => {
    const c = await callListClinic();
    const list = await c.clinic.call('reports.stalledConsults', {});
    expect(list).toMatchObject({ asOf: '2026-03-25', days: 14, total: 1, emptyText: null });
    expect(list.rows).toEqual([
      {
        patientId: c.ann,
        patientNumber: expect.any(String),
        patientName: 'Ann Client',
        phone: expect.stringContaining('+1212555'),
        appointmentId: c.visits.ann,
        consultDate: '2026-03-03',
        staffId: c.ana,
        staffName: 'Ana Alvarez',
        categoryId: c.neurotoxin,
        categoryName: 'Neurotoxin',
        ageDays: 22,
        doNotContact: false,
        phoneConsent: true,
      },
    ]);
    const shorter = await c.clinic.call('reports.stalledConsults', { days: 3 });
    expect(shorter.rows.map((r) => [r.patientName, r.ageDays, r.doNotContact])).toEqual([['Ann Client', 22, false], ['Di Client', 5, true]]);
    // On 17 March Ann's consult was 14 days old: not yet more than 14.
    expect((await c.clinic.call('reports.stalledConsults', { asOf: '2026-03-17' })).total).toBe(0);
    expect((await c.clinic.call('reports.stalledConsults', { asOf: '2026-03-18' })).total).toBe(1);
  });

  it('uses the stall threshold from the settings and refuses a bad one', async () => {
    const c = await callListClinic();
    await c.clinic.call('reports.updatePipelineSettings', { stallDays: 3 });
    expect((await c.clinic.call('reports.stalledConsults', {})).total).toBe(2);
    expect(await errorOf(c.clinic.call('reports.stalledConsults', { days: 0 }))).toMatchObject({ code: 'invalid_input' });
  });
});

describe('quotes on the table', () => {
  it('lists a patient’s draft invoices with their value, age, services and who started them', async () => {
    const c = await callListClinic();
    const quotes = await c.clinic.call('reports.openQuotes', {});
    expect(quotes).toMatchObject({ asOf: '2026-03-25', total: 1, totalNetCents: 30_000, totalCents: 30_000, emptyText: null });
    expect(quotes.rows).toEqual([
      expect.objectContaining({ patientId: c.ann, patientName: 'Ann Client', startedOn: '2026-03-10', ageDays: 15, services: 'Botox forehead', netCents: 30_000, totalCents: 30_000, startedByName: 'Olivia Owner', appointmentId: null }),
    ]);
    expect((await c.clinic.call('reports.openQuotes', { asOf: '2026-03-09' })).total).toBe(0);
  });

  it('says so when there is nothing on the table', async () => {
    const c = await open('2026-03-02T09:00');
    const quotes = await c.clinic.call('reports.openQuotes', {});
    expect(quotes).toMatchObject({ total: 0, totalCents: 0, rows: [], emptyText: expect.stringContaining('No quotes') });
    expect((await c.clinic.call('reports.stalledConsults', {})).emptyText).toContain('No stalled consults');
  });
});
