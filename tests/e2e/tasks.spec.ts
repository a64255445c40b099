import { arrangeClinic, at, call, expect, signIn, signOut, test } from './arrange';

// Ana's visit is at 09:00 and "not paid 4 hours after" must have come due: the clinic's clock is pinned to the
// afternoon of a fixed day (the real clock failed this journey between local midnight and 13:00).
const today = '2026-06-10';
test.use({ lumenArgs: ['--clock-at', at(today, '15:00')] });

test('a manager edits a follow-up rule and runs it; front desk sees the task on Today after the treatment and completes it with an outcome', async ({ page, lumen }) => {
  // Ana's Botox visit is today and done (the override: the journey does not depend on the weekday's hours).
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    const { id } = await call<{ id: number }>(page, 'appointments.book', {
      patientId: c.ana.id,
      segments: [{ serviceId: c.services.botox.id, staffId: c.pia.id, roomId: c.rooms.treatment, startsAt: at(today, '09:00') }],
      override: { reason: 'Journey books outside the weekday hours' },
    });
    for (const status of ['arrived', 'inTreatment', 'completed']) await call(page, 'appointments.setStatus', { id, status });
  });

  // The manager makes the injectables check-in a same-day call for the front desk, with a 4-hour SLA.
  await signIn(page, clinic.manager);
  await page.getByTestId('nav-tasks').click();
  await page.getByTestId('tab-rules').click();
  const rule = page.getByTestId('rule-row').filter({ hasText: 'Injectables check-ins' });
  await rule.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByTestId('rule-dialog');
  await dialog.getByTestId('rule-offsets').fill('-1 days');
  await dialog.getByTestId('rule-save').click();
  await expect(dialog).toContainText('never negative');
  await dialog.getByTestId('rule-offsets').fill('0 days');
  await dialog.getByTestId('rule-assignee').selectOption('role:frontDesk');
  await dialog.getByTestId('rule-sla-input').fill('4');
  await dialog.getByTestId('rule-save').click();
  await expect(dialog).toBeHidden();
  await expect(rule.getByTestId('rule-sla')).toHaveText('4 h');
  await expect(rule).toContainText('Front desk');
  await page.getByTestId('task-run-now').click();
  // The visit is not paid yet either: that rule's task comes too.
  await expect(page.getByTestId('task-run-panel')).toContainText('2 new');
  await signOut(page);

  // Front desk: the task is on Today, for Ana, and is completed inline with what came of the call.
  await signIn(page, clinic.desk);
  const section = page.getByTestId('today-tasks');
  const task = section.getByTestId('task-row').filter({ hasText: 'Neurotoxin check-in' });
  await expect(task).toHaveCount(1);
  await expect(task.getByTestId('task-patient')).toHaveText(clinic.ana.name);
  await task.getByTestId('task-complete').click();
  const done = page.getByTestId('task-complete-dialog');
  await done.getByTestId('task-outcome').selectOption('reached');
  await done.getByTestId('task-note').fill('No bruising, happy with the result');
  await done.getByTestId('task-complete-save').click();
  await expect(done).toBeHidden();
  await expect(task).toHaveCount(0);
  await expect(section.getByTestId('task-row')).toHaveCount(1);

  // The inbox keeps it under Done, with the outcome.
  await page.getByTestId('nav-tasks').click();
  await page.getByTestId('task-status-done').click();
  const completed = page.getByTestId('task-list').getByTestId('task-row');
  await expect(completed).toHaveCount(1);
  await expect(completed).toContainText('Reached the patient: No bruising, happy with the result');
});
