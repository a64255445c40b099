import { describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { loyaltyClinics } from './support';

const start = loyaltyClinics();

describe('the program', () => {
  it('refuses bad values beside their field and keeps what was saved', async () => {
    const c = await start();
    const before = await c.clinic.call('loyalty.settings', {});
    const save = (changes: object) => errorOf(c.program(changes as never));
    expect(await save({ pointsPerUnit: -1 })).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { pointsPerUnit: expect.any(Array) } } });
    expect(await save({ tiers: [{ name: 'Gold', thresholdPoints: 100, discountPercent: 101 }] })).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'tiers.0.discountPercent': expect.any(Array) } } });
    expect(await save({ categoryMultipliers: [{ categoryId: c.categories.laser, percent: -50 }] })).toMatchObject({ code: 'invalid_input' });
    expect(await save({ tiers: [{ name: 'Silver', thresholdPoints: 500 }, { name: 'Gold', thresholdPoints: 500 }] })).toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { 'tiers.1.thresholdPoints': [expect.stringContaining('more points than the one before')] } },
    });
    expect(await save({ categoryMultipliers: [{ categoryId: 999_999, percent: 200 }] })).toMatchObject({ code: 'not_found' });
    expect(await save({ redeemCents: 0 })).toMatchObject({ code: 'invalid_input' });
    expect(await c.clinic.call('loyalty.settings', {})).toEqual(before);
  });

  it('is changed by managers only; front desk sees it and a patient’s points', async () => {
    const c = await start();
    const desk = await c.clinic.as('frontDesk');
    const lena = await c.patient('Lena');
    expect(await errorOf(desk.call('loyalty.saveSettings', { enabled: false, pointsPerUnit: 1, redeemPoints: 1, redeemCents: 1, expiryMonths: 0 }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(desk.call('loyalty.adjust', { patientId: lena, points: 10, reason: 'Because' }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(desk.call('loyalty.liability', { asOf: '2026-03-02' }))).toMatchObject({ code: 'forbidden' });
    expect((await desk.call('loyalty.settings', {})).enabled).toBe(true);
    expect((await desk.call('loyalty.forPatient', { patientId: lena })).balance).toBe(0);
  });
});

describe('tiers', () => {
  it('follow the points earned in the last 12 clinic-local months, and say what the next one needs', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    // 2026-03-02: 4 × botox = 1,200 points → Gold.
    await c.pay(lena, [{ serviceId: c.services.botox, quantity: 4 }]);
    let standing = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(standing).toMatchObject({ earned12Months: 1200, tier: { name: 'Gold', discountPercent: 10, categoryIds: [c.categories.laser] }, nextTier: null });
    expect(await c.clinic.call('loyalty.benefits', { patientId: lena })).toEqual({ tier: standing.tier, available: 1200, valueCents: 6000 });
    // 2027-03-02 at 23:30 Berlin the purchase is still within the 12 months ending that day? No: the window is 2026-03-03 … 2027-03-02.
    await c.travel('2027-03-02T08:00:00Z');
    standing = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(standing).toMatchObject({ earned12Months: 0, tier: { name: 'Silver' }, nextTier: { name: 'Gold', thresholdPoints: 1000, missingPoints: 1000 } });
    await c.travel('2027-03-01T22:30:00Z'); // 23:30 on 1 March in Berlin: the window still starts on 2 March 2026.
    expect((await c.clinic.call('loyalty.forPatient', { patientId: lena })).earned12Months).toBe(1200);
  });

  it('the liability values outstanding points by tier at the end of a day', async () => {
    const c = await start();
    const [lena, max, ida] = [await c.patient('Lena'), await c.patient('Max'), await c.patient('Ida')];
    await c.pay(lena, [{ serviceId: c.services.botox, quantity: 4 }]);
    await c.pay(max, [{ serviceId: c.services.laser }]);
    await c.travel('2026-03-03T09:00:00Z');
    await c.clinic.call('loyalty.adjust', { patientId: ida, points: 30, reason: 'Goodwill' });
    expect(await c.clinic.call('loyalty.liability', { asOf: '2026-03-02' })).toEqual({
      asOf: '2026-03-02',
      points: 1450,
      valueCents: 7250,
      patients: 2,
      byTier: [
        { tier: null, patients: 0, points: 0, valueCents: 0 },
        { tier: 'Silver', patients: 1, points: 250, valueCents: 1250 },
        { tier: 'Gold', patients: 1, points: 1200, valueCents: 6000 },
      ],
    });
    expect((await c.clinic.call('loyalty.liability', { asOf: '2026-03-03' })).byTier[1]).toEqual({ tier: 'Silver', patients: 2, points: 280, valueCents: 1400 });
  });
});

describe('awards', () => {
  it('adjustments take no more than the patient can use, and refuse a missing patient', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    await c.clinic.call('loyalty.adjust', { patientId: lena, points: 40, reason: 'Goodwill' });
    expect(await errorOf(c.clinic.call('loyalty.adjust', { patientId: lena, points: -41, reason: 'Correction' }))).toMatchObject({ code: 'invalid_input' });
    expect(await errorOf(c.clinic.call('loyalty.adjust', { patientId: 999_999, points: 5, reason: 'Correction' }))).toMatchObject({ code: 'not_found' });
    expect(await c.clinic.call('loyalty.adjust', { patientId: lena, points: -40, reason: 'Correction' })).toMatchObject({ balance: 0 });
  });
});
