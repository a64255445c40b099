import { describe, expect, it } from 'vitest';
import { pointsWorth, rewardCents } from '../../../src-main/referrals/rewards';
import { errorOf } from '../scheduling/calendar';
import { referralClinics } from './support';

const start = referralClinics();

describe('the referral reward', () => {
  it('gives the referrer 10 % of the first paid treatment’s service net (after discounts, before tax) as store credit, once', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const lena = await c.referred('Lena', anna);
    // Botox 300.00 less 10 % = 270.00 net (+19 % VAT); a 0.99 lip balm sells no service and earns no reward.
    const first = await c.pay(lena, [{ serviceId: c.services.botox, discount: { kind: 'percent', basisPoints: 1000 } }, { description: 'Lip balm', unitPriceCents: 99 }]);
    expect(await c.credit(anna)).toBe(2700);
    const history = await c.clinic.call('storedValue.history', { patientId: anna });
    expect(history.entries).toMatchObject([{ kind: 'referralReward', amountCents: 2700, balanceAfterCents: 2700 }]);

    await c.pay(lena, [{ serviceId: c.services.laser }]);
    expect(await c.credit(anna)).toBe(2700);
    const standing = await c.clinic.call('referrals.forPatient', { patientId: anna });
    expect(standing.rewards).toMatchObject([{ referred: { id: lena }, invoiceId: first, form: 'storeCredit', percent: 10, serviceNetCents: 27_000, cents: 2700, points: 0, reversed: null }]);
    expect(standing.referred).toMatchObject([{ id: lena, converted: true }]);
    expect(standing.totalCents).toBe(2700);
    expect((await c.clinic.call('referrals.forPatient', { patientId: lena })).referredBy).toMatchObject({ id: anna });
    expect(c.sql("SELECT count(*) AS n FROM audit WHERE entity = 'referralReward'")).toEqual([{ n: 1 }]);
  });

  it('rounds the reward half away from zero to the cent, and points down at the redeem rate', () => {
    expect(rewardCents(150, 1)).toBe(2);
    expect(rewardCents(149, 1)).toBe(1);
    expect(rewardCents(29_999, 15)).toBe(4500);
    expect(rewardCents(25_000, 0)).toBe(0);
    expect(pointsWorth(2700, { redeemPoints: 100, redeemCents: 500 })).toBe(540);
    expect(pointsWorth(2699, { redeemPoints: 100, redeemCents: 500 })).toBe(539);
    expect(pointsWorth(1000, { redeemPoints: 3, redeemCents: 7 })).toBe(428);
  });

  it('gives points worth the reward when the program says points, and takes them back with a full refund', async () => {
    const c = await start();
    await c.referrals({ percent: 15, form: 'points' });
    const anna = await c.patient('Anna');
    const lena = await c.referred('Lena', anna);
    // Laser 250.00 with 0.01 off: 249.99 × 15 % = 37.4985 → 37.50 → 750 points (100 points pay 5.00).
    const invoice = await c.pay(lena, [{ serviceId: c.services.laser, discount: { kind: 'amount', cents: 1 } }]);
    expect(await c.balance(anna)).toBe(750);
    expect(await c.credit(anna)).toBe(0);
    const statement = (await c.clinic.call('loyalty.forPatient', { patientId: anna })).statement;
    expect(statement).toMatchObject([{ kind: 'referral', points: 750 }]);
    expect((await c.clinic.call('referrals.forPatient', { patientId: anna })).rewards).toMatchObject([{ form: 'points', cents: 3750, points: 750 }]);

    await c.refund(invoice);
    expect(await c.balance(anna)).toBe(0);
    const after = await c.clinic.call('referrals.forPatient', { patientId: anna });
    expect(after.rewards[0].reversed).toMatchObject({ cents: 3750, points: 750 });
    expect(after.totalPoints).toBe(0);
  });

  it('pays store credit instead when the loyalty program was switched off since, and says so', async () => {
    const c = await start();
    await c.referrals({ form: 'points' });
    await c.program({ enabled: false });
    const anna = await c.patient('Anna');
    await c.pay(await c.referred('Lena', anna), [{ serviceId: c.services.botox }]);
    expect(await c.credit(anna)).toBe(3000);
    expect((await c.clinic.call('referrals.forPatient', { patientId: anna })).rewards).toMatchObject([{ form: 'storeCredit', cents: 3000, points: 0 }]);
  });

  it('a partial refund keeps the reward; refunding the rest takes back what is left unspent, and only once', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const lena = await c.referred('Lena', anna);
    const invoice = await c.pay(lena, [{ serviceId: c.services.botox }, { serviceId: c.services.laser }]);
    expect(await c.credit(anna)).toBe(5500);
    const [botox, laser] = await c.lineIds(invoice);
    await c.refund(invoice, [laser]);
    expect(await c.credit(anna)).toBe(5500);

    // Anna spends 40.00 of her credit on a botox recheck... of another product: a 40.00 line paid by stored value.
    await c.pay(anna, [{ description: 'Serum', unitPriceCents: 4000, taxRateMillipercent: 0 }], [{ tender: 'storedValue', amountCents: 4000 }]);
    expect(await c.credit(anna)).toBe(1500);
    await c.refund(invoice, [botox]);
    expect(await c.credit(anna)).toBe(0);
    const standing = await c.clinic.call('referrals.forPatient', { patientId: anna });
    expect(standing.rewards[0].reversed).toMatchObject({ cents: 1500, points: 0 });
    expect(standing.totalCents).toBe(4000);
    expect(c.sql("SELECT kind, cents, note FROM referralReward WHERE kind = 'reversal'")).toMatchObject([{ cents: -1500, note: expect.stringContaining('4000 (minor units) already spent') }]);
    // Every stored-value balance is still the sum of its entries and never below zero.
    expect(c.sql('SELECT patientId FROM storedValueEntry GROUP BY patientId HAVING sum(amountCents) < 0')).toEqual([]);
  });

  it('rewards nothing while the program is off — nor later, the first paid treatment has passed — nor for a product-only sale', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const lena = await c.referred('Lena', anna);
    await c.referrals({ enabled: false });
    await c.pay(lena, [{ serviceId: c.services.botox }]);
    await c.referrals();
    await c.pay(lena, [{ serviceId: c.services.laser }]);
    expect(await c.credit(anna)).toBe(0);

    const max = await c.referred('Max', anna);
    await c.pay(max, [{ description: 'Sunscreen', unitPriceCents: 2500 }]);
    expect(await c.credit(anna)).toBe(0);
    await c.pay(max, [{ serviceId: c.services.laser }]);
    expect(await c.credit(anna)).toBe(2500);
    const standing = await c.clinic.call('referrals.forPatient', { patientId: anna });
    expect(standing.referred.map((r) => [r.id, r.converted])).toEqual([[max, true], [lena, true]]);
  });

  it('rewards nothing until an invoice is paid in full, and nothing to an archived referrer', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const lena = await c.referred('Lena', anna);
    const { id } = await c.clinic.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.botox }] });
    await c.clinic.call('invoices.issue', { id });
    await c.clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 10_000 }] });
    expect(await c.credit(anna)).toBe(0);
    expect((await c.clinic.call('referrals.forPatient', { patientId: anna })).referred).toMatchObject([{ id: lena, converted: false }]);

    const bea = await c.patient('Bea');
    const tom = await c.referred('Tom', bea);
    await c.clinic.call('patients.archive', { id: bea, archived: true, reason: 'Moved away' });
    await c.pay(tom, [{ serviceId: c.services.botox }]);
    expect(await c.credit(bea)).toBe(0);
    expect(c.sql('SELECT count(*) AS n FROM referralReward')).toEqual([{ n: 0 }]);
  });

  it('after a merge, the kept record reads the rewards and referrals of the record merged into it', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const duplicate = await c.patient('Anna', 'Duplicate');
    const lena = await c.referred('Lena', anna);
    await c.pay(lena, [{ serviceId: c.services.botox }]);
    // A reward of 0 % writes no ledger entry (a record holding stored value or points cannot be merged yet).
    await c.referrals({ percent: 0 });
    const max = await c.referred('Max', duplicate);
    const invoice = await c.pay(max, [{ serviceId: c.services.laser }]);
    await c.clinic.call('patients.merge', { keepId: anna, mergeId: duplicate });
    const kept = await c.clinic.call('referrals.forPatient', { patientId: anna });
    expect(kept.rewards).toMatchObject([{ referred: { id: max }, invoiceId: invoice, cents: 0 }, { referred: { id: lena }, cents: 3000 }]);
    expect(kept.referred.map((r) => r.id).sort()).toEqual([lena, max].sort());
    expect(kept.totalCents).toBe(3000);
  });
});

