import { expect, test } from './lumen';

const OWNER = { name: 'Olivia Owner', username: 'olivia', password: 'correct horse battery staple' };
const DESK = { name: 'Fred Desk', username: 'fred', password: 'front desk pass 42' };

test('first run → owner adds a patient → Ctrl+K finds her → front desk is refused the clinical tab → the audit log shows it', async ({ page, lumen }) => {
  await page.goto(lumen.url);

  // First run: create the clinic and its owner.
  await page.getByTestId('setup-create').click();
  await page.getByTestId('setup-clinic-name').fill('Harbour Aesthetics');
  await page.getByTestId('setup-address-line1').fill('12 Quay Street');
  await page.getByTestId('setup-city').fill('Berlin');
  await page.getByTestId('setup-postal-code').fill('10115');
  await page.getByTestId('setup-country').selectOption('DE');
  await page.getByTestId('setup-timezone').fill('Europe/Berl');
  await page.keyboard.press('Enter');
  await page.getByTestId('setup-owner-name').fill(OWNER.name);
  await page.getByTestId('setup-username').fill(OWNER.username);
  await page.getByTestId('setup-password').fill('password');
  await page.getByTestId('setup-confirm').fill('password');
  await page.getByTestId('setup-submit').click();
  await expect(page.getByText(/too common/i)).toBeVisible();
  await page.getByTestId('setup-password').fill(OWNER.password);
  await page.getByTestId('setup-confirm').fill(OWNER.password);
  await page.getByTestId('setup-submit').click();
  await expect(page.getByTestId('clinic-name')).toHaveText(/Harbour Aesthetics/);
  await expect(page.getByTestId('add-first-patient')).toBeVisible();

  // Reception adds a patient; the phone is stored in international form.
  await page.getByTestId('add-first-patient').click();
  await page.getByTestId('patient-first-name').fill('Ána');
  await page.getByTestId('patient-last-name').fill('Lima');
  await page.getByTestId('patient-dob').fill('1988-04-02');
  await page.getByTestId('patient-phone').fill('030 1234567');
  await page.getByTestId('patient-save').click();
  await expect(page.getByTestId('patient-profile')).toBeVisible();
  await expect(page.getByTestId('patient-name')).toContainText('Ána Lima');
  await expect(page.getByTestId('patient-profile')).toContainText('30 1234567');

  // Ctrl+K from anywhere finds her, accent-insensitively, and Enter opens the profile.
  await page.getByTestId('nav-settings').click();
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('ana li');
  await expect(page.getByTestId('palette-patient').first()).toContainText('Lima');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-name')).toContainText('Ána Lima');

  // The owner adds a front-desk colleague.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('tab-staff').click();
  await page.getByTestId('staff-add').click();
  await page.getByTestId('staff-username').fill(DESK.username);
  await page.getByTestId('staff-name').fill(DESK.name);
  await page.getByTestId('staff-role').selectOption('frontDesk');
  await page.getByTestId('staff-password').fill(DESK.password);
  await page.getByTestId('staff-save').click();
  await expect(page.getByTestId('staff-row').filter({ hasText: DESK.name })).toBeVisible();

  // Front desk takes over the desk: sees the allergy-free profile but is refused the clinical record.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('signin-username').fill(DESK.username);
  await page.getByTestId('signin-password').fill(DESK.password);
  await page.getByTestId('signin-submit').click();
  await expect(page.getByTestId('current-user')).toContainText(DESK.name);
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('lima');
  await expect(page.getByTestId('palette-patient').first()).toBeVisible();
  await page.keyboard.press('Enter');
  await page.getByTestId('tab-clinical').click();
  await expect(page.getByTestId('clinical-forbidden')).toBeVisible();
  await expect(page.getByTestId('clinical-panel')).toHaveCount(0);

  // The owner finds the refusal in the audit log.
  await page.getByTestId('sign-out').click();
  await page.getByTestId('signin-username').fill(OWNER.username);
  await page.getByTestId('signin-password').fill(OWNER.password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('audit-action').selectOption('denied');
  await page.getByTestId('audit-apply').click();
  const denial = page.getByTestId('audit-row').filter({ hasText: 'clinical.get' });
  await expect(denial).toHaveCount(1);
  await expect(denial).toContainText(DESK.name);
  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-result')).toContainText(/intact/i);
});
