import { afterEach, describe, expect, it } from 'vitest';
import { berlin, type Calendar, errorOf, openCalendar } from '../scheduling/calendar';
import { completedVisits } from './visit';

const completedVisit = completedVisits();
/** The clinic of a test that opens its own. */
let cal: Calendar | undefined;
afterEach(async () => {
  await cal?.clinic.close();
  cal = undefined;
});

describe('invoices', () => {
  it('are prefilled from a finished visit with its services and providers, and numbered without gaps when issued', async () => {
    const { clinic, ana, ben, services, appointmentId } = await completedVisit();
    const draft = await clinic.call('invoices.createDraft', { appointmentId });
    expect(draft).toMatchObject({ status: 'draft', number: null, patientName: 'Lena Vogel' });
    expect(draft.lines.map((l) => [l.description, l.staffId, l.unitPriceCents, l.taxRateMillipercent])).toEqual([
      ['Consultation', ben, 5000, 19_000],
      ['Botox forehead', ana, 30000, 19_000],
    ]);
    // 50 + 300 = 350 net, 19 % on top = 66.50 tax
    expect(draft).toMatchObject({ netCents: 35_000, taxCents: 6_650, totalCents: 41_650 });
    await expect(clinic.call('invoices.createDraft', { appointmentId })).rejects.toMatchObject({ code: 'conflict' });

    // 24 units of toxin at 12.50 with 10 % off, and a retail item sold by the front desk.
    const edited = await clinic.call('invoices.saveDraft', {
      id: draft.id,
      lines: [
        { serviceId: services.consult, staffId: ben },
        { serviceId: services.botox, staffId: ana, quantity: 24, unitPriceCents: 1250, discount: { kind: 'percent', basisPoints: 1000 } },
        { description: 'SPF 50 sunscreen', quantity: 1, unitPriceCents: 2900 },
      ],
    });
    expect(edited.lines[1]).toMatchObject({ grossCents: 30_000, discountCents: 3_000, netCents: 27_000, taxCents: 5_130, totalCents: 32_130 });
    expect(edited.totalCents).toBe(edited.lines.reduce((sum, l) => sum + l.totalCents, 0));

    const issued = await clinic.call('invoices.issue', { id: draft.id });
    expect(issued).toMatchObject({ status: 'issued', number: 'INV-P0000001', paymentState: 'unpaid', dueCents: issued.totalCents });
    const walkIn = await clinic.call('invoices.createDraft', { lines: [{ description: 'Gift voucher print', unitPriceCents: 500 }] });
    expect((await clinic.call('invoices.issue', { id: walkIn.id })).number).toBe('INV-P0000002');
  });

  it('never change once issued: edits are refused (even straight in the database); back to draft keeps the number until paid', async () => {
    const { clinic, appointmentId } = await completedVisit();
    const { id } = await clinic.call('invoices.createDraft', { appointmentId });
    const issued = await clinic.call('invoices.issue', { id });
    expect((await errorOf(clinic.call('invoices.saveDraft', { id, lines: [] }))).code).toBe('invalid_transition');
    expect(() => clinic.lumen.runtime.sqlite.prepare('UPDATE invoice SET totalCents = 1 WHERE id = ?').run(id)).toThrow(/issued invoice cannot change/);
    expect(() => clinic.lumen.runtime.sqlite.prepare('UPDATE invoiceLine SET unitPriceCents = 1 WHERE invoiceId = ?').run(id)).toThrow(/cannot change/);

    const again = await clinic.call('invoices.backToDraft', { id });
    expect(again).toMatchObject({ status: 'draft', number: issued.number });
    expect((await clinic.call('invoices.issue', { id })).number).toBe(issued.number);
    await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 1000, reference: '4242' }] });
    expect((await errorOf(clinic.call('invoices.backToDraft', { id }))).code).toBe('invalid_transition');
    expect((await errorOf(clinic.call('invoices.void', { id, reason: 'Wrong patient' }))).message).toMatch(/refund it/);
  });

  it('refuse an empty issue, a discount above the line, and a front desk void; a manager voids with a reason', async () => {
    const { clinic } = await completedVisit();
    const { id } = await clinic.call('invoices.createDraft', {});
    expect((await errorOf(clinic.call('invoices.issue', { id }))).message).toMatch(/at least one line/);
    const refused = await errorOf(clinic.call('invoices.saveDraft', { id, lines: [{ description: 'Peel', unitPriceCents: 5000, discount: { kind: 'amount', cents: 6000 } }] }));
    expect(refused).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'lines.0.discount': [expect.stringMatching(/above/)] } } });
    expect((await clinic.call('invoices.get', { id })).lines).toEqual([]);

    await clinic.call('invoices.saveDraft', { id, lines: [{ description: 'Peel', unitPriceCents: 5000 }] });
    await clinic.call('invoices.issue', { id });
    const frontDesk = await clinic.as('frontDesk');
    expect((await errorOf(frontDesk.call('invoices.void', { id, reason: 'Mistake' }))).code).toBe('forbidden');
    const manager = await clinic.as('manager');
    expect(await manager.call('invoices.void', { id, reason: 'Entered twice' })).toMatchObject({ status: 'void', voidReason: 'Entered twice', dueCents: 0 });
  });
});

