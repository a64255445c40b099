import { arrangeClinic, call, expect, signIn, test } from './arrange';

const SERUM = 'Vitamin C serum';
const LOT = 'VC-2401';

test('the manager receives a lot, a retail sale takes it out, low stock shows the product, and the lot recall lists the patient', async ({ page, lumen }) => {
  const { clinic, extra: serumId } = await arrangeClinic(page, lumen, async () => {
    await call(page, 'settings.saveTaxRate', { name: 'VAT', rateMillipercent: 19_000, isDefault: true });
    return (await call<{ id: number }>(page, 'products.save', { name: SERUM, kind: 'retail', unit: 'each', priceCents: 8900, reorderLevel: 2 })).id;
  });
  await signIn(page, clinic.manager);

  // A delivery of three bottles of one lot.
  await page.getByTestId('nav-inventory').click();
  const stock = page.getByTestId('stock');
  await expect(stock.getByTestId('stock-row').filter({ hasText: SERUM }).getByTestId('stock-low')).toBeVisible();
  await stock.getByTestId('stock-receive').click();
  const receive = page.getByTestId('receive-dialog');
  await receive.getByTestId('receive-supplier').fill('SkinMed GmbH');
  await receive.getByTestId('receive-reference').fill('LS-88');
  await receive.getByTestId('receive-product').selectOption(String(serumId));
  await receive.getByTestId('receive-lot').fill(LOT);
  await receive.getByTestId('receive-expiry').fill(`${new Date().getUTCFullYear() + 2}-06-30`);
  await receive.getByTestId('receive-packages').fill('3');
  await receive.getByTestId('receive-cost').fill('31.50');
  await receive.getByTestId('receive-save').click();
  await expect(receive).toBeHidden();
  const serumRow = stock.getByTestId('stock-row').filter({ hasText: SERUM });
  await expect(serumRow.getByTestId('stock-on-hand')).toHaveText('3 each');
  await expect(serumRow.getByTestId('stock-low')).toHaveCount(0);

  // Ana buys a bottle at the desk: a product line on her invoice, issued.
  await page.goto(`${lumen.url}#/patients/${clinic.ana.id}/invoices`);
  await page.getByTestId('new-invoice').click();
  const invoice = page.getByTestId('invoice-page');
  await invoice.getByTestId('line-add').click();
  await invoice.getByTestId('line-service-0').selectOption(`product:${serumId}`);
  await expect(invoice.getByTestId('line-description-0')).toHaveValue(SERUM);
  await expect(invoice.getByTestId('totals-total')).toContainText('105.91'); // 89.00 + 19 %
  await invoice.getByTestId('invoice-issue').click();
  await expect(invoice.getByTestId('invoice-status')).toHaveText('Issued');

  // Two left: at the reorder level, so it is low stock again.
  await page.getByTestId('nav-inventory').click();
  await expect(serumRow.getByTestId('stock-on-hand')).toHaveText('2 each');
  await expect(serumRow.getByTestId('stock-low')).toBeVisible();

  // The supplier recalls the lot: the call list names Ana.
  await page.getByTestId('tab-recall').click();
  await page.getByTestId('recall-lot').fill(LOT);
  await page.getByTestId('recall-find').click();
  const row = page.getByTestId('recall-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(clinic.ana.name);
  await expect(row).toContainText(SERUM);
  const download = page.waitForEvent('download');
  await page.getByTestId('recall-csv').click();
  expect((await download).suggestedFilename()).toBe(`recall-${LOT}.csv`);
});
