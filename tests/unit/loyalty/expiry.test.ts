import { describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { loyaltyClinics } from './support';

const start = loyaltyClinics({ expiryMonths: 12 });

describe('expiry', () => {
  it('writes off what is left of each lot the day after its last day, oldest spent first, across DST and the year end', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    // 2026-03-28 23:30 Berlin (before the spring change): 300 points usable until 2027-03-28.
    await c.travel('2026-03-28T22:30:00Z');
    await c.pay(lena, [{ serviceId: c.services.botox }]);
    // 2026-10-25 (the autumn change): 250 more, until 2027-10-25.
    await c.travel('2026-10-25T10:00:00Z');
    await c.pay(lena, [{ serviceId: c.services.laser }]);
    // 2026-12-31: 200 points spent — taken from the March lot first; the consult earns 41 (50.00 × 49.50 / 59.50), until 2027-12-31.
    await c.travel('2026-12-31T15:00:00Z');
    await c.pay(lena, [{ serviceId: c.services.consult }], [{ tender: 'points', points: 200 }, { tender: 'card', amountCents: 4950 }]);
    const standing = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(standing.balance).toBe(391);

    // 2027-02-01: 100 of the March lot expire within 60 days.
    await c.travel('2027-02-01T09:00:00Z');
    expect((await c.clinic.call('loyalty.forPatient', { patientId: lena })).expiringSoon).toEqual([{ expiresOn: '2027-03-28', points: 100 }]);

    // 2027-03-28 at 23:59 Berlin (summer time since that morning): still usable.
    await c.travel('2027-03-28T21:59:00Z');
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ expiredEntries: 0 });
    // Just after midnight: past their date, refused at the desk before the job runs …
    await c.travel('2027-03-28T22:01:00Z');
    const { id } = await c.clinic.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.botox }] });
    await c.clinic.call('invoices.issue', { id });
    expect(await errorOf(c.clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'points', points: 391 }] }))).toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { 'tenders.0.points': [expect.stringContaining('100 of the patient')] } },
    });
    expect((await c.clinic.call('loyalty.forPatient', { patientId: lena })).available).toBe(291);
    // … and written off by the run, once.
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ asOf: '2027-03-29', expiredEntries: 1, expiredPoints: 100 });
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ expiredEntries: 0 });
    const after = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(after).toMatchObject({ balance: 291, available: 291 });
    expect(after.statement[0]).toMatchObject({ kind: 'expired', points: -100, balance: 291 });
    // The autumn lot expires after 2027-10-25; the consult's 41 after the year's last day.
    await c.travel('2027-10-26T08:00:00Z');
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ expiredPoints: 250 });
    expect(await c.balance(lena)).toBe(41);
    await c.travel('2027-12-31T22:59:00Z');
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ expiredPoints: 0 });
    await c.travel('2027-12-31T23:00:00Z');
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ asOf: '2028-01-01', expiredPoints: 41 });
    expect(await c.balance(lena)).toBe(0);
  });

  it('never expires with expiry 0', async () => {
    const c = await start();
    await c.program({ expiryMonths: 0 });
    const lena = await c.patient('Lena');
    await c.pay(lena, [{ serviceId: c.services.botox }]);
    await c.travel('2036-03-02T09:00:00Z');
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ expiredEntries: 0 });
    expect(await c.balance(lena)).toBe(300);
  });
});

describe('birthdays', () => {
  it('gives the tier’s birthday points once a year, also when the run comes days late', async () => {
    const c = await start();
    const { id: lena } = await c.clinic.call('patients.create', { firstName: 'Lena', lastName: 'Gold', dateOfBirth: '1990-03-05' });
    const { id: max } = await c.clinic.call('patients.create', { firstName: 'Max', lastName: 'Silver', dateOfBirth: '1985-03-05' });
    await c.pay(lena, [{ serviceId: c.services.botox, quantity: 4 }]);
    await c.travel('2026-03-04T09:00:00Z');
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ birthdays: 0 });
    await c.travel('2026-03-08T09:00:00Z');
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ birthdays: 1 });
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ birthdays: 0 });
    await c.travel('2026-03-09T09:00:00Z');
    expect(await c.clinic.call('loyalty.runDaily', {})).toMatchObject({ birthdays: 0 });
    expect(await c.balance(lena)).toBe(1250);
    expect(await c.balance(max)).toBe(0);
    expect((await c.clinic.call('loyalty.forPatient', { patientId: lena })).statement[0]).toMatchObject({ kind: 'birthday', points: 50, note: 'Birthday (Gold)' });
  });

  it('the scheduler’s job does the same on the rules workstation', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    await c.pay(lena, [{ serviceId: c.services.botox }]);
    await c.travel('2027-03-03T09:00:00Z');
    const row = await c.clinic.call('scheduler.runNow', { name: 'loyaltyExpiry' });
    expect(row.name).toBe('loyaltyExpiry');
    await c.clinic.lumen.scheduler.idle();
    expect(await c.balance(lena)).toBe(0);
  });
});