describe('payments', () => {
  it('split across card and cash with change; the paid visit is checked out by itself', async () => {
    const { clinic, appointmentId } = await completedVisit();
    const { id } = await clinic.call('invoices.createDraft', { appointmentId });
    const { totalCents } = await clinic.call('invoices.issue', { id });
    const partly = await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 30_000, reference: 'VISA 4242' }] });
    expect(partly.invoice).toMatchObject({ paymentState: 'partlyPaid', dueCents: totalCents - 30_000 });
    expect((await clinic.call('appointments.get', { id: appointmentId })).status).toBe('completed');

    expect((await errorOf(clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: totalCents }] }))).message).toMatch(/more than/);
    expect((await errorOf(clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 100, tenderedCents: 200 }] }))).details).toMatchObject({
      fieldErrors: { 'tenders.0.tenderedCents': [expect.any(String)] },
    });

    const rest = totalCents - 30_000;
    const paid = await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'cash', amountCents: rest, tenderedCents: rest + 350 }] });
    expect(paid.changeCents).toBe(350);
    expect(paid.invoice).toMatchObject({ paymentState: 'paid', dueCents: 0, paidCents: totalCents });
    expect((await clinic.call('appointments.get', { id: appointmentId })).status).toBe('checkedOut');
    expect((await errorOf(clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'cash', amountCents: 1 }] }))).code).toBe('invalid_transition');
  });
});

describe('credit notes and balances', () => {
  it('refund part of a line to the original tender, or to store credit that pays the next invoice', async () => {
    const { clinic, patient, appointmentId } = await completedVisit();
    const { id } = await clinic.call('invoices.createDraft', { appointmentId });
    const issued = await clinic.call('invoices.issue', { id });
    await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: issued.totalCents, reference: 'VISA 4242' }] });
    const botox = issued.lines[1];

    const frontDesk = await clinic.as('frontDesk');
    expect((await errorOf(frontDesk.call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: botox.id, quantity: 1 }], reason: 'Unhappy', refundTo: 'originalTender' }))).code).toBe('forbidden');

    const toCard = await clinic.call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: botox.id, quantity: 1 }], reason: 'Treatment not given', refundTo: 'originalTender' });
    expect(toCard.creditNote).toMatchObject({ number: 'CN-P0000001', totalCents: botox.totalCents });
    expect(toCard.refundedCents).toBe(botox.totalCents);
    expect(toCard.invoice).toMatchObject({ creditedCents: botox.totalCents, dueCents: 0 });
    expect(toCard.invoice.payments.at(-1)).toMatchObject({ tender: 'card', amountCents: -botox.totalCents });
    const again = await errorOf(clinic.call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: botox.id, quantity: 1 }], reason: 'Twice', refundTo: 'originalTender' }));
    expect(again).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/already refunded in full/) });

    const consult = issued.lines[0];
    const toCredit = await clinic.call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: consult.id, quantity: 1 }], reason: 'Goodwill', refundTo: 'storeCredit' });
    expect(toCredit.invoice.paymentState).toBe('refunded');
    expect((await clinic.call('checkout.balance', { patientId: patient })).storedValueCents).toBe(consult.totalCents);

    // The store credit pays part of the next sale; more than the balance is refused.
    const next = await clinic.call('invoices.createDraft', { patientId: patient, lines: [{ description: 'Cleanser', unitPriceCents: 10_000, taxRateMillipercent: 0 }] });
    await clinic.call('invoices.issue', { id: next.id });
    const tooMuch = await errorOf(clinic.call('payments.take', { invoiceId: next.id, tenders: [{ tender: 'storedValue', amountCents: consult.totalCents + 1 }] }));
    expect(tooMuch.details).toMatchObject({ fieldErrors: { 'tenders.0.amountCents': [expect.any(String)] } });
    await clinic.call('payments.take', { invoiceId: next.id, tenders: [{ tender: 'storedValue', amountCents: consult.totalCents }] });
    const balance = await clinic.call('checkout.balance', { patientId: patient });
    expect(balance).toMatchObject({ storedValueCents: 0, owedCents: 10_000 - consult.totalCents });
    expect(balance.openInvoices.map((i) => i.id)).toEqual([next.id]);
  });
});

