import { arrangeClinic, signIn } from './arrange';
import { expect, test } from './lumen';

test('the owner sets up the clinic: tax rate, tag, referral source, room, opening hours, then backs up and sees the scheduler', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen);
  await signIn(page, clinic.owner);
  await page.getByTestId('nav-settings').click();

  await page.getByTestId('tab-tax').click();
  await page.getByTestId('tax-add').click();
  await page.getByTestId('tax-name').fill('VAT 19%');
  await page.getByTestId('tax-percent').fill('19');
  await page.getByTestId('tax-save').click();
  await expect(page.getByTestId('tax-row').filter({ hasText: 'VAT 19%' })).toContainText('19');

  // The same name twice is refused beside the field, and nothing is added.
  await page.getByTestId('tax-add').click();
  await page.getByTestId('tax-name').fill('vat 19%');
  await page.getByTestId('tax-percent').fill('7');
  await page.getByTestId('tax-save').click();
  await expect(page.getByTestId('tax-dialog')).toContainText(/exists/i);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tax-row')).toHaveCount(1);

  await page.getByTestId('tab-tags').click();
  await page.getByTestId('tag-add').click();
  await page.getByTestId('tag-name').fill('VIP');
  await page.getByTestId('tag-save').click();
  await expect(page.getByTestId('tag-row').filter({ hasText: 'VIP' })).toBeVisible();

  await page.getByTestId('tab-referral').click();
  await page.getByTestId('referral-add').click();
  await page.getByTestId('referral-name').fill('Instagram');
  await page.getByTestId('referral-channel').selectOption('social');
  await page.getByTestId('referral-cost').fill('1500');
  await page.getByTestId('referral-save').click();
  await expect(page.getByTestId('referral-row').filter({ hasText: 'Instagram' })).toContainText('1,500');

  await page.getByTestId('tab-rooms').click();
  await page.getByTestId('room-add').click();
  await page.getByTestId('room-name').fill('Laser room');
  await page.getByTestId('room-kind').fill('laser');
  await page.getByTestId('room-save').click();
  await expect(page.getByTestId('room-row').filter({ hasText: 'Laser room' })).toContainText('laser');

  await page.getByTestId('tab-hours').click();
  await page.getByTestId('hours-add-1').click();
  await page.getByTestId('hours-save').click();
  await expect(page.getByTestId('toast')).toContainText('Opening hours saved');
  await page.reload();
  await page.getByTestId('tab-hours').click();
  await expect(page.getByTestId('hours-day-1').locator('input').first()).toHaveValue('09:00');

  await page.getByTestId('tab-backup').click();
  await page.getByTestId('backup-run').click();
  await expect(page.getByTestId('backup-row').first()).toContainText(/lumen-manual-/);

  await page.getByTestId('tab-scheduler').click();
  await expect(page.getByTestId('job-backup')).toBeVisible();
  await expect(page.getByTestId('job-reminders')).toBeVisible();
});
