import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../src-main/core/workstation';
import { openMessagesClinic, type MessagesClinic } from './setup';

let clinic: MessagesClinic;
afterEach(() => clinic?.close());

/** A patient's message as the replies job stores it (the job itself is tested in inbound.test.ts). */
function received(c: MessagesClinic, fields: { patientId: number | null; channel?: 'email' | 'sms'; from?: string; subject?: string; body: string; receivedAt?: string }): number {
  const sqlite = c.lumen.runtime.sqlite;
  const id = newId(sqlite, 'inboundMessage');
  const at = fields.receivedAt ?? c.clock.now().toISOString();
  sqlite
    .prepare(
      `INSERT INTO inboundMessage (id, channel, carrierKey, patientId, matchedBy, fromAddress, subject, body, receivedAt, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, fields.channel ?? 'email', `test:${id}`, fields.patientId, fields.patientId === null ? 'none' : 'address', fields.from ?? 'ana@example.com', fields.subject ?? '', fields.body, at, at, at);
  return id;
}

const outboxRow = (c: MessagesClinic, id: number) => c.lumen.runtime.sqlite.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Record<string, unknown>;

describe('one conversation per patient', () => {
  it('shows both directions oldest first, a page at a time from the newest, with who wrote each', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const patientId = await clinic.patient({ preferredName: 'Ana' });
    const question = received(clinic, { patientId, subject: 'Bruising', body: 'Is a little bruising normal?', receivedAt: '2026-03-02T08:30:00.000Z' });
    await clinic.call('messages.send', { patientId, channel: 'email', body: 'Yes, it fades within a week.', inReplyToId: question });
    await clinic.setNow('2026-03-02T09:04:00Z');
    received(clinic, { patientId, channel: 'sms', from: '+4915123456711', body: 'Thanks!' });
    const desk = await clinic.as('frontDesk', 'fiona');
    await clinic.setNow('2026-03-02T09:06:00Z');
    await desk.call('messages.send', { patientId, channel: 'sms', body: 'You are welcome, {patient.preferredName}.' });

    const whole = await desk.call('messages.thread', { patientId });
    expect(whole.items.map((i) => [i.direction, i.channel, i.from, i.body])).toEqual([
      ['in', 'email', 'ana@example.com', 'Is a little bruising normal?'],
      ['out', 'email', 'Olivia Owner', 'Yes, it fades within a week.'],
      ['in', 'sms', '+4915123456711', 'Thanks!'],
      ['out', 'sms', 'frontDesk 1', 'You are welcome, Ana.'],
    ]);
    expect(whole.items[0]).toMatchObject({ answered: true, status: null });
    expect(whole.items[1]).toMatchObject({ kind: 'conversation', subject: 'Re: Bruising', status: 'queued', answered: null });
    expect(whole.before).toBeNull();

    const newest = await desk.call('messages.thread', { patientId, limit: 3 });
    expect(newest.items.map((i) => i.body)).toEqual(['Yes, it fades within a week.', 'Thanks!', 'You are welcome, Ana.']);
    const oldest = await desk.call('messages.thread', { patientId, limit: 3, before: newest.before! });
    expect(oldest).toMatchObject({ items: [{ body: 'Is a little bruising normal?' }], before: null });
    await expect(desk.call('messages.thread', { patientId, before: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('names Lumen as the writer of automatic messages and reads the messages of a record merged into this one', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const kept = await clinic.patient();
    const duplicate = await clinic.patient();
    await clinic.book(kept, '2026-03-05T09:00:00Z');
    await clinic.runJob();
    received(clinic, { patientId: duplicate, body: 'Written to the old record' });
    // A merge made on another workstation arrives by sync; this workstation's messages stay where they were.
    clinic.lumen.runtime.sqlite.prepare('UPDATE patient SET mergedIntoId = ? WHERE id = ?').run(kept, duplicate);

    const thread = await clinic.call('messages.thread', { patientId: kept });
    expect(thread.items.filter((i) => i.direction === 'out').map((i) => [i.kind, i.from])).toEqual([
      ['confirmation', 'Lumen'],
      ['confirmation', 'Lumen'],
    ]);
    expect(thread.items.some((i) => i.body === 'Written to the old record')).toBe(true);
    await expect(clinic.call('messages.send', { patientId: duplicate, channel: 'sms', body: 'Hi' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('appends the writer’s signature and refuses unknown placeholders and placeholders without a value, queuing nothing', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const patientId = await clinic.patient({ firstName: 'Maria' });
    await clinic.call('messages.saveSignature', { signature: 'Olivia\nLumen Test Clinic' });
    expect(await clinic.call('messages.signature')).toEqual({ signature: 'Olivia\nLumen Test Clinic' });

    const before = clinic.count('outbox');
    await expect(clinic.call('messages.send', { patientId, channel: 'sms', body: 'Dear {patient.name}' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { body: [expect.stringContaining('Unknown placeholder {patient.name}')] } },
    });
    await expect(clinic.call('messages.send', { patientId, channel: 'sms', body: 'See you on {appointment.date}' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('messages.send', { patientId, channel: 'email', body: 'No subject here' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { subject: ['An email needs a subject.'] } },
    });
    expect(clinic.count('outbox')).toBe(before);

    const { outboxId } = await clinic.call('messages.send', { patientId, channel: 'email', subject: 'Your visit at {clinic.name}', body: 'Hello {patient.firstName},\nall is well.' });
    expect(outboxRow(clinic, outboxId)).toMatchObject({
      kind: 'conversation',
      subject: 'Your visit at Lumen Test Clinic',
      body: 'Hello Maria,\nall is well.\n\nOlivia\nLumen Test Clinic',
      recipient: expect.stringContaining('@example.com'),
      status: 'queued',
      urgent: 0,
      templateId: null,
      messageId: expect.stringMatching(/^<lumen\.\d+\.[0-9a-f]{12}@lumen\.local>$/),
    });
    const audit = clinic.lumen.runtime.sqlite.prepare(`SELECT summary FROM audit WHERE entity = 'outbox' AND entityId = ?`).pluck().get(String(outboxId));
    expect(audit).toBe(`Wrote to patient #${patientId} by email`);
  });

  it('refuses to write without consent on that channel (no_consent), and the thread says why', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const patientId = await clinic.patient({ consent: ['email'] });
    const before = clinic.count('outbox');
    await expect(clinic.call('messages.send', { patientId, channel: 'sms', body: 'Hi' })).rejects.toMatchObject({ code: 'no_consent', details: { reason: 'no SMS consent', channel: 'sms' } });
    expect(clinic.count('outbox')).toBe(before);
    const thread = await clinic.call('messages.thread', { patientId });
    expect(thread).toMatchObject({ canSms: { ok: false, why: 'no SMS consent' }, canEmail: { ok: true, why: null } });
  });
});

