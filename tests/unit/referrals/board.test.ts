import { describe, expect, it } from 'vitest';
import { referralClinics } from './support';

const start = referralClinics();

describe('the ambassador board', () => {
  it('counts referred and converted patients, their paid revenue in the period and the rewards, by revenue, paged', async () => {
    const c = await start();
    const anna = await c.patient('Anna');
    const bea = await c.patient('Bea');
    const lena = await c.referred('Lena', anna);
    await c.referred('Max', anna);
    const tom = await c.referred('Tom', bea);
    await c.pay(lena, [{ serviceId: c.services.botox }]);
    const toms = await c.pay(tom, [{ serviceId: c.services.laser }, { serviceId: c.services.botox }]);
    const [, botox] = await c.lineIds(toms);
    await c.refund(toms, [botox]);
    // An issued invoice not yet paid in full is not revenue.
    const { id } = await c.clinic.call('invoices.createDraft', { patientId: tom, lines: [{ serviceId: c.services.laser }] });
    await c.clinic.call('invoices.issue', { id });

    const year = await c.clinic.call('referrals.board', { from: '2026-01-01', to: '2026-12-31' });
    expect(year.rows).toEqual([
      { patient: { id: anna, number: expect.any(String), name: 'Anna Patient' }, referred: 2, converted: 1, revenueCents: 30_000, rewardCents: 3000, rewardPoints: 0 },
      { patient: { id: bea, number: expect.any(String), name: 'Bea Patient' }, referred: 1, converted: 1, revenueCents: 25_000, rewardCents: 5500, rewardPoints: 0 },
    ]);
    expect(year.totals).toEqual({ referred: 3, converted: 2, revenueCents: 55_000, rewardCents: 8500, rewardPoints: 0 });
    const second = await c.clinic.call('referrals.board', { from: '2026-01-01', to: '2026-12-31', page: 1, pageSize: 1 });
    expect(second).toMatchObject({ total: 2, rows: [{ patient: { id: bea } }] });
    expect(second.top.map((r) => r.patient.id)).toEqual([anna, bea]);

    // Next year: Lena's laser is Anna's revenue then; her referrals and rewards belong to 2026.
    await c.travel('2027-06-01T09:00:00Z');
    await c.pay(lena, [{ serviceId: c.services.laser }]);
    const next = await c.clinic.call('referrals.board', { from: '2027-01-01', to: '2027-12-31' });
    expect(next.rows).toEqual([{ patient: { id: anna, number: expect.any(String), name: 'Anna Patient' }, referred: 0, converted: 0, revenueCents: 25_000, rewardCents: 0, rewardPoints: 0 }]);
    expect(await c.clinic.call('referrals.board', { from: '2025-01-01', to: '2025-12-31' })).toMatchObject({ rows: [], total: 0, top: [] });
  });

  it('refuses a period that ends before it starts', async () => {
    const c = await start();
    await expect(c.clinic.call('referrals.board', { from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
