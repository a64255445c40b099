import { arrangeClinic, call, expect, signIn, test } from './arrange';

test('the front desk sells a six-session package, takes payment, redeems a session at the next visit, and the profile shows five left', async ({ page, lumen }) => {
  // The clinic sells HydraFacial by six, valid a year; it charges 19 % VAT.
  const { clinic, extra: plan } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'settings.saveTaxRate', { name: 'VAT', rateMillipercent: 19_000, isDefault: true });
    return call<{ id: number; name: string }>(page, 'packagePlans.save', { name: 'HydraFacial ×6', serviceId: c.services.hydra.id, units: 6, priceCents: 90_000, validityDays: 365 });
  });
  await signIn(page, clinic.desk);

  // Ána buys the package: one line at the plan's price, issued and paid by card.
  await page.goto(new URL(`#/patients/${clinic.ana.id}/invoices`, page.url()).href);
  await page.getByTestId('new-invoice').click();
  const invoice = page.getByTestId('invoice-page');
  await expect(invoice.getByTestId('invoice-title')).toHaveText('Draft invoice');
  await invoice.getByTestId('sell-ahead').selectOption(`package:${plan.id}`);
  await expect(invoice.getByTestId('line-ahead-0')).toHaveText('Package');
  await expect(invoice.getByTestId('line-description-0')).toHaveValue('HydraFacial ×6');
  await expect(invoice.getByTestId('totals-total')).toContainText('1,071.00'); // 900.00 + 19 %
  await invoice.getByTestId('invoice-issue').click();
  await expect(invoice.getByTestId('invoice-status')).toHaveText('Issued');
  await invoice.getByTestId('take-payment').click();
  const pay = page.getByTestId('payment-dialog');
  await expect(pay.getByTestId('tender-amount-0')).toHaveValue('1071.00');
  await pay.getByTestId('payment-submit').click();
  await expect(pay).toBeHidden();
  await expect(invoice.getByTestId('invoice-payment-state')).toHaveText('Paid');

  // The next visit: a HydraFacial, paid from the package.
  await page.goto(new URL(`#/patients/${clinic.ana.id}/invoices`, page.url()).href);
  await page.getByTestId('new-invoice').click();
  await expect(invoice.getByTestId('invoice-title')).toHaveText('Draft invoice');
  await invoice.getByTestId('line-add').click();
  await invoice.getByTestId('line-service-0').selectOption(String(clinic.services.hydra.id));
  await invoice.getByTestId('invoice-issue').click();
  await expect(invoice.getByTestId('invoice-status')).toHaveText('Issued');
  await invoice.getByTestId('take-payment').click();
  await pay.getByTestId('tender-kind-0').selectOption('package');
  await expect(pay.getByTestId('tender-amount-0')).toBeHidden();
  await expect(pay.getByTestId('tender-package-0')).toContainText('HydraFacial ×6 — 6 left');
  await pay.getByTestId('tender-package-0').selectOption({ index: 1 });
  await pay.getByTestId('payment-submit').click();
  await expect(pay).toBeHidden();
  await expect(invoice.getByTestId('invoice-payment-state')).toHaveText('Paid');
  await expect(invoice.getByTestId('payments-list')).toContainText('HydraFacial ×6 — 1 used, 5 left');

  // Her profile: five sessions left, with the sale and the visit in its history.
  await page.goto(new URL(`#/patients/${clinic.ana.id}/packages`, page.url()).href);
  const held = page.getByTestId('package');
  await expect(held).toHaveCount(1);
  await expect(held.getByTestId('package-left')).toHaveText('5 left');
  await expect(held).toContainText('Sold');
  await expect(held).toContainText('Used');
});
