import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startMailSystem, type MailSystem } from '../support/mail-server';
import { startSmsGateway, type SmsGateway } from '../support/sms-gateway';
import { ApiError, arrangeClinic, call, signIn, signOut } from './arrange';
import { expect, type RunningLumen, test } from './lumen';

const ANA_EMAIL = 'ana.lima@patient.test';

interface JobRow {
  name: string;
  running: boolean;
  lastRunAt: string | null;
  lastOutcome: string | null;
  lastMessage: string | null;
}

/** The office computer: a browser of its own, signed in as the owner through the API, to run background jobs now. */
async function officeComputer(browser: Browser, lumen: RunningLumen, owner: { username: string; password: string }): Promise<Page> {
  const context = await browser.newContext();
  offices.push(context);
  const page = await context.newPage();
  await page.goto(lumen.url);
  // The sign-in screen means the app's own first call is answered, so the connection cookie is settled.
  await expect(page.getByTestId('signin-screen')).toBeVisible();
  await call(page, 'auth.signIn', { username: owner.username, password: owner.password });
  return page;
}

/** Runs a scheduler job now (as Settings → Scheduler → Run now does) and waits for that run to finish. */
/** A patient's Conversation tab, found with the command palette's quick search. */
async function openConversation(page: Page, typed: string, name: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill(typed);
  await expect(page.getByTestId('palette-patient').first()).toContainText(name);
  await page.keyboard.press('Enter');
  await page.getByTestId('tab-conversation').click();
}

async function runJob(office: Page, name: string): Promise<JobRow> {
  const before = new Date().toISOString();
  for (;;) {
    try {
      await call(office, 'scheduler.runNow', { name });
      break;
    } catch (error) {
      // The scheduler may be running the job on its own just then: ask again once it is done.
      if (!(error instanceof ApiError && error.code === 'conflict')) throw error;
      await office.waitForTimeout(200);
    }
  }
  let finished: JobRow | undefined;
  await expect
    .poll(
      async () => {
        finished = (await call<JobRow[]>(office, 'scheduler.jobs', {})).find((j) => j.name === name);
        return !!finished && !finished.running && finished.lastRunAt !== null && finished.lastRunAt >= before;
      },
      { timeout: 30_000, message: `the ${name} job to finish a run` },
    )
    .toBe(true);
  return finished!;
}

// The clinic's real mail system and SMS gateway, here in the test, as the clinic's providers would be.
let mail: MailSystem;
let sms: SmsGateway;
const offices: BrowserContext[] = [];
test.beforeEach(async () => {
  mail = await startMailSystem();
  sms = await startSmsGateway();
});
test.afterEach(async () => {
  for (const context of offices.splice(0)) await context.close();
  await mail.close();
  await sms.close();
});

/**
 * Ána, with an email address and email consent, is sent her aftercare sheet through an SMTP account on `port` of the
 * test mail system; the office computer runs the outbox job once, and the manager opens Settings → Outbox.
 */
async function aftercareEmailSent(page: Page, browser: Browser, lumen: RunningLumen, smtp: { port: number }) {
  const settings = { host: '127.0.0.1', port: smtp.port, security: 'none', user: mail.mailbox.user, fromName: 'Harbour Aesthetics', fromAddress: mail.mailbox.address, replyTo: null };
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'patients.update', { id: c.ana.id, patch: { email: ANA_EMAIL } });
    await call(page, 'patients.setConsent', { patientId: c.ana.id, channel: 'email', granted: true, source: 'form' });
    await call(page, 'messages.saveAccount', { kind: 'smtp', settings, secret: mail.mailbox.password });
    await call(page, 'messages.send', { patientId: c.ana.id, channel: 'email', subject: 'Your aftercare sheet', body: 'Hello Ána, here is how to look after your skin this week.' });
  });
  const office = await officeComputer(browser, lumen, clinic.owner);
  await runJob(office, 'outbox');
  await signIn(page, clinic.manager);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('tab-outbox').click();
  return { clinic, office };
}

