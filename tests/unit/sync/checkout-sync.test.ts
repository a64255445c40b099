import { afterEach, describe, expect, it } from 'vitest';
import { canonicalDump } from '../../../src-main/sync/index';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { copyAsWorkstation, sendChanges } from '../../support/workstations';

const open: TestClinic[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((clinic) => clinic.close()));
});

describe('checkout across workstations', () => {
  it('numbers invoices from each workstation’s series, merges payments as a union, and keeps a draft with its workstation', async () => {
    const reception = await openTestClinic();
    open.push(reception);
    const patient = (await reception.call('patients.create', { firstName: 'Mia', lastName: 'Kern' })).id;
    const draft = await reception.call('invoices.createDraft', { patientId: patient, lines: [{ description: 'Peel', unitPriceCents: 12_000, taxRateMillipercent: 0 }] });
    const room = await copyAsWorkstation(reception, 'Room 2', 'R');
    open.push(room);

    // The draft travelled with the copy, but it is finished where it was started.
    await expect(room.call('invoices.saveDraft', { id: draft.id, lines: [] })).rejects.toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('Reception') });
    const here = await reception.call('invoices.issue', { id: draft.id });
    const there = await room.call('invoices.createDraft', { patientId: patient, lines: [{ description: 'Serum', unitPriceCents: 4_000, taxRateMillipercent: 0 }] });
    expect((await room.call('invoices.issue', { id: there.id })).number).toBe('INV-R0000001');
    expect(here.number).toBe('INV-P0000001');

    await sendChanges(reception, room);
    // Both desks take the same payment offline: both are kept, and the invoice shows it was paid twice.
    await reception.call('payments.take', { invoiceId: draft.id, tenders: [{ tender: 'card', amountCents: 12_000 }] });
    await room.call('payments.take', { invoiceId: draft.id, tenders: [{ tender: 'cash', amountCents: 12_000 }] });
    await sendChanges(reception, room);
    await sendChanges(room, reception);

    for (const desk of [reception, room]) {
      const invoice = await desk.call('invoices.get', { id: draft.id });
      expect(invoice.payments.map((p) => p.tender).sort()).toEqual(['card', 'cash']);
      expect(invoice).toMatchObject({ paidCents: 24_000, dueCents: -12_000, paymentState: 'paid' });
      expect((await desk.call('checkout.balance', { patientId: patient })).openInvoices.map((i) => i.number)).toEqual(['INV-R0000001']);
    }
    expect(canonicalDump(room.lumen.runtime.sqlite)).toBe(canonicalDump(reception.lumen.runtime.sqlite));
  });
});
