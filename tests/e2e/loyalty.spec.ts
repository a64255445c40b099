import type { Page } from '@playwright/test';
import { addCalendarDays } from '../../src-shared/time';
import { arrangeClinic, at, call, expect, openCalendarDay, signIn, test } from './arrange';

/** A finished visit on the calendar checked out, issued and opened for payment; returns the invoice number. */
async function checkOutVisit(page: Page, date: string, visitId: number): Promise<string> {
  await openCalendarDay(page, date);
  await page.locator(`[data-testid="appointment-card"][data-appointment-id="${visitId}"]`).click();
  await page.getByTestId('appointment-checkout').click();
  const invoice = page.getByTestId('invoice-page');
  await expect(invoice.getByTestId('invoice-title')).toHaveText('Draft invoice');
  await invoice.getByTestId('invoice-issue').click();
  await expect(invoice.getByTestId('invoice-status')).toHaveText('Issued');
  await invoice.getByTestId('take-payment').click();
  return (await invoice.getByTestId('invoice-title').textContent())!.replace('Invoice ', '');
}

async function openLoyaltyTab(page: Page, patientId: number) {
  await page.goto(new URL(`#/patients/${patientId}`, page.url()).href);
  await page.getByTestId('tab-loyalty').click();
  await expect(page.getByTestId('patient-loyalty')).toBeVisible();
}

