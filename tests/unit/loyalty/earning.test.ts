import { describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { loyaltyClinics } from './support';

const start = loyaltyClinics();

describe('earning at checkout', () => {
  it('earns a point per euro of each line’s net (after discounts, before tax), rounded down once per invoice, with category multipliers', async () => {
    const c = await start();
    await c.program({ categoryMultipliers: [{ categoryId: c.categories.laser, percent: 200 }] });
    const lena = await c.patient('Lena');
    // Botox 300.00 less 10 % = 270.00 net; laser 250.00 at double points; a 0.99 product-less line: 0.99.
    await c.pay(lena, [
      { serviceId: c.services.botox, discount: { kind: 'percent', basisPoints: 1000 } },
      { serviceId: c.services.laser },
      { description: 'Lip balm', unitPriceCents: 99 },
    ]);
    // 270 + 500 + 0.99 = 770.99 → 770 (the VAT of 19 % earns nothing).
    const standing = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(standing.balance).toBe(770);
    expect(standing.statement).toMatchObject([{ kind: 'earned', points: 770, balance: 770 }]);
    expect(standing.valueCents).toBe(3850);
  });

  it('earns only once the invoice is paid in full, never on gift cards, top-ups or the part paid with points, and not twice', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    const { id } = await c.clinic.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.botox }, { giftCard: { amountCents: 10_000 } }] });
    await c.clinic.call('invoices.issue', { id });
    await c.clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 20_000 }] });
    expect(await c.balance(lena)).toBe(0);
    const paid = await c.clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'cash', amountCents: 25_700 }] });
    expect(paid.invoice.paymentState).toBe('paid');
    // 357.00 of botox with VAT = 300.00 net → 300 points; the gift card earns nothing.
    expect(await c.balance(lena)).toBe(300);

    // 300 points pay 15.00 of a 297.50 (250.00 net) laser: 282.50 of 297.50 paid in money earns 237 (250 × 282.5 / 297.5 = 237.39).
    await c.pay(lena, [{ serviceId: c.services.laser }], [{ tender: 'points', points: 300 }, { tender: 'card', amountCents: 28_250 }]);
    const standing = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(standing.statement.map((e) => [e.kind, e.points])).toEqual([['earned', 237], ['redeemed', -300], ['earned', 300]]);
    expect(standing.balance).toBe(237);
  });

  it('earns nothing while the program is off, and nothing on a walk-in sale', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    await c.program({ enabled: false });
    await c.pay(lena, [{ serviceId: c.services.botox }]);
    await c.program();
    await c.pay(null, [{ serviceId: c.services.botox }]);
    expect(await c.balance(lena)).toBe(0);
    expect(c.sql('SELECT count(*) AS n FROM pointsEntry')).toEqual([{ n: 0 }]);
  });

  it('a package earns when bought; the visits it pays earn nothing', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    await c.pay(lena, [{ packagePlanId: c.laserSix }]);
    expect(await c.balance(lena)).toBe(1200);
    const [held] = await c.clinic.call('packages.forPatient', { patientId: lena });
    await c.pay(lena, [{ serviceId: c.services.laser }], [{ tender: 'package', patientPackageId: held.id }]);
    expect(await c.balance(lena)).toBe(1200);
  });
});

