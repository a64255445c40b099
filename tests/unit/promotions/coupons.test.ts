import { afterEach, describe, expect, it } from 'vitest';
import { OWNER } from '../../support/clinic';
import { errorOf } from '../scheduling/calendar';
import { type Shop, openShop } from './shop';

let shop: Shop | undefined;
afterEach(async () => {
  await shop?.clinic.close();
  shop = undefined;
});

/** A draft for a patient (or a walk-in) with botox and filler lines. */
async function draftFor(s: Shop, patientId: number | null) {
  const draft = await s.clinic.call('invoices.createDraft', patientId === null ? {} : { patientId });
  const lines = [{ serviceId: s.services.botox }, { serviceId: s.services.filler }];
  return { id: draft.id, lines, save: (couponCode: string | null | undefined, more = {}) => s.clinic.call('invoices.saveDraft', { id: draft.id, lines, couponCode, ...more }) };
}

/** A refused call changed nothing: the draft and the redemption ledger are as they were. */
async function expectRefusedUnchanged(s: Shop, invoiceId: number, call: Promise<unknown>, code: string, message: RegExp) {
  const before = await s.clinic.call('invoices.get', { id: invoiceId });
  const redemptions = s.clinic.count('couponRedemption');
  const error = await errorOf(call);
  expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  expect(await s.clinic.call('invoices.get', { id: invoiceId })).toEqual(before);
  expect(s.clinic.count('couponRedemption')).toBe(redemptions);
}

/** Moves the clock and unlocks the desk the idle lock closed meanwhile. */
async function travel(s: Shop, instant: string) {
  s.clinic.clock.set(instant);
  await s.clinic.call('auth.unlock', { password: OWNER.password });
}

