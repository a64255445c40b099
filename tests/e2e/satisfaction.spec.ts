import type { Page } from '@playwright/test';
import { arrangeClinic, at, call, type Clinic, expect, signIn, signOut, test } from './arrange';

// The visits are this morning and the desk hands over the tablet in the afternoon: the clock is pinned to one day.
const today = '2026-06-10';
test.use({ lumenArgs: ['--clock-at', at(today, '15:00')] });

const SITES = [
  { name: 'Google', url: 'https://g.page/r/harbour-aesthetics/review' },
  { name: 'RealSelf', url: 'https://www.realself.com/review/harbour-aesthetics' },
];

/** Surveys on with two review sites; Ána's Botox and Bruno's HydraFacial this morning, both arrived; both agreed to SMS. */
async function arrange(page: Page, lumen: Parameters<typeof arrangeClinic>[1]): Promise<Clinic> {
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'satisfaction.saveSettings', { enabled: true, reviewSites: SITES });
    const visits: [number, number, number][] = [
      [c.ana.id, c.services.botox.id, c.pia.id],
      [c.bruno.id, c.services.hydra.id, c.noah.id],
    ];
    for (const [patientId, serviceId, staffId] of visits) {
      await call(page, 'patients.setConsent', { patientId, channel: 'sms', granted: true, source: 'form' });
      const { id } = await call<{ id: number }>(page, 'appointments.book', {
        patientId,
        segments: [{ serviceId, staffId, roomId: c.rooms.treatment, startsAt: at(today, patientId === c.ana.id ? '10:00' : '11:00') }],
        override: { reason: 'Journey books outside the weekday hours' },
      });
      await call(page, 'appointments.setStatus', { id, status: 'arrived' });
    }
  });
  return clinic;
}

/** Front desk hands the patient the tablet from Today; the patient taps a score, may comment, and sends. */
async function scoreOnTablet(page: Page, patientName: string, score: number, comment: string): Promise<void> {
  await page.getByTestId('today-row').filter({ hasText: patientName }).getByTestId('today-tablet').click();
  const tablet = page.getByTestId('tablet');
  await expect(tablet).toContainText('how was your visit');
  await page.getByTestId(`tablet-score-${score}`).click();
  if (comment) await page.getByTestId('tablet-comment').fill(comment);
  await page.getByTestId('tablet-send').click();
  await expect(page.getByTestId('tablet-thanks')).toBeVisible();
}

async function unlockTablet(page: Page, password: string): Promise<void> {
  await page.getByTestId('tablet-staff').click();
  await page.getByTestId('tablet-password').fill(password);
  await page.getByTestId('tablet-unlock-submit').click();
  await expect(page.getByTestId('tablet')).toBeHidden();
}

test('a 10 on the check-out tablet queues a review request with the clinic’s sites in the patient’s conversation; the tablet stays locked until staff unlock it', async ({ page, lumen }) => {
  const clinic = await arrange(page, lumen);
  await signIn(page, clinic.desk);
  await scoreOnTablet(page, clinic.ana.name, 10, 'Lovely, thank you');

  // The patient cannot leave the screen: not by Back, not by the palette's shortcut, not by typing an address.
  await page.goBack();
  await expect(page.getByTestId('tablet-thanks')).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette-input')).toHaveCount(0);
  await page.evaluate(() => (window.location.hash = '/settings'));
  await expect(page.getByTestId('tablet-thanks')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('tablet-thanks')).toBeVisible();
  // A wrong password keeps it locked.
  await page.getByTestId('tablet-staff').click();
  await page.getByTestId('tablet-password').fill('not the password');
  await page.getByTestId('tablet-unlock-submit').click();
  await expect(page.getByTestId('tablet-unlock-error')).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await unlockTablet(page, clinic.desk.password);

  // Ána's conversation holds the review request, waiting in the outbox to go by SMS.
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('Lima');
  await expect(page.getByTestId('palette-patient').first()).toContainText(clinic.ana.name);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('patient-scores')).toContainText('10/10');
  await page.getByTestId('tab-conversation').click();
  const conversation = page.getByTestId('conversation');
  await expect(conversation).toContainText('Would you share your experience in a review?');
  for (const site of SITES) await expect(conversation).toContainText(site.url);
});

test('a 3 on the tablet puts a recovery task with the comment in the manager’s task inbox and opens a complaint', async ({ page, lumen }) => {
  const clinic = await arrange(page, lumen);
  await signIn(page, clinic.desk);
  await scoreOnTablet(page, clinic.bruno.name, 3, 'The room was freezing and I waited 40 minutes');
  await unlockTablet(page, clinic.desk.password);
  await signOut(page);

  await signIn(page, clinic.manager);
  await page.getByTestId('nav-tasks').click();
  const task = page.getByTestId('task-row').filter({ hasText: `Recovery call: ${clinic.bruno.name} scored 3/10` });
  await expect(task).toHaveCount(1);
  await expect(task).toContainText('The room was freezing and I waited 40 minutes');
  await expect(task).toContainText('Noah Nadel');

  await page.getByTestId('nav-satisfaction').click();
  await page.getByTestId('tab-complaints').click();
  const complaint = page.getByTestId('complaint-row').filter({ hasText: clinic.bruno.name });
  await expect(complaint).toContainText('The room was freezing');
  await complaint.getByTestId('complaint-resolve').click();
  await page.getByTestId('complaint-outcome').selectOption('apologised');
  await page.getByTestId('complaint-resolve-submit').click();
  await expect(page.getByTestId('complaint-row')).toHaveCount(0);
});
