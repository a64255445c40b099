import { arrangeClinic, at, call, expect, openCalendarDay, signIn, test } from './arrange';

test('the front desk checks out a finished two-service visit with a coupon, splits the payment between card and stored value, and prints the receipt', async ({ page, lumen }) => {
  // Ána had Botox with Dr Prax and a HydraFacial with Noah. She holds 50.00 of store credit from a returned product,
  // and the spring campaign's SPRING25 takes 25 % off neurotoxin.
  const { clinic, extra: visitId } = await arrangeClinic(page, lumen, async (c) => {
    const retail = await call<{ id: number; lines: { id: number }[] }>(page, 'invoices.createDraft', { patientId: c.ana.id, lines: [{ description: 'Serum', unitPriceCents: 5000 }] });
    await call(page, 'invoices.issue', { id: retail.id });
    await call(page, 'payments.take', { invoiceId: retail.id, tenders: [{ tender: 'card', amountCents: 5000 }] });
    await call(page, 'creditNotes.create', { invoiceId: retail.id, lines: [{ invoiceLineId: retail.lines[0].id, quantity: 1 }], reason: 'Returned unopened', refundTo: 'storeCredit' });

    const categories = await call<{ id: number; name: string }[]>(page, 'catalog.categories', {});
    const { id: campaignId } = await call<{ id: number }>(page, 'campaigns.save', { name: 'Spring glow', channel: 'Instagram', costCents: 30_000 });
    await call(page, 'coupons.save', {
      campaignId,
      name: 'Spring neurotoxin',
      code: 'SPRING25',
      discount: { kind: 'percent', basisPoints: 2500 },
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
      maxUsesPerPatient: 1,
      categoryIds: [categories.find((k) => k.name === 'Neurotoxin')!.id],
    });

    const { id } = await call<{ id: number }>(page, 'appointments.book', {
      patientId: c.ana.id,
      segments: [
        { serviceId: c.services.botox.id, staffId: c.pia.id, roomId: c.rooms.treatment, startsAt: at(c.date, '10:00') },
        { serviceId: c.services.hydra.id, staffId: c.noah.id, roomId: c.rooms.treatment, startsAt: at(c.date, '10:30') },
      ],
    });
    for (const status of ['arrived', 'inTreatment', 'completed']) await call(page, 'appointments.setStatus', { id, status });
    return id;
  });

  await signIn(page, clinic.desk);
  await openCalendarDay(page, clinic.date);
  await page.locator(`[data-testid="appointment-card"][data-appointment-id="${visitId}"]`).first().click();
  await page.getByTestId('appointment-checkout').click();
  const invoice = page.getByTestId('invoice-page');
  await expect(invoice.getByTestId('line-description-1')).toHaveValue(clinic.services.hydra.name);
  await expect(invoice.getByTestId('totals-total')).toContainText('440.00');

  // A code that does not exist is refused beside the field; the real one, typed in lower case, takes 70.00 off the Botox only.
  await invoice.getByTestId('coupon-code').fill('SPRING52');
  await invoice.getByTestId('coupon-apply').click();
  await expect(invoice).toContainText('There is no coupon with the code SPRING52');
  await invoice.getByTestId('coupon-code').fill('spring25');
  await invoice.getByTestId('coupon-apply').click();
  await expect(invoice.getByTestId('totals-coupon')).toContainText('SPRING25');
  await expect(invoice.getByTestId('totals-coupon')).toContainText('70.00');
  await expect(invoice.getByTestId('line-total-0')).toContainText('210.00');
  await expect(invoice.getByTestId('line-total-1')).toContainText('160.00');
  await expect(invoice.getByTestId('totals-total')).toContainText('370.00');

  await invoice.getByTestId('invoice-issue').click();
  await expect(invoice.getByTestId('invoice-status')).toHaveText('Issued');

  // 320.00 on the card, the last 50.00 from her stored value.
  await invoice.getByTestId('take-payment').click();
  const pay = page.getByTestId('payment-dialog');
  await expect(pay.getByTestId('stored-value')).toContainText('50.00');
  await pay.getByTestId('tender-kind-0').selectOption('card');
  await pay.getByTestId('tender-amount-0').fill('320');
  await pay.getByTestId('tender-add').click();
  await pay.getByTestId('tender-kind-1').selectOption('storedValue');
  await pay.getByTestId('tender-amount-1').fill('50');
  await expect(pay.getByTestId('payment-left')).toHaveText('Pays in full');
  await pay.getByTestId('payment-submit').click();
  await expect(pay).toBeHidden();
  await expect(invoice.getByTestId('invoice-payment-state')).toHaveText('Paid');

  // The receipt shows the coupon and both tenders.
  await invoice.getByTestId('print-receipt').click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('totals-coupon')).toContainText('SPRING25');
  await expect(receipt.getByTestId('totals-coupon')).toContainText('70.00');
  await expect(receipt.getByTestId('receipt-totals')).toContainText('370.00');
  await expect(receipt.getByTestId('receipt-payments')).toContainText('Card: €320.00');
  await expect(receipt.getByTestId('receipt-payments')).toContainText('Stored value: €50.00');

  // Her profile now says she has made a deal, and owes nothing.
  await page.goto(new URL(`#/patients/${clinic.ana.id}`, page.url()).href);
  await expect(page.getByTestId('deal-badge')).toHaveText('First deal');
  await expect(page.getByTestId('arrears-badge')).toBeHidden();
});

