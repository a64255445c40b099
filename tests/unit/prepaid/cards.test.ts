import { afterEach, describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { openPrepaid, type PrepaidClinic } from './support';

let pc: PrepaidClinic | undefined;
afterEach(async () => {
  await pc?.clinic.close();
  pc = undefined;
});

describe('gift cards', () => {
  it('are sold untaxed, activated with a readable unique code when paid in full, and spent by code at any later sale', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const { id } = await clinic.call('invoices.createDraft', { lines: [{ giftCard: { amountCents: 10_000 } }, { giftCard: { amountCents: 5_000 } }] });
    const issued = await clinic.call('invoices.issue', { id });
    expect(issued).toMatchObject({ totalCents: 15_000, taxCents: 0 });
    expect(issued.lines[0]).toMatchObject({ description: 'Gift card', giftCard: { amountCents: 10_000, code: null } });
    await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'cash', amountCents: 5_000 }] });
    expect(await clinic.call('giftCards.forInvoice', { invoiceId: id })).toEqual([]); // not until paid in full
    await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 10_000 }] });
    const cards = await clinic.call('giftCards.forInvoice', { invoiceId: id });
    expect(cards.map((c) => [c.amountCents, c.balanceCents, c.state, c.expiresOn])).toEqual([
      [10_000, 10_000, 'active', '2029-03-02'],
      [5_000, 5_000, 'active', '2029-03-02'],
    ]);
    for (const card of cards) expect(card.code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{12}$/);
    expect(cards[0].code).not.toBe(cards[1].code);
    expect((await clinic.call('invoices.get', { id })).lines[0].giftCard!.code).toBe(cards[0].code);

    const lena = await pc.patient('Lena');
    const visit = await pc.visit(lena, services.consult); // 50.00 + 19 % = 59.50
    const typed = `${cards[0].code.slice(0, 4).toLowerCase()}-${cards[0].code.slice(4, 8)} ${cards[0].code.slice(8)}`;
    const { invoice } = await clinic.call('payments.take', { invoiceId: visit, tenders: [{ tender: 'giftCard', giftCardCode: typed, amountCents: 5_950 }] });
    expect(invoice.payments[0]).toMatchObject({ tender: 'giftCard', giftCardId: cards[0].id, reference: `${cards[0].code.slice(0, 4)}-${cards[0].code.slice(4, 8)}-${cards[0].code.slice(8)}` });
    const looked = await clinic.call('giftCards.lookup', { code: cards[0].code });
    expect(looked).toMatchObject({ balanceCents: 4_050, state: 'active' });
    expect(looked.entries.map((e) => [e.kind, e.amountCents, e.invoiceId])).toEqual([
      ['issued', 10_000, id],
      ['spent', -5_950, visit],
    ]);

    // Refunding the visit to its tender puts the money back on the card.
    const paid = await clinic.call('invoices.get', { id: visit });
    await clinic.call('creditNotes.create', { invoiceId: visit, lines: [{ invoiceLineId: paid.lines[0].id, quantity: 1 }], reason: 'Not done', refundTo: 'originalTender' });
    expect((await clinic.call('giftCards.lookup', { code: cards[0].code })).balanceCents).toBe(10_000);
  });

  it('refuse an unknown code, more than the balance and an expired card, changing nothing; a typed code must be new', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    await pc.sell(null, [{ giftCard: { amountCents: 2_000, code: 'XMAS-0001' } }]);
    const lena = await pc.patient('Lena');
    const visit = await pc.visit(lena, services.consult);
    const before = [clinic.count('payment'), clinic.count('giftCardEntry')];
    const pay = (giftCardCode: string, amountCents: number) => errorOf(clinic.call('payments.take', { invoiceId: visit, tenders: [{ tender: 'giftCard', giftCardCode, amountCents }] }));
    expect((await pay('NOPE-0000', 100)).code).toBe('not_found');
    expect(JSON.stringify((await pay('xmas0001', 2_001)).details)).toMatch(/holds 2000/);
    await pc.travel('2029-03-03T09:00:00Z');
    expect(JSON.stringify((await pay('XMAS-0001', 100)).details)).toMatch(/expired on 2029-03-02/);
    expect((await clinic.call('giftCards.lookup', { code: 'xmas 0001' })).state).toBe('expired');
    expect([clinic.count('payment'), clinic.count('giftCardEntry')]).toEqual(before);
    const { id } = await clinic.call('invoices.createDraft', {});
    expect((await errorOf(clinic.call('invoices.saveDraft', { id, lines: [{ giftCard: { amountCents: 1_000, code: 'xmas-0001' } }] }))).code).toBe('conflict');
  });

  it('refund what is left on a card with a credit note on its line; a spent card cannot be refunded', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const sale = await pc.sell(null, [{ giftCard: { amountCents: 10_000, code: 'GIFT-1234' } }]);
    const lena = await pc.patient('Lena');
    await clinic.call('payments.take', { invoiceId: await pc.visit(lena, services.consult), tenders: [{ tender: 'giftCard', giftCardCode: 'GIFT1234', amountCents: 5_950 }] });
    const line = (await clinic.call('invoices.get', { id: sale })).lines[0];
    const { creditNote, refundedCents } = await clinic.call('creditNotes.create', { invoiceId: sale, lines: [{ invoiceLineId: line.id, quantity: 1 }], reason: 'Unwanted', refundTo: 'originalTender' });
    expect([creditNote.totalCents, refundedCents]).toEqual([4_050, 4_050]);
    expect(await clinic.call('giftCards.lookup', { code: 'GIFT1234' })).toMatchObject({ balanceCents: 0, state: 'spent' });

    const spent = await pc.sell(null, [{ giftCard: { amountCents: 5_950, code: 'GIFT-5678' } }]);
    await clinic.call('payments.take', { invoiceId: await pc.visit(lena, services.consult), tenders: [{ tender: 'giftCard', giftCardCode: 'GIFT5678', amountCents: 5_950 }] });
    const spentLine = (await clinic.call('invoices.get', { id: spent })).lines[0];
    const refused = await errorOf(clinic.call('creditNotes.create', { invoiceId: spent, lines: [{ invoiceLineId: spentLine.id, quantity: 1 }], reason: 'Unwanted', refundTo: 'originalTender' }));
    expect(JSON.stringify(refused.details)).toMatch(/spent in full/);
    expect(clinic.count('creditNote')).toBe(1);
  });
});