test('a reply arrives and a receptionist answers it: accounts set up, an email to the patient, her reply in the inbox and the thread, the answer delivered', async ({ browser, page, lumen }) => {
  test.setTimeout(180_000);
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'patients.update', { id: c.ana.id, patch: { email: ANA_EMAIL } });
    await call(page, 'patients.setConsent', { patientId: c.ana.id, channel: 'email', granted: true, source: 'form' });
  });
  const office = await officeComputer(browser, lumen, clinic.owner);

  // The manager sets up the clinic's mail account and mailbox in Settings.
  await signIn(page, clinic.manager);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('tab-messaging').click();
  await expect(page.getByTestId('accounts-sealing')).toContainText('sealed');
  const smtp = page.getByTestId('account-smtp');
  await expect(smtp).toContainText('not set up');
  await expect(page.getByTestId('smtp-test')).toBeDisabled();
  await page.getByTestId('smtp-host').fill('127.0.0.1');
  await page.getByTestId('smtp-port').fill(String(mail.smtpPort));
  await page.getByTestId('smtp-security').selectOption('none');
  await page.getByTestId('smtp-user').fill(mail.mailbox.user);
  await page.getByTestId('smtp-secret').fill(mail.mailbox.password);
  await page.getByTestId('smtp-fromName').fill('Harbour Aesthetics');
  await page.getByTestId('smtp-fromAddress').fill(mail.mailbox.address);
  await page.getByTestId('smtp-save').click();
  await expect(page.getByTestId('toast')).toContainText('saved');
  // The password is never shown again; an empty box keeps it.
  await expect(page.getByTestId('smtp-secret')).toHaveValue('');
  await expect(page.getByTestId('smtp-secret')).toHaveAttribute('placeholder', /saved — leave empty to keep/);

  await page.getByTestId('smtp-test').click();
  await page.getByTestId('account-test-to').fill('mia@lumen.test');
  await page.getByTestId('account-test-send').click();
  await expect(page.getByTestId('smtp-outcome')).toContainText('It works');
  await expect(page.getByTestId('smtp-last-status')).toContainText('Working');
  expect(mail.deliveredTo('mia@lumen.test')).toHaveLength(1);

  // A wrong mailbox password is told in words; the right one works.
  await page.getByTestId('imap-host').fill('127.0.0.1');
  await page.getByTestId('imap-port').fill(String(mail.imapPort));
  await page.getByTestId('imap-security').selectOption('none');
  await page.getByTestId('imap-user').fill(mail.mailbox.user);
  await page.getByTestId('imap-secret').fill('not the password');
  await page.getByTestId('imap-save').click();
  await expect(page.getByTestId('imap-secret')).toHaveValue('');
  await page.getByTestId('imap-test').click();
  await expect(page.getByTestId('imap-outcome')).toContainText('It did not work');
  await expect(page.getByTestId('imap-last-status')).toContainText('Failing');
  await page.getByTestId('imap-secret').fill(mail.mailbox.password);
  await page.getByTestId('imap-save').click();
  await expect(page.getByTestId('imap-secret')).toHaveValue('');
  await page.getByTestId('imap-test').click();
  await expect(page.getByTestId('imap-outcome')).toContainText('It works');

  // She writes to Ána from Ána's conversation; the outbox shows it as hers.
  await openConversation(page, 'Ána Lima', clinic.ana.name);
  await expect(page.getByTestId('conversation')).toBeVisible();
  await expect(page.getByTestId('conversation')).toContainText('No messages with');
  await page.getByTestId('compose-channel-email').check();
  await page.getByTestId('compose-subject').fill('After your HydraFacial');
  await page.getByTestId('compose-body').fill('Hello Ána, how is your skin after the facial?');
  await page.getByTestId('compose-send').click();
  await expect(page.getByTestId('thread-item')).toHaveCount(1);
  await expect(page.getByTestId('thread-item').first()).toContainText('Hello Ána, how is your skin');
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('tab-outbox').click();
  await expect(page.getByTestId('outbox-row').filter({ hasText: 'Hello Ána' })).toContainText('by Mia Manager');
  await expect(page.getByTestId('outbox-banner')).toContainText('SMS not set up');

  await runJob(office, 'outbox');
  await expect.poll(() => mail.deliveredTo(ANA_EMAIL).length).toBe(1);
  const sent = mail.deliveredTo(ANA_EMAIL)[0];
  expect(sent.subject).toBe('After your HydraFacial');
  expect(sent.messageId).toBeTruthy();
  await signOut(page);

  // A moment later Ána answers the email (the mailbox dates messages to the whole second); the mailbox is read.
  await page.waitForTimeout(1_000);
  mail.receive({ from: `Ána Lima <${ANA_EMAIL}>`, subject: 'Re: After your HydraFacial', text: 'Thank you! A little redness on the left cheek, is that normal?', inReplyTo: sent.messageId!, references: sent.messageId! });
  await runJob(office, 'replies');

  // Front desk sees it waiting for an answer, with its due time.
  await signIn(page, clinic.desk);
  await expect(page.getByTestId('nav-inbox-count')).toHaveText('1');
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('tab-unanswered')).toContainText('(1)');
  const row = page.getByTestId('inbox-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(clinic.ana.name);
  await expect(row.getByTestId('inbox-preview')).toContainText('A little redness');
  await expect(row).toHaveAttribute('data-overdue', 'false');
  const inbox = await call<{ replyTargetHours: number; rows: { receivedAt: string; dueAt: string }[] }>(office, 'messages.inbox', { view: 'unanswered' });
  expect(Date.parse(inbox.rows[0].dueAt) - Date.parse(inbox.rows[0].receivedAt)).toBe(inbox.replyTargetHours * 3_600_000);
  await expect(row.getByTestId('inbox-due')).not.toBeEmpty();

  // She takes it, sets her signature, and answers from Ána's conversation.
  await row.getByTestId('inbox-take').click();
  await expect(row.getByTestId('inbox-owner')).toHaveValue(String(clinic.desk.id));
  await page.getByTestId('tab-mine').click();
  await expect(page.getByTestId('inbox-row')).toHaveCount(1);
  await page.getByTestId('inbox-row').getByTestId('inbox-patient').click();
  const thread = page.getByTestId('thread-item');
  await expect(thread).toHaveCount(2);
  const reply = thread.filter({ hasText: 'A little redness' });
  await expect(reply).toHaveAttribute('data-direction', 'in');
  await expect(reply).toContainText('Waiting for an answer');
  await expect(thread.first().getByTestId('thread-item-status')).toContainText('Sent');

  await page.getByTestId('signature-edit').click();
  await page.getByTestId('signature-text').fill('Fred, front desk at Harbour Aesthetics');
  await page.getByTestId('signature-save').click();
  await expect(page.getByTestId('signature-dialog')).toBeHidden();

  await reply.getByTestId('thread-reply').click();
  await expect(page.getByTestId('composer-replying')).toBeVisible();
  await expect(page.getByTestId('compose-channel-email')).toBeChecked();
  await expect(page.getByTestId('compose-subject')).toHaveValue('Re: After your HydraFacial');
  await expect(page.getByTestId('compose-body')).toBeFocused();
  await page.keyboard.type('Yes, a little redness is normal for a day or two. Call us if it lasts.');
  await page.keyboard.press('Control+Enter');
  await expect(thread).toHaveCount(3);
  await expect(thread.last()).toContainText('Yes, a little redness is normal');
  await expect(thread.filter({ hasText: 'A little redness on the left cheek' })).toContainText('Dealt with');

  // The answer reaches Ána's address, with the signature.
  await runJob(office, 'outbox');
  await expect.poll(() => mail.deliveredTo(ANA_EMAIL).length).toBe(2);
  const answer = mail.deliveredTo(ANA_EMAIL)[1];
  expect(answer.text).toContain('Yes, a little redness is normal');
  expect(answer.text).toContain('Fred, front desk at Harbour Aesthetics');
  await page.getByTestId('thread-refresh').click();
  await expect(thread.last().getByTestId('thread-item-status')).toContainText('Sent');

  // Nothing waits for an answer any more.
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('empty')).toContainText('Nothing waiting for an answer');
  await expect(page.getByTestId('nav-inbox-count')).toBeHidden();
});

