import { describe, expect, it } from 'vitest';
import { berlin, errorOf } from '../scheduling/calendar';
import { retentionClinics } from './retention';

const openClinic = retentionClinics();

describe('maintenance due dates', () => {
  it('count the interval in clinic-local days from the last purchase, across DST, and a service’s override wins', async () => {
    const c = await openClinic('2026-03-20T08:00:00Z');
    const lena = await c.patient('Lena', 'Vogel');
    // 23:30 on Saturday 28 March in Berlin, the night the clocks go forward: still the 28th locally.
    await c.sell(lena, c.services.botox, '2026-03-28T23:30');
    let { maintenance } = await c.clinic.call('retention.outreachFor', { patientId: lena, asOf: '2026-06-26' });
    expect(maintenance).toEqual([expect.objectContaining({ categoryName: 'Neurotoxin', lastPurchaseDate: '2026-03-28', intervalDays: 90, dueDate: '2026-06-26', daysOverdue: 0 })]);
    // Due on the 26th: not yet overdue that day, one day overdue on the 27th.
    expect((await c.clinic.call('retention.delinquency', { asOf: '2026-06-26' })).total).toBe(0);
    expect((await c.clinic.call('retention.delinquency', { asOf: '2026-06-27' })).rows).toEqual([expect.objectContaining({ patientId: lena, dueDate: '2026-06-26', daysOverdue: 1, band: '0-30' })]);

    const botox = (await c.clinic.call('catalog.services', {})).find((s) => s.id === c.services.botox)!;
    const { categoryName: _n, maintenanceIntervalDays: _m, ...input } = botox;
    await c.clinic.call('catalog.saveService', { ...input, intervalOverrideDays: 60 });
    ({ maintenance } = await c.clinic.call('retention.outreachFor', { patientId: lena, asOf: '2026-06-26' }));
    expect(maintenance[0]).toMatchObject({ intervalDays: 60, dueDate: '2026-05-27', daysOverdue: 30 });
    expect((await c.clinic.call('retention.delinquency', { asOf: '2026-06-26' })).rows).toEqual([expect.objectContaining({ dueDate: '2026-05-27', daysOverdue: 30 })]);
  });

  it('refuses an interval of 0 or negative days and changes nothing', async () => {
    const c = await openClinic();
    const neurotoxin = (await c.clinic.call('catalog.categories', {})).find((x) => x.name === 'Neurotoxin')!;
    const { serviceCount: _s, ...category } = neurotoxin;
    for (const days of [0, -5]) {
      expect((await errorOf(c.clinic.call('catalog.saveCategory', { ...category, maintenanceIntervalDays: days }))).code).toBe('invalid_input');
    }
    const botox = (await c.clinic.call('catalog.services', {})).find((s) => s.id === c.services.botox)!;
    const { categoryName: _n, maintenanceIntervalDays: _m, ...service } = botox;
    expect((await errorOf(c.clinic.call('catalog.saveService', { ...service, intervalOverrideDays: 0 }))).code).toBe('invalid_input');
    expect((await c.clinic.call('catalog.categories', {})).find((x) => x.name === 'Neurotoxin')!.maintenanceIntervalDays).toBe(90);
    expect((await c.clinic.call('catalog.services', {})).find((s) => s.id === c.services.botox)!.intervalOverrideDays).toBeNull();
    // None: no maintenance, so never due.
    await c.clinic.call('catalog.saveCategory', { ...category, maintenanceIntervalDays: null });
    const lena = await c.patient('Lena');
    await c.sell(lena, c.services.botox, '2026-01-05T10:00');
    expect((await c.clinic.call('retention.delinquency', { asOf: '2027-01-05' })).total).toBe(0);
  });
});