describe('referral settings', () => {
  it('saves percent and form for managers, and refuses a percent outside 0–100 or not whole, changing nothing', async () => {
    const c = await start();
    const manager = await c.clinic.as('manager');
    const saved = await manager.call('referrals.saveSettings', { enabled: true, percent: 12, form: 'points', bookingUrl: 'https://clinic.example/book' });
    expect(saved).toMatchObject({ enabled: true, percent: 12, form: 'points', bookingUrl: 'https://clinic.example/book' });
    for (const percent of [-1, 101, 12.5]) {
      expect(await errorOf(manager.call('referrals.saveSettings', { enabled: true, percent, form: 'storeCredit' }))).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { percent: expect.anything() } } });
    }
    expect(await errorOf(manager.call('referrals.saveSettings', { enabled: true, percent: 10, form: 'storeCredit', bookingUrl: 'not a web address' }))).toMatchObject({ code: 'invalid_input' });
    expect(await c.clinic.call('referrals.settings', {})).toMatchObject({ percent: 12, form: 'points' });
    const desk = await c.clinic.as('frontDesk');
    expect(await errorOf(desk.call('referrals.saveSettings', { enabled: false, percent: 5, form: 'storeCredit' }))).toMatchObject({ code: 'forbidden' });
    expect(await desk.call('referrals.settings', {})).toMatchObject({ percent: 12 });
    expect(await errorOf(desk.call('referrals.board', { from: '2026-01-01', to: '2026-12-31' }))).toMatchObject({ code: 'forbidden' });
  });

  it('refuses rewards in points while the loyalty program is off', async () => {
    const c = await start();
    await c.program({ enabled: false });
    expect(await errorOf(c.clinic.call('referrals.saveSettings', { enabled: true, percent: 10, form: 'points' }))).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { form: expect.anything() } } });
    expect(await c.clinic.call('referrals.settings', {})).toMatchObject({ form: 'storeCredit' });
  });
});