test('a manager switches points on; Ána’s paid visit earns them, her next visit is paid partly with points, a refund takes back what it earned and gives back what it spent, and the liability report values what she holds', async ({ page, lumen }) => {
  // Ána's Botox (280.00, no tax) today-next-week and her HydraFacial (160.00) the day after: both finished.
  const { clinic, extra: visits } = await arrangeClinic(page, lumen, async (c) => {
    const visit = async (date: string, serviceId: number, staffId: number) => {
      const { id } = await call<{ id: number }>(page, 'appointments.book', { patientId: c.ana.id, segments: [{ serviceId, staffId, roomId: c.rooms.treatment, startsAt: at(date, '10:00') }] });
      await call(page, 'appointments.setStatus', { id, status: 'arrived' });
      await call(page, 'appointments.setStatus', { id, status: 'completed' });
      return id;
    };
    const nextDay = addCalendarDays(c.date, 1);
    return { nextDay, botox: await visit(c.date, c.services.botox.id, c.pia.id), hydra: await visit(nextDay, c.services.hydra.id, c.noah.id) };
  });
  await signIn(page, clinic.manager);

  // Settings → Loyalty program: on, a point per euro, 100 points pay 5.00; two tiers, the second refused until its threshold is above the first.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('tab-loyalty').click();
  const settings = page.getByTestId('loyalty-settings');
  await settings.getByTestId('loyalty-enabled').check();
  await settings.getByTestId('loyalty-points-per-unit').fill('1');
  await settings.getByTestId('loyalty-redeem-points').fill('100');
  await settings.getByTestId('loyalty-redeem-amount').fill('5.00');
  await expect(settings.getByTestId('loyalty-rate')).toHaveText('100 points = €5.00');
  await settings.getByTestId('loyalty-tier-add').click();
  await settings.getByTestId('loyalty-tier-name-0').fill('Silver');
  await settings.getByTestId('loyalty-tier-add').click();
  await settings.getByTestId('loyalty-tier-name-1').fill('Gold');
  await settings.getByTestId('loyalty-tier-threshold-1').fill('0');
  await settings.getByTestId('loyalty-save').click();
  await expect(settings.getByTestId('loyalty-tier-row').nth(1)).toContainText('Each tier needs more points than the one before (Silver: 0).');
  await settings.getByTestId('loyalty-tier-threshold-1').fill('1000');
  await settings.getByTestId('loyalty-save').click();
  await expect(page.getByTestId('toast')).toHaveText('Loyalty program saved: patients earn points');
  await page.reload();
  await expect(page.getByTestId('loyalty-tier-row')).toHaveCount(2);
  await expect(page.getByTestId('loyalty-enabled')).toBeChecked();

  // Her Botox visit is invoiced and paid by card: 280 points.
  const first = await checkOutVisit(page, clinic.date, visits.botox);
  const pay = page.getByTestId('payment-dialog');
  await expect(pay.getByTestId('tender-amount-0')).toHaveValue('280.00');
  await pay.getByTestId('payment-submit').click();
  await expect(pay).toBeHidden();
  await expect(page.getByTestId('invoice-payment-state')).toHaveText('Paid');

  await openLoyaltyTab(page, clinic.ana.id);
  await expect(page.getByTestId('loyalty-balance')).toHaveText('280');
  await expect(page.getByTestId('loyalty-value')).toHaveText('€14.00');
  await expect(page.getByTestId('loyalty-tier')).toHaveText('Silver');
  await expect(page.getByTestId('loyalty-next-tier')).toContainText('720 more to reach Gold');
  const earned = page.getByTestId('loyalty-entry');
  await expect(earned).toHaveCount(1);
  await expect(earned).toContainText('Earned on a purchase');
  await expect(earned).toContainText('+280');
  await expect(earned.getByRole('link', { name: first })).toBeVisible();

  // The next day's HydraFacial (160.00): 200 of her points pay 10.00, the card the 150.00 left.
  const second = await checkOutVisit(page, visits.nextDay, visits.hydra);
  await expect(pay.getByTestId('points-available')).toContainText('280 (worth €14.00; 100 points pay €5.00)');
  await pay.getByTestId('tender-kind-0').selectOption('points');
  await expect(pay.getByTestId('tender-amount-0')).toBeHidden();
  await expect(pay.getByTestId('tender-points-most-0')).toHaveText('Use 280');
  await pay.getByTestId('tender-points-0').fill('200');
  await expect(pay.getByTestId('tender-0')).toContainText('Pays €10.00');
  await expect(pay.getByTestId('payment-left')).toHaveText('€150.00 left to pay');
  await pay.getByTestId('tender-add').click();
  await pay.getByTestId('tender-kind-1').selectOption('card');
  await expect(pay.getByTestId('tender-amount-1')).toHaveValue('150.00');
  await expect(pay.getByTestId('payment-left')).toHaveText('Pays in full');
  await pay.getByTestId('payment-submit').click();
  await expect(pay).toBeHidden();
  const invoice = page.getByTestId('invoice-page');
  await expect(invoice.getByTestId('invoice-payment-state')).toHaveText('Paid');
  await expect(invoice.getByTestId('payments-list')).toContainText('Points €10.00 · 200 points');

  // The receipt shows the points tender.
  await invoice.getByTestId('print-receipt').click();
  await expect(page.getByTestId('receipt-payments')).toContainText('Points: €10.00 (200 points)');
  await expect(page.getByTestId('receipt-payments')).toContainText('Card: €150.00');

  // Her balance: 280 − 200 spent + 150 earned (the share paid with points earns nothing).
  await openLoyaltyTab(page, clinic.ana.id);
  await expect(page.getByTestId('loyalty-balance')).toHaveText('230');
  await expect(earned).toHaveCount(3);
  await expect(earned.nth(0)).toContainText('+150');
  await expect(earned.nth(0).getByRole('link', { name: second })).toBeVisible();
  await expect(page.getByTestId('loyalty-statement')).toContainText('Paid with points');
  await expect(page.getByTestId('loyalty-statement')).toContainText('−200');

  // The HydraFacial is refunded in full: the 150 points it earned go, the 200 it spent come back.
  await page.getByRole('link', { name: second }).first().click();
  await invoice.getByTestId('credit-refund').click();
  const credit = page.getByTestId('credit-dialog');
  await credit.getByTestId('credit-units-0').fill('1');
  await credit.getByTestId('credit-reason').fill('Treatment not done as booked');
  await credit.getByTestId('credit-submit').click();
  await expect(credit.getByTestId('credit-result')).toContainText('160.00');
  await credit.getByTestId('credit-done').click();
  await openLoyaltyTab(page, clinic.ana.id);
  await expect(page.getByTestId('loyalty-balance')).toHaveText('280');
  await expect(page.getByTestId('loyalty-statement')).toContainText('Taken back (purchase refunded)');
  await expect(page.getByTestId('loyalty-statement')).toContainText('Given back (points payment refunded)');
  await expect(earned).toHaveCount(5);

  // Reports → Points liability: her 280 points are worth 14.00, all in Silver; the print drops the app's frame.
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('report-list').getByText('Points liability').click();
  const report = page.getByTestId('report-frame');
  await expect(report).toContainText('Value of outstanding points');
  await expect(report).toContainText('€14.00');
  await expect(report.getByRole('row', { name: /Silver/ })).toContainText('280');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('nav-patients')).toBeHidden();
  await expect(report).toContainText('Points liability');
  await page.emulateMedia({ media: 'screen' });
});

