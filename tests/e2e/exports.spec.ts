import { existsSync, readFileSync, statSync } from 'node:fs';
import { arrangeClinic, expect, signIn, test } from './arrange';

test('the owner takes everything out: the whole clinic as one archive in the data folder, and the patient list saved as an Excel file', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen);
  await signIn(page, clinic.owner);

  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('tab-import')).toBeVisible();
  await page.getByTestId('tab-export').click();
  const archive = page.getByTestId('export-clinic');
  await archive.getByTestId('export-clinic-run').click();
  const done = archive.getByTestId('export-clinic-done');
  await expect(done).toContainText('.zip');
  await expect(done).toContainText('tables');
  const path = (await archive.getByTestId('export-clinic-path').textContent())!.trim();
  expect(path.startsWith(lumen.dataDir)).toBe(true);
  expect(existsSync(path) && statSync(path).size > 0).toBe(true);
  expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');

  // The patient list as Excel, saved through the browser; sales need a period that makes sense.
  const lists = page.getByTestId('export-list');
  await lists.getByTestId('export-list-name').selectOption('sales');
  await lists.getByTestId('export-list-from').fill('2026-03-31');
  await lists.getByTestId('export-list-to').fill('2026-03-01');
  await lists.getByTestId('export-list-run').click();
  await expect(lists.getByText('The end is before the start')).toBeVisible();
  await lists.getByTestId('export-list-name').selectOption('patients');
  await lists.getByTestId('export-list-format').selectOption('xlsx');
  const download = page.waitForEvent('download');
  await lists.getByTestId('export-list-run').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(readFileSync(await file.path()).subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(lists.getByTestId('export-list-done')).toContainText('2 rows');
});
