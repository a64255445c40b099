import { arrangeClinic, call, expect, signIn, test } from './arrange';

interface Sale {
  id: number;
  totalCents: number;
}

test('the manager closes the day with the drawer 5.00 short: counts, explains, closes, prints the Z report; a later payment that day is refused', async ({ page, lumen }) => {
  // Today at the reception till: 120.00 paid in cash (150 handed over), 80.00 by card, 60.00 left unpaid.
  const { clinic, extra: unpaid } = await arrangeClinic(page, lumen, async () => {
    const sell = async (cents: number) => {
      const draft = await call<Sale>(page, 'invoices.createDraft', { lines: [{ description: 'Serum', unitPriceCents: cents, taxRateMillipercent: 0 }] });
      return call<Sale>(page, 'invoices.issue', { id: draft.id });
    };
    const cash = await sell(12_000);
    await call(page, 'payments.take', { invoiceId: cash.id, tenders: [{ tender: 'cash', amountCents: 12_000, tenderedCents: 15_000 }] });
    const card = await sell(8_000);
    await call(page, 'payments.take', { invoiceId: card.id, tenders: [{ tender: 'card', amountCents: 8_000, reference: '4242' }] });
    return sell(6_000);
  });

  await signIn(page, clinic.manager);
  await page.getByTestId('nav-closing').click();
  const day = page.getByTestId('closing-page');
  await expect(day.getByTestId('closing-state')).toHaveText('Open');
  await expect(day.getByTestId('zreport-tender-cash')).toContainText('120.00');
  await expect(day.getByTestId('zreport-tender-card')).toContainText('80.00');
  await expect(day.getByTestId('zreport-takings')).toContainText('200.00');
  await expect(day.getByTestId('zreport-owed')).toContainText('60.00');

  // The drawer started with a 50.00 float: 170.00 expected, 165.00 counted.
  await day.getByTestId('closing-close').click();
  const dialog = page.getByTestId('close-day-dialog');
  await dialog.getByTestId('close-float').fill('50');
  await dialog.getByTestId('close-counted').fill('165');
  await expect(dialog.getByTestId('close-difference')).toContainText('170.00');
  await expect(dialog.getByTestId('close-difference')).toContainText('5.00 short');
  await dialog.getByTestId('close-day-submit').click();
  await expect(dialog).toContainText(/short: say why/);
  await dialog.getByTestId('close-note').fill('Change given twice to one patient');
  await dialog.getByTestId('close-day-submit').click();
  await expect(dialog).toBeHidden();
  await expect(day.getByTestId('closing-state')).toHaveText('Closed');
  await expect(day.getByTestId('zreport-difference')).toContainText('-€5.00');
  await expect(day.getByTestId('zreport-note')).toHaveText('Change given twice to one patient');
  await expect(day.getByTestId('closing-close')).toHaveCount(0);

  // The Z report on an 80 mm roll.
  await day.getByTestId('closing-print').click();
  const paper = page.getByTestId('zreport-paper');
  await expect(paper).toContainText('Harbour Aesthetics');
  await expect(paper.getByTestId('zreport-expected')).toContainText('170.00');
  await page.getByTestId('paper-80mm').check();
  await expect(paper).toHaveAttribute('data-paper', '80mm');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('nav-patients')).toBeHidden();
  await expect(page.getByTestId('zreport-print')).toBeHidden();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  await page.emulateMedia({ media: 'screen' });

  // Later that day the unpaid invoice's patient comes back to pay: the closed day refuses it, and nothing is taken.
  await page.goto(new URL(`#/invoices/${unpaid.id}`, page.url()).href);
  const invoice = page.getByTestId('invoice-page');
  await invoice.getByTestId('take-payment').click();
  const pay = page.getByTestId('payment-dialog');
  await pay.getByTestId('payment-submit').click();
  await expect(pay.getByTestId('form-error')).toContainText('is closed on this till');
  await pay.getByRole('button', { name: 'Cancel' }).click();
  await expect(invoice.getByTestId('invoice-payment-state')).toHaveText('Unpaid');
});
