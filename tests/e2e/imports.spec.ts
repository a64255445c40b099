import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { arrangeClinic, expect, signIn, signOut, test } from './arrange';

/** Eight patients from an old system's export: Windows-1252, semicolons, day-first dates, three bad rows. */
const oldSystemFile = join(import.meta.dirname, 'fixtures', 'old-system-patients.csv');

test('the manager imports the old system’s patients through the wizard, sees the bad rows and why, finds Zoë Müller with her accents, then undoes the import and she is gone', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen);
  await signIn(page, clinic.manager);

  // 1 File: Lumen says what it found.
  await page.getByTestId('nav-data').click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.getByTestId('import-file').setInputFiles(oldSystemFile);
  const facts = wizard.getByTestId('import-file-facts');
  await expect(facts.getByTestId('import-encoding')).toHaveText('windows-1252');
  await expect(facts.getByTestId('import-delimiter')).toHaveText('semicolon');
  await expect(facts.getByTestId('import-row-count')).toHaveText('8');
  // From the keyboard: once read, Enter goes on.
  await expect(wizard.getByTestId('import-next')).toBeFocused();
  await page.keyboard.press('Enter');

  // 2 Map: the vendor's headers are guessed.
  await expect(wizard.getByTestId('import-kind')).toHaveValue('patients');
  await expect(wizard.getByTestId('import-map-0')).toHaveValue('legacyId');
  await expect(wizard.getByTestId('import-map-1')).toHaveValue('firstName');
  await expect(wizard.getByTestId('import-map-3')).toHaveValue('dateOfBirth');
  await expect(wizard.getByTestId('import-map-5')).toHaveValue('mobilePhone');
  await expect(wizard.getByTestId('import-mapping')).toContainText('Zoë · François · Renée');
  await wizard.getByTestId('import-mapping-name').fill('Old system');
  await wizard.getByTestId('import-mapping-save').click();
  await expect(page.getByTestId('toast')).toContainText('Mapping “Old system” saved');
  await wizard.getByTestId('import-next').click();

  // 3 Options: the dates prove day-first (23/04/1986); the clinic's country for the phones.
  await expect(wizard.getByTestId('import-date-examples')).toContainText('23/04/1986');
  await expect(wizard.getByText('The dates in this file are day-first.')).toBeVisible();
  await expect(wizard.getByTestId('import-country')).toHaveValue('DE');
  await wizard.getByTestId('import-next').click();

  // 4 Preview: five new patients, three rows skipped, each with its reason.
  const totals = wizard.getByTestId('import-preview-totals');
  await expect(totals.getByTestId('total-create')).toContainText('5');
  await expect(totals.getByTestId('total-skip')).toContainText('3');
  await wizard.getByTestId('import-filter-skip').click();
  const problems = wizard.getByTestId('import-preview-rows').getByTestId('import-row');
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText('31/02/1985');
  await expect(problems.nth(1)).toContainText('6.1E+10');
  await expect(problems.nth(2)).toContainText('Zebra');
  await page.screenshot({ path: test.info().outputPath('import-preview.png'), fullPage: true });
  await wizard.getByTestId('import-next').click();

  // 5 Dry run, then the import with its progress.
  await wizard.getByTestId('import-dry-run').click();
  await expect(wizard.getByTestId('import-dry-report-sentence')).toContainText('Would import 5 new');
  await expect(wizard.getByTestId('import-run')).toBeFocused();
  await page.keyboard.press('Enter');

  // 6 Report: five imported, the three bad rows with their reasons; the report as CSV.
  const report = wizard.getByTestId('import-report');
  await expect(report.getByTestId('import-report-sentence')).toContainText('Imported 5 new');
  await expect(report.getByTestId('import-report-rows').getByTestId('import-row')).toHaveCount(3);
  await page.screenshot({ path: test.info().outputPath('import-report.png'), fullPage: true });
  const download = page.waitForEvent('download');
  await wizard.getByTestId('import-report-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain('"Zoë Müller"');
  expect(csv).toContain('Mobile Phone: A spreadsheet turned this phone number into 6.1E+10');

  // Zoë Müller is a patient now, accents and all, found without typing them.
  await page.getByTestId('nav-patients').click();
  await page.getByTestId('patient-search').fill('muller');
  await expect(page.getByTestId('patient-search-result')).toContainText('Zoë Müller');

  // Past imports lists the batch; its undo, confirmed, removes all it created.
  await page.getByTestId('nav-data').click();
  await page.getByTestId('tab-imports').click();
  const batch = page.getByTestId('import-batch');
  await expect(batch).toHaveCount(1);
  await expect(batch).toContainText('old-system-patients.csv');
  await batch.getByTestId('import-undo').click();
  const confirm = page.getByTestId('import-undo-dialog');
  await expect(confirm).toContainText('Everything batch #1 (old-system-patients.csv) created is removed');
  await confirm.getByTestId('confirm').click();
  await expect(page.getByTestId('toast')).toContainText('5 records removed');
  await expect(batch).toContainText('Undone');
  await expect(batch.getByTestId('import-undo')).toHaveCount(0);
  await page.getByTestId('nav-patients').click();
  await page.getByTestId('patient-search').fill('muller');
  await expect(page.getByText('No patient matches “muller”.')).toBeVisible();
});

