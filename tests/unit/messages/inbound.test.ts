import { afterEach, describe, expect, it } from 'vitest';
import type { MailSystem } from '../../support/mail-server';
import type { SmsGateway } from '../../support/sms-gateway';
import { drainOutbox } from '../../../src-main/messages/index';
import { type Carriers, connectCarriers, openMessagesClinic, type MessagesClinic, TEST_TIMEOUT_MS } from './setup';

let clinic: MessagesClinic;
let carriers: Carriers;
let mail: MailSystem;
let gateway: SmsGateway;
afterEach(async () => {
  await clinic?.close();
  await carriers?.close();
});

async function open(now = '2026-03-02T09:00:00Z'): Promise<MessagesClinic> {
  clinic = await openMessagesClinic(now);
  carriers = await connectCarriers(clinic);
  ({ mail, gateway } = carriers);
  return clinic;
}

async function readReplies(): Promise<string | null> {
  await clinic.lumen.scheduler.runNow('replies');
  await clinic.lumen.scheduler.idle();
  return clinic.lumen.scheduler.list().find((j) => j.name === 'replies')!.lastMessage;
}

interface StoredInbound {
  id: number;
  channel: string;
  patientId: number | null;
  matchedBy: string;
  inReplyToOutboxId: number | null;
  fromAddress: string;
  subject: string;
  body: string;
  note: string | null;
  closedReason: string | null;
  answerOutboxId: number | null;
}
const inbound = (): StoredInbound[] => clinic.lumen.runtime.sqlite.prepare('SELECT * FROM inboundMessage ORDER BY id').all() as StoredInbound[];
const account = (kind: string) => clinic.lumen.runtime.sqlite.prepare('SELECT lastStatus, lastStatusOk FROM messagingAccount WHERE kind = ?').get(kind);
const emailOf = (patientId: number) => clinic.lumen.runtime.sqlite.prepare('SELECT email FROM patient WHERE id = ?').pluck().get(patientId) as string;
const phoneOf = (patientId: number) => clinic.lumen.runtime.sqlite.prepare('SELECT phone FROM patient WHERE id = ?').pluck().get(patientId) as string;
const messageIdOf = (outboxId: number) => clinic.lumen.runtime.sqlite.prepare('SELECT messageId FROM outbox WHERE id = ?').pluck().get(outboxId) as string;

