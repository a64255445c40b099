import { describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { completedVisits } from './visit';

const completedVisit = completedVisits();

const rows = (visit: Awaited<ReturnType<typeof completedVisit>>, table: string) => visit.clinic.lumen.runtime.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('checkout in one step', () => {
  it('issues a draft and takes card plus cash with change at once; the visit is checked out', async () => {
    const visit = await completedVisit();
    const { clinic, appointmentId } = visit;
    const draft = await clinic.call('invoices.createDraft', { appointmentId });
    const card = 20_000;
    const cash = draft.totalCents - card;
    const { invoice, changeCents } = await clinic.call('checkout.commit', {
      id: draft.id,
      tenders: [
        { tender: 'card', amountCents: card, reference: 'VISA 4242' },
        { tender: 'cash', amountCents: cash, tenderedCents: cash + 1_000 },
      ],
    });
    expect(invoice).toMatchObject({ status: 'issued', number: 'INV-P0000001', paymentState: 'paid', dueCents: 0, paidCents: draft.totalCents });
    expect(changeCents).toBe(1_000);
    expect((await clinic.call('appointments.get', { id: appointmentId })).status).toBe('checkedOut');
  });

  it('sells by lines alone, and leaves the invoice owed when no tender is given', async () => {
    const visit = await completedVisit();
    const { clinic, patient, services, ana } = visit;
    const { invoice } = await clinic.call('checkout.commit', { patientId: patient, lines: [{ serviceId: services.botox, staffId: ana, quantity: 2 }] });
    expect(invoice).toMatchObject({ status: 'issued', paymentState: 'unpaid', patientId: patient, dueCents: invoice.totalCents });
    expect(invoice.lines).toHaveLength(1);
  });

  it('is all or nothing: a refused tender leaves no invoice, no number taken, no payment', async () => {
    const visit = await completedVisit();
    const { clinic, appointmentId } = visit;
    const before = { invoices: rows(visit, 'invoice'), payments: rows(visit, 'payment'), audit: rows(visit, 'audit') };
    const refused = await errorOf(clinic.call('checkout.commit', { appointmentId, lines: [], tenders: [{ tender: 'storedValue', amountCents: 100 }] }));
    expect(refused).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'tenders.0.amountCents': [expect.any(String)] } } });
    expect({ invoices: rows(visit, 'invoice'), payments: rows(visit, 'payment'), audit: rows(visit, 'audit') }).toEqual(before);
    expect((await clinic.call('appointments.get', { id: appointmentId })).status).toBe('completed');
    // The visit's invoice was never made, so it can still be started, and takes the first number.
    const { invoice } = await clinic.call('checkout.commit', { appointmentId, lines: [] });
    expect(invoice.number).toBe('INV-P0000001');
  });

  it('refuses a draft given together with lines or a patient, and an issued invoice', async () => {
    const visit = await completedVisit();
    const { clinic, appointmentId, patient } = visit;
    const draft = await clinic.call('invoices.createDraft', { appointmentId });
    expect((await errorOf(clinic.call('checkout.commit', { id: draft.id, lines: [] }))).code).toBe('invalid_input');
    expect((await errorOf(clinic.call('checkout.commit', { id: draft.id, patientId: patient }))).code).toBe('invalid_input');
    expect((await errorOf(clinic.call('checkout.commit', {}))).code).toBe('invalid_input');
    await clinic.call('checkout.commit', { id: draft.id });
    expect((await errorOf(clinic.call('checkout.commit', { id: draft.id, tenders: [{ tender: 'card', amountCents: 1 }] }))).code).toBe('invalid_transition');
    expect((await clinic.call('invoices.get', { id: draft.id })).payments).toEqual([]);
  });
});
