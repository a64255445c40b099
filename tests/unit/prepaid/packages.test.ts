import { afterEach, describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { openPrepaid, type PrepaidClinic } from './support';

let pc: PrepaidClinic | undefined;
afterEach(async () => {
  await pc?.clinic.close();
  pc = undefined;
});

describe('packages', () => {
  it('are sold as one line at the plan price with the service’s tax, held from issue, and redeemed at the next visit', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const lena = await pc.patient('Lena', 'Vogel');
    const { id } = await clinic.call('invoices.createDraft', { patientId: lena, lines: [{ packagePlanId: pc.laserSix, unitPriceCents: 1 }] });
    const draft = await clinic.call('invoices.get', { id });
    expect(draft.lines[0]).toMatchObject({ description: 'Laser legs ×6', unitPriceCents: 120_000, taxRateMillipercent: 19_000, packagePlanId: pc.laserSix, totalCents: 142_800 });
    expect(await clinic.call('packages.forPatient', { patientId: lena })).toEqual([]);
    await clinic.call('invoices.issue', { id });
    const [held] = await clinic.call('packages.forPatient', { patientId: lena });
    expect(held).toMatchObject({ name: 'Laser legs ×6', covers: 'Laser legs', units: 6, left: 6, used: 0, state: 'open', expiresOn: '2027-03-02' });
    await clinic.call('payments.take', { invoiceId: id, tenders: [{ tender: 'card', amountCents: 142_800 }] });

    await pc.travel('2026-04-02T09:00:00Z');
    const next = await pc.visit(lena, services.laser);
    const { invoice } = await clinic.call('payments.take', { invoiceId: next, tenders: [{ tender: 'package', patientPackageId: held.id }] });
    expect(invoice).toMatchObject({ paymentState: 'paid', dueCents: 0 });
    expect(invoice.payments[0]).toMatchObject({ tender: 'package', amountCents: 29_750, units: 1, patientPackageId: held.id, reference: 'Laser legs ×6 — 1 used, 5 left' });
    const [after] = await clinic.call('packages.forPatient', { patientId: lena });
    expect(after).toMatchObject({ left: 5, used: 1 });
    expect(after.entries.map((e) => [e.kind, e.units, e.invoiceId])).toEqual([
      ['sold', 6, id],
      ['redeemed', -1, next],
    ]);
  });

  it('refuse another patient’s, an exhausted, an expired, a non-covering package and more units than left, changing nothing', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const { lena, max, held } = await pc.holding();
    const rows = () => [clinic.count('payment'), clinic.count('packageEntry')];
    const refused = async (invoiceId: number, pattern: RegExp) => {
      const before = rows();
      const error = await errorOf(clinic.call('payments.take', { invoiceId, tenders: [{ tender: 'package', patientPackageId: held.id }] }));
      expect(error.code).toMatch(/invalid_input|not_found/);
      expect(JSON.stringify(error.details)).toMatch(pattern);
      expect(rows()).toEqual(before);
    };
    await refused(await pc.visit(max, services.laser), /another patient/);
    await refused(await pc.visit(lena, services.botox), /covers none/);
    await refused(await pc.visit(lena, services.laser, 7), /has 6 left, fewer than the 7/);
    const wrongAmount = await pc.visit(lena, services.laser);
    expect((await errorOf(clinic.call('payments.take', { invoiceId: wrongAmount, tenders: [{ tender: 'package', patientPackageId: held.id, amountCents: 100 }] }))).details).toMatchObject({
      fieldErrors: { 'tenders.0.amountCents': [expect.stringMatching(/29750/)] },
    });
    await clinic.call('payments.take', { invoiceId: await pc.visit(lena, services.laser, 6), tenders: [{ tender: 'package', patientPackageId: held.id }] });
    await refused(await pc.visit(lena, services.laser), /used up/);

    const second = await pc.sell(lena, [{ packagePlanId: pc.laserSix }]);
    const fresh = (await clinic.call('packages.forPatient', { patientId: lena })).find((p) => p.saleInvoiceId === second)!;
    await pc.travel('2027-03-03T09:00:00Z'); // a day past its last day in Berlin
    const late = await pc.visit(lena, services.laser);
    expect(JSON.stringify((await errorOf(clinic.call('payments.take', { invoiceId: late, tenders: [{ tender: 'package', patientPackageId: fresh.id }] }))).details)).toMatch(/expired on 2027-03-02/);
    expect((await clinic.call('packages.forPatient', { patientId: lena })).find((p) => p.id === fresh.id)!.state).toBe('expired');
  });

  it('transfer what is left to another patient only when the plan allows, by a manager, audited', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const { lena, max, held } = await pc.holding();
    await clinic.call('payments.take', { invoiceId: await pc.visit(lena, services.laser, 2), tenders: [{ tender: 'package', patientPackageId: held.id }] });

    const desk = await clinic.as('frontDesk');
    expect((await errorOf(desk.call('packages.transfer', { patientPackageId: held.id, toPatientId: max, reason: 'Gift to husband' }))).code).toBe('forbidden');
    const moved = await clinic.call('packages.transfer', { patientPackageId: held.id, toPatientId: max, reason: 'Gift to husband' });
    expect(moved).toMatchObject({ patientId: max, left: 4, expiresOn: held.expiresOn, state: 'open' });
    expect((await clinic.call('packages.forPatient', { patientId: lena }))[0]).toMatchObject({ left: 0, state: 'closed' });
    expect(pc.sql<{ summary: string }>("SELECT summary FROM audit WHERE entity = 'patientPackage'")[0].summary).toMatch(/Transferred 4 of Laser legs/);
    await clinic.call('payments.take', { invoiceId: await pc.visit(max, services.laser), tenders: [{ tender: 'package', patientPackageId: moved.id }] });

    const fixed = await clinic.call('packagePlans.save', { name: 'Botox 100 units', serviceId: services.botox, units: 100, priceCents: 90_000, validityDays: 180 });
    await pc.sell(lena, [{ packagePlanId: fixed.id }]);
    const botox = (await clinic.call('packages.forPatient', { patientId: lena })).find((p) => p.planId === fixed.id)!;
    const before = clinic.count('packageEntry');
    expect((await errorOf(clinic.call('packages.transfer', { patientPackageId: botox.id, toPatientId: max, reason: 'Please' }))).message).toMatch(/cannot be transferred/);
    expect(clinic.count('packageEntry')).toBe(before);
  });

  it('refund unused sessions pro rata on a credit note; used sessions given back by refunding the visit; nothing redeemable afterwards', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const lena = await pc.patient('Lena');
    const sale = await pc.sell(lena, [{ packagePlanId: pc.laserSix }]);
    const [held] = await clinic.call('packages.forPatient', { patientId: lena });
    const used = await pc.visit(lena, services.laser, 2);
    await clinic.call('payments.take', { invoiceId: used, tenders: [{ tender: 'package', patientPackageId: held.id }] });

    // Refunding one of the two laser units of the visit puts one session back on the package.
    const visit = await clinic.call('invoices.get', { id: used });
    await clinic.call('creditNotes.create', { invoiceId: used, lines: [{ invoiceLineId: visit.lines[0].id, quantity: 1 }], reason: 'Session not done', refundTo: 'originalTender' });
    expect((await clinic.call('packages.forPatient', { patientId: lena }))[0]).toMatchObject({ left: 5, used: 1 });

    const sold = await clinic.call('invoices.get', { id: sale });
    const { creditNote, refundedCents } = await clinic.call('creditNotes.create', { invoiceId: sale, lines: [{ invoiceLineId: sold.lines[0].id, quantity: 1 }], reason: 'Moving away', refundTo: 'originalTender' });
    // 5 of 6 sessions unused: 1,428.00 × 5 ÷ 6 = 1,190.00 back to the card.
    expect(creditNote.totalCents).toBe(119_000);
    expect(refundedCents).toBe(119_000);
    const [after] = await clinic.call('packages.forPatient', { patientId: lena });
    expect(after).toMatchObject({ left: 0, state: 'closed' });
    expect(after.entries.at(-1)).toMatchObject({ kind: 'refunded', units: -5 });
    const again = await pc.visit(lena, services.laser);
    expect((await errorOf(clinic.call('payments.take', { invoiceId: again, tenders: [{ tender: 'package', patientPackageId: held.id }] }))).code).toBe('invalid_input');
    expect((await errorOf(clinic.call('creditNotes.create', { invoiceId: sale, lines: [{ invoiceLineId: sold.lines[0].id, quantity: 1 }], reason: 'Again', refundTo: 'originalTender' }))).code).toBe('invalid_input');
  });

  it('are taken back when the selling invoice goes back to draft or is voided, unless used; need a patient to be issued', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const lena = await pc.patient('Lena');
    const { id } = await clinic.call('invoices.createDraft', { patientId: lena, lines: [{ packagePlanId: pc.laserSix }] });
    await clinic.call('invoices.issue', { id });
    await clinic.call('invoices.backToDraft', { id });
    expect((await clinic.call('packages.forPatient', { patientId: lena }))[0]).toMatchObject({ left: 0, state: 'closed' });
    await clinic.call('invoices.issue', { id });
    const open = (await clinic.call('packages.forPatient', { patientId: lena })).filter((p) => p.state === 'open');
    expect(open).toHaveLength(1);
    await clinic.call('payments.take', { invoiceId: await pc.visit(lena, services.laser), tenders: [{ tender: 'package', patientPackageId: open[0].id }] });
    expect((await errorOf(clinic.call('invoices.backToDraft', { id }))).message).toMatch(/already used/);
    await clinic.call('invoices.void', { id, reason: 'Sold by mistake' });
    expect((await clinic.call('packages.forPatient', { patientId: lena })).every((p) => p.left === 0)).toBe(true);

    const walkIn = await clinic.call('invoices.createDraft', { lines: [{ packagePlanId: pc.laserSix }] });
    expect((await errorOf(clinic.call('invoices.issue', { id: walkIn.id }))).message).toMatch(/choose the patient/);
    expect((await clinic.call('invoices.get', { id: walkIn.id })).status).toBe('draft');
    expect((await errorOf(clinic.call('invoices.saveDraft', { id: walkIn.id, lines: [{ packagePlanId: pc.laserSix, quantity: 2 }] }))).details).toMatchObject({ fieldErrors: { 'lines.0.quantity': [expect.any(String)] } });
    expect((await errorOf(clinic.call('invoices.saveDraft', { id: walkIn.id, lines: [{ packagePlanId: pc.laserSix, serviceId: services.laser }] }))).code).toBe('invalid_input');
  });

  it('are sold and redeemed by checkout.commit too: one call issues and pays, a package line held, a visit paid by the package', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const lena = await pc.patient('Lena');
    const sold = await clinic.call('checkout.commit', { patientId: lena, lines: [{ packagePlanId: pc.laserSix }], tenders: [{ tender: 'card', amountCents: 142_800 }] });
    expect(sold.invoice.paymentState).toBe('paid');
    const [held] = await clinic.call('packages.forPatient', { patientId: lena });
    expect(held).toMatchObject({ left: 6, saleInvoiceId: sold.invoice.id });
    const visit = await clinic.call('checkout.commit', { patientId: lena, lines: [{ serviceId: services.laser }], tenders: [{ tender: 'package', patientPackageId: held.id }] });
    expect(visit.invoice).toMatchObject({ paymentState: 'paid', dueCents: 0 });
    expect((await clinic.call('packages.forPatient', { patientId: lena }))[0].left).toBe(5);
  });

  it('plans are a manager’s: front desk can list but not define them; a plan covers one service or one category', async () => {
    pc = await openPrepaid();
    const { clinic, services } = pc;
    const desk = await clinic.as('frontDesk');
    expect((await desk.call('packagePlans.list', {})).map((p) => p.name)).toEqual(['Laser legs ×6']);
    expect((await errorOf(desk.call('packagePlans.save', { name: 'X', serviceId: services.laser, units: 1, priceCents: 1, validityDays: 1 }))).code).toBe('forbidden');
    const categories = await clinic.call('catalog.categories', {});
    const neuro = categories.find((c) => c.name === 'Neurotoxin')!.id;
    expect((await errorOf(clinic.call('packagePlans.save', { name: 'Both', serviceId: services.laser, categoryId: neuro, units: 1, priceCents: 1, validityDays: 1 }))).code).toBe('invalid_input');
    const plan = await clinic.call('packagePlans.save', { name: 'Any toxin ×3', categoryId: neuro, units: 3, priceCents: 70_000, validityDays: 200 });
    expect(plan.covers).toBe('Any Neurotoxin');
    await clinic.call('packagePlans.save', { id: plan.id, name: plan.name, categoryId: neuro, units: 3, priceCents: 70_000, validityDays: 200, active: false });
    expect((await clinic.call('packagePlans.list', {})).map((p) => p.name)).toEqual(['Laser legs ×6']);
    const { id } = await clinic.call('invoices.createDraft', {});
    expect((await errorOf(clinic.call('invoices.saveDraft', { id, lines: [{ packagePlanId: plan.id }] }))).message).toMatch(/no longer sold/);
  });
});
