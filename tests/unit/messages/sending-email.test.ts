import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../../src-main/messages/index';
import { type Carriers, connectCarriers, openMessagesClinic, type MessagesClinic, outboxRow, queueMessage, TEST_TIMEOUT_MS } from './setup';

let clinic: MessagesClinic;
let carriers: Carriers;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
  await clinic?.close();
  await carriers?.close();
});

async function setUp(options: { imap?: boolean } = {}) {
  clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
  carriers = await connectCarriers(clinic, { ...options, sms: false });
  const patientId = await clinic.patient({ firstName: 'Ana' });
  return { patientId, email: 'patient1@example.com' };
}

const drain = () => drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS });
const smtpSettings = (port: number) => ({ host: '127.0.0.1', port, security: 'none' as const, user: carriers.mail.mailbox.user, fromName: 'Lumen Test Clinic', fromAddress: carriers.mail.mailbox.address, replyTo: 'desk@lumen.test' });

/** A TCP relay to the SMTP server that can be switched off (nothing listens: no route to the server) and on again. */
async function switchableRelay(target: number): Promise<{ port: number; up(): Promise<void>; down(): Promise<void> }> {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const remote = connect(target, '127.0.0.1');
        for (const s of [client, remote]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(remote).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as AddressInfo).port));
    });
  const port = await listen(0);
  const relay = {
    port,
    up: async () => void (await listen(port)),
    down: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
  };
  cleanup.push(() => relay.down());
  return relay;
}