describe('stored-value top-ups', () => {
  it('add the top-up and its bonus when paid in full; the history lists every entry with its invoice; refund only if unspent', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const plan = await clinic.call('topUpPlans.save', { name: 'Pay 1,000 get 1,100', amountCents: 100_000, bonusCents: 10_000 });
    const lena = await pc.patient('Lena');
    const { id } = await clinic.call('invoices.createDraft', { patientId: lena, lines: [{ topUpPlanId: plan.id }] });
    const issued = await clinic.call('invoices.issue', { id });
    expect(issued).toMatchObject({ totalCents: 100_000, taxCents: 0 });
    expect((await clinic.call('storedValue.history', { patientId: lena })).balanceCents).toBe(0);
    await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 100_000 }] });
    const history = await clinic.call('storedValue.history', { patientId: lena });
    expect(history.balanceCents).toBe(110_000);
    expect(history.entries.map((e) => [e.kind, e.amountCents, e.balanceAfterCents, e.invoiceNumber])).toEqual([
      ['topUp', 100_000, 100_000, issued.number],
      ['bonus', 10_000, 110_000, issued.number],
    ]);

    const visit = await pc.visit(lena, services.consult);
    await clinic.call('payments.take', { invoiceId: visit, tenders: [{ tender: 'storedValue', amountCents: 5_950 }] });
    const line = issued.lines[0];
    const refused = await errorOf(clinic.call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: line.id, quantity: 1 }], reason: 'Changed mind', refundTo: 'originalTender' }));
    expect(refused.message + JSON.stringify(refused.details)).toMatch(/104050 \(minor units\) of the 110000/);
    expect(clinic.count('creditNote')).toBe(0);

    const paid = await clinic.call('invoices.get', { id: visit });
    await clinic.call('creditNotes.create', { invoiceId: visit, lines: [{ invoiceLineId: paid.lines[0].id, quantity: 1 }], reason: 'Not done', refundTo: 'originalTender' });
    const { refundedCents } = await clinic.call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: line.id, quantity: 1 }], reason: 'Changed mind', refundTo: 'originalTender' });
    expect(refundedCents).toBe(100_000);
    expect((await clinic.call('storedValue.history', { patientId: lena })).balanceCents).toBe(0);
    expect(pc.sql<{ kind: string }>("SELECT tender AS kind FROM payment WHERE invoiceId = ? AND amountCents < 0", id)).toEqual([{ kind: 'card' }]);
  });

  it('gift-card validity is a manager’s setting', async () => {
    pc = await openPrepaid();
    const { clinic } = pc;
    expect(await clinic.call('prepaid.settings', {})).toEqual({ giftCardValidityMonths: 36 });
    const desk = await clinic.as('frontDesk');
    expect((await errorOf(desk.call('prepaid.saveSettings', { giftCardValidityMonths: 12 }))).code).toBe('forbidden');
    await clinic.call('prepaid.saveSettings', { giftCardValidityMonths: 12 });
    const sale = await pc.sell(null, [{ giftCard: { amountCents: 1_000 } }]);
    expect((await clinic.call('giftCards.forInvoice', { invoiceId: sale }))[0].expiresOn).toBe('2027-03-02');
  });
});
