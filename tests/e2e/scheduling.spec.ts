import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arrangeClinic, at, call, dragCard, expect, openCalendarDay, signIn, signOut, test } from './arrange';

const REASON = 'Patient agreed to wait; double-booked on purpose';

test('reception books a two-service visit via "next available", drags it, is stopped by a double booking; a manager overrides it; the day list prints', async ({ page, lumen }) => {
  // Bruno (allergic) already has a consultation with Dr Prax at 15:00 that day.
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'appointments.book', {
      patientId: c.bruno.id,
      segments: [{ serviceId: c.services.consult.id, staffId: c.pia.id, roomId: c.rooms.consult, startsAt: at(c.date, '15:00') }],
    });
  });
  const piaColumn = page.getByTestId(`col-staff-${clinic.pia.id}`);
  const noahColumn = page.getByTestId(`col-staff-${clinic.noah.id}`);

  // Reception signs in and opens the calendar on the day.
  await signIn(page, clinic.desk);
  await openCalendarDay(page, clinic.date);
  await expect(page.locator(`[data-testid="calendar-column"][data-column="staff-${clinic.pia.id}"]`)).toContainText(clinic.pia.name);
  await expect(piaColumn.getByTestId('appointment-card')).toHaveCount(1);

  // New booking: Ána, consultation then Botox, first "next available" slot.
  await page.getByTestId('cal-new-booking').click();
  const booking = page.getByTestId('booking-dialog');
  await expect(booking).toBeVisible();
  await booking.getByTestId('booking-patient').fill('Lima');
  await booking.getByTestId('booking-patient-option').filter({ hasText: 'Lima' }).first().click();
  await expect(booking.getByTestId('booking-patient-chosen')).toContainText(clinic.ana.name);
  await booking.getByTestId('booking-service-0').selectOption({ label: `${clinic.services.consult.name} (30 min)` });
  await booking.getByTestId('booking-add-service').click();
  await booking.getByTestId('booking-service-1').selectOption({ label: `${clinic.services.botox.name} (30 min)` });
  await expect(booking.getByTestId('booking-provider-1')).toHaveValue(String(clinic.pia.id));
  await booking.getByTestId('booking-next-available').click();
  const firstSlot = booking.getByTestId('booking-slot').first();
  await expect(firstSlot).toContainText('09:00–10:00');
  await expect(firstSlot).toContainText(clinic.pia.name);
  await firstSlot.click();
  await expect(booking.getByTestId('booking-time')).toHaveValue('09:00');
  await expect(booking.getByTestId('booking-no-conflicts')).toBeVisible();
  await booking.getByTestId('booking-submit').click();
  await expect(booking).toBeHidden();

  // The visit sits in Dr Prax's column with both services, and nowhere else.
  const anaCard = piaColumn.getByTestId('appointment-card').filter({ hasText: clinic.ana.name });
  await expect(anaCard).toHaveCount(1);
  await expect(anaCard).toContainText(`${clinic.services.consult.name} + ${clinic.services.botox.name}`);
  await expect(anaCard).toHaveAttribute('aria-label', /09:00–10:00/);
  await expect(noahColumn.getByTestId('appointment-card')).toHaveCount(0);
  const visitId = Number(await anaCard.getAttribute('data-appointment-id'));
  const card = page.locator(`[data-testid="appointment-card"][data-appointment-id="${visitId}"]`);

  // Drag it two hours later: it now starts at 11:00.
  await dragCard(page, visitId, 120);
  await expect(card).toHaveAttribute('aria-label', /11:00–12:00/);
  await expect(card.locator('.appt-time')).toHaveText('11:00');

  // Drag it onto Bruno's 15:00 consultation: the double booking is explained, and front desk cannot override it.
  await dragCard(page, visitId, 240);
  const conflict = page.getByTestId('conflict-dialog');
  await expect(conflict).toBeVisible();
  const withBruno = conflict.locator('[data-testid="conflict-item"][data-kind="appointment"]');
  await expect(withBruno).toHaveCount(1);
  await expect(withBruno).toContainText(clinic.bruno.name);
  await expect(withBruno).toContainText(clinic.pia.name);
  await expect(conflict.getByTestId('conflict-ask-manager')).toContainText(/Ask a manager/);
  await expect(conflict.getByTestId('conflict-override')).toHaveCount(0);
  await expect(conflict.getByTestId('conflict-override-reason')).toHaveCount(0);
  await conflict.getByTestId('conflict-cancel').click();
  await expect(conflict).toBeHidden();
  await expect(card).toHaveAttribute('aria-label', /11:00–12:00/);

  // A manager takes over the desk and books over the conflict with a reason.
  await signOut(page);
  await signIn(page, clinic.manager);
  await openCalendarDay(page, clinic.date);
  await dragCard(page, visitId, 240);
  await expect(conflict).toBeVisible();
  await expect(conflict.locator('[data-testid="conflict-item"][data-kind="appointment"]')).toContainText(clinic.bruno.name);
  await expect(conflict.getByTestId('conflict-ask-manager')).toHaveCount(0);
  await expect(conflict.getByTestId('conflict-override')).toBeDisabled();
  await conflict.getByTestId('conflict-override-reason').fill(REASON);
  await conflict.getByTestId('conflict-override').click();
  await expect(conflict).toBeHidden();
  await expect(card).toHaveAttribute('aria-label', /15:00–16:00/);
  await expect(card.getByTestId('card-override')).toBeVisible();
  // Both visits stay on the calendar, side by side.
  await expect(piaColumn.getByTestId('appointment-card')).toHaveCount(2);
  await card.click();
  await expect(page.getByTestId('appointment-panel').getByTestId('appointment-override')).toContainText(REASON);

  // Dr Prax's day list: the print link of her column, printed without the app's chrome.
  await openCalendarDay(page, clinic.date);
  await page.getByTestId(`print-staff-${clinic.pia.id}`).click();
  const list = page.getByTestId('day-list');
  await expect(list.getByTestId('day-list-title')).toContainText(clinic.pia.name);
  const rows = list.getByTestId('day-list-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: clinic.ana.name })).toContainText(clinic.services.botox.name);
  await expect(rows.filter({ hasText: clinic.ana.name }).getByTestId('day-list-allergy')).toHaveCount(0);
  await expect(rows.filter({ hasText: clinic.bruno.name }).getByTestId('day-list-allergy')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByTestId('sign-out')).toBeHidden();
  await expect(page.getByTestId('day-list-print')).toBeHidden();
  await expect(rows.filter({ hasText: clinic.bruno.name }).getByTestId('day-list-allergy')).toBeVisible();

  const pdf = join(tmpdir(), `lumen-day-list-${process.pid}-${Date.now()}.pdf`);
  try {
    await page.pdf({ path: pdf, format: 'A4' });
    expect(statSync(pdf).size).toBeGreaterThan(1000);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  } finally {
    rmSync(pdf, { force: true });
  }

  // The audit log shows who overrode, and why (checked last: see the report on the move's audit entry).
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('audit-entity').fill('appointment');
  await page.getByTestId('audit-entity-id').fill(String(visitId));
  await page.getByTestId('audit-apply').click();
  await expect(page.getByTestId('audit-row').filter({ hasText: `Booked ${clinic.ana.name}` })).toContainText(clinic.desk.name);
  const override = page.getByTestId('audit-row').filter({ hasText: /over \d conflict/ });
  await expect(override).toHaveCount(1);
  await expect(override).toContainText(clinic.manager.name);
  await override.getByTestId('audit-details-toggle').click();
  // The reason must be readable here, in the row or its details.
  await expect(page.getByTestId('audit-table')).toContainText(REASON);
});
