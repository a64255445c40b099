import { readFileSync } from 'node:fs';
import { arrangeClinic, call, expect, signIn, test } from './arrange';

test('the owner sets 7 years of retention, gives Ána a copy of her record (JSON and PDF), then erases her at her request; Bruno, who still owes 50.00, is refused with the reason', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    const serum = await call<{ id: number }>(page, 'invoices.createDraft', { patientId: c.bruno.id, lines: [{ description: 'Serum', unitPriceCents: 5000 }] });
    await call(page, 'invoices.issue', { id: serum.id });
  });
  await signIn(page, clinic.owner);

  // The clinic keeps signed clinical records for 7 years (Data → Privacy); 0 is no period.
  await page.getByTestId('nav-data').click();
  await page.getByTestId('tab-privacy').click();
  const settings = page.getByTestId('privacy-settings');
  await expect(settings.getByTestId('privacy-retention-years')).toHaveValue('10');
  await settings.getByTestId('privacy-retention-years').fill('0');
  await settings.getByTestId('privacy-settings-save').click();
  await expect(settings.getByText('At least 1 year')).toBeVisible();
  await settings.getByTestId('privacy-retention-years').fill('7');
  await settings.getByTestId('privacy-settings-save').click();
  await expect(settings.getByRole('status')).toHaveText('Saved.');

  // Access: the complete record as JSON for another system and a PDF to read, both saved.
  await page.goto(new URL(`#/patients/${clinic.ana.id}`, page.url()).href);
  const card = page.getByTestId('privacy-card');
  await card.getByTestId('privacy-export').click();
  await expect(card.getByTestId('privacy-files')).toBeVisible();
  const jsonDownload = page.waitForEvent('download');
  await card.getByTestId('privacy-save-json').click();
  const json = readFileSync(await (await jsonDownload).path(), 'utf8');
  expect(json).toContain('Ána');
  expect(json).toContain('Lima');
  const pdfDownload = page.waitForEvent('download');
  await card.getByTestId('privacy-save-pdf').click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // Erasure: the reason and her number typed again; a wrong number is refused beside the field.
  const number = (await page.getByTestId('patient-number').textContent())!.trim();
  await card.getByTestId('privacy-erase').click();
  const dialog = page.getByTestId('erase-dialog');
  await expect(dialog).toContainText('invoices with their amounts');
  await expect(dialog).toContainText('signed clinical records for 7 years');
  await dialog.getByTestId('erase-reason').fill('Written request of the patient, received today');
  await dialog.getByTestId('erase-confirm').fill('P999999');
  await dialog.getByTestId('erase-submit').click();
  await expect(dialog.getByRole('alert')).toContainText(`Type the patient’s number (${number}) to confirm`);
  await expect(page.getByTestId('patient-name')).toContainText('Ána Lima');
  await dialog.getByTestId('erase-confirm').fill(number);
  await dialog.getByTestId('erase-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('patient-name')).not.toContainText('Lima');

  // She is gone from search.
  await page.getByTestId('nav-patients').click();
  await page.getByTestId('patient-search').fill('Lima');
  await expect(page.getByText('No patient matches “Lima”.')).toBeVisible();

  // Bruno still owes for the serum: refused, with the reason, and nothing changed.
  await page.goto(new URL(`#/patients/${clinic.bruno.id}`, page.url()).href);
  const brunoNumber = (await page.getByTestId('patient-number').textContent())!.trim();
  await page.getByTestId('privacy-card').getByTestId('privacy-erase').click();
  await dialog.getByTestId('erase-reason').fill('Asked by phone');
  await dialog.getByTestId('erase-confirm').fill(brunoNumber);
  await dialog.getByTestId('erase-submit').click();
  await expect(dialog.getByTestId('erase-refused')).toContainText('50.00');
  await page.screenshot({ path: test.info().outputPath('erase-refused.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('patient-name')).toContainText('Bruno Keller');
});
