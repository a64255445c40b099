import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openLumen } from '../../../src-main/app';
import { type Carriers, connectCarriers, openMessagesClinic, type MessagesClinic } from './setup';

let clinic: MessagesClinic;
let carriers: Carriers | undefined;
afterEach(async () => {
  await clinic?.close();
  await carriers?.close();
  carriers = undefined;
});

const statuses = (rows: { templateName: string | null; status: string; statusReason: string | null }[]) =>
  Object.fromEntries(rows.map((r) => [r.templateName, r.statusReason ? `${r.status}: ${r.statusReason}` : r.status]));

describe('reminder job and outbox', () => {
  it('queues a 48 h reminder for 10:00 local after the spring DST change, due 48 real hours before', async () => {
    clinic = await openMessagesClinic('2026-03-27T09:00:00Z');
    const id = await clinic.book(await clinic.patient({ preferredName: 'Ana' }), '2026-03-30T08:00:00Z');

    await clinic.runJob();
    expect(statuses(await clinic.outbox(id))).toEqual({ 'Booking confirmation (SMS)': 'queued', 'Booking confirmation (email)': 'queued' });

    // 2026-03-28 09:00 CET is 08:00Z; the job writes the reminder once it falls in the next window.
    await clinic.setNow('2026-03-28T07:57:00Z');
    await clinic.runJob();
    const reminder = (await clinic.outbox(id)).find((m) => m.templateName === 'Reminder 48 hours before (SMS)')!;
    expect(reminder).toMatchObject({ status: 'queued', dueAt: '2026-03-28T08:00:00.000Z', recipient: '+4915123456711' });
    expect(reminder.body).toContain('Hi Ana, a reminder of your Botox forehead at Lumen Test Clinic on Monday 30 March at 10:00.');
  });

  it('uses clinic-local time after the autumn DST change too', async () => {
    clinic = await openMessagesClinic('2026-10-24T08:56:00Z');
    const id = await clinic.book(await clinic.patient(), '2026-10-26T09:00:00Z', [clinic.facialId]);
    await clinic.setNow('2026-10-24T09:00:00Z');
    await clinic.runJob();
    const reminder = (await clinic.outbox(id)).find((m) => m.kind === 'reminder')!;
    expect(reminder.dueAt).toBe('2026-10-24T09:00:00.000Z');
    expect(reminder.body).toContain('on Monday 26 October at 10:00.');
  });

  it('does not send without consent, to a do-not-contact patient, or without a phone, and says why', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const noConsent = await clinic.book(await clinic.patient({ consent: ['email'] }), '2026-03-04T08:00:00Z');
    const doNotContact = await clinic.book(await clinic.patient({ doNotContact: true }), '2026-03-04T09:00:00Z');
    const noPhone = await clinic.book(await clinic.patient({ phone: null, consent: ['sms', 'email'] }), '2026-03-04T10:00:00Z');
    carriers = await connectCarriers(clinic);
    await clinic.runJob();

    expect(statuses(await clinic.outbox(noConsent))).toMatchObject({ 'Booking confirmation (SMS)': 'notSent: no SMS consent', 'Booking confirmation (email)': 'sent' });
    expect(new Set(Object.values(statuses(await clinic.outbox(doNotContact))))).toEqual(new Set(['notSent: patient is marked do not contact']));
    expect(statuses(await clinic.outbox(noPhone))).toMatchObject({ 'Booking confirmation (SMS)': 'notSent: no mobile phone on file' });
    expect(carriers.delivered().map((m) => m.channel)).toEqual(['email', 'email']);
  });

  it('re-checks consent before sending: a withdrawn consent stops a queued reminder', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const patientId = await clinic.patient();
    const id = await clinic.book(patientId, '2026-03-05T09:00:00Z');
    await clinic.setNow('2026-03-03T08:58:00Z');
    await clinic.runJob();
    expect(statuses(await clinic.outbox(id))['Reminder 48 hours before (SMS)']).toBe('queued');
    await clinic.call('patients.setConsent', { patientId, channel: 'sms', granted: false, source: 'verbal' });
    carriers = await connectCarriers(clinic);
    await clinic.setNow('2026-03-03T09:00:00Z');
    await clinic.runJob();
    expect(statuses(await clinic.outbox(id))).toEqual({
      'Booking confirmation (SMS)': 'notSent: no SMS consent',
      'Booking confirmation (email)': 'sent',
      'Reminder 48 hours before (SMS)': 'notSent: no SMS consent',
    });
    expect(carriers.delivered().map((m) => m.channel)).toEqual(['email']);
    const job = clinic.lumen.scheduler.list().find((j) => j.name === 'reminders')!;
    expect(new Date(job.nextRunAt!).getTime() - new Date(job.lastRunAt!).getTime()).toBe(5 * 60_000);
  });

  it('leaves messages queued and marks nothing sent when no account is set up, and says so', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const id = await clinic.book(await clinic.patient(), '2026-03-05T08:00:00Z');
    await clinic.setNow('2026-03-03T08:00:00Z');
    expect(await clinic.runJob()).toContain('no account set up, 3 messages waiting');
    const outbox = await clinic.call('messages.outbox', {});
    expect(outbox.carriers).toEqual({ email: { configured: false, state: 'notConfigured', detail: null, at: null }, sms: { configured: false, state: 'notConfigured', detail: null, at: null } });
    expect(outbox.waiting).toBe(3);
    expect(outbox.rows.map((m) => [m.templateName, m.status, m.sentAt])).toEqual([
      ['Reminder 48 hours before (SMS)', 'queued', null],
      ['Booking confirmation (email)', 'queued', null],
      ['Booking confirmation (SMS)', 'queued', null],
    ]);
    expect((await clinic.call('messages.outbox', { status: 'sent' })).rows).toEqual([]);
    expect((await clinic.outbox(id)).length).toBe(3);
  });

  it('sends through the clinic’s accounts exactly once, each with the carrier’s acknowledgement', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const id = await clinic.book(await clinic.patient({ preferredName: 'Ana' }), '2026-03-02T15:00:00Z');
    carriers = await connectCarriers(clinic);
    await clinic.runJob();
    await clinic.runJob();
    await clinic.setNow('2026-03-02T13:00:00Z');
    await clinic.runJob();
    await clinic.runJob();

    const rows = await clinic.outbox(id);
    expect(rows.every((m) => m.status === 'sent' && m.sentAt !== null && m.attempts === 1)).toBe(true);
    expect(rows.map((m) => m.templateName).sort()).toEqual(['Booking confirmation (SMS)', 'Booking confirmation (email)', 'Reminder 2 hours before (SMS)']);
    const delivered = carriers.delivered();
    expect(delivered).toHaveLength(3);
    expect(new Set(delivered.map((m) => m.id)).size).toBe(3);
    expect(delivered.filter((m) => m.channel === 'sms' && m.body.startsWith('Hi Ana, see you today at 16:00'))).toHaveLength(1);
    const { carriers: state } = await clinic.call('messages.outbox', {});
    expect(state.email).toMatchObject({ configured: true, state: 'ok', detail: 'Sent 1 message' });
    expect(state.sms).toMatchObject({ configured: true, state: 'ok', detail: 'Sent 1 message' });
  });

  it('retries a gateway answering 500 with backoff (1, 2, 4 … minutes, at most an hour), then fails it as retryable; retry sends it', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    await clinic.call('messages.saveTemplate', { id: clinic.templateId('Booking confirmation (email)'), name: 'Booking confirmation (email)', kind: 'confirmation', channel: 'email', subject: 'Booked', body: 'See you', active: false });
    const id = await clinic.book(await clinic.patient(), '2026-03-06T08:00:00Z');
    carriers = await connectCarriers(clinic);
    carriers.gateway.fault = 'error500';

    await clinic.runJob();
    const waits: number[] = [];
    for (;;) {
      const [row] = await clinic.outbox(id);
      if (row.status !== 'queued') break;
      expect(row).toMatchObject({ statusReason: 'The SMS gateway has a problem, will try again (500: Internal Server Error)', sentAt: null });
      waits.push((Date.parse(row.nextAttemptAt!) - clinic.clock.now().getTime()) / 60_000);
      await clinic.setNow(row.nextAttemptAt!);
      await clinic.runJob();
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60]);
    expect((await clinic.outbox(id))[0]).toMatchObject({ status: 'failed', attempts: 8, retryable: true, sentAt: null });
    await clinic.runJob();
    expect((await clinic.outbox(id))[0].attempts).toBe(8);
    expect(carriers.gateway.createRequests).toBe(8);

    carriers.gateway.fault = null;
    await clinic.call('messages.retry', { outboxId: (await clinic.outbox(id))[0].id });
    await clinic.runJob();
    expect((await clinic.outbox(id))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(carriers.delivered()).toHaveLength(1);
  });

  it('never duplicates, across runs and across a restart on the same data folder', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    for (let i = 0; i < 3; i++) await clinic.book(await clinic.patient(), `2026-03-0${3 + i}T09:00:00Z`);
    await clinic.setNow('2026-03-03T07:00:00Z');
    await clinic.runJob();
    await clinic.runJob();
    const before = clinic.count('outbox');
    // Three confirmations on each channel, the 2 h reminder of the first visit, the 48 h one of the second (the third's is not due yet).
    expect(before).toBe(3 * 2 + 1 + 1);

    carriers = await connectCarriers(clinic);
    await clinic.lumen.close();
    const again = await openLumen({ dataDir: clinic.dataDir, clock: clinic.clock, checkOutputs: true });
    try {
      for (const job of ['reminders', 'outbox', 'reminders', 'outbox']) {
        await again.scheduler.runNow(job);
        await again.scheduler.idle();
      }
      const count = again.runtime.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get();
      expect(count).toBe(before);
      const delivered = carriers.delivered();
      expect(delivered).toHaveLength(before);
      expect(new Set(delivered.map((m) => m.id)).size).toBe(before);
    } finally {
      await again.close();
      rmSync(clinic.dataDir, { recursive: true, force: true });
    }
  });

  it('moves: the old queued reminder becomes notSent and the new time gets its own', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const id = await clinic.book(await clinic.patient(), '2026-03-04T09:00:00Z');
    await clinic.setNow('2026-03-02T09:00:00Z');
    await clinic.runJob();
    expect(statuses(await clinic.outbox(id))['Reminder 48 hours before (SMS)']).toBe('queued');

    await clinic.setNow('2026-03-02T10:00:00Z');
    await clinic.move(id, '2026-03-05T12:00:00Z');
    await clinic.runJob();
    const rows = await clinic.outbox(id);
    const reminders = rows.filter((m) => m.kind === 'reminder');
    expect(reminders.map((m) => `${m.status}: ${m.statusReason}`)).toEqual(['notSent: appointment moved']);
    // The new time is confirmed again; its reminder waits until it is due.
    expect(rows.filter((m) => m.kind === 'confirmation' && m.status === 'queued').map((m) => m.body)).toEqual(
      expect.arrayContaining([expect.stringContaining('Thursday 5 March at 13:00')]),
    );

    await clinic.setNow('2026-03-03T12:00:00Z');
    await clinic.runJob();
    const fresh = (await clinic.outbox(id)).find((m) => m.kind === 'reminder' && m.status === 'queued')!;
    expect(fresh).toMatchObject({ dueAt: '2026-03-03T12:00:00.000Z' });
    expect(fresh.body).toContain('Thursday 5 March at 13:00');
  });

  it('cancelled: queued messages become notSent and no later reminder is written', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const id = await clinic.book(await clinic.patient(), '2026-03-05T09:00:00Z');
    await clinic.setNow('2026-03-03T09:00:00Z');
    await clinic.runJob();
    expect(statuses(await clinic.outbox(id))['Reminder 48 hours before (SMS)']).toBe('queued');
    await clinic.cancel(id);
    await clinic.setNow('2026-03-05T07:00:00Z');
    await clinic.runJob();
    expect(statuses(await clinic.outbox(id))).toEqual({
      'Booking confirmation (SMS)': 'notSent: appointment cancelled',
      'Booking confirmation (email)': 'notSent: appointment cancelled',
      'Reminder 48 hours before (SMS)': 'notSent: appointment cancelled',
    });
  });

  it('skips a reminder whose moment had passed when the visit was booked, and confirms only bookings made after a template exists', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const soon = await clinic.book(await clinic.patient(), '2026-03-03T09:00:00Z'); // 24 h ahead: no 48 h reminder
    await clinic.setNow('2026-03-02T09:05:00Z');
    await clinic.call('messages.saveTemplate', { name: 'Welcome SMS', kind: 'confirmation', channel: 'sms', body: 'Welcome, {patient.firstName}!' });
    const later = await clinic.book(await clinic.patient(), '2026-03-10T09:00:00Z');
    await clinic.setNow('2026-03-03T07:00:00Z');
    await clinic.runJob();
    expect(Object.keys(statuses(await clinic.outbox(soon))).sort()).toEqual(['Booking confirmation (SMS)', 'Booking confirmation (email)', 'Reminder 2 hours before (SMS)']);
    expect(Object.keys(statuses(await clinic.outbox(later))).sort()).toEqual(['Booking confirmation (SMS)', 'Booking confirmation (email)', 'Welcome SMS']);
  });
});