describe('refunds', () => {
  it('a credit note takes back what its lines earned, unit by unit, exactly over several notes', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    // 3 × botox at 333.33 = 999.99 net → 999 points, on one line.
    const id = await c.pay(lena, [{ serviceId: c.services.botox, quantity: 3, unitPriceCents: 33_333 }, { serviceId: c.services.laser }]);
    expect(await c.balance(lena)).toBe(1249);
    const invoice = await c.clinic.call('invoices.get', { id });
    const botoxLine = invoice.lines[0].id;
    for (let i = 0; i < 3; i++) await c.clinic.call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: botoxLine, quantity: 1 }], reason: 'Unhappy', refundTo: 'originalTender' });
    const standing = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(standing.statement.filter((e) => e.kind === 'reversed').map((e) => e.points)).toEqual([-333, -333, -333]);
    expect(standing.balance).toBe(250);
  });

  it('a refund of a points payment gives the points back; the credit note still takes back what was earned', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    await c.clinic.call('loyalty.adjust', { patientId: lena, points: 1000, reason: 'Welcome gift' });
    // Laser 297.50 with VAT: 1000 points pay 50.00, the card 247.50 → earns floor(250 × 247.5 / 297.5) = 207.
    const id = await c.pay(lena, [{ serviceId: c.services.laser }], [{ tender: 'points', points: 1000 }, { tender: 'card', amountCents: 24_750 }]);
    expect(await c.balance(lena)).toBe(207);
    const invoice = await c.clinic.call('invoices.get', { id });
    const refund = await c.clinic.call('creditNotes.create', { invoiceId: id, lines: [{ invoiceLineId: invoice.lines[0].id, quantity: 1 }], reason: 'Cancelled', refundTo: 'originalTender' });
    expect(refund.invoice.payments.filter((p) => p.amountCents < 0).map((p) => [p.tender, p.amountCents, p.points])).toEqual([
      ['card', -24_750, null],
      ['points', -5000, -1000],
    ]);
    const standing = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(standing.statement.slice(0, 2).map((e) => [e.kind, e.points])).toEqual([['reversed', -207], ['returned', 1000]]);
    expect(standing.balance).toBe(1000);
  });

  it('takes back no more than the patient still has: points already spent stay spent', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    const first = await c.pay(lena, [{ serviceId: c.services.botox }]);
    await c.pay(lena, [{ serviceId: c.services.consult }], [{ tender: 'points', points: 300 }, { tender: 'card', amountCents: 4450 }]);
    const spent = await c.balance(lena);
    const invoice = await c.clinic.call('invoices.get', { id: first });
    await c.clinic.call('creditNotes.create', { invoiceId: first, lines: [{ invoiceLineId: invoice.lines[0].id, quantity: 1 }], reason: 'Refund', refundTo: 'originalTender' });
    const standing = await c.clinic.call('loyalty.forPatient', { patientId: lena });
    expect(standing.balance).toBe(0);
    expect(standing.statement[0]).toMatchObject({ kind: 'reversed', points: -spent, note: expect.stringContaining('already spent') });
  });
});

describe('points as a tender', () => {
  it('refuses beyond the balance, below the minimum, without a patient or with the program off — and changes nothing', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    await c.program({ minimumRedeemPoints: 100 });
    await c.clinic.call('loyalty.adjust', { patientId: lena, points: 500, reason: 'Welcome gift' });
    const { id } = await c.clinic.call('invoices.createDraft', { patientId: lena, lines: [{ serviceId: c.services.botox }] });
    await c.clinic.call('invoices.issue', { id });
    const take = (tenders: object[]) => errorOf(c.clinic.call('payments.take', { invoiceId: id, tenders: tenders as never }));
    expect(await take([{ tender: 'points', points: 600 }])).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'tenders.0.points': [expect.stringContaining('500 points')] } } });
    expect(await take([{ tender: 'points', points: 50 }])).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'tenders.0.points': [expect.stringContaining('At least 100')] } } });
    expect(await take([{ tender: 'points' }])).toMatchObject({ code: 'invalid_input' });
    expect(await take([{ tender: 'points', points: 200, amountCents: 999 }])).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'tenders.0.amountCents': [expect.any(String)] } } });
    expect(await take([{ tender: 'card', amountCents: 100, points: 100 }])).toMatchObject({ code: 'invalid_input' });
    await c.program({ enabled: false });
    expect(await take([{ tender: 'points', points: 200 }])).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('switched off') });
    await c.program();
    const walkIn = await c.clinic.call('invoices.createDraft', { lines: [{ serviceId: c.services.botox }] });
    await c.clinic.call('invoices.issue', { id: walkIn.id });
    expect(await errorOf(c.clinic.call('payments.take', { invoiceId: walkIn.id, tenders: [{ tender: 'points', points: 200 }] }))).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('walk-in') });
    expect(await c.balance(lena)).toBe(500);
    expect(c.sql('SELECT count(*) AS n FROM payment')).toEqual([{ n: 0 }]);
  });

  it('shows points as their own line of the Z report, not as takings or cash', async () => {
    const c = await start();
    const lena = await c.patient('Lena');
    await c.clinic.call('loyalty.adjust', { patientId: lena, points: 400, reason: 'Welcome gift' });
    await c.pay(lena, [{ serviceId: c.services.consult }], [{ tender: 'points', points: 400 }, { tender: 'cash', amountCents: 3950 }]);
    const report = await c.clinic.call('closing.report', { scope: 'till' });
    const points = report.figures.tenders.find((t) => t.tender === 'points')!;
    expect(points).toMatchObject({ count: 1, takenCents: 2000, netCents: 2000 });
    expect(report.figures.pointsRedeemedCents).toBe(2000);
    expect(report.figures.takingsCents).toBe(3950);
    expect(report.figures.cash.takenCents).toBe(3950);
  });
});
