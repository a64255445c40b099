import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../../src-main/messages/index';
import { type Carriers, connectCarriers, openMessagesClinic, type MessagesClinic, queueMessage, TEST_TIMEOUT_MS } from './setup';

let clinic: MessagesClinic;
let carriers: Carriers;
afterEach(async () => {
  await clinic?.close();
  await carriers?.close();
});

/** Every byte Lumen keeps in the data folder's database (main file and write-ahead log). */
function databaseBytes(): Buffer {
  const file = clinic.lumen.runtime.dbFile;
  let wal = Buffer.alloc(0);
  try {
    wal = readFileSync(`${file}-wal`);
  } catch {
    // No log: everything is in the main file.
  }
  return Buffer.concat([readFileSync(file), wal]);
}

describe('messaging accounts', () => {
  it('keeps passwords sealed: never in the database file, the audit log, the answers or the error words', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    carriers = await connectCarriers(clinic);
    const password = carriers.mail.mailbox.password;
    const token = carriers.gateway.token;

    const { accounts, rules } = await clinic.call('messages.accounts', {});
    expect(accounts.sealing).toBe('keyFile');
    expect(accounts.smtp).toMatchObject({ hasSecret: true, enabled: true, lastStatus: null, settings: { host: '127.0.0.1', user: 'clinic@lumen.test' } });
    expect(accounts.imap).toMatchObject({ hasSecret: true });
    expect(accounts.sms).toMatchObject({ hasSecret: true, settings: { accountId: carriers.gateway.account } });
    expect(rules).toEqual({ smsQuietFrom: '20:00', smsQuietUntil: '08:00', dailyCap: 3, replyTargetHours: 24 });
    expect(JSON.stringify(accounts)).not.toContain(password);

    // A wrong password, to have error words too.
    await clinic.call('messages.saveAccount', { kind: 'smtp', settings: { host: '127.0.0.1', port: carriers.mail.smtpPort, security: 'none', user: 'clinic@lumen.test', fromName: 'Clinic', fromAddress: 'clinic@lumen.test', replyTo: null }, secret: 'wrong-Secret-4711' });
    const patientId = await clinic.patient();
    queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    await drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS });
    const audit = clinic.lumen.runtime.sqlite.prepare(`SELECT summary, details FROM audit WHERE entity = 'messagingAccount' ORDER BY id`).all() as { summary: string; details: string }[];
    expect(audit.map((a) => a.summary)).toEqual([
      'Set up the outgoing email (SMTP) account and its password',
      'Set up the mailbox (IMAP) account and its password',
      'Set up the SMS gateway account and its password',
      'Changed the outgoing email (SMTP) account and its password',
    ]);
    expect(audit.every((a) => JSON.parse(a.details).secret === 'changed')).toBe(true);

    clinic.lumen.runtime.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = databaseBytes();
    for (const secret of [password, token, 'wrong-Secret-4711']) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(JSON.stringify(audit)).not.toContain(secret);
    }
    const words = clinic.lumen.runtime.sqlite.prepare('SELECT statusReason FROM outbox').pluck().get() as string;
    expect(words).toBe('Wrong user name or password (535)');
    expect(statSync(join(clinic.dataDir, 'messaging.key')).mode & 0o777).toBe(0o600);
  });

  it('a new account needs its password; omitting it later keeps the saved one; removing forgets it', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    carriers = await connectCarriers(clinic, { imap: false, sms: false });
    await expect(clinic.call('messages.saveAccount', { kind: 'imap', settings: { host: 'imap.example.com', port: 993, security: 'tls', user: 'desk@example.com', mailbox: 'INBOX' } })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { secret: ['Enter the password for this account.'] } },
    });
    // A local relay without sign-in needs none.
    await clinic.call('messages.removeAccount', { kind: 'smtp' });
    await clinic.call('messages.saveAccount', { kind: 'smtp', settings: { host: '127.0.0.1', port: carriers.mail.smtpPort, security: 'none', user: '', fromName: 'Clinic', fromAddress: 'clinic@lumen.test', replyTo: null } });
    expect((await clinic.call('messages.accounts', {})).accounts.smtp).toMatchObject({ hasSecret: false });
    await clinic.call('messages.saveAccount', { kind: 'smtp', settings: { host: '127.0.0.1', port: carriers.mail.smtpPort, security: 'none', user: carriers.mail.mailbox.user, fromName: 'Clinic', fromAddress: 'clinic@lumen.test', replyTo: null }, secret: carriers.mail.mailbox.password });

    // Change the sender's name without the password: it still signs in.
    await clinic.call('messages.saveAccount', { kind: 'smtp', settings: { host: '127.0.0.1', port: carriers.mail.smtpPort, security: 'none', user: carriers.mail.mailbox.user, fromName: 'Lumen Clinic Berlin', fromAddress: 'clinic@lumen.test', replyTo: null } });
    const test = await clinic.call('messages.testAccount', { kind: 'smtp', to: 'owner@example.com' });
    expect(test).toEqual({ ok: true, detail: 'Test email sent to owner@example.com' });
    expect(carriers.mail.deliveredTo('owner@example.com')[0].subject).toBe('Test email from Lumen Test Clinic');

    await clinic.call('messages.removeAccount', { kind: 'smtp' });
    expect((await clinic.call('messages.accounts', {})).accounts.smtp).toBeNull();
    await expect(clinic.call('messages.removeAccount', { kind: 'smtp' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(clinic.call('messages.testAccount', { kind: 'smtp', to: 'owner@example.com' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('tests each account for real and keeps the outcome in words on the account; a failure is an answer', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    carriers = await connectCarriers(clinic);
    expect(await clinic.call('messages.testAccount', { kind: 'imap' })).toEqual({ ok: true, detail: 'Signed in; INBOX holds 0 messages' });
    expect(await clinic.call('messages.testAccount', { kind: 'sms', to: '+4915100000042' })).toEqual({ ok: true, detail: 'Test SMS sent to +4915100000042' });
    expect(carriers.gateway.sentTo('+4915100000042')).toHaveLength(1);

    await clinic.call('messages.saveAccount', { kind: 'imap', settings: { host: '127.0.0.1', port: carriers.mail.imapPort, security: 'none', user: 'clinic@lumen.test', mailbox: 'INBOX' }, secret: 'not-it-at-all' });
    expect(await clinic.call('messages.testAccount', { kind: 'imap' })).toEqual({ ok: false, detail: 'Wrong user name or password' });
    const { accounts } = await clinic.call('messages.accounts', {});
    expect(accounts.imap).toMatchObject({ lastStatus: 'Wrong user name or password', lastStatusOk: false, lastStatusAt: '2026-03-02T09:00:00.000Z' });
    expect(accounts.sms).toMatchObject({ lastStatus: 'Test SMS sent to +4915100000042', lastStatusOk: true });
    const audit = clinic.lumen.runtime.sqlite.prepare(`SELECT summary FROM audit WHERE summary LIKE 'Tested%' ORDER BY id`).pluck().all();
    expect(audit).toEqual(['Tested the mailbox (IMAP) account: it works', 'Tested the SMS gateway account: it works', 'Tested the mailbox (IMAP) account: it failed']);
  });

  it('a password sealed on another workstation asks to be entered again instead of failing', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    carriers = await connectCarriers(clinic, { imap: false, sms: false });
    clinic.lumen.runtime.sqlite.prepare(`UPDATE messagingAccount SET sealedSecret = 'ss1:c2VhbGVkIGVsc2V3aGVyZQ==' WHERE kind = 'smtp'`).run();
    const words = 'The password was saved on another kind of workstation: enter the password again.';
    expect(await clinic.call('messages.testAccount', { kind: 'smtp', to: 'owner@example.com' })).toEqual({ ok: false, detail: words });
    const patientId = await clinic.patient();
    queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    await drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS });
    expect((await clinic.call('messages.outbox', {})).carriers.email).toMatchObject({ state: 'failing', detail: words });
    expect(carriers.delivered()).toEqual([]);
  });

  it('saves the messaging rules, audited, for a manager only', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const rules = { smsQuietFrom: '21:30', smsQuietUntil: '07:45', dailyCap: 5, replyTargetHours: 8 };
    await clinic.call('messages.saveRules', rules);
    expect((await clinic.call('messages.accounts', {})).rules).toEqual(rules);
    expect(clinic.lumen.runtime.sqlite.prepare(`SELECT summary FROM audit WHERE entity = 'clinic' ORDER BY id DESC LIMIT 1`).pluck().get()).toBe(
      'Changed the messaging rules (SMS quiet 21:30–07:45, 5 a day, reply within 8 h)',
    );
    const desk = await clinic.as('frontDesk');
    await expect(desk.call('messages.saveRules', rules)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(clinic.call('messages.saveRules', { ...rules, smsQuietFrom: '25:00' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('retry: only a failed message marked retryable goes back to the queue', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const patientId = await clinic.patient();
    const id = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    await expect(clinic.call('messages.retry', { outboxId: id })).rejects.toMatchObject({ code: 'invalid_transition', message: 'Only a failed message can be sent again.' });
    await expect(clinic.call('messages.retry', { outboxId: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    clinic.lumen.runtime.sqlite.prepare(`UPDATE outbox SET status = 'failed', retryable = 1, attempts = 8, statusReason = 'x' WHERE id = ?`).run(id);
    await clinic.call('messages.retry', { outboxId: id });
    expect((await clinic.call('messages.outbox', {})).rows[0]).toMatchObject({ status: 'queued', attempts: 0, retryable: false, statusReason: null });
    expect(clinic.lumen.runtime.sqlite.prepare(`SELECT summary FROM audit WHERE entity = 'outbox'`).pluck().all()).toEqual(['Queued a failed email to patient1@example.com again']);
  });
});
