import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arrangeClinic, at, call, expect, signIn, signOut, test } from './arrange';
import { chromiumPdfText } from '../support/pdf-text';

interface PipelineSettings {
  categories: { categoryId: number; categoryName: string }[];
}

/** A figure at the top of the report on screen, by its label. */
const figure = (page: import('@playwright/test').Page, label: string) => page.locator(`[data-testid="report-figure"][data-label="${label}"] dd`);

/** Money as en-DE writes it, in either order Chromium's ICU may choose ("€460.00" or "460.00 €"). */
const euros = (amount: string) => new RegExp(`€\\s?${amount.replace('.', '\\.')}|${amount.replace('.', '\\.')}\\s?€`);

test('a manager re-runs projected sales with a 60 % consult conversion, prints it to PDF, and opens the sales behind a category', async ({ page, lumen }) => {
  // Next week: Ána's Botox (€280.00 booked) and Bruno's consult. Only neurotoxin has an average sale (€300.00), so
  // a consult of the consult-only category is worth the overall average sale × consult → treatment (40 % for now).
  // Ána also bought a Botox today (€280.00 net), for sales by category.
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    const settings = await call<PipelineSettings>(page, 'reports.pipelineSettings', {});
    await call(page, 'reports.updatePipelineSettings', {
      consultToTreatmentBp: 4_000,
      weeklyTargetCents: 0,
      categories: settings.categories.map((k) => ({ categoryId: k.categoryId, averageSaleCents: k.categoryName === 'Neurotoxin' ? 30_000 : 0 })),
    });
    await call(page, 'appointments.book', { patientId: c.ana.id, segments: [{ serviceId: c.services.botox.id, staffId: c.pia.id, roomId: c.rooms.treatment, startsAt: at(c.date, '10:00') }] });
    await call(page, 'appointments.book', { patientId: c.bruno.id, segments: [{ serviceId: c.services.consult.id, staffId: c.pia.id, roomId: c.rooms.consult, startsAt: at(c.date, '11:00') }] });
    await call(page, 'checkout.commit', { patientId: c.ana.id, lines: [{ serviceId: c.services.botox.id, staffId: c.pia.id }] });
  });

  // The front desk has no reports.
  await signIn(page, clinic.desk);
  await expect(page.getByTestId('nav-today')).toBeVisible();
  await expect(page.getByTestId('nav-reports')).toHaveCount(0);
  await signOut(page);

  await signIn(page, clinic.manager);
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('report-title')).toHaveText('Projected sales');
  // 280.00 + 300.00 × 40 % = 280.00 + 120.00.
  await expect(figure(page, 'Consults (expected)')).toHaveText(euros('120.00'));
  await expect(figure(page, 'Expected revenue')).toHaveText(euros('400.00'));

  // What if consults converted at 60 %? 280.00 + 300.00 × 60 % = 280.00 + 180.00; the settings stay as they are.
  await page.getByTestId('assume-consult').fill('60');
  await expect(figure(page, 'Expected revenue')).toHaveText(euros('460.00'));
  await expect(figure(page, 'Consult → treatment')).toContainText('60');
  await expect(figure(page, 'Booked treatments')).toHaveText(euros('280.00'));

  // The rows behind the expected revenue: both bookings, adding up to it.
  await figure(page, 'Expected revenue').getByRole('button').click();
  const drill = page.getByTestId('drill-dialog');
  await expect(drill.getByTestId('report-row')).toHaveCount(2);
  await expect(drill).toContainText(clinic.ana.name);
  await expect(drill).toContainText(clinic.bruno.name);
  await page.keyboard.press('Escape');
  await expect(drill).toBeHidden();

  // Printed to PDF: the clinic's name and the new total are in the file.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('assumptions')).toBeHidden();
  const file = join(tmpdir(), `lumen-projected-sales-${process.pid}-${Date.now()}.pdf`);
  try {
    await page.pdf({ path: file, preferCSSPageSize: true });
    expect(existsSync(file)).toBe(true);
    const text = chromiumPdfText(readFileSync(file)).join('\n');
    expect(text).toContain('Harbour Aesthetics');
    expect(text).toContain('Projected sales');
    expect(text).toMatch(euros('460.00'));
  } finally {
    rmSync(file, { force: true });
  }
  await page.emulateMedia({ media: 'screen' });

  // Sales by category over the last 30 days: the neurotoxin amount opens the invoice line behind it.
  await page.getByTestId('report-item-salesByCategory').click();
  await expect(page.getByTestId('report-title')).toHaveText('Sales by category');
  await page.getByTestId('period-preset').selectOption('last30Days');
  const neurotoxin = page.getByTestId('report-row').filter({ hasText: 'Neurotoxin' });
  await expect(neurotoxin.getByTestId('drill-amountCents')).toHaveText(euros('280.00'));
  await neurotoxin.getByTestId('drill-amountCents').click();
  await expect(drill).toBeVisible();
  const line = drill.getByTestId('report-row');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText('Lima, Ána');
  await expect(line).toContainText(clinic.services.botox.name);
  await expect(line).toContainText(euros('280.00'));
  await page.keyboard.press('Escape');
  await expect(drill).toBeHidden();

  // A reversed period is refused beside the dates.
  await page.getByTestId('period-from').fill('2026-03-31');
  await page.getByTestId('period-to').fill('2026-03-01');
  await expect(page.getByTestId('period-error')).toContainText('ends before it starts');

  // Back to a real period: the row's link opens the patient behind the sale.
  await page.getByTestId('period-preset').selectOption('last30Days');
  await neurotoxin.getByTestId('drill-amountCents').click();
  await drill.getByTestId('drill-patient').click();
  await expect(page.getByTestId('patient-profile')).toContainText('Lima');

  // The report list from the keyboard: ↓ then Enter opens the cascade.
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('report-title')).toHaveText('Projected sales');
  await page.getByTestId('report-list').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('report-title')).toHaveText('Conversion cascade');

  // A wide call list prints on A4 landscape (the clinic is in Germany): 842 × 595 points.
  await page.getByTestId('report-item-openQuotes').click();
  await expect(page.getByTestId('report-title')).toHaveText('Quotes on the table');
  const landscape = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const [, width, height] = /\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/.exec(landscape) ?? [];
  expect(Math.round(Number(width))).toBe(842);
  expect(Math.round(Number(height))).toBe(595);

  // The clinic counts packages session by session from now on: the sales reports say so, and the Botox sale (no
  // package) still counts in full.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('tab-clinic').click();
  await expect(page.getByTestId('settings-package-revenue')).toHaveValue('sale');
  await page.getByTestId('settings-package-revenue').selectOption('redemption');
  await page.getByTestId('settings-package-revenue-save').click();
  await expect(page.getByTestId('settings-package-revenue-save')).toBeDisabled();
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('report-item-salesByCategory').click();
  await page.getByTestId('period-preset').selectOption('last30Days');
  await expect(page.getByTestId('report-note').filter({ hasText: 'Packages count as they are used' })).toBeVisible();
  await expect(neurotoxin.getByTestId('drill-amountCents')).toHaveText(euros('280.00'));
});