describe('the inbox', () => {
  it('counts unanswered, overdue after the reply target, mine and unmatched as the clock moves', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const patientId = await clinic.patient();
    const first = received(clinic, { patientId, body: 'First question\nmore text' });
    await clinic.setNow('2026-03-02T15:00:00Z');
    received(clinic, { patientId, body: 'Second question' });
    const stranger = received(clinic, { patientId: null, from: 'someone@else.test', body: 'Who is this?' });

    let inbox = await clinic.call('messages.inbox', {});
    expect(inbox.replyTargetHours).toBe(24);
    expect(inbox.counts).toEqual({ unanswered: 2, overdue: 0, mine: 0, unmatched: 1 });
    expect(inbox.rows[0]).toMatchObject({ id: first, preview: 'First question', dueAt: '2026-03-03T09:00:00.000Z', overdue: false, patientName: expect.stringContaining('Anastasia') });

    await clinic.setNow('2026-03-03T10:00:00Z');
    inbox = await clinic.call('messages.inbox', {});
    expect(inbox.counts).toMatchObject({ unanswered: 2, overdue: 1 });
    expect(inbox.rows.map((r) => r.overdue)).toEqual([true, false]);

    clinic.lumen.runtime.sqlite.prepare('UPDATE clinic SET replyTargetHours = 48').run();
    inbox = await clinic.call('messages.inbox', {});
    expect(inbox.counts.overdue).toBe(0);

    await clinic.call('messages.setOwner', { inboundId: stranger, staffId: clinic.conn.session!.staffId });
    expect((await clinic.call('messages.inbox', { view: 'mine' })).rows.map((r) => r.id)).toEqual([stranger]);
    expect((await clinic.call('messages.inbox', { view: 'unmatched' })).rows).toMatchObject([{ id: stranger, patientId: null, ownerName: 'Olivia Owner' }]);
  });

  it('lets front desk file an unknown sender under a patient, own, answer and close messages, each refused when it makes no sense', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const patientId = await clinic.patient();
    const desk = await clinic.as('frontDesk', 'fiona');
    const stranger = received(clinic, { patientId: null, from: 'new@address.test', subject: 'Hello', body: 'I changed my address' });

    await expect(desk.call('messages.assignPatient', { inboundId: stranger, patientId: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    await desk.call('messages.assignPatient', { inboundId: stranger, patientId });
    await expect(desk.call('messages.assignPatient', { inboundId: stranger, patientId })).rejects.toMatchObject({ code: 'conflict' });
    expect((await desk.call('messages.thread', { patientId })).items.map((i) => i.body)).toEqual(['I changed my address']);
    expect((await desk.call('messages.inbox', {})).counts).toMatchObject({ unanswered: 1, unmatched: 0 });

    await expect(desk.call('messages.setOwner', { inboundId: stranger, staffId: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(desk.call('messages.close', { inboundId: 999_999 })).rejects.toMatchObject({ code: 'not_found' });

    const { outboxId } = await desk.call('messages.send', { patientId, channel: 'email', body: 'Thank you, noted.', inReplyToId: stranger });
    const answered = clinic.lumen.runtime.sqlite.prepare('SELECT closedReason, answerOutboxId, answeredBy FROM inboundMessage WHERE id = ?').get(stranger);
    expect(answered).toEqual({ closedReason: 'replied', answerOutboxId: outboxId, answeredBy: desk.conn.session!.staffId });
    expect(outboxRow(clinic, outboxId)).toMatchObject({ subject: 'Re: Hello', inReplyToId: stranger, staffId: desk.conn.session!.staffId });
    await expect(desk.call('messages.close', { inboundId: stranger })).rejects.toMatchObject({ code: 'invalid_transition' });

    const other = received(clinic, { patientId, body: 'Ok' });
    await desk.call('messages.close', { inboundId: other });
    expect((await desk.call('messages.inbox', {})).counts.unanswered).toBe(0);
    const otherPatient = await clinic.patient();
    await expect(desk.call('messages.send', { patientId: otherPatient, channel: 'sms', body: 'Hi', inReplyToId: other })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