describe("reception's day", () => {
  it('lists the day in time order with status, allergy alert, invoice and what the patient owes', async () => {
    const { cal: visitCal, clinic, patient, appointmentId, services, ben } = await completedVisit();
    const later = await visitCal.patient('Otto', 'Brandt');
    await clinic.call('appointments.book', { patientId: later, segments: [{ serviceId: services.consult, staffId: ben, startsAt: berlin('2026-03-02T15:00') }] });
    await clinic.call('clinical.update', { patientId: patient, allergies: [{ substance: 'Lidocaine', reaction: 'Hives', severity: 'moderate' }], medications: [], medicalHistory: '', contraindications: [], expectationsNote: '' });
    const { id } = await clinic.call('invoices.createDraft', { appointmentId });
    const issued = await clinic.call('invoices.issue', { id });
    await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 10_000 }] });

    const day = await clinic.call('checkout.today', {});
    expect(day.map((row) => [row.patientName, row.status])).toEqual([
      ['Lena Vogel', 'completed'],
      ['Otto Brandt', 'booked'],
    ]);
    expect(day[0]).toMatchObject({
      allergyAlert: true,
      services: [{ name: 'Consultation', providerName: 'Ben Brandt' }, { name: 'Botox forehead', providerName: 'Ana Alvarez' }],
      invoice: { id, number: 'INV-P0000001', paymentState: 'partlyPaid', dueCents: issued.totalCents - 10_000 },
      owedCents: issued.totalCents - 10_000,
    });
    expect(day[1]).toMatchObject({ invoice: null, owedCents: 0, allergyAlert: false });
    expect(await clinic.call('checkout.today', { date: '2026-03-03' })).toEqual([]);
  });
});

describe('tax rules', () => {
  it('follow the clinic setting at the time the invoice is started: prices with VAT included, tax rounded per invoice', async () => {
    cal = await openCalendar();
    const { clinic } = cal;
    const before = await clinic.call('invoices.createDraft', { lines: [{ description: 'Filler', unitPriceCents: 35_000, taxRateMillipercent: 20_000 }] });
    expect(before).toMatchObject({ pricesIncludeTax: false, taxCents: 7_000, totalCents: 42_000 });

    const settings = await clinic.call('settings.update', { pricesIncludeTax: true, taxRounding: 'invoice' });
    expect(settings).toMatchObject({ pricesIncludeTax: true, taxRounding: 'invoice' });
    const after = await clinic.call('invoices.createDraft', { lines: [{ description: 'Filler', unitPriceCents: 35_000, taxRateMillipercent: 20_000 }] });
    expect(after).toMatchObject({ pricesIncludeTax: true, taxCents: 5_833, netCents: 29_167, totalCents: 35_000 });
    // The draft started before keeps its rules.
    expect((await clinic.call('invoices.saveDraft', { id: before.id, lines: [{ description: 'Filler', unitPriceCents: 35_000, taxRateMillipercent: 20_000 }] })).totalCents).toBe(42_000);
  });
});