describe('coupons at the desk', () => {
  it('take their discount off the eligible lines only, case-insensitively, and show on the invoice', async () => {
    shop = await openShop();
    const campaignId = await shop.campaign();
    await shop.coupon({ campaignId, code: 'TOX20', categoryIds: [shop.categories.neurotoxin] });
    const patient = await shop.patient();
    const draft = await draftFor(shop, patient);
    const saved = await draft.save('tox20');
    // 20 % of the 300.00 botox line; the 400.00 filler is not in the category.
    expect(saved.lines.map((l) => l.discountCents)).toEqual([6000, 0]);
    expect(saved).toMatchObject({ discountCents: 6000, totalCents: 64_000, coupon: { code: 'TOX20', name: 'Spring', discountCents: 6000, categoryIds: [shop.categories.neurotoxin] } });
    // Saving again without the code keeps it; null removes it.
    expect((await shop.clinic.call('invoices.saveDraft', { id: draft.id, lines: draft.lines })).coupon?.code).toBe('TOX20');
    expect(await draft.save(null)).toMatchObject({ coupon: null, discountCents: 0, totalCents: 70_000 });
  });

  it('an amount coupon never takes more than the eligible lines come to, and the invoice discount applies after it', async () => {
    shop = await openShop();
    const campaignId = await shop.campaign();
    await shop.coupon({ campaignId, code: 'BIG-500', discount: { kind: 'amount', cents: 50_000 }, serviceIds: [shop.services.botox] });
    const draft = await draftFor(shop, await shop.patient());
    const saved = await draft.save('BIG-500', { discount: { kind: 'percent', basisPoints: 1000 } });
    expect(saved.lines[0]).toMatchObject({ grossCents: 30_000, discountCents: 30_000, totalCents: 0 });
    // 10 % of what is left (the filler's 400.00), all of it on the filler.
    expect(saved.lines[1]).toMatchObject({ discountCents: 4000, totalCents: 36_000 });
    expect(saved.coupon?.discountCents).toBe(30_000);
  });

  it('refuse an unknown code, one not yet valid or expired, an inactive one, a sale without an eligible line and one below the minimum spend', async () => {
    shop = await openShop();
    const campaignId = await shop.campaign();
    const patient = await shop.patient();
    const draft = await draftFor(shop, patient);
    await shop.coupon({ campaignId, code: 'LATER', validFrom: '2026-04-01', validTo: '2026-04-30' });
    await shop.coupon({ campaignId, code: 'OLD', validFrom: '2026-02-01', validTo: '2026-02-28' });
    const off = await shop.coupon({ campaignId, code: 'OFF' });
    await shop.clinic.call('coupons.setActive', { id: off.id, active: false });
    await shop.coupon({ campaignId, code: 'CONSULT', serviceIds: [shop.services.consult] });
    await shop.coupon({ campaignId, code: 'MIN1000', minSpendCents: 100_000 });

    await expectRefusedUnchanged(shop, draft.id, draft.save('NOPE'), 'not_found', /no coupon with the code NOPE/);
    await expectRefusedUnchanged(shop, draft.id, draft.save('LATER'), 'conflict', /valid from 2026-04-01/);
    await expectRefusedUnchanged(shop, draft.id, draft.save('OLD'), 'conflict', /expired on 2026-02-28/);
    await expectRefusedUnchanged(shop, draft.id, draft.save('off'), 'conflict', /no longer active/);
    await expectRefusedUnchanged(shop, draft.id, draft.save('CONSULT'), 'invalid_input', /does not apply to any line/);
    await expectRefusedUnchanged(shop, draft.id, draft.save('MIN1000'), 'invalid_input', /at least 100000.*this sale is 70000/);
    const error = await errorOf(draft.save('NOPE'));
    expect(error.details).toMatchObject({ fieldErrors: { couponCode: [expect.any(String)] } });
  });

  it('are limited in total and per patient; a walk-in cannot use a per-patient coupon; uses are checked again at issue', async () => {
    shop = await openShop();
    const campaignId = await shop.campaign();
    await shop.coupon({ campaignId, code: 'ONCE', maxUsesPerPatient: 1 });
    await shop.coupon({ campaignId, code: 'TWO', maxUses: 2 });
    const ana = await shop.patient('Ana');
    const ben = await shop.patient('Ben');

    const walkIn = await draftFor(shop, null);
    await expectRefusedUnchanged(shop, walkIn.id, walkIn.save('ONCE'), 'conflict', /limited per patient: choose the patient first/);

    const first = await draftFor(shop, ana);
    await first.save('ONCE');
    await shop.clinic.call('invoices.issue', { id: first.id });
    const again = await draftFor(shop, ana);
    await expectRefusedUnchanged(shop, again.id, again.save('ONCE'), 'conflict', /already used the coupon ONCE/);
    const other = await draftFor(shop, ben);
    expect((await other.save('ONCE')).coupon?.code).toBe('ONCE');

    // Three drafts take TWO while it has uses left; the third to be issued finds it used up and stays a draft.
    const drafts = [await draftFor(shop, ana), await draftFor(shop, ben), await draftFor(shop, await shop.patient('Cleo'))];
    for (const d of drafts) await d.save('TWO');
    await shop.clinic.call('invoices.issue', { id: drafts[0].id });
    await shop.clinic.call('invoices.issue', { id: drafts[1].id });
    const refused = await errorOf(shop.clinic.call('invoices.issue', { id: drafts[2].id }));
    expect(refused).toMatchObject({ code: 'conflict', message: expect.stringMatching(/TWO has been used up/) });
    expect(await shop.clinic.call('invoices.get', { id: drafts[2].id })).toMatchObject({ status: 'draft', number: null });
    // Voiding one gives its use back: the third can now be issued.
    await shop.clinic.call('invoices.void', { id: drafts[0].id, reason: 'Wrong patient' });
    expect((await shop.clinic.call('invoices.issue', { id: drafts[2].id })).status).toBe('issued');
  });

  it('record each redemption as an entry on issue, reversed by an entry on back to draft and on void', async () => {
    shop = await openShop();
    const campaignId = await shop.campaign();
    const coupon = await shop.coupon({ campaignId, code: 'SPRING' });
    const patient = await shop.patient();
    const draft = await draftFor(shop, patient);
    await draft.save('SPRING');
    const rows = () => shop!.clinic.lumen.runtime.sqlite.prepare('SELECT uses, discountCents, patientId FROM couponRedemption ORDER BY id').all();
    expect(rows()).toEqual([]);
    await shop.clinic.call('invoices.issue', { id: draft.id });
    await shop.clinic.call('invoices.backToDraft', { id: draft.id });
    await shop.clinic.call('invoices.issue', { id: draft.id });
    await shop.clinic.call('invoices.void', { id: draft.id, reason: 'Entered twice' });
    expect(rows()).toEqual([
      { uses: 1, discountCents: 14_000, patientId: patient },
      { uses: -1, discountCents: -14_000, patientId: patient },
      { uses: 1, discountCents: 14_000, patientId: patient },
      { uses: -1, discountCents: -14_000, patientId: patient },
    ]);
    const [listed] = (await shop.clinic.call('campaigns.list', {}))[0].coupons;
    expect(listed).toMatchObject({ id: coupon.id, uses: 0, discountGivenCents: 0, sharedCode: 'SPRING' });
  });

  it('are redeemed when the desk finishes the sale in one step (checkout.commit), and a used-up coupon refuses the whole sale', async () => {
    shop = await openShop();
    const campaignId = await shop.campaign();
    await shop.coupon({ campaignId, code: 'SOLO', maxUses: 1 });
    const [first, second] = [await draftFor(shop, await shop.patient()), await draftFor(shop, await shop.patient())];
    await first.save('SOLO');
    await second.save('SOLO');
    const sold = await shop.clinic.call('checkout.commit', { id: first.id, tenders: [{ tender: 'card', amountCents: 56_000 }] });
    expect(sold.invoice).toMatchObject({ status: 'issued', paymentState: 'paid', coupon: { code: 'SOLO', discountCents: 14_000 } });
    expect(shop.clinic.count('couponRedemption')).toBe(1);
    const payments = shop.clinic.count('payment');
    await expect(shop.clinic.call('checkout.commit', { id: second.id, tenders: [{ tender: 'card', amountCents: 56_000 }] })).rejects.toMatchObject({ code: 'conflict' });
    expect(shop.clinic.count('payment')).toBe(payments);
    expect((await shop.clinic.call('invoices.get', { id: second.id })).status).toBe('draft');
  });

  it('keep their window in clinic-local dates across both daylight-saving changes', async () => {
    shop = await openShop('2026-03-29T21:59:00Z');
    const campaignId = await shop.campaign();
    await shop.coupon({ campaignId, code: 'MARCH', validFrom: '2026-03-01', validTo: '2026-03-29' });
    await shop.coupon({ campaignId, code: 'AUTUMN', validFrom: '2026-10-25', validTo: '2026-10-31' });
    const draft = await draftFor(shop, await shop.patient());
    // 23:59 on Sunday 29 March in Berlin (summer time began that morning): the last minute of MARCH.
    expect((await draft.save('MARCH')).coupon?.code).toBe('MARCH');
    await travel(shop, '2026-03-29T22:00:00Z'); // 00:00 on the 30th in Berlin, though still the 29th in UTC
    await expectRefusedUnchanged(shop, draft.id, draft.save(undefined), 'conflict', /expired on 2026-03-29/);
    await travel(shop, '2026-10-24T21:59:00Z'); // 23:59 on the 24th (summer time)
    await expectRefusedUnchanged(shop, draft.id, draft.save('AUTUMN'), 'conflict', /valid from 2026-10-25/);
    await travel(shop, '2026-10-24T22:00:00Z'); // 00:00 on Sunday the 25th, the day winter time begins
    expect((await draft.save('AUTUMN')).coupon?.code).toBe('AUTUMN');
  });
});

