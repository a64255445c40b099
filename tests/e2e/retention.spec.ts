import { join } from 'node:path';
import { openDatabase } from '../../src-main/core/db';
import { arrangeClinic, call, expect, signIn, test } from './arrange';

/**
 * Sales are made today through the API, then moved back in time in the database (as a change file from another
 * workstation would land them): the guards of issued invoices step aside as while sync applies a file, and the
 * purchase projection's triggers follow the new dates.
 */
async function backdate(dataDir: string, invoiceIds: number[], daysAgo: number) {
  const { sqlite } = await openDatabase(join(dataDir, 'lumen.sqlite3'));
  try {
    const issuedAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE syncApplying SET active = 1').run();
      for (const id of invoiceIds) sqlite.prepare('UPDATE invoice SET issuedAt = ?, createdAt = ? WHERE id = ?').run(issuedAt, issuedAt, id);
      sqlite.prepare('UPDATE syncApplying SET active = 0').run();
    })();
  } finally {
    sqlite.close();
  }
}

test('a manager calls an overdue neurotoxin patient, books her, and prints the call list', async ({ page, lumen }) => {
  // Ana and Bruno had Botox with Dr Prax 150 days ago (due after 90); Bruno has never agreed to be phoned.
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'patients.setConsent', { patientId: c.ana.id, channel: 'phone', granted: true, source: 'form' });
    const sold: number[] = [];
    for (const patient of [c.ana, c.bruno]) {
      const { invoice } = await call<{ invoice: { id: number } }>(page, 'checkout.commit', { patientId: patient.id, lines: [{ serviceId: c.services.botox.id, staffId: c.pia.id }] });
      sold.push(invoice.id);
    }
    await backdate(lumen.dataDir, sold, 150);
  });

  await signIn(page, clinic.manager);
  await page.goto(`${lumen.url}#/retention`);
  const list = page.getByTestId('due-overdue');
  await list.getByTestId('due-category').selectOption('Neurotoxin');
  for (const band of ['31-90', '91-180', '180+']) await list.getByTestId(`due-band-${band}`).click();
  await list.getByTestId('due-scheduled').selectOption('no');
  const anaRow = list.getByTestId('due-row').filter({ hasText: clinic.ana.name });
  await expect(anaRow).toContainText('Neurotoxin');
  await expect(anaRow).toContainText('60 d');
  await expect(list.getByTestId('due-row')).toHaveCount(2);

  // The call: she books. The booking screen opens with her and her last treatment.
  await anaRow.getByTestId('due-contact').click();
  const dialog = page.getByTestId('outreach-dialog');
  await expect(dialog.getByTestId('outreach-channel')).toHaveValue('phone');
  await dialog.getByTestId('outreach-outcome').selectOption('booked');
  await dialog.getByTestId('outreach-note').fill('Wants the same dose as last time');
  await dialog.getByTestId('outreach-save').click();
  const booking = page.getByTestId('booking-dialog');
  await expect(booking.getByTestId('booking-patient-chosen')).toContainText(clinic.ana.name);
  await booking.getByTestId('booking-next-available').click();
  await booking.getByTestId('booking-slot').first().click();
  await booking.getByTestId('booking-submit').click();
  await expect(booking).toBeHidden();

  // Booked: she leaves the unscheduled list; Bruno, who cannot be phoned, says why.
  await expect(list.getByTestId('due-row')).toHaveCount(1);
  const brunoRow = list.getByTestId('due-row').filter({ hasText: clinic.bruno.name });
  await expect(brunoRow).toBeVisible();
  await expect(brunoRow).toContainText('none');
  await list.getByTestId('due-scheduled').selectOption('yes');
  await expect(list.getByTestId('due-row')).toHaveCount(1);
  await expect(list.getByTestId('due-row').filter({ hasText: clinic.ana.name })).toBeVisible();

  // The call list prints.
  await list.getByTestId('due-scheduled').selectOption('no');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { name: 'Call list: overdue maintenance' })).toBeVisible();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
});