test('a discount above the front desk’s limit waits for a manager to sign in beside the draft', async ({ page, lumen }) => {
  const { clinic, extra: invoiceId } = await arrangeClinic(page, lumen, async (c) =>
    (await call<{ id: number }>(page, 'invoices.createDraft', { patientId: c.ana.id, lines: [{ serviceId: c.services.botox.id, staffId: c.pia.id }] })).id,
  );
  await signIn(page, clinic.desk);
  await page.goto(new URL(`#/invoices/${invoiceId}`, page.url()).href);
  const invoice = page.getByTestId('invoice-page');
  await invoice.getByTestId('line-discount-kind-0').selectOption('percent');
  await invoice.getByTestId('line-discount-0').fill('25');
  await expect(invoice.getByTestId('totals-total')).toContainText('210.00');
  await invoice.getByTestId('draft-save').click();

  // 25 % is above the desk's 10 %: the manager signs in right here; a wrong password is refused first.
  const approval = invoice.getByTestId('approval-panel');
  await expect(approval).toContainText('above what front desk may give');
  await approval.getByTestId('approval-username').fill(clinic.manager.username);
  await approval.getByTestId('approval-password').fill('not the password');
  await approval.getByTestId('approval-submit').click();
  await expect(approval).toContainText('Wrong username or password for the discount approval');
  await approval.getByTestId('approval-password').fill(clinic.manager.password);
  await approval.getByTestId('approval-submit').click();
  await expect(approval).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('invoice-page').getByTestId('totals-discount')).toContainText('70.00');
});

test('the manager runs a campaign: a coupon with a shared code, its expiry extended, and e-coupons for repeat customers', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    // Ána has bought twice: a repeat customer.
    for (let i = 0; i < 2; i++) {
      const draft = await call<{ id: number }>(page, 'invoices.createDraft', { patientId: c.ana.id, lines: [{ serviceId: c.services.botox.id }] });
      await call(page, 'invoices.issue', { id: draft.id });
    }
  });
  await signIn(page, clinic.manager);
  await page.goto(new URL('#/promotions', page.url()).href);
  await page.getByTestId('campaign-add').click();
  const campaign = page.getByTestId('campaign-dialog');
  await campaign.getByTestId('campaign-name').fill('Winter glow');
  await campaign.getByTestId('campaign-channel').fill('Newsletter');
  await campaign.getByTestId('campaign-cost').fill('450');
  await campaign.getByTestId('campaign-save').click();
  await expect(page.getByTestId('campaign-card')).toContainText('Winter glow');

  await page.getByTestId('coupon-add').click();
  const coupon = page.getByTestId('coupon-dialog');
  await coupon.getByTestId('coupon-name').fill('Winter facial');
  await coupon.getByTestId('coupon-shared-code').fill('WINTER15');
  await coupon.getByTestId('coupon-value').fill('15');
  await coupon.getByTestId('coupon-from').fill('2026-01-01');
  await coupon.getByTestId('coupon-to').fill('2026-01-31');
  await coupon.getByTestId('coupon-save').click();
  await expect(page.getByTestId('coupon-row')).toContainText('WINTER15');

  await page.getByTestId('coupon-extend').click();
  await page.getByTestId('extend-to').fill('2026-02-28');
  await page.getByTestId('extend-save').click();
  await expect(page.getByTestId('coupon-row')).toContainText('Feb');

  // A coupon without a shared code goes out as e-coupons: one code for each repeat customer.
  await page.getByTestId('coupon-add').click();
  await coupon.getByTestId('coupon-name').fill('Thank you');
  await coupon.getByTestId('coupon-kind').selectOption('amount');
  await coupon.getByTestId('coupon-value').fill('25');
  await coupon.getByTestId('coupon-save').click();
  await page.getByTestId('coupon-ecoupons').click();
  await page.getByTestId('ecoupon-status').selectOption('repeat');
  await page.getByTestId('ecoupon-issue').click();
  await expect(page.getByTestId('ecoupon-list')).toContainText(clinic.ana.name);
  await expect(page.getByTestId('ecoupon-list').locator('td.mono')).toHaveText(/^[A-Z2-9]{8}$/);
});