describe('coupon management', () => {
  it('a manager extends a coupon’s expiry (audited); front desk cannot; codes are unique whatever their case', async () => {
    shop = await openShop();
    const campaignId = await shop.campaign();
    const coupon = await shop.coupon({ campaignId, code: 'Summer-10' });
    await expect(shop.coupon({ campaignId, code: 'SUMMER-10' })).rejects.toMatchObject({ code: 'conflict' });
    const manager = await shop.clinic.as('manager');
    expect((await manager.call('coupons.extend', { id: coupon.id, validTo: '2026-04-30' })).validTo).toBe('2026-04-30');
    await expect(manager.call('coupons.extend', { id: coupon.id, validTo: '2026-04-01' })).rejects.toMatchObject({ code: 'invalid_input' });
    const desk = await shop.clinic.as('frontDesk');
    await expect(desk.call('coupons.extend', { id: coupon.id, validTo: '2026-05-31' })).rejects.toMatchObject({ code: 'forbidden' });
    const audit = await shop.clinic.call('audit.list', { entity: 'coupon' });
    expect(JSON.stringify(audit)).toContain('Extended the coupon Spring from 2026-03-31 to 2026-04-30');
  });

  it('e-coupons: one unique code per patient, usable once and only by that patient', async () => {
    shop = await openShop();
    const campaignId = await shop.campaign();
    const coupon = await shop.coupon({ campaignId });
    const [ana, ben] = [await shop.patient('Ana'), await shop.patient('Ben')];
    const codes = await shop.clinic.call('coupons.issueCodes', { couponId: coupon.id, patientIds: [ana, ben] });
    expect(codes.map((c) => c.patientId)).toEqual([ana, ben]);
    expect(new Set(codes.map((c) => c.code)).size).toBe(2);
    const benDraft = await draftFor(shop, ben);
    await expectRefusedUnchanged(shop, benDraft.id, benDraft.save(codes[0].code), 'conflict', /issued to another patient/);
    const anaDraft = await draftFor(shop, ana);
    await anaDraft.save(codes[0].code.toLowerCase());
    await shop.clinic.call('invoices.issue', { id: anaDraft.id });
    const second = await draftFor(shop, ana);
    await expectRefusedUnchanged(shop, second.id, second.save(codes[0].code), 'conflict', /already been used/);
  });
});
