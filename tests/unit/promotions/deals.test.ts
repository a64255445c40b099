import { afterEach, describe, expect, it } from 'vitest';
import { type Shop, openShop } from './shop';

let shop: Shop | undefined;
afterEach(async () => {
  await shop?.clinic.close();
  shop = undefined;
});

async function sell(s: Shop, patientId: number, serviceId: number) {
  const draft = await s.clinic.call('invoices.createDraft', { patientId, lines: [{ serviceId }] });
  return s.clinic.call('invoices.issue', { id: draft.id });
}

describe('deal status and arrears', () => {
  it('never bought → first deal → repeat, by the clinic’s definition; void and wholly refunded sales do not count', async () => {
    shop = await openShop();
    const s = shop;
    const ana = await s.patient('Ana');
    const standing = () => s.clinic.call('patients.standing', { patientId: ana });
    expect(await standing()).toMatchObject({ dealStatus: 'never', dealCount: 0, owedCents: 0 });

    // A consultation alone is not a deal (kinds default to treatment, product, package).
    await sell(s, ana, s.services.consult);
    expect((await standing()).dealStatus).toBe('never');
    const first = await sell(s, ana, s.services.botox);
    expect(await standing()).toMatchObject({ dealStatus: 'first', dealCount: 1, owedCents: 35_000 });

    const voided = await sell(s, ana, s.services.filler);
    await s.clinic.call('invoices.void', { id: voided.id, reason: 'Wrong item' });
    expect((await standing()).dealStatus).toBe('first');

    const refunded = await sell(s, ana, s.services.filler);
    await s.clinic.call('payments.take', { invoiceId: refunded.id, tenders: [{ tender: 'card', amountCents: 40_000 }] });
    await s.clinic.call('creditNotes.create', { invoiceId: refunded.id, lines: [{ invoiceLineId: refunded.lines[0].id, quantity: 1 }], reason: 'Cancelled treatment', refundTo: 'originalTender' });
    expect((await standing()).dealStatus).toBe('first');

    await sell(s, ana, s.services.filler);
    expect(await standing()).toMatchObject({ dealStatus: 'repeat', dealCount: 2 });
    // Arrears: the consult, the botox and the last filler are unpaid.
    expect((await standing()).owedCents).toBe(5000 + 30_000 + 40_000);
    await s.clinic.call('payments.take', { invoiceId: first.id, tenders: [{ tender: 'cash', amountCents: 30_000 }] });
    expect((await standing()).owedCents).toBe(45_000);
    expect((await s.clinic.call('checkout.balance', { patientId: ana })).owedCents).toBe(45_000);
  });

  it('the definition is a manager’s setting and patients can be listed by status', async () => {
    shop = await openShop();
    const s = shop;
    const [ana, ben, cleo] = [await s.patient('Ana'), await s.patient('Ben'), await s.patient('Cleo')];
    await sell(s, ben, s.services.consult);
    await sell(s, cleo, s.services.botox);
    await sell(s, cleo, s.services.filler);
    const names = async (status: 'never' | 'first' | 'repeat') => (await s.clinic.call('deals.patients', { status })).map((p) => p.id);
    expect(await names('never')).toEqual(expect.arrayContaining([ana, ben]));
    expect(await names('repeat')).toEqual([cleo]);

    const desk = await s.clinic.as('frontDesk');
    await expect(desk.call('deals.saveDefinition', { minCents: 0, kinds: ['consult'] })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(s.clinic.call('deals.saveDefinition', { minCents: 0, kinds: [] })).rejects.toMatchObject({ code: 'invalid_input' });
    // Only sales of 350.00 or more with a treatment: Cleo's botox (300.00) no longer counts; a consult counts when named.
    expect(await s.clinic.call('deals.saveDefinition', { minCents: 35_000, kinds: ['treatment', 'consult'] })).toEqual({ minCents: 35_000, kinds: ['consult', 'treatment'] });
    expect(await names('first')).toEqual([cleo]);
    await s.clinic.call('deals.saveDefinition', { minCents: 0, kinds: ['consult', 'treatment'] });
    expect(await names('first')).toEqual([ben]);
  });
});