test('a text from an unknown number is filed under the patient it came from, then closed without a reply', async ({ browser, page, lumen }) => {
  test.setTimeout(180_000);
  const { clinic } = await arrangeClinic(page, lumen, async () => {
    await call(page, 'messages.saveAccount', { kind: 'sms', settings: { baseUrl: sms.baseUrl, accountId: sms.account, fromNumber: sms.clinicNumber }, secret: sms.token });
  });
  const office = await officeComputer(browser, lumen, clinic.owner);
  sms.receive({ from: '+4915199999999', body: 'Hi, Bruno here with a new phone. Can I come at 4 instead?' });
  await runJob(office, 'replies');

  await signIn(page, clinic.desk);
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('tab-unmatched')).toContainText('(1)');
  await page.getByTestId('tab-unmatched').click();
  const row = page.getByTestId('inbox-row');
  await expect(row).toContainText('Unknown sender');
  await expect(row).toContainText('+4915199999999');
  await row.getByTestId('inbox-file').click();
  await page.getByTestId('file-under-search').fill('Keller');
  await expect(page.getByTestId('file-under-search-option').first()).toContainText(clinic.bruno.name);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toContainText(`Filed under ${clinic.bruno.name}`);
  await expect(page.getByTestId('empty')).toContainText('No messages from unknown senders');

  // Now it waits under Bruno's name; it needs no written answer (he will be called back).
  await page.getByTestId('tab-unanswered').click();
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('inbox-patient')).toHaveText(clinic.bruno.name);
  await row.getByTestId('inbox-close').click();
  await expect(page.getByTestId('empty')).toContainText('Nothing waiting for an answer');

  // His conversation keeps the text, marked as dealt with.
  await openConversation(page, 'Bruno Keller', clinic.bruno.name);
  const text = page.getByTestId('thread-item');
  await expect(text).toHaveCount(1);
  await expect(text).toHaveAttribute('data-direction', 'in');
  await expect(text).toContainText('Can I come at 4 instead?');
  await expect(text).toContainText('Dealt with');
});

