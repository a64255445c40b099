import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, openDatabase } from '../../src-main/core/db';
import { addCalendarDays, localDate } from '../../src-shared/time';
import { TIME_ZONE, arrangeClinic, call, expect, signIn, test } from './arrange';

/**
 * Moves a patient's issued invoices back in time, as if they had been sold then: the journey needs patients last seen
 * months ago, and a running clinic only sells today. Done on the database as an import of old records would (the
 * issued-invoice guard steps aside while syncApplying is set); the purchase projection's triggers follow.
 */
async function backdateSales(dataDir: string, patientId: number, issuedAt: string): Promise<void> {
  const { sqlite } = await openDatabase(join(dataDir, DATABASE_FILE));
  try {
    sqlite.transaction(() => {
      sqlite.exec('UPDATE syncApplying SET active = 1');
      sqlite.prepare("UPDATE invoice SET issuedAt = ? WHERE patientId = ? AND status = 'issued'").run(issuedAt, patientId);
      sqlite.exec('UPDATE syncApplying SET active = 0');
    })();
  } finally {
    sqlite.close();
  }
}

test('a manager builds "neurotoxin and laser but never filler, spent over 2,000, not seen in 6 months", sees the count, saves it and exports it', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    const categories = await call<{ id: number; name: string }[]>(page, 'catalog.categories', {});
    const categoryId = (name: string) => categories.find((k) => k.name === name)!.id;
    const laser = (await call<{ id: number }>(page, 'catalog.saveService', { categoryId: categoryId('Laser hair removal'), name: 'Laser legs', kind: 'treatment', durationMinutes: 60, priceCents: 80_000 })).id;
    const filler = (await call<{ id: number }>(page, 'catalog.saveService', { categoryId: categoryId('Dermal filler'), name: 'Lip filler', kind: 'treatment', durationMinutes: 45, priceCents: 40_000 })).id;
    const sell = async (patientId: number, serviceIds: number[]) => {
      const draft = await call<{ id: number }>(page, 'invoices.createDraft', { patientId, lines: serviceIds.map((serviceId) => ({ serviceId })) });
      await call(page, 'invoices.issue', { id: draft.id });
    };
    const cleo = (await call<{ id: number }>(page, 'patients.create', { firstName: 'Cleo', lastName: 'Berg', phone: '030 5550101' })).id;
    // Ána: toxin and laser twice (2,160.00), never filler. Bruno also had filler. Cleo was in today.
    for (let i = 0; i < 2; i++) await sell(c.ana.id, [c.services.botox.id, laser]);
    for (let i = 0; i < 2; i++) await sell(c.bruno.id, [c.services.botox.id, laser, filler]);
    for (let i = 0; i < 2; i++) await sell(cleo, [c.services.botox.id, laser]);
  });
  const eightMonthsAgo = `${addCalendarDays(localDate(new Date(), TIME_ZONE), -240)}T10:00:00.000Z`;
  await backdateSales(lumen.dataDir, clinic.ana.id, eightMonthsAgo);
  await backdateSales(lumen.dataDir, clinic.bruno.id, eightMonthsAgo);

  await signIn(page, clinic.manager);
  await page.getByTestId('nav-segments').click();
  const builder = page.getByTestId('segment-builder');
  await expect(builder.getByTestId('live-count')).toHaveText('3 patients');

  // Bought all of Neurotoxin and Laser hair removal.
  await builder.getByTestId('add-condition').selectOption('categories');
  const rows = builder.getByTestId('segment-row');
  await rows.nth(0).getByTestId('row-mode').selectOption('all');
  await rows.nth(0).getByTestId('row-values').selectOption([{ label: 'Neurotoxin' }, { label: 'Laser hair removal' }]);
  await expect(builder.getByTestId('live-count')).toHaveText('3 patients');
  // … never Dermal filler.
  await builder.getByTestId('add-condition').selectOption('categories');
  await rows.nth(1).getByTestId('row-mode').selectOption('never');
  await rows.nth(1).getByTestId('row-values').selectOption([{ label: 'Dermal filler' }]);
  await expect(builder.getByTestId('live-count')).toHaveText('2 patients');
  // Spent at least 2,000: an impossible range is refused beside its row first.
  await builder.getByTestId('add-condition').selectOption('spent');
  await rows.nth(2).getByTestId('row-min').fill('2000');
  await rows.nth(2).getByTestId('row-max').fill('100');
  await expect(rows.nth(2)).toContainText('The least is above the most');
  await expect(builder.getByTestId('segment-run')).toBeDisabled();
  await rows.nth(2).getByTestId('row-max').fill('');
  await expect(builder.getByTestId('live-count')).toHaveText('2 patients');
  // Not seen in 6 months.
  await builder.getByTestId('add-condition').selectOption('lastVisit');
  await rows.nth(3).getByTestId('row-min').fill('183');
  await expect(builder.getByTestId('live-count')).toHaveText('1 patient');

  await builder.getByTestId('segment-run').click();
  const results = page.getByTestId('segment-results');
  await expect(results.getByTestId('segment-member')).toHaveCount(1);
  await expect(results.getByTestId('segment-member')).toContainText('Ána Lima');
  await expect(results.getByTestId('segment-member')).toContainText('Sleeping · Hibernating');

  await results.getByTestId('segment-save').click();
  const dialog = page.getByTestId('save-segment-dialog');
  await dialog.getByTestId('segment-name').fill('Toxin and laser, no filler, lapsed');
  await dialog.getByTestId('save-segment-submit').click();
  await expect(dialog).toBeHidden();

  const download = page.waitForEvent('download');
  await results.getByTestId('segment-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^segment-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toContain('"Number","Name"');
  expect(csv).toContain('"Ána Lima"');
  expect(csv).not.toContain('Bruno');

  await page.getByTestId('tab-saved').click();
  await expect(page.getByTestId('saved-segment')).toContainText('Toxin and laser, no filler, lapsed');
  await expect(page.getByTestId('saved-segment')).toContainText('1');
});
