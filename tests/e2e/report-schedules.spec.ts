import { existsSync, readFileSync } from 'node:fs';
import { addCalendarDays, localDate, weekdayOf } from '../../src-shared/time';
import { pdfText } from '../support/pdf-text';
import { arrangeClinic, at, expect, signIn, test, TIME_ZONE } from './arrange';
import { newDataDir, startLumen } from './lumen';

test('a manager schedules the Monday delinquency report; Lumen started again on Monday 07:05 has made the PDF, listed with its path', async ({ page }) => {
  const dataDir = newDataDir();
  const first = await startLumen([], dataDir);
  const { clinic } = await arrangeClinic(page, first);

  await signIn(page, clinic.manager);
  await page.goto(new URL('#/report-schedules', page.url()).href);
  await expect(page.getByTestId('generated-files')).toContainText('No report has been generated yet');
  await page.getByTestId('schedule-add').click();
  const dialog = page.getByTestId('schedule-dialog');
  await dialog.getByTestId('schedule-report').selectOption('delinquency');
  await dialog.getByTestId('schedule-weekday').selectOption('1');
  await dialog.getByTestId('schedule-time').fill('7:00 am');
  await dialog.getByTestId('schedule-save').click();
  await expect(dialog).toContainText('A time like 09:30');
  await dialog.getByTestId('schedule-time').fill('07:00');
  await dialog.getByTestId('schedule-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('schedule-row')).toContainText('Delinquency');
  await expect(page.getByTestId('schedule-row')).toContainText('Mondays at 07:00');
  await first.stop({ keepData: true });

  // The next Monday, 07:05 clinic time: Lumen starts with its clock there (training/test option) and catches up.
  const today = localDate(new Date(), TIME_ZONE);
  const monday = addCalendarDays(today, 8 - weekdayOf(today));
  const second = await startLumen(['--clock-at', at(monday, '07:05')], dataDir);
  try {
    await page.goto(second.url);
    await signIn(page, clinic.manager);
    await page.goto(new URL('#/report-schedules', page.url()).href);
    const file = page.getByTestId('generated-file');
    await expect(async () => {
      await page.reload();
      await expect(file).toHaveCount(1, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(file).toContainText('Delinquency');
    await expect(file).toContainText('Made');
    const path = (await file.getByTestId('generated-file-path').textContent())!.trim();
    expect(path).toContain(`delinquency-${monday}_${monday}-`);
    expect(existsSync(path)).toBe(true);
    const pdf = pdfText(readFileSync(path));
    expect(pdf.text).toContain('Harbour Aesthetics');
    expect(pdf.text).toContain('Delinquency');
    expect(pdf.text).toContain('Page 1 of 1');
  } finally {
    await second.stop();
  }
});

test('a scheduled report keeps its own options: sales by category compared with last year, projected sales without leads', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen);
  await signIn(page, clinic.manager);
  await page.goto(new URL('#/report-schedules', page.url()).href);

  await page.getByTestId('schedule-add').click();
  const dialog = page.getByTestId('schedule-dialog');
  await dialog.getByTestId('schedule-report').selectOption('salesByCategory');
  await expect(dialog.getByTestId('schedule-include-leads')).toHaveCount(0);
  await dialog.getByTestId('schedule-compare-with').selectOption('lastYear');
  await dialog.getByTestId('schedule-save').click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId('schedule-row').filter({ hasText: 'Sales by category' });
  await expect(row.getByTestId('schedule-options')).toHaveText('Compared with the same period last year');

  await page.getByTestId('schedule-add').click();
  await dialog.getByTestId('schedule-report').selectOption('projectedSales');
  await expect(dialog.getByTestId('schedule-compare-with')).toHaveCount(0);
  await dialog.getByTestId('schedule-include-leads').uncheck();
  await dialog.getByTestId('schedule-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('schedule-row').filter({ hasText: 'Projected sales' }).getByTestId('schedule-options')).toHaveText('Without open leads');

  // Opened again, the form shows what was saved.
  await row.getByRole('button', { name: /edit/i }).click();
  await expect(dialog.getByTestId('schedule-compare-with')).toHaveValue('lastYear');
});