describe('email replies', () => {
  it('files replies by In-Reply-To, by References and by address, leaves an unknown sender unmatched, ignores our own copy, and never reads one twice', async () => {
    await open();
    const ana = await clinic.patient();
    const ben = await clinic.patient();
    const { outboxId } = await clinic.call('messages.send', { patientId: ana, channel: 'email', subject: 'Your visit', body: 'How are you?' });
    const sent = messageIdOf(outboxId);

    mail.receive({ from: 'Ana at work <ana@work.test>', subject: 'Re: Your visit', text: 'Fine, thanks', inReplyTo: sent });
    mail.receive({ from: 'ana@work.test', subject: 'Re: Re: Your visit', text: 'One more thing', references: `<older@elsewhere.test> ${sent}` });
    mail.receive({ from: `Ben <${emailOf(ben).toUpperCase()}>`, subject: 'Question', text: 'Can I move my visit?' });
    mail.receive({ from: 'stranger@unknown.test', subject: 'Hello', text: 'Who am I writing to?' });
    // What SEND copies to the mailbox (Bcc) to confirm a send: our own message, not a reply.
    mail.receive({ from: mail.mailbox.address, to: emailOf(ana), subject: 'Your visit', text: 'How are you?', messageId: sent });

    expect(await readReplies()).toContain('Email: Read 4 new replies');
    expect(inbound().map((m) => [m.patientId, m.matchedBy, m.inReplyToOutboxId, m.body])).toEqual([
      [ana, 'thread', outboxId, 'Fine, thanks'],
      [ana, 'thread', outboxId, 'One more thing'],
      [ben, 'address', null, 'Can I move my visit?'],
      [null, 'none', null, 'Who am I writing to?'],
    ]);
    expect(account('imap')).toEqual({ lastStatus: 'Read 4 new replies', lastStatusOk: 1 });

    expect(await readReplies()).toContain('Email: No new replies');
    expect(inbound()).toHaveLength(4);

    // Answering from the thread threads under the patient's email.
    await clinic.call('messages.send', { patientId: ben, channel: 'email', body: 'Yes, call us.', inReplyToId: inbound()[2].id });
    await clinic.runJob();
    expect(mail.deliveredTo(emailOf(ben))).toMatchObject([{ subject: 'Re: Question', inReplyTo: expect.stringMatching(/^<.+@patient\.test>$/) }]);

    const stranger = inbound()[3].id;
    await clinic.call('messages.assignPatient', { inboundId: stranger, patientId: ben });
    const thread = await clinic.call('messages.thread', { patientId: ben });
    expect(thread.items.map((i) => i.body)).toEqual(['Can I move my visit?', 'Who am I writing to?', 'Yes, call us.']);
    expect((await clinic.call('messages.inbox', {})).counts).toMatchObject({ unanswered: 3, unmatched: 0 });
  });

  it('reads the mailbox again after its UIDVALIDITY changes without importing anything twice', async () => {
    await open();
    const ana = await clinic.patient();
    mail.receive({ from: emailOf(ana), subject: 'One', text: 'first' });
    await readReplies();
    expect(inbound()).toHaveLength(1);

    // The server renumbered its mailbox (a restore, a migration): every UID read so far means nothing now.
    mail.renumber(987654);
    mail.receive({ from: emailOf(ana), subject: 'Two', text: 'second' });
    expect(await readReplies()).toContain('Read 1 new reply');
    expect(inbound().map((m) => m.body)).toEqual(['first', 'second']);
    expect(clinic.lumen.runtime.sqlite.prepare(`SELECT uidValidity FROM mailboxCursor WHERE source = 'imap:INBOX'`).pluck().get()).toBe('987654');
  });

  it('keeps what can be read of a malformed, huge, HTML-only or attached message and says what was left out', async () => {
    await open();
    const ana = await clinic.patient();
    const from = emailOf(ana);
    mail.receive({ from: 'not an address', subject: 'Broken', text: 'Some text that is there', extraHeaders: 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable' });
    mail.receive({ from, subject: 'Long story', text: 'x'.repeat(150_000) });
    mail.receive({ from, subject: 'Styled', text: '<html><body><p>Hello <b>there</b>, see you soon</p></body></html>', extraHeaders: 'Content-Type: text/html; charset=utf-8' });
    const pdf = Buffer.alloc(30_000, 7).toString('base64').replace(/.{76}/g, '$&\r\n');
    mail.receive({
      from,
      subject: 'My scan',
      extraHeaders: 'Content-Type: multipart/mixed; boundary="b1"',
      text: ['--b1', 'Content-Type: text/plain; charset=utf-8', '', 'Here is the scan.', '--b1', 'Content-Type: application/pdf; name="scan.pdf"', 'Content-Disposition: attachment; filename="scan.pdf"', 'Content-Transfer-Encoding: base64', '', pdf, '--b1--', ''].join('\n'),
    });

    const photo = Buffer.alloc(1_500_000, 9).toString('base64').replace(/.{76}/g, '$&\r\n');
    mail.receive({
      from,
      subject: 'Big photo',
      extraHeaders: 'Content-Type: multipart/mixed; boundary="b2"',
      text: ['--b2', 'Content-Type: text/plain; charset=utf-8', '', 'A photo of the area.', '--b2', 'Content-Type: image/jpeg; name="area.jpg"', 'Content-Transfer-Encoding: base64', '', photo, '--b2--', ''].join('\n'),
    });

    expect(await readReplies()).toContain('Read 5 new replies');
    const [broken, long, styled, scan, big] = inbound();
    expect(broken).toMatchObject({ patientId: null, matchedBy: 'none', body: 'Some text that is there', note: 'The message has no sender address.' });
    expect(long.body).toHaveLength(100_000);
    expect(long.note).toBe('The text was cut to its first 100 kB; the whole message is in the mailbox.');
    expect(styled.body).toMatch(/^Hello there, see you soon$/i);
    expect(scan).toMatchObject({ patientId: ana, body: 'Here is the scan.', note: 'Attachments left in the mailbox: scan.pdf (30 kB).' });
    expect(big).toMatchObject({ patientId: ana, body: 'A photo of the area.', note: 'The message is 2.0 MB: only its first 1.0 MB were read. Attachments left in the mailbox: area.jpg (1.5 MB).' });
  });

  it('turns email consent off for an "unsubscribe" reply, once, and confirms it once', async () => {
    await open();
    const ana = await clinic.patient();
    mail.receive({ from: emailOf(ana), subject: 'unsubscribe', text: '' });
    mail.receive({ from: emailOf(ana), subject: 'Re: News', text: 'Unsubscribe.\n\nOn Monday you wrote…' });
    await readReplies();
    expect(inbound().map((m) => m.closedReason)).toEqual(['optOut', 'optOut']);
    const confirmations = clinic.lumen.runtime.sqlite.prepare(`SELECT channel, recipient, subject, urgent FROM outbox WHERE kind = 'optOut'`).all();
    expect(confirmations).toEqual([{ channel: 'email', recipient: emailOf(ana), subject: 'Unsubscribed from Lumen Test Clinic', urgent: 1 }]);
    await expect(clinic.call('messages.send', { patientId: ana, channel: 'email', subject: 'Hi', body: 'News' })).rejects.toMatchObject({ code: 'no_consent' });
  });

  it('says on the account when the mailbox refuses the password', async () => {
    await open();
    await clinic.call('messages.saveAccount', { kind: 'imap', settings: { host: '127.0.0.1', port: mail.imapPort, security: 'none', user: mail.mailbox.user, mailbox: 'INBOX' }, secret: 'wrong-password' });
    expect(await readReplies()).toContain('Email: Wrong user name or password');
    expect(account('imap')).toEqual({ lastStatus: 'Wrong user name or password', lastStatusOk: 0 });
  });
});

describe('SMS replies and opt-out', () => {
  it('files texts by the sender’s number and leaves unknown numbers unmatched', async () => {
    await open();
    const ana = await clinic.patient();
    gateway.receive({ from: phoneOf(ana), body: 'Running 10 minutes late' });
    gateway.receive({ from: '+4917000000000', body: 'Hello?' });
    expect(await readReplies()).toContain('SMS: Read 2 new replies');
    expect(inbound().map((m) => [m.channel, m.patientId, m.matchedBy, m.body])).toEqual([
      ['sms', ana, 'address', 'Running 10 minutes late'],
      ['sms', null, 'none', 'Hello?'],
    ]);
    expect(await readReplies()).toContain('SMS: No new replies');
    expect(account('sms')).toEqual({ lastStatus: 'No new replies', lastStatusOk: 1 });
  });

  it('takes every usual STOP word as an opt-out: consent off once, audited as the patient’s, one confirmation, then sending is refused', async () => {
    await open();
    const variants = [' stop ', 'Stop.', 'STOPALL', 'unsubscribe', 'Cancel', 'end', 'QUIT', 'optout', 'Opt out', 'STOPP', 'Arrêt'];
    const patients: number[] = [];
    for (const text of variants) {
      const id = await clinic.patient();
      patients.push(id);
      gateway.receive({ from: phoneOf(id), body: text });
    }
    // Not an opt-out: more words than the stop word.
    gateway.receive({ from: phoneOf(patients[0]), body: 'Stop by at 5?' });
    await readReplies();
    gateway.receive({ from: phoneOf(patients[0]), body: 'STOP' });
    await readReplies();

    const stored = inbound();
    expect(stored.filter((m) => m.closedReason === 'optOut')).toHaveLength(variants.length + 1);
    expect(stored.find((m) => m.body === 'Stop by at 5?')).toMatchObject({ closedReason: null, patientId: patients[0] });
    const consents = clinic.lumen.runtime.sqlite.prepare(`SELECT granted, source, recordedBy FROM patientConsent WHERE channel = 'sms' ORDER BY patientId`).all();
    expect(consents).toEqual(patients.map(() => ({ granted: 0, source: 'reply', recordedBy: null })));
    const confirmations = clinic.lumen.runtime.sqlite.prepare(`SELECT patientId, recipient, urgent, status FROM outbox WHERE kind = 'optOut' ORDER BY patientId`).all();
    expect(confirmations).toEqual(patients.map((id) => ({ patientId: id, recipient: phoneOf(id), urgent: 1, status: 'queued' })));
    const audited = clinic.lumen.runtime.sqlite.prepare(`SELECT staffName, summary FROM audit WHERE entity = 'patient' AND entityId = ? AND summary LIKE 'Withdrew%'`).all(String(patients[0]));
    expect(audited).toEqual([{ staffName: 'the patient, by SMS reply', summary: expect.stringMatching(/^Withdrew sms consent for P\d+ \(reply\)$/) }]);

    // The confirmations go out at once (urgent), consent being off.
    await drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS });
    for (const id of patients) expect(gateway.sentTo(phoneOf(id)).map((m) => m.body)).toEqual(['Lumen Test Clinic: you will receive no more text messages from us. To change this, call us on +49 30 1234567.']);
    await expect(clinic.call('messages.send', { patientId: patients[0], channel: 'sms', body: 'Are you sure?' })).rejects.toMatchObject({ code: 'no_consent' });
    expect((await clinic.call('messages.thread', { patientId: patients[0] })).canSms).toEqual({ ok: false, why: 'no SMS consent' });
  });

  it('applies a STOP from a number not on file once a person files it under the patient', async () => {
    await open();
    const ana = await clinic.patient({ phone: '+49 151 99999999' });
    gateway.receive({ from: '+4917000000001', body: 'STOP' });
    await readReplies();
    const [stop] = inbound();
    expect(stop).toMatchObject({ patientId: null, closedReason: null });

    await clinic.call('messages.assignPatient', { inboundId: stop.id, patientId: ana });
    expect(inbound()[0]).toMatchObject({ patientId: ana, closedReason: 'optOut' });
    expect((await clinic.call('messages.thread', { patientId: ana })).canSms).toEqual({ ok: false, why: 'no SMS consent' });
    expect(clinic.lumen.runtime.sqlite.prepare(`SELECT recipient FROM outbox WHERE kind = 'optOut'`).pluck().all()).toEqual(['+4915199999999']);
  });

  it('says on the account when the gateway refuses the token', async () => {
    await open();
    await clinic.call('messages.saveAccount', { kind: 'sms', settings: { baseUrl: gateway.baseUrl, accountId: gateway.account, fromNumber: gateway.clinicNumber }, secret: 'wrong-token' });
    expect(await readReplies()).toContain('SMS: Wrong account id or token (401)');
    expect(account('sms')).toEqual({ lastStatus: 'Wrong account id or token (401)', lastStatusOk: 0 });
  });
});
