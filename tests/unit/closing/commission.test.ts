import { afterEach, describe, expect, it } from 'vitest';
import { berlin, type Calendar, errorOf, openCalendar } from '../scheduling/calendar';
import { travel } from './day';

let cal: Calendar | undefined;
afterEach(async () => {
  await cal?.clinic.close();
  cal = undefined;
});

describe('commission', () => {
  it('uses the most specific rate, earns on invoicing, and claws back credit notes and voids in the period they happen', async () => {
    cal = await openCalendar(berlin('2026-03-02T10:00'));
    const { clinic, ana, ben, services } = cal;
    const categories = await clinic.call('catalog.categories', {});
    const laserCategory = categories.find((c) => c.name === 'Laser hair removal')!.id;
    await clinic.call('commission.saveRate', { staffId: ana, kind: 'percent', value: 1_000 }); // 10 % by default
    await clinic.call('commission.saveRate', { staffId: ana, serviceCategoryId: laserCategory, kind: 'percent', value: 1_500 });
    await clinic.call('commission.saveRate', { staffId: ana, serviceId: services.botox, kind: 'perUnit', value: 1_000 });
    const botoxRate = await clinic.call('commission.saveRate', { staffId: ana, serviceId: services.botox, kind: 'perUnit', value: 1_250 }); // replaces it
    expect(botoxRate).toMatchObject({ appliesTo: 'Botox forehead', kind: 'perUnit', value: 1_250, staffName: 'Ana Alvarez' });
    expect((await clinic.call('commission.rates', { staffId: ana })).map((r) => r.appliesTo)).toEqual(['Default', 'Laser hair removal (category)', 'Botox forehead']);
    expect((await errorOf(clinic.call('commission.saveRate', { staffId: ana, serviceId: services.botox, serviceCategoryId: laserCategory, kind: 'percent', value: 10 }))).code).toBe('invalid_input');
    expect((await errorOf(clinic.call('commission.saveRate', { staffId: ana, kind: 'percent', value: 10_001 }))).code).toBe('invalid_input');

    const sale = await clinic.call('invoices.createDraft', {
      lines: [
        { serviceId: services.botox, staffId: ana, quantity: 4, unitPriceCents: 30_000 },
        { serviceId: services.laser, staffId: ana },
        { serviceId: services.consult, staffId: ana },
        { serviceId: services.consult, staffId: ben },
      ],
    });
    await clinic.call('invoices.issue', { id: sale.id });
    await clinic.call('payments.take', { invoiceId: sale.id, tenders: [{ tender: 'card', amountCents: sale.totalCents }] });
    const cancelled = await clinic.call('invoices.createDraft', { lines: [{ serviceId: services.consult, staffId: ana }] });
    await clinic.call('invoices.issue', { id: cancelled.id });

    await travel(clinic, berlin('2026-03-03T11:00'));
    const [botox, laser] = sale.lines;
    await clinic.call('creditNotes.create', { invoiceId: sale.id, lines: [{ invoiceLineId: botox.id, quantity: 1 }, { invoiceLineId: laser.id, quantity: 1 }], reason: 'Reaction', refundTo: 'originalTender' });
    await travel(clinic, berlin('2026-03-04T09:00'));
    await clinic.call('invoices.void', { id: cancelled.id, reason: 'Entered twice' });

    const march = await clinic.call('commission.statement', { staffId: ana, from: '2026-03-01', to: '2026-03-31' });
    expect(march.lines.map((l) => [l.kind, l.date, l.description, l.quantity, l.netCents, l.rate, l.commissionCents])).toEqual([
      ['sale', '2026-03-02', 'Botox forehead', 4, 120_000, '12.50 per unit', 5_000],
      ['sale', '2026-03-02', 'Laser legs', 1, 25_000, '15 %', 3_750],
      ['sale', '2026-03-02', 'Consultation', 1, 5_000, '10 %', 500],
      ['sale', '2026-03-02', 'Consultation', 1, 5_000, '10 %', 500],
      ['clawback', '2026-03-03', 'Botox forehead', -1, -30_000, '12.50 per unit', -1_250],
      ['clawback', '2026-03-03', 'Laser legs', -1, -25_000, '15 %', -3_750],
      ['clawback', '2026-03-04', 'Consultation', -1, -5_000, '10 %', -500],
    ]);
    expect(march.lines[4]).toMatchObject({ creditNoteNumber: 'CN-P0000001', invoiceNumber: 'INV-P0000001', invoiceDueCents: 0 });
    expect(march.lines[3]).toMatchObject({ invoiceNumber: 'INV-P0000002', invoiceDueCents: 0 });
    expect(march).toMatchObject({ salesNetCents: 155_000, clawbackNetCents: -60_000, earnedCents: 9_750, clawedBackCents: -5_500, totalCents: 4_250 });

    // Each period has only its own lines; refunding the rest later claws back exactly what was left.
    expect((await clinic.call('commission.statement', { staffId: ana, from: '2026-03-03', to: '2026-03-03' })).totalCents).toBe(-5_000);
    await travel(clinic, berlin('2026-04-10T09:00'));
    await clinic.call('creditNotes.create', { invoiceId: sale.id, lines: [{ invoiceLineId: botox.id, quantity: 3 }], reason: 'Course cancelled', refundTo: 'originalTender' });
    const april = await clinic.call('commission.statement', { staffId: ana, from: '2026-04-01', to: '2026-04-30' });
    expect(april.lines.map((l) => [l.kind, l.quantity, l.commissionCents])).toEqual([['clawback', -3, -3_750]]);
    const ben_ = await clinic.call('commission.statement', { staffId: ben, from: '2026-03-01', to: '2026-04-30' });
    expect(ben_.lines.map((l) => [l.kind, l.rate, l.commissionCents])).toEqual([['sale', 'no rate', 0]]);
  });

  it('claws back a percentage exactly, however a line is refunded in parts', async () => {
    cal = await openCalendar(berlin('2026-03-02T10:00'));
    const { clinic, ana } = cal;
    await clinic.call('commission.saveRate', { staffId: ana, kind: 'percent', value: 3_333 });
    const draft = await clinic.call('invoices.createDraft', { lines: [{ description: 'Peel', staffId: ana, quantity: 3, unitPriceCents: 3_335 }] });
    const issued = await clinic.call('invoices.issue', { id: draft.id });
    for (let i = 0; i < 3; i++) {
      await travel(clinic, berlin(`2026-03-0${3 + i}T09:00`));
      await clinic.call('creditNotes.create', { invoiceId: issued.id, lines: [{ invoiceLineId: issued.lines[0].id, quantity: 1 }], reason: 'Part', refundTo: 'originalTender' });
    }
    const statement = await clinic.call('commission.statement', { staffId: ana, from: '2026-03-01', to: '2026-03-31' });
    expect(statement.earnedCents).toBe(3_335); // 33.33 % of 100.05
    expect(statement.clawedBackCents).toBe(-3_335);
    expect(statement.totalCents).toBe(0);
  });

  it('is for managers and owners: front desk and practitioners are refused', async () => {
    cal = await openCalendar();
    const { clinic, ana } = cal;
    for (const role of ['frontDesk', 'practitioner'] as const) {
      const desk = await clinic.as(role);
      expect((await errorOf(desk.call('commission.statement', { staffId: ana, from: '2026-03-01', to: '2026-03-31' }))).code).toBe('forbidden');
      expect((await errorOf(desk.call('commission.saveRate', { staffId: ana, kind: 'percent', value: 500 }))).code).toBe('forbidden');
    }
    expect(await clinic.call('commission.rates', {})).toEqual([]);
    expect((await errorOf(clinic.call('commission.statement', { staffId: ana, from: '2026-03-31', to: '2026-03-01' }))).code).toBe('invalid_input');
  });
});
