import { arrangeClinic, at, call, expect, openCalendarDay, signIn, test } from './arrange';

const RETAIL = 'Sunscreen SPF 50';

test('the manager checks out a finished visit: adds a retail line, issues, takes card plus cash with change, refunds the retail line to its tender and prints the receipt', async ({ page, lumen }) => {
  // Ána's Botox visit with Dr Prax is over; the clinic charges 19 % VAT.
  const { clinic, extra: visitId } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'settings.saveTaxRate', { name: 'VAT', rateMillipercent: 19_000, isDefault: true });
    const { id } = await call<{ id: number }>(page, 'appointments.book', {
      patientId: c.ana.id,
      segments: [{ serviceId: c.services.botox.id, staffId: c.pia.id, roomId: c.rooms.treatment, startsAt: at(c.date, '10:00') }],
    });
    await call(page, 'appointments.setStatus', { id, status: 'arrived' });
    await call(page, 'appointments.setStatus', { id, status: 'completed' });
    return id;
  });

  // The manager opens the visit on the calendar and checks it out: a draft prefilled with the visit's service.
  await signIn(page, clinic.manager);
  await openCalendarDay(page, clinic.date);
  await page.locator(`[data-testid="appointment-card"][data-appointment-id="${visitId}"]`).click();
  await page.getByTestId('appointment-checkout').click();
  const invoice = page.getByTestId('invoice-page');
  await expect(invoice.getByTestId('invoice-title')).toHaveText('Draft invoice');
  await expect(invoice.getByTestId('line-description-0')).toHaveValue(clinic.services.botox.name);
  await expect(invoice.getByTestId('totals-total')).toContainText('333.20'); // 280.00 + 19 %

  // A retail line typed in; the totals follow as it is typed.
  await invoice.getByTestId('line-add').click();
  await invoice.getByTestId('line-description-1').fill(RETAIL);
  await invoice.getByTestId('line-price-1').fill('35');
  await expect(invoice.getByTestId('line-total-1')).toContainText('41.65');
  await expect(invoice.getByTestId('totals-total')).toContainText('374.85');

  await invoice.getByTestId('invoice-issue').click();
  await expect(invoice.getByTestId('invoice-status')).toHaveText('Issued');
  await expect(invoice.getByTestId('invoice-title')).toContainText(/Invoice \S+/);
  await expect(invoice.getByTestId('invoice-payment-state')).toHaveText('Unpaid');
  await expect(invoice.getByTestId('invoice-lines')).toContainText(RETAIL);
  await expect(invoice.getByTestId('totals-tax')).toContainText('59.85');

  // 300 on the card, the rest in cash: 80 handed over, 5.15 back.
  await invoice.getByTestId('take-payment').click();
  const pay = page.getByTestId('payment-dialog');
  await expect(pay.getByTestId('tender-amount-0')).toHaveValue('374.85');
  await pay.getByTestId('tender-amount-0').fill('300');
  await pay.getByTestId('tender-reference-0').fill('4242');
  await expect(pay.getByTestId('payment-left')).toContainText('74.85 left to pay');
  await pay.getByTestId('tender-add').click();
  await expect(pay.getByTestId('tender-kind-1')).toHaveValue('cash');
  await expect(pay.getByTestId('tender-amount-1')).toHaveValue('74.85');
  await pay.getByTestId('tender-handed-1').fill('80');
  await expect(pay.getByTestId('tender-1')).toContainText('Change €5.15');
  await expect(pay.getByTestId('payment-left')).toHaveText('Pays in full');
  await pay.getByTestId('payment-submit').click();
  await expect(pay).toBeHidden();
  await expect(invoice.getByTestId('invoice-payment-state')).toHaveText('Paid');
  await expect(invoice.getByTestId('payment-row')).toHaveCount(2);
  await expect(invoice.getByTestId('payments-list')).toContainText('5.15 change');
  await expect(invoice.getByTestId('totals-due')).toContainText('0.00');

  // The sunscreen comes back unopened: one unit of that line, to the tender that paid last (cash).
  await invoice.getByTestId('credit-refund').click();
  const credit = page.getByTestId('credit-dialog');
  await credit.getByTestId('credit-units-1').fill('2');
  await expect(credit).toContainText('At most 1');
  await credit.getByTestId('credit-units-1').fill('1');
  await credit.getByTestId('credit-reason').fill('Returned unopened');
  await expect(credit.getByTestId('credit-submit')).toContainText('41.65');
  await credit.getByTestId('credit-submit').click();
  await expect(credit.getByTestId('credit-result')).toContainText('41.65 refunded to the original tender');
  await credit.getByTestId('credit-done').click();
  await expect(invoice.getByTestId('line-refunded')).toHaveText('1 of 1 refunded');
  await expect(invoice.getByTestId('credit-note-row')).toContainText('Returned unopened');
  await expect(invoice.getByTestId('payments-list')).toContainText('Refund to cash €41.65');
  await expect(invoice.getByTestId('totals-paid')).toContainText('333.20');

  // The receipt: clinic, number, lines, taxes, payments and change; on paper the app's frame is gone.
  const number = (await invoice.getByTestId('invoice-title').textContent())!.replace('Invoice ', '');
  await invoice.getByTestId('print-receipt').click();
  const receipt = page.getByTestId('receipt');
  await expect(receipt.getByTestId('receipt-clinic')).toHaveText('Harbour Aesthetics');
  await expect(receipt).toContainText('12 Quay Street');
  await expect(receipt.getByTestId('receipt-number')).toHaveText(number);
  await expect(receipt.getByTestId('receipt-lines')).toContainText(RETAIL);
  await expect(receipt.getByTestId('receipt-change')).toContainText('5.15');
  await page.getByTestId('paper-80mm').check();
  await expect(receipt).toHaveAttribute('data-paper', '80mm');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('nav-patients')).toBeHidden();
  await expect(page.getByTestId('receipt-print')).toBeHidden();
  const box = await receipt.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(Math.ceil((80 / 25.4) * 96));
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  expect(pdf.length).toBeGreaterThan(1000);
  await page.emulateMedia({ media: 'screen' });

  // The patient's profile lists the invoice, paid.
  await page.goto(new URL(`#/patients/${clinic.ana.id}/invoices`, page.url()).href);
  await expect(page.getByTestId('patient-invoice-row')).toContainText(number);
  await expect(page.getByTestId('patient-invoice-row')).toContainText('Paid');
});
