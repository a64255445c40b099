import { localDate } from '../../src-shared/time';
import { arrangeClinic, at, call, expect, signIn, test, TIME_ZONE } from './arrange';

test('front desk lands on Today, checks the first patient in from the keyboard, sees the allergy, and opens an invoice with I', async ({ page, lumen }) => {
  // The server's clock is the real one: the visits are booked for the real clinic-local today (any weekday, hence the override).
  const today = localDate(new Date(), TIME_ZONE);
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    const override = { reason: 'Journey books on the real today' };
    await call(page, 'appointments.book', {
      patientId: c.ana.id,
      segments: [{ serviceId: c.services.botox.id, staffId: c.pia.id, roomId: c.rooms.treatment, startsAt: at(today, '10:00') }],
      override,
    });
    await call(page, 'appointments.book', {
      patientId: c.bruno.id,
      segments: [{ serviceId: c.services.hydra.id, staffId: c.noah.id, roomId: c.rooms.treatment, startsAt: at(today, '11:00') }],
      override,
    });
  });

  // Reception's home is Today: the two visits in time order, the day's totals under them.
  await signIn(page, clinic.desk);
  await expect(page).toHaveURL(/#\/today$/);
  await expect(page.getByTestId('nav-today')).toHaveAttribute('aria-current', 'page');
  const rows = page.getByTestId('today-row');
  await expect(rows).toHaveCount(2);
  const ana = rows.nth(0);
  const bruno = rows.nth(1);
  await expect(ana).toContainText(clinic.ana.name);
  await expect(ana).toContainText('Botox glabella');
  await expect(ana).toContainText(clinic.pia.name);
  await expect(bruno).toContainText(clinic.bruno.name);
  await expect(page.getByTestId('today-total-visits')).toHaveText('2');

  // Bruno's allergy shows on his row, not on Ána's.
  await expect(bruno.getByTestId('today-allergy')).toBeVisible();
  await expect(ana.getByTestId('today-allergy')).toHaveCount(0);

  // The first row is selected; A checks Ána in and her step moves on.
  await expect(ana).toHaveAttribute('aria-selected', 'true');
  await expect(ana.getByTestId('today-step')).toHaveAttribute('data-step', 'booked');
  await page.keyboard.press('a');
  await expect(ana).toHaveAttribute('data-status', 'arrived');
  await expect(ana.getByTestId('today-step')).toHaveAttribute('data-step', 'arrived');
  await expect(ana.getByTestId('today-step')).toContainText('Arrived');
  await expect(bruno).toHaveAttribute('data-status', 'booked');

  // ↓ then Enter checks Bruno in too; ↑ goes back to Ána.
  await page.keyboard.press('ArrowDown');
  await expect(bruno).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(bruno).toHaveAttribute('data-status', 'arrived');
  await page.keyboard.press('ArrowUp');
  await expect(ana).toHaveAttribute('aria-selected', 'true');

  // Tomorrow is empty and says so; the Today button brings the day back.
  await page.getByTestId('today-next').click();
  await expect(page.getByTestId('empty')).toContainText('No visits on');
  await page.getByTestId('today-today').click();
  await expect(rows).toHaveCount(2);
  await expect(ana).toHaveAttribute('aria-selected', 'true');

  // I starts Ána's invoice from her visit and opens it.
  await page.keyboard.press('i');
  await expect(page).toHaveURL(/#\/invoices\/\d+$/);
  await expect(page.getByTestId('invoice-title')).toHaveText('Draft invoice');
  await expect(page.getByTestId('invoice-patient')).toHaveText('Ána Lima');
  const invoiceUrl = page.url();

  // Back on Today, the same key opens the same draft rather than starting another.
  await page.getByTestId('nav-today').click();
  await expect(ana.getByTestId('today-invoice')).toHaveText('Draft invoice');
  await page.keyboard.press('i');
  await expect(page).toHaveURL(invoiceUrl);
});