test('the front desk reads the program and a long statement page by page but changes nothing; a manager takes points back by hand with a reason', async ({ page, lumen }) => {
  // Points switched on (they last a month), and 24 hand-given credits of 10 on Ána's statement.
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'loyalty.saveSettings', { enabled: true, pointsPerUnit: 1, redeemPoints: 100, redeemCents: 500, expiryMonths: 1 });
    for (let i = 1; i <= 24; i++) await call(page, 'loyalty.adjust', { patientId: c.ana.id, points: 10, reason: `Welcome gift ${i}` });
  });
  await signIn(page, clinic.desk);

  await page.getByTestId('nav-settings').click();
  await page.getByTestId('tab-loyalty').click();
  await expect(page.getByTestId('loyalty-settings')).toContainText('Only a manager or the owner changes the program.');
  await expect(page.getByTestId('loyalty-enabled')).toBeChecked();
  await expect(page.getByTestId('loyalty-enabled')).toBeDisabled();
  await expect(page.getByTestId('loyalty-save')).toHaveCount(0);

  await openLoyaltyTab(page, clinic.ana.id);
  await expect(page.getByTestId('loyalty-balance')).toHaveText('240');
  await expect(page.getByTestId('loyalty-adjust')).toHaveCount(0);
  await expect(page.getByTestId('loyalty-expiring')).toContainText('240 points can be used until');
  const entries = page.getByTestId('loyalty-entry');
  await expect(entries).toHaveCount(20);
  await expect(entries.first()).toContainText('Welcome gift 24');
  await expect(page.getByTestId('loyalty-statement')).toContainText('20 of 24 entries');
  await page.getByTestId('loyalty-earlier').click();
  await expect(entries).toHaveCount(24);
  await expect(entries.last()).toContainText('Welcome gift 1');
  await expect(entries.last()).toContainText('Adjusted by hand');
  await expect(page.getByTestId('loyalty-earlier')).toHaveCount(0);
  await page.getByTestId('sign-out').click();

  await signIn(page, clinic.manager);
  await openLoyaltyTab(page, clinic.ana.id);
  await page.getByTestId('loyalty-adjust').click();
  const dialog = page.getByTestId('loyalty-adjust-dialog');
  await dialog.getByTestId('loyalty-adjust-points').fill('-500');
  await dialog.getByTestId('loyalty-adjust-reason').fill('Welcome gifts given twice');
  await dialog.getByTestId('loyalty-adjust-save').click();
  await expect(dialog.getByRole('alert')).toContainText('The patient can use 240 points today; an adjustment cannot take more.');
  await expect(page.getByTestId('loyalty-balance')).toHaveText('240');
  await dialog.getByTestId('loyalty-adjust-points').fill('-40');
  await dialog.getByTestId('loyalty-adjust-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('loyalty-balance')).toHaveText('200');
  await expect(entries.first()).toContainText('−40');
  await expect(entries.first()).toContainText('Welcome gifts given twice');
  await expect(page.getByTestId('loyalty-expiring')).toContainText('200 points can be used until');
});