test('dates that read both ways are asked for, never guessed; a row matching Ána by phone is merged into her record; the same file again is recognised; its undo is refused once Mila was archived; the front desk has no Data section', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen);
  await signIn(page, clinic.manager);
  const file = {
    name: 'clients.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('First Name,Last Name,DOB,Mobile,Email\r\nAna,Lima,03/04/1990,030 1234567,ana.lima@example.com\r\nMila,Novák,05/06/1991,0171 5550001,mila@example.com\r\n', 'utf8'),
  };

  await page.goto(new URL('#/data/import', page.url()).href);
  const wizard = page.getByTestId('import-wizard');

  // A workbook first: its sheet with data is chosen, the title line above the header passed over; another sheet can be picked.
  await wizard.getByTestId('import-file').setInputFiles(join(import.meta.dirname, '..', 'fixtures', 'imports', 'patients.xlsx'));
  const facts = wizard.getByTestId('import-file-facts');
  await expect(facts).toContainText('Excel workbook');
  await expect(wizard.getByTestId('import-sheet')).toHaveValue('Patients');
  await expect(facts.getByTestId('import-row-count')).toHaveText('2');
  await expect(facts.getByTestId('import-header-line')).toHaveText('2');

  // The file meant is the CSV.
  await wizard.getByTestId('import-file').setInputFiles(file);
  await expect(facts).toContainText('clients.csv');
  await wizard.getByTestId('import-next').click();
  await wizard.getByTestId('import-next').click();

  // 03/04/1990 and 05/06/1991 fit both orders: the wizard asks and will not go on until told.
  const options = wizard.getByTestId('import-options-step');
  await expect(options.getByRole('alert')).toContainText('choose the order');
  await expect(options.getByTestId('import-date-examples')).toContainText('03/04/1990');
  await expect(options.getByTestId('import-next')).toBeDisabled();
  await options.getByTestId('import-date-order').selectOption('dayFirst');
  await expect(options.getByRole('alert')).toHaveCount(0);
  await options.getByTestId('import-next').click();

  // Ana Lima has Ána's phone: a match, kept apart unless told; this one is merged.
  await expect(wizard.getByTestId('import-preview-totals').getByTestId('total-match')).toContainText('1');
  const match = wizard.locator('[data-testid="import-row"][data-outcome="match"]');
  await expect(match).toContainText(`${clinic.ana.name}`);
  await expect(match).toContainText('Same phone');
  await expect(match.getByTestId('import-decision')).toHaveValue('keepApart');
  await match.getByTestId('import-decision').selectOption('merge');
  await wizard.getByTestId('import-next').click();
  await wizard.getByTestId('import-dry-run').click();
  await expect(wizard.getByTestId('import-dry-report-sentence')).toContainText('(1 merged, 0 kept apart)');
  await wizard.getByTestId('import-run').click();
  await expect(wizard.getByTestId('import-report-sentence')).toContainText('Imported 1 new, matched 1 (1 merged, 0 kept apart)');

  // Ána's record gained the email the old system had.
  await page.goto(new URL(`#/patients/${clinic.ana.id}`, page.url()).href);
  await expect(page.getByTestId('patient-profile')).toContainText('ana.lima@example.com');

  // The same file again: recognised, and its rows would be skipped as already imported.
  await page.goto(new URL('#/data/import', page.url()).href);
  await wizard.getByTestId('import-file').setInputFiles(file);
  await expect(wizard.getByTestId('import-imported-before')).toContainText('This file was imported on');
  await expect(wizard.getByTestId('import-imported-before')).toContainText('batch #1');

  // Mila, whom the import created, has been archived since: undoing it would lose that, so it is refused and kept.
  await page.getByTestId('nav-patients').click();
  await page.getByTestId('patient-search').fill('novak');
  await page.getByTestId('patient-search-result').click();
  await page.getByTestId('patient-archive').click();
  await page.getByTestId('archive-dialog').getByTestId('archive-reason').fill('Moved away');
  await page.getByTestId('archive-dialog').getByTestId('confirm').click();
  await expect(page.getByTestId('archived-badge')).toBeVisible();
  await page.goto(new URL('#/data/imports', page.url()).href);
  await page.getByTestId('import-batch').getByTestId('import-undo').click();
  const undo = page.getByTestId('import-undo-dialog');
  await undo.getByTestId('confirm').click();
  await expect(undo.getByTestId('form-error')).toContainText('This import cannot be undone: P000003 Mila Novák was changed since the import.');
  await undo.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-batch')).not.toContainText('Undone');

  // The front desk has no Data section: imports bring clinical details in.
  await signOut(page);
  await signIn(page, clinic.desk);
  await expect(page.getByTestId('nav-data')).toHaveCount(0);
  await page.goto(new URL('#/data/import', page.url()).href);
  await expect(page.getByText('There is nothing here for your role.')).toBeVisible();
});