test('an email the server refused shows as failed, in the server’s words, in the outbox and in the conversation', async ({ browser, page, lumen }) => {
  test.setTimeout(180_000);
  // Refused from the start: the scheduler's own outbox run may come before the test's.
  mail.smtpFault = 'rejectRecipient';
  const { clinic } = await aftercareEmailSent(page, browser, lumen, { port: mail.smtpPort });
  const row = page.getByTestId('outbox-row').filter({ hasText: 'look after your skin' });
  await expect(row).toHaveAttribute('data-status', 'failed');
  await expect(row).toContainText('by Olivia Owner');
  await expect(row).toContainText('refused');
  // A refusal of the address is final: sending it again would only be refused again.
  await expect(row.getByTestId('outbox-retry')).toHaveCount(0);

  await openConversation(page, 'Ána Lima', clinic.ana.name);
  const status = page.getByTestId('thread-item').getByTestId('thread-item-status');
  await expect(status).toContainText('Failed');
  await expect(status).toContainText('refused');
});

test('a long conversation opens on its latest messages and loads the earlier ones on request', async ({ page, lumen }) => {
  const { clinic } = await arrangeClinic(page, lumen, async (c) => {
    await call(page, 'patients.update', { id: c.ana.id, patch: { email: ANA_EMAIL } });
    await call(page, 'patients.setConsent', { patientId: c.ana.id, channel: 'email', granted: true, source: 'form' });
    for (let n = 1; n <= 103; n++) await call(page, 'messages.send', { patientId: c.ana.id, channel: 'email', subject: `Note ${n}`, body: `Message number ${n}` });
  });
  await signIn(page, clinic.desk);
  await openConversation(page, 'Ána Lima', clinic.ana.name);

  const items = page.getByTestId('thread-item');
  await expect(items).toHaveCount(100);
  const body = (item: typeof items) => item.getByTestId('thread-item-body');
  await expect(body(items.first())).toHaveText('Message number 4');
  await expect(body(items.last())).toHaveText('Message number 103');
  await page.getByTestId('thread-earlier').click();
  await expect(items).toHaveCount(103);
  await expect(body(items.first())).toHaveText('Message number 1');
  await expect(page.getByTestId('thread-earlier')).toBeHidden();
});

test('with the mail server out of reach the outbox says so plainly, and the waiting email goes once it is reachable', async ({ browser, page, lumen }) => {
  test.setTimeout(180_000);
  const { office } = await aftercareEmailSent(page, browser, lumen, { port: 1 });
  await expect(page.getByTestId('outbox-banner')).toContainText('No network — 1 message waiting; they go when the connection returns.');
  const row = page.getByTestId('outbox-row').filter({ hasText: 'look after your skin' });
  await expect(row).toHaveAttribute('data-status', 'queued');

  // The server is back (here: the right port); the password stays as saved.
  await page.getByTestId('tab-messaging').click();
  await page.getByTestId('smtp-port').fill(String(mail.smtpPort));
  await page.getByTestId('smtp-save').click();
  await expect(page.getByTestId('toast')).toContainText('saved');
  await runJob(office, 'outbox');
  await expect.poll(() => mail.deliveredTo(ANA_EMAIL).length).toBe(1);
  await page.getByTestId('tab-outbox').click();
  await expect(row).toHaveAttribute('data-status', 'sent');
  await expect(page.getByTestId('outbox-banner')).not.toContainText('No network');
});
