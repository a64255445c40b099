import { describe, expect, it } from 'vitest';
import { loyaltyClinics } from './support';

const start = loyaltyClinics();

/** Four botox sales (300.00 net each) lift a patient to Gold: 1,200 points in 12 months. */
async function goldPatient(c: Awaited<ReturnType<typeof start>>, name: string) {
  const patientId = await c.patient(name);
  for (let i = 0; i < 4; i++) await c.pay(patientId, [{ serviceId: c.services.botox }]);
  return patientId;
}

describe('the tier discount at checkout', () => {
  it('takes the Gold tier’s 10 % off the laser line only, shows it on the invoice, and the points follow the net', async () => {
    const c = await start();
    const lena = await goldPatient(c, 'Lena');
    const { id } = await c.clinic.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.laser }, { serviceId: c.services.botox }] });
    const draft = await c.clinic.call('invoices.get', { id });
    // Laser 250.00 less 10 % = 225.00; botox 300.00 unchanged; 19 % VAT on 525.00.
    expect(draft.memberDiscount).toEqual({ tier: 'Gold', basisPoints: 1000, categoryIds: [c.categories.laser], discountCents: 2500 });
    expect(draft.lines.map((l) => [l.netCents, l.discountCents])).toEqual([[22_500, 2500], [30_000, 0]]);
    expect([draft.discountCents, draft.netCents, draft.totalCents]).toEqual([2500, 52_500, 62_475]);

    const issued = await c.clinic.call('invoices.issue', { id });
    await c.clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: issued.dueCents }] });
    expect(await c.balance(lena)).toBe(1200 + 525);
  });

  it('gives nothing below the tier, on a walk-in sale, or while the program is off', async () => {
    const c = await start();
    const mia = await c.patient('Mia');
    const silver = await c.clinic.call('invoices.createDraft', { patientId: mia, lines: [{ serviceId: c.services.laser }] });
    expect((await c.clinic.call('invoices.get', { id: silver.id })).memberDiscount).toBeNull();
    const walkIn = await c.clinic.call('invoices.createDraft', { lines: [{ serviceId: c.services.laser }] });
    expect((await c.clinic.call('invoices.get', { id: walkIn.id })).discountCents).toBe(0);

    const lena = await goldPatient(c, 'Lena');
    await c.program({ enabled: false });
    const off = await c.clinic.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.laser }] });
    expect((await c.clinic.call('invoices.get', { id: off.id })).memberDiscount).toBeNull();
  });

  it('a tier with no categories covers every line but gift cards; a draft follows the tier as it is saved, an issued invoice keeps its own', async () => {
    const c = await start();
    const lena = await goldPatient(c, 'Lena');
    const { id } = await c.clinic.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.laser }] });
    const issued = await c.clinic.call('invoices.issue', { id });
    expect(issued.memberDiscount?.discountCents).toBe(2500);

    await c.program({ tiers: [{ name: 'Silver', thresholdPoints: 0 }, { name: 'Gold', thresholdPoints: 1000, discountPercent: 20 }] });
    expect((await c.clinic.call('invoices.get', { id })).memberDiscount).toMatchObject({ basisPoints: 1000, discountCents: 2500 });

    const next = await c.clinic.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.botox }, { giftCard: { amountCents: 10_000 } }] });
    const saved = await c.clinic.call('invoices.get', { id: next.id });
    expect(saved.memberDiscount).toMatchObject({ tier: 'Gold', basisPoints: 2000, categoryIds: [], discountCents: 6000 });
    expect(saved.lines.map((l) => l.discountCents)).toEqual([6000, 0]);
  });

  it('needs no manager’s approval, though a front desk’s own discounts still do', async () => {
    const c = await start();
    await c.program({ tiers: [{ name: 'Silver', thresholdPoints: 0 }, { name: 'Gold', thresholdPoints: 1000, discountPercent: 50 }] });
    const lena = await goldPatient(c, 'Lena');
    const desk = await c.clinic.as('frontDesk', 'fiona');
    const { id } = await desk.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.laser }] });
    expect((await desk.call('invoices.get', { id })).discountCents).toBe(12_500);
    await expect(desk.call('invoices.saveDraft', { id, lines: [{ serviceId: c.services.laser, discount: { kind: 'percent', basisPoints: 5000 } }] })).rejects.toMatchObject({ code: 'approval_required' });
    expect((await desk.call('invoices.get', { id })).discountCents).toBe(12_500);
  });
});
