import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, STAFF_PASSWORD } from '../../support/clinic';
import { errorOf } from '../scheduling/calendar';
import { type Shop, openShop } from './shop';

let shop: Shop | undefined;
afterEach(async () => {
  await shop?.clinic.close();
  shop = undefined;
});

/** A front desk with a draft (botox 300.00 + filler 400.00) and a manager who can approve. */
async function deskWithDraft() {
  shop = await openShop();
  const desk = await shop.clinic.as('frontDesk', 'fiona');
  await shop.clinic.as('manager', 'maria');
  const patientId = await shop.patient();
  const draft = await desk.call('invoices.createDraft', { patientId });
  const lines = (botoxBasisPoints: number) => [{ serviceId: shop!.services.botox, discount: { kind: 'percent' as const, basisPoints: botoxBasisPoints } }, { serviceId: shop!.services.filler }];
  return { shop, desk, draft, lines };
}

const failedLogins = (s: Shop, username: string) => s.clinic.lumen.runtime.sqlite.prepare('SELECT failedLogins FROM staff WHERE username = ?').pluck().get(username);

describe('discount approval', () => {
  it('front desk gives up to its limit alone; above it the draft is refused unchanged until a manager signs in to approve', async () => {
    const { shop, desk, draft, lines } = await deskWithDraft();
    expect((await desk.call('invoices.saveDraft', { id: draft.id, lines: lines(1000) })).discountCents).toBe(3000);

    const before = await desk.call('invoices.get', { id: draft.id });
    const refused = await errorOf(desk.call('invoices.saveDraft', { id: draft.id, lines: lines(2500) }));
    expect(refused).toMatchObject({ code: 'approval_required', message: expect.stringMatching(/Line 1’s discount is above what front desk may give/) });
    expect(await desk.call('invoices.get', { id: draft.id })).toEqual(before);

    const approved = await desk.call('invoices.saveDraft', { id: draft.id, lines: lines(2500), approval: { username: 'maria', password: STAFF_PASSWORD } });
    expect(approved.discountCents).toBe(7500);
    const audit = await shop.clinic.call('audit.list', { entity: 'invoice', entityId: String(draft.id) });
    expect(audit.map((a) => a.summary)).toContainEqual(expect.stringMatching(/approved a discount of 7500 \(minor units\) for frontDesk/));

    // The approval stands while the discount stays within it; more needs a new one.
    expect((await desk.call('invoices.saveDraft', { id: draft.id, lines: lines(2000), notes: 'Loyal patient' })).discountCents).toBe(6000);
    expect(await errorOf(desk.call('invoices.saveDraft', { id: draft.id, lines: lines(3000) }))).toMatchObject({ code: 'approval_required' });
  });

  it('a wrong password is refused and counted (lockout rules apply); an approver whose own limit is too low is refused', async () => {
    const { shop, desk, draft, lines } = await deskWithDraft();
    const before = await desk.call('invoices.get', { id: draft.id });
    const wrong = await errorOf(desk.call('invoices.saveDraft', { id: draft.id, lines: lines(2500), approval: { username: 'maria', password: 'not her password' } }));
    expect(wrong).toMatchObject({ code: 'forbidden', message: 'Wrong username or password for the discount approval.' });
    expect(failedLogins(shop, 'maria')).toBe(1);
    expect(await desk.call('invoices.get', { id: draft.id })).toEqual(before);
    for (let i = 0; i < 4; i++) await errorOf(desk.call('invoices.saveDraft', { id: draft.id, lines: lines(2500), approval: { username: 'maria', password: 'still wrong' } }));
    const locked = await errorOf(desk.call('invoices.saveDraft', { id: draft.id, lines: lines(2500), approval: { username: 'maria', password: STAFF_PASSWORD } }));
    expect(locked.code).toBe('account_locked');
    expect(await desk.call('invoices.get', { id: draft.id })).toEqual(before);

    await shop.clinic.as('frontDesk', 'fred');
    const tooLow = await errorOf(desk.call('invoices.saveDraft', { id: draft.id, lines: lines(2500), approval: { username: 'fred', password: STAFF_PASSWORD } }));
    expect(tooLow).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/may not approve line 1’s discount either/) });
    // A manager's own limit (30 %) does not cover 50 %: only an owner approves that.
    await shop.clinic.as('manager', 'mark');
    const manager = await errorOf(desk.call('invoices.saveDraft', { id: draft.id, lines: lines(5000), approval: { username: 'mark', password: STAFF_PASSWORD } }));
    expect(manager).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/manager \d+ may not approve/) });
    expect((await desk.call('invoices.saveDraft', { id: draft.id, lines: lines(5000), approval: { username: 'olivia', password: OWNER.password } })).discountCents).toBe(15_000);
  });

  it('limits are the manager’s setting, per line and per invoice, in percent and amount; a coupon within its rules needs no approval', async () => {
    const { shop, desk, draft } = await deskWithDraft();
    const manager = await shop.clinic.as('manager');
    await expect(desk.call('discountLimits.save', { role: 'frontDesk', lineBasisPoints: 5000, lineCents: null, invoiceBasisPoints: null, invoiceCents: null })).rejects.toMatchObject({ code: 'forbidden' });
    await manager.call('discountLimits.save', { role: 'frontDesk', lineBasisPoints: null, lineCents: null, invoiceBasisPoints: 1000, invoiceCents: 2000 });
    expect((await desk.call('discountLimits.list', {})).find((l) => l.role === 'frontDesk')).toEqual({ role: 'frontDesk', lineBasisPoints: null, lineCents: null, invoiceBasisPoints: 1000, invoiceCents: 2000 });
    const lines = [{ serviceId: shop.services.botox }, { serviceId: shop.services.filler }];
    // 20.00 off 700.00 is within both invoice limits; 25.00 is over the amount though only 3.6 %.
    expect((await desk.call('invoices.saveDraft', { id: draft.id, lines, discount: { kind: 'amount', cents: 2000 } })).discountCents).toBe(2000);
    expect(await errorOf(desk.call('invoices.saveDraft', { id: draft.id, lines, discount: { kind: 'amount', cents: 2500 } }))).toMatchObject({ code: 'approval_required', message: expect.stringMatching(/The invoice discount/) });

    const campaignId = await shop.campaign();
    await shop.coupon({ campaignId, code: 'HALF', discount: { kind: 'percent', basisPoints: 5000 } });
    expect((await desk.call('invoices.saveDraft', { id: draft.id, lines, couponCode: 'HALF' })).discountCents).toBe(35_000);
  });
});
