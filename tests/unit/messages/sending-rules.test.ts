import { afterEach, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../../src-main/messages/index';
import { quietHoursEnd } from '../../../src-main/messages/rules';
import { type Carriers, connectCarriers, openMessagesClinic, type MessagesClinic, outboxRow, queueMessage, TEST_TIMEOUT_MS } from './setup';

let clinic: MessagesClinic;
let carriers: Carriers;
afterEach(async () => {
  await clinic?.close();
  await carriers?.close();
});

const drain = () => drainOutbox(clinic.lumen.runtime, { timeoutMs: TEST_TIMEOUT_MS });
const berlin = { timeZone: 'Europe/Berlin', smsQuietFromMinute: 20 * 60, smsQuietUntilMinute: 8 * 60, dailyMessageCap: 3 };

describe('SMS quiet hours (clinic-local)', () => {
  it('20:00–08:00 crosses midnight; equal times mean none; a daytime range works too', () => {
    const end = (iso: string, rules = berlin) => quietHoursEnd(new Date(iso), rules)?.toISOString() ?? null;
    expect(end('2026-03-02T18:59:00Z')).toBeNull(); // 19:59 CET
    expect(end('2026-03-02T19:00:00Z')).toBe('2026-03-03T07:00:00.000Z'); // 20:00 → 08:00 next morning
    expect(end('2026-03-03T02:00:00Z')).toBe('2026-03-03T07:00:00.000Z'); // 03:00 → 08:00 the same morning
    expect(end('2026-03-03T07:00:00Z')).toBeNull(); // 08:00 sharp
    expect(end('2026-03-03T12:00:00Z', { ...berlin, smsQuietFromMinute: 600, smsQuietUntilMinute: 600 })).toBeNull();
    const lunch = { ...berlin, smsQuietFromMinute: 12 * 60, smsQuietUntilMinute: 14 * 60 };
    expect(end('2026-03-03T11:30:00Z', lunch)).toBe('2026-03-03T13:00:00.000Z');
    expect(end('2026-03-03T13:00:00Z', lunch)).toBeNull();
  });

  it('across both DST changes the quiet hours end at 08:00 on the wall clock', () => {
    const end = (iso: string) => quietHoursEnd(new Date(iso), berlin)?.toISOString() ?? null;
    // Spring: the night of 28/29 March loses an hour; 08:00 CEST is 06:00Z.
    expect(end('2026-03-28T22:00:00Z')).toBe('2026-03-29T06:00:00.000Z');
    expect(end('2026-03-29T05:59:00Z')).toBe('2026-03-29T06:00:00.000Z');
    expect(end('2026-03-29T06:00:00Z')).toBeNull();
    // Autumn: the night of 24/25 October gains one; 08:00 CET is 07:00Z.
    expect(end('2026-10-24T18:00:00Z')).toBe('2026-10-25T07:00:00.000Z'); // 20:00 CEST
    expect(end('2026-10-25T06:30:00Z')).toBe('2026-10-25T07:00:00.000Z');
    expect(end('2026-10-24T17:59:00Z')).toBeNull();
  });

  it('an SMS written at night waits for the morning; an urgent one and an email go at once', async () => {
    clinic = await openMessagesClinic('2026-03-28T21:30:00Z'); // 22:30 CET, the night before the spring change
    carriers = await connectCarriers(clinic);
    const patientId = await clinic.patient();
    const sms = queueMessage(clinic, { patientId, channel: 'sms', body: 'Tomorrow works' });
    const urgent = queueMessage(clinic, { patientId, channel: 'sms', body: 'Your visit is cancelled', urgent: true });
    const email = queueMessage(clinic, { patientId, channel: 'email', body: 'Details' });
    await drain();
    expect(await outboxRow(clinic, sms)).toMatchObject({ status: 'queued', nextAttemptAt: '2026-03-29T06:00:00.000Z', statusReason: 'SMS quiet hours: goes at 08:00' });
    expect((await outboxRow(clinic, urgent)).status).toBe('sent');
    expect((await outboxRow(clinic, email)).status).toBe('sent');
    await clinic.setNow('2026-03-29T05:59:00Z');
    await drain();
    expect((await outboxRow(clinic, sms)).status).toBe('queued');
    await clinic.setNow('2026-03-29T06:00:00Z');
    await drain();
    expect((await outboxRow(clinic, sms)).status).toBe('sent');
    expect(carriers.delivered().filter((m) => m.channel === 'sms').map((m) => m.body)).toEqual(['Your visit is cancelled', 'Tomorrow works']);
  });
});

describe('daily cap per patient', () => {
  it('over the cap a message waits for the next clinic-local day; urgent ones and a person’s replies are not held', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    carriers = await connectCarriers(clinic);
    await clinic.call('messages.saveRules', { smsQuietFrom: '20:00', smsQuietUntil: '08:00', dailyCap: 2, replyTargetHours: 24 });
    const patientId = await clinic.patient();
    const otherPatient = await clinic.patient();
    const system = [1, 2, 3].map((n) => queueMessage(clinic, { patientId, channel: 'email', body: `Automatic ${n}` }));
    const urgent = queueMessage(clinic, { patientId, channel: 'sms', body: 'Urgent', urgent: true });
    const reply = queueMessage(clinic, { patientId, channel: 'email', body: 'A reply from the desk', staffId: clinic.practitionerId });
    const someoneElse = queueMessage(clinic, { patientId: otherPatient, channel: 'email', body: 'Other patient' });
    await drain();
    const rows = await Promise.all(system.map((id) => outboxRow(clinic, id)));
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'queued']);
    // Midnight in Berlin.
    expect(rows[2]).toMatchObject({ nextAttemptAt: '2026-03-02T23:00:00.000Z', statusReason: 'Daily limit of 2 messages for this patient reached: goes tomorrow' });
    for (const id of [urgent, reply, someoneElse]) expect((await outboxRow(clinic, id)).status).toBe('sent');

    await clinic.setNow('2026-03-02T23:00:00Z');
    await drain();
    expect((await outboxRow(clinic, system[2])).status).toBe('sent');
  });
});

describe('consent before each send', () => {
  it('a message queued before consent was withdrawn is not sent, and says why', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    carriers = await connectCarriers(clinic);
    const patientId = await clinic.patient();
    const other = await clinic.patient();
    const email = queueMessage(clinic, { patientId, channel: 'email', body: 'Hello' });
    const sms = queueMessage(clinic, { patientId: other, channel: 'sms', body: 'Hello' });
    await clinic.call('patients.setConsent', { patientId, channel: 'email', granted: false, source: 'verbal' });
    await clinic.call('patients.update', { id: other, patch: { doNotContact: true } });
    await drain();
    expect(await outboxRow(clinic, email)).toMatchObject({ status: 'notSent', statusReason: 'no email consent' });
    expect(await outboxRow(clinic, sms)).toMatchObject({ status: 'notSent', statusReason: 'patient is marked do not contact' });
    expect(carriers.delivered()).toEqual([]);
  });

  it('the one confirmation of an opt-out still goes to the patient who said stop', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    carriers = await connectCarriers(clinic);
    const patientId = await clinic.patient();
    await clinic.call('patients.setConsent', { patientId, channel: 'sms', granted: false, source: 'verbal' });
    const confirmation = queueMessage(clinic, { patientId, channel: 'sms', body: 'You will get no more texts from us.', kind: 'optOut' });
    await clinic.runJob();
    expect((await outboxRow(clinic, confirmation)).status).toBe('sent');
    expect(carriers.delivered().map((m) => m.body)).toEqual(['You will get no more texts from us.']);
  });
});
