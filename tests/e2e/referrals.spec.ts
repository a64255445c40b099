import { arrangeClinic, expect, signIn, test } from './arrange';

test('a manager rewards referrals with 10 % store credit; a patient registered with Ána’s code pays her first treatment; Ána gets the credit and leads the board', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen);
  await signIn(page, clinic.manager);

  // Settings → Referral program: 10 % of the first paid treatment, as store credit.
  await page.goto(new URL('#/settings/referral-program', page.url()).href);
  const program = page.getByTestId('referral-program');
  await expect(program.getByText('Clinics usually give 5–15 %.')).toBeVisible();
  await program.getByTestId('referral-enabled').check();
  await program.getByTestId('referral-percent').fill('101');
  await program.getByTestId('referral-save').click();
  await expect(program.getByText('At most 100 %')).toBeVisible();
  await program.getByTestId('referral-percent').fill('10');
  await program.getByTestId('referral-form').selectOption('storeCredit');
  await program.getByTestId('referral-save').click();
  await expect(program.getByRole('status')).toHaveText('Saved.');

  // Ána becomes an ambassador: her code and a sheet of cards to print.
  await page.goto(new URL(`#/patients/${clinic.ana.id}`, page.url()).href);
  const card = page.getByTestId('referrals-card');
  await expect(card).toContainText('No referral rewards yet.');
  await card.getByTestId('referral-print-card').click();
  const sheet = page.getByTestId('referral-card-page');
  await expect(sheet.getByTestId('referral-card')).toHaveCount(10);
  const code = (await sheet.getByTestId('referral-card').first().locator('.referral-card-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z]{1,6}-[A-Z2-9]{4}$/);
  await expect(sheet.getByTestId('referral-card').first()).toContainText(clinic.ana.name.split(' ')[0]);
  await expect(sheet.getByTestId('referral-card').first().locator('img')).toHaveAttribute('alt', `QR code: ${code}`);
  // The ten cards print on one A4 sheet inside the app's 12 mm print margins.
  const pdf = (await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } })).toString('latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  expect(pdf.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(1);
  await page.screenshot({ path: test.info().outputPath('referral-cards.png'), fullPage: true });

  // A new patient brings the card: the code names Ána as referrer (an unknown code is refused beside the field).
  await page.goto(new URL('#/patients/new', page.url()).href);
  const form = page.getByTestId('patient-form');
  await form.getByTestId('patient-first-name').fill('Mila');
  await form.getByTestId('patient-last-name').fill('Novak');
  await form.getByTestId('patient-referral-code').fill('NOBODY-2345');
  await form.getByTestId('patient-referral-code').press('Enter');
  await expect(form.getByTestId('patient-referral-code-error')).toContainText('No patient has this referral code');
  await form.getByTestId('patient-referral-code').fill(code.toLowerCase());
  await form.getByTestId('patient-referral-code-use').click();
  await expect(form).toContainText(clinic.ana.name);
  await form.getByTestId('patient-save').click();
  const profile = page.getByTestId('patient-profile');
  await expect(profile.getByTestId('patient-name')).toContainText('Mila Novak');
  await expect(profile.getByTestId('referrals-referred-by')).toContainText(clinic.ana.name);

  // Her first treatment, invoiced and paid in full.
  await page.goto(`${page.url().replace(/#.*$/, '')}#/patients/${page.url().match(/patients\/(\d+)/)![1]}/invoices`);
  await page.getByTestId('new-invoice').click();
  const invoice = page.getByTestId('invoice-page');
  await expect(invoice.getByTestId('invoice-title')).toHaveText('Draft invoice');
  await invoice.getByTestId('line-add').click();
  await invoice.getByTestId('line-service-0').selectOption(String(clinic.services.botox.id));
  await invoice.getByTestId('invoice-issue').click();
  await expect(invoice.getByTestId('invoice-status')).toHaveText('Issued');
  await invoice.getByTestId('take-payment').click();
  const pay = page.getByTestId('payment-dialog');
  await pay.getByTestId('payment-submit').click();
  await expect(pay).toBeHidden();
  await expect(invoice.getByTestId('invoice-payment-state')).toHaveText('Paid');

  // Ána's profile: Mila converted, 10 % of 280.00 as store credit.
  await page.goto(new URL(`#/patients/${clinic.ana.id}`, page.url()).href);
  await expect(card.getByTestId('referrals-referred')).toContainText('Mila Novak');
  await expect(card.getByTestId('referrals-referred')).toContainText('Converted');
  await expect(card.getByTestId('referrals-rewards')).toContainText('28.00');
  await expect(card.getByTestId('referrals-rewards')).toContainText('store credit');

  // Reports → Ambassador board for this month lists her first.
  await page.goto(new URL('#/reports/ambassadorBoard', page.url()).href);
  await page.getByTestId('period-preset').selectOption('thisMonth');
  const firstRow = page.getByTestId('report-row').first();
  await expect(firstRow).toContainText(clinic.ana.name);
  await expect(firstRow).toContainText('280.00');
  await expect(firstRow).toContainText('28.00');
  await expect(page.getByTestId('ambassador-chart')).toBeVisible();
});