describe('delinquency list', () => {
  it('shows whether a future visit is booked, filters on it, and a new purchase clears the row', async () => {
    const c = await openClinic();
    const ana = await c.patient('Ana', 'Booked');
    const ben = await c.patient('Ben', 'Unbooked');
    await c.sell(ana, c.services.botox, '2026-01-05T10:00');
    await c.sell(ben, c.services.botox, '2026-01-05T11:00');
    await c.at('2026-04-20T08:00');
    const { id: visit } = await c.clinic.call('appointments.book', { patientId: ana, segments: [{ serviceId: c.services.botox, staffId: c.ana, startsAt: berlin('2026-04-22T10:00') }] });

    const all = await c.clinic.call('retention.delinquency', {});
    expect(all.asOf).toBe('2026-04-20');
    expect(all.rows.map((r) => [r.patientName, r.scheduled?.appointmentId ?? null])).toEqual([['Ana Booked', visit], ['Ben Unbooked', null]]);
    expect((await c.clinic.call('retention.delinquency', { scheduled: 'no' })).rows.map((r) => r.patientId)).toEqual([ben]);
    expect((await c.clinic.call('retention.delinquency', { scheduled: 'yes' })).rows.map((r) => r.patientId)).toEqual([ana]);

    await c.sell(ben, c.services.recheck, '2026-04-20T09:00');
    expect((await c.clinic.call('retention.delinquency', { scheduled: 'no' })).total).toBe(0);
  });

  it('does not count a refunded purchase: the row goes back to the purchase before it', async () => {
    const c = await openClinic();
    const lena = await c.patient('Lena');
    await c.sell(lena, c.services.botox, '2026-01-05T10:00');
    const refunded = await c.sell(lena, c.services.botox, '2026-04-06T10:00');
    await c.at('2026-04-20T09:00');
    expect((await c.clinic.call('retention.delinquency', {})).total).toBe(0);
    await c.clinic.call('creditNotes.create', { invoiceId: refunded.id, lines: [{ invoiceLineId: refunded.lines[0].id, quantity: 1 }], reason: 'Not performed', refundTo: 'storeCredit' });
    expect((await c.clinic.call('retention.delinquency', {})).rows).toEqual([expect.objectContaining({ lastPurchaseDate: '2026-01-05', dueDate: '2026-04-05', daysOverdue: 15 })]);
  });

  it('bands, category by name, provider, channel and search filter; archived patients never appear', async () => {
    const c = await openClinic('2025-01-06T08:00:00Z');
    const ages: [string, string][] = [['Dora', '2025-08-04T10:00'], ['Emil', '2025-06-02T10:00'], ['Fay', '2025-04-07T10:00'], ['Gus', '2024-12-02T10:00']];
    const ids: Record<string, number> = {};
    await c.at('2024-12-02T08:00');
    for (const [name] of ages) ids[name] = await c.contactablePatient(name, name === 'Emil' ? ['email'] : ['sms', 'email', 'phone']);
    for (const [name, local] of ages) await c.sell(ids[name], c.services.botox, local, name === 'Fay' ? c.ben : c.ana);
    const laserOnly = await c.contactablePatient('Hal');
    await c.sell(laserOnly, c.services.laser, '2025-10-01T10:00');
    await c.at('2025-11-20T08:00');
    const call = (input: Parameters<typeof c.clinic.call<'retention.delinquency'>>[1]) => c.clinic.call('retention.delinquency', input);

    const neuro = await call({ category: 'neurotoxin' });
    // Due 2 Nov, 31 Aug, 6 Jul, 2 Mar (90 days after each sale): 18, 81, 137 and 263 days overdue on 20 November.
    expect(neuro.rows.map((r) => [r.patientName.split(' ')[0], r.daysOverdue, r.band])).toEqual([
      ['Gus', 263, '180+'], ['Fay', 137, '91-180'], ['Emil', 81, '31-90'], ['Dora', 18, '0-30'],
    ]);
    expect((await call({})).total).toBe(5);
    expect((await call({ bands: ['31-90', '91-180'] })).rows.map((r) => r.patientId)).toEqual([ids.Fay, ids.Emil]);
    expect((await call({ provider: c.ben })).rows.map((r) => r.patientId)).toEqual([ids.Fay]);
    expect((await call({ channel: 'sms', category: 'Neurotoxin' })).rows.map((r) => r.patientId)).not.toContain(ids.Emil);
    expect((await call({ search: 'emi' })).rows.map((r) => r.patientId)).toEqual([ids.Emil]);
    const emil = neuro.rows.find((r) => r.patientId === ids.Emil)!;
    expect(emil.contactable).toEqual({ phone: { ok: false, why: 'no phone consent' }, email: { ok: true, why: null }, sms: { ok: false, why: 'no SMS consent' } });
    expect(emil).toMatchObject({ lastProviderName: 'Ana Alvarez', lastServiceName: 'Botox forehead', lifetimeSpentCents: expect.any(Number) });
    expect(emil.lifetimeSpentCents).toBeGreaterThan(0);
    expect((await call({ sort: 'patient', limit: 2, offset: 1 })).rows.map((r) => r.patientName.split(' ')[0])).toEqual(['Emil', 'Fay']);

    await c.clinic.call('patients.archive', { id: ids.Gus, archived: true, reason: 'Moved away' });
    expect((await call({ category: 'Neurotoxin' })).rows.map((r) => r.patientId)).not.toContain(ids.Gus);
    expect(await errorOf(call({ category: 'Teeth whitening' }))).toMatchObject({ code: 'not_found' });
  });

  it('exports every matching row as spreadsheet-safe CSV', async () => {
    const c = await openClinic();
    const { id } = await c.clinic.call('patients.create', { firstName: '=HYPERLINK("x")', lastName: 'Quote "Q"' });
    await c.sell(id, c.services.botox, '2026-01-05T10:00');
    const { csv, rows, total } = await c.clinic.call('retention.delinquency', { asOf: '2026-05-01', format: 'csv', limit: 1 });
    expect(rows).toEqual([]);
    expect(total).toBe(1);
    const lines = csv!.trimEnd().split('\r\n');
    expect(lines[0]).toContain('"Patient number","Patient"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") Quote ""Q"""`);
    expect(lines[1]).toContain('"2026-04-05","26","0–30 days"');
  });
});

describe('due soon', () => {
  it('lists the due dates in the next N days, soonest first', async () => {
    const c = await openClinic();
    const soon = await c.patient('Soon');
    const later = await c.patient('Later');
    await c.sell(soon, c.services.botox, '2026-01-05T10:00');
    await c.sell(later, c.services.botox, '2026-01-20T10:00');
    const list = await c.clinic.call('retention.dueSoon', { asOf: '2026-03-20' });
    expect(list.rows.map((r) => [r.patientId, r.dueDate, r.daysOverdue, r.band])).toEqual([[soon, '2026-04-05', -16, null]]);
    expect((await c.clinic.call('retention.dueSoon', { asOf: '2026-03-20', days: 60 })).rows.map((r) => r.patientId)).toEqual([soon, later]);
  });
});