describe('sending email through the clinic’s SMTP account', () => {
  it('sends with its fixed Message-ID, From, Reply-To, List-Unsubscribe, and a Bcc copy in the clinic mailbox', async () => {
    const { patientId, email } = await setUp();
    await clinic.call('messages.saveAccount', { kind: 'smtp', settings: smtpSettings(carriers.mail.smtpPort) });
    const id = queueMessage(clinic, { patientId, channel: 'email', subject: 'Your visit', body: 'See you on Monday.' });
    expect(await drain()).toContain('1 sent');

    const row = await outboxRow(clinic, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, statusReason: null });
    const stored = clinic.lumen.runtime.sqlite.prepare('SELECT messageId, carrierId FROM outbox WHERE id = ?').get(id) as { messageId: string; carrierId: string };
    expect(stored.messageId).toMatch(/^<lumen\.\d+\.[0-9a-f]{12}@lumen\.test>$/);
    expect(stored.carrierId).toMatch(/^250/);
    const [mail] = carriers.mail.deliveredTo(email);
    expect(mail.to.sort()).toEqual([carriers.mail.mailbox.address, email].sort());
    const parsed = await simpleParser(mail.raw);
    expect(parsed.messageId).toBe(stored.messageId);
    expect(parsed.from?.value).toEqual([{ name: 'Lumen Test Clinic', address: 'clinic@lumen.test' }]);
    expect(parsed.replyTo?.text).toBe('desk@lumen.test');
    expect(mail.raw).toMatch(/^List-Unsubscribe: <mailto:clinic@lumen\.test\?subject=unsubscribe>\r?$/m);
    // The patient does not see the Bcc; the mailbox holds the copy.
    expect(mail.raw).not.toMatch(/^Bcc:/m);
    expect(carriers.mail.mailboxMessages().some((raw) => raw.includes(stored.messageId))).toBe(true);
  });

  it('answers a patient’s email in its thread (In-Reply-To and References)', async () => {
    const { patientId, email } = await setUp();
    const now = clinic.clock.now().toISOString();
    const sqlite = clinic.lumen.runtime.sqlite;
    sqlite
      .prepare(`INSERT INTO inboundMessage (id, channel, carrierKey, patientId, matchedBy, fromAddress, body, receivedAt, createdAt, updatedAt) VALUES (1, 'email', 'email:<reply-1@example.com>', ?, 'address', ?, 'Can I move?', ?, ?, ?)`)
      .run(patientId, email, now, now, now);
    const id = queueMessage(clinic, { patientId, channel: 'email', body: 'Of course.' });
    sqlite.prepare('UPDATE outbox SET inReplyToId = 1 WHERE id = ?').run(id);
    await drain();
    const parsed = await simpleParser(carriers.mail.deliveredTo(email)[0].raw);
    expect(parsed.inReplyTo).toBe('<reply-1@example.com>');
    expect(parsed.references).toBe('<reply-1@example.com>');
  });

  it('a wrong password: the message waits with clear words, Settings says so, and it goes once the password is fixed', async () => {
    const { patientId, email } = await setUp();
    await clinic.call('messages.saveAccount', { kind: 'smtp', settings: smtpSettings(carriers.mail.smtpPort), secret: 'not-the-password-77' });
    const id = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    const other = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello again' });
    await drain();
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'queued', attempts: 0, statusReason: 'Wrong user name or password (535)', nextAttemptAt: '2026-03-02T10:00:00.000Z' });
    // The channel rests: the other message is not tried with the same password.
    expect(await outboxRow(clinic, other)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: '2026-03-02T10:00:00.000Z' });
    const outbox = await clinic.call('messages.outbox', {});
    expect(outbox.carriers.email).toMatchObject({ configured: true, state: 'failing', detail: 'Wrong user name or password (535)' });
    expect(JSON.stringify(outbox)).not.toContain('not-the-password-77');

    await clinic.call('messages.saveAccount', { kind: 'smtp', settings: smtpSettings(carriers.mail.smtpPort), secret: carriers.mail.mailbox.password });
    await drain();
    expect((await outboxRow(clinic, id)).status).toBe('sent');
    expect((await outboxRow(clinic, other)).status).toBe('sent');
    expect(carriers.mail.deliveredTo(email)).toHaveLength(2);
  });

  it('server unreachable: stays queued as "no network", uses no attempt, and goes when the server answers again', async () => {
    const { patientId, email } = await setUp();
    const relay = await switchableRelay(carriers.mail.smtpPort);
    await clinic.call('messages.saveAccount', { kind: 'smtp', settings: smtpSettings(relay.port) });
    await relay.down();
    const ids = [queueMessage(clinic, { patientId, channel: 'email', body: 'One' }), queueMessage(clinic, { patientId, channel: 'email', body: 'Two' })];
    for (let i = 0; i < 3; i++) {
      await drain();
      await clinic.setNow(new Date(clinic.clock.now().getTime() + 60_000).toISOString());
    }
    for (const id of ids) expect(await outboxRow(clinic, id)).toMatchObject({ status: 'queued', attempts: 0, statusReason: 'No network or server unreachable: waiting' });
    const outbox = await clinic.call('messages.outbox', {});
    expect(outbox.carriers.email).toMatchObject({ state: 'offline', detail: 'No network or server unreachable — 2 messages waiting' });
    expect(outbox.waiting).toBe(2);

    await relay.up();
    await drain();
    for (const id of ids) expect(await outboxRow(clinic, id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(carriers.mail.deliveredTo(email)).toHaveLength(2);
    expect((await clinic.call('messages.outbox', {})).carriers.email).toMatchObject({ state: 'ok', detail: 'Sent 2 messages' });
  });

  it('451: retried after a minute, then sent once', async () => {
    const { patientId, email } = await setUp();
    const id = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    carriers.mail.smtpFault = 'tempFailData';
    await drain();
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: '2026-03-02T09:01:00.000Z', statusReason: 'The mail server refused for now, will try again (451 Try again later)' });
    carriers.mail.smtpFault = null;
    await drain();
    expect((await outboxRow(clinic, id)).status).toBe('queued');
    await clinic.setNow('2026-03-02T09:01:00Z');
    await drain();
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(carriers.mail.deliveredTo(email)).toHaveLength(1);
  });

  it('550: failed for good, with the server’s words; a person cannot resend it', async () => {
    const { patientId } = await setUp();
    const id = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    carriers.mail.smtpFault = 'rejectRecipient';
    await drain();
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'failed', retryable: false, attempts: 1, statusReason: 'The mail server refused the message (550 Mailbox unavailable)' });
    await expect(clinic.call('messages.retry', { outboxId: id })).rejects.toMatchObject({ code: 'invalid_transition' });
  });

  it('a server that never answers DATA: the send times out, is looked for in the mailbox, queued again after 2 minutes and sent once', async () => {
    const { patientId, email } = await setUp();
    const id = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    carriers.mail.smtpFault = 'hangOnData';
    await drain();
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'sending', statusReason: 'The connection broke before the server confirmed: Lumen checks whether it went out before sending it again.' });
    carriers.mail.smtpFault = null;
    // Not in the mailbox yet, but the copy may still be on its way: it waits.
    await drain();
    expect((await outboxRow(clinic, id)).status).toBe('sending');
    expect(carriers.mail.deliveredTo(email)).toHaveLength(0);

    await clinic.setNow('2026-03-02T09:02:00Z');
    expect(await drain()).toContain('after a stop: 0 found sent, 1 queued again, 0 to check by hand');
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'sent' });
    expect(carriers.mail.deliveredTo(email)).toHaveLength(1);
  });

  it('the connection drops after the server took the message: found by its Bcc copy in the mailbox, marked sent, never resent', async () => {
    const { patientId, email } = await setUp();
    const id = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    carriers.mail.smtpFault = 'dropAfterData';
    await drain();
    expect((await outboxRow(clinic, id)).status).toBe('sending');
    carriers.mail.smtpFault = null;
    expect(await drain()).toContain('after a stop: 1 found sent');
    const row = await outboxRow(clinic, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    await clinic.setNow('2026-03-02T10:00:00Z');
    await drain();
    expect(carriers.mail.deliveredTo(email)).toHaveLength(1);
  });

  it('without a mailbox to look in, a send of unknown outcome is failed for a person to check, and may then be resent', async () => {
    const { patientId, email } = await setUp({ imap: false });
    const id = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    carriers.mail.smtpFault = 'dropAfterData';
    await drain();
    carriers.mail.smtpFault = null;
    await drain();
    expect(await outboxRow(clinic, id)).toMatchObject({ status: 'failed', retryable: true, statusReason: 'Lumen could not check whether this went out (it was stopped while sending). Check with the patient before sending it again.' });
    expect(carriers.mail.deliveredTo(email)).toHaveLength(1);
    await clinic.call('messages.retry', { outboxId: id });
    await drain();
    expect((await outboxRow(clinic, id)).status).toBe('sent');
  });
});
