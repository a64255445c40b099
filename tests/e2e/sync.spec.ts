import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { arrangeClinic, signIn } from './arrange';
import { expect, newDataDir, type RunningLumen, startLumen, test } from './lumen';

const DATABASE = 'lumen.sqlite3';

/** A plain file copy of a closed clinic's database (and its write-ahead log, if one was left), as a person would copy it. */
function copyDatabase(from: string, to: string): void {
  for (const file of [DATABASE, `${DATABASE}-wal`]) if (existsSync(join(from, file))) copyFileSync(join(from, file), join(to, file));
}

/** A browser of its own per workstation: both hosts are 127.0.0.1, and cookies do not tell ports apart. */
async function openWorkstation(browser: Browser, lumen: RunningLumen): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(lumen.url);
  return page;
}

async function openWorkstationsTab(page: Page): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('tab-workstations').click();
  await expect(page.getByTestId('this-workstation')).toBeVisible();
}

async function setSharedFolder(page: Page, folder: string): Promise<void> {
  await openWorkstationsTab(page);
  await page.getByTestId('shared-folder-path').fill(folder);
  await page.getByTestId('shared-folder-save').click();
  await expect(page.getByTestId('toast')).toContainText('Shared folder saved');
  await expect(page.getByTestId('sync-now')).toBeEnabled();
}

async function syncNow(page: Page): Promise<void> {
  await openWorkstationsTab(page);
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-now-result')).toContainText('Sent ');
}

/** The patient's profile, found with Ctrl+K as a person would. */
async function openPatient(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(name);
  await expect(page.getByTestId('palette-patient').first()).toContainText(name);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-profile')).toBeVisible();
}

/** Changes one field of the patient's form and saves; the profile then shows `shown`. */
async function editPatient(page: Page, name: string, field: 'patient-phone' | 'patient-email', value: string, shown = value): Promise<void> {
  await openPatient(page, name);
  await page.getByTestId('patient-edit').click();
  await page.getByTestId(field).fill(value);
  await page.getByTestId('patient-save').click();
  await expect(page.getByTestId('patient-profile')).toContainText(shown);
}

test('two workstations: a copied database becomes Room 2, both edit the same patient, the shared folder brings both edits to both', async ({ browser, page }) => {
  test.setTimeout(300_000);
  const receptionData = newDataDir();
  const roomTwoData = newDataDir();
  const shared = mkdtempSync(join(tmpdir(), 'lumen-e2e-shared-'));
  const running: RunningLumen[] = [];
  try {
    // Reception's clinic is made, then closed and its database copied to a second computer's data folder.
    const first = await startLumen([], receptionData);
    const { clinic } = await arrangeClinic(page, first).finally(() => first.stop({ keepData: true }));
    copyDatabase(receptionData, roomTwoData);

    const reception = await startLumen([], receptionData);
    running.push(reception);
    const roomTwo = await startLumen([], roomTwoData);
    running.push(roomTwo);

    // The copy knows it is a copy: before anything is written it becomes a workstation of its own.
    const b = await openWorkstation(browser, roomTwo);
    await expect(b.getByTestId('new-workstation-reason')).toContainText('copied or restored (from Reception)');
    await b.getByTestId('claim-name').fill('Room 2');
    await b.getByTestId('claim-prefix').fill('R');
    await b.getByTestId('claim-username').fill(clinic.manager.username);
    await b.getByTestId('claim-password').fill('not the password');
    await b.getByTestId('claim-submit').click();
    await expect(b.getByTestId('form-error')).toBeVisible();
    await b.getByTestId('claim-password').fill(clinic.manager.password);
    await b.getByTestId('claim-submit').click();
    await expect(b.getByTestId('signin-screen')).toBeVisible();
    await signIn(b, clinic.owner);
    await openWorkstationsTab(b);
    await expect(b.getByTestId('this-workstation-name')).toHaveText('Room 2');
    await expect(b.getByTestId('this-workstation-prefix')).toContainText('R');

    const a = await openWorkstation(browser, reception);
    await signIn(a, clinic.owner);
    await setSharedFolder(a, shared);
    await setSharedFolder(b, shared);

    // The same patient, different fields, offline from each other.
    await editPatient(a, clinic.ana.name, 'patient-phone', '030 5550001', '5550001');
    await editPatient(b, clinic.ana.name, 'patient-email', 'ana.lima@example.com');

    await syncNow(a);
    await syncNow(b);
    await expect(b.getByTestId('import-summary')).toContainText('Reception');
    await syncNow(a);
    await expect(a.getByTestId('import-summary')).toContainText('Room 2');

    for (const p of [a, b]) {
      await openPatient(p, clinic.ana.name);
      await expect(p.getByTestId('patient-profile')).toContainText('5550001');
      await expect(p.getByTestId('patient-profile')).toContainText('ana.lima@example.com');
    }

    // Reception now knows Room 2 and when its file arrived.
    await openWorkstationsTab(a);
    await expect(a.getByTestId('other-workstation').filter({ hasText: 'Room 2' })).toContainText('R');
    await expect(a.getByTestId('sync-conflicts')).toContainText('No conflicts to review');
  } finally {
    for (const lumen of running) await lumen.stop();
    for (const dir of [receptionData, roomTwoData, shared]) rmSync(dir, { recursive: true, force: true });
  }
});
