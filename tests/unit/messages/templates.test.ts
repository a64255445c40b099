import { afterEach, describe, expect, it } from 'vitest';
import { openMessagesClinic, type MessagesClinic } from './setup';

let clinic: MessagesClinic;
afterEach(() => clinic?.close());

describe('message templates', () => {
  it('refuses a template with an unknown placeholder or an unclosed brace, and saves nothing', async () => {
    clinic = await openMessagesClinic('2026-03-02T09:00:00Z');
    const before = clinic.count('messageTemplate');

    await expect(
      clinic.call('messages.saveTemplate', { name: 'Reminder 24 h', kind: 'reminder', channel: 'sms', minutesBefore: 1440, body: 'Hi {patient.nickname}, see you {appointment.date}.' }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { body: [expect.stringContaining('{patient.nickname}')] } } });
    await expect(
      clinic.call('messages.saveTemplate', { name: 'Email', kind: 'confirmation', channel: 'email', subject: 'See you {appointment.date', body: 'Hello {patient.firstName}' }),
    ).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { subject: [expect.stringContaining('never closed')] } } });
    await expect(clinic.call('messages.saveTemplate', { name: 'No timing', kind: 'reminder', channel: 'sms', body: 'Hi {patient.firstName}' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { minutesBefore: [expect.any(String)] } },
    });
    expect(clinic.count('messageTemplate')).toBe(before);

    const { id } = await clinic.call('messages.saveTemplate', { name: 'Reminder 24 h', kind: 'reminder', channel: 'sms', minutesBefore: 1440, body: 'Hi {patient.preferredName}, see you tomorrow at {appointment.time}.' });
    const templates = await clinic.call('messages.templates', {});
    expect(templates.find((t) => t.id === id)).toMatchObject({ name: 'Reminder 24 h', minutesBefore: 1440, active: true });
    expect(templates.filter((t) => t.kind === 'reminder').map((t) => t.minutesBefore)).toEqual([2880, 1440, 120]);
  });

  it('renders the preferred name, clinic-local time across both DST changes, services, provider and prep', async () => {
    clinic = await openMessagesClinic('2026-03-20T09:00:00Z');
    const nicknamed = await clinic.patient({ firstName: 'Anastasia', preferredName: 'Ana' });
    const plain = await clinic.patient({ firstName: 'Bruno' });
    // 10:00 in Berlin the day after the 23-hour day (summer time: UTC+2) and after the 25-hour day (winter time: UTC+1).
    const spring = await clinic.book(nicknamed, '2026-03-30T08:00:00Z', [clinic.botoxId, clinic.facialId]);
    const autumn = await clinic.book(plain, '2026-10-26T09:00:00Z', [clinic.facialId]);
    const reminder = clinic.templateId('Reminder 48 hours before (SMS)');
    const email = clinic.templateId('Booking confirmation (email)');

    const a = await clinic.call('messages.preview', { templateId: reminder, appointmentId: spring });
    expect(a.body).toBe(
      'Hi Ana, a reminder of your Botox forehead and HydraFacial at Lumen Test Clinic on Monday 30 March at 10:00. ' +
        'Please avoid alcohol and blood thinners for 24 hours before. Need to change it? Call +49 30 1234567.',
    );
    expect(a).toMatchObject({ recipient: '+4915123456711', wouldSend: true, reason: null });

    const b = await clinic.call('messages.preview', { templateId: email, appointmentId: autumn });
    expect(b.subject).toBe('Your appointment on Monday 26 October at 10:00');
    expect(b.body).toContain('Dear Bruno,\n\nThank you for booking with Lumen Test Clinic.');
    expect(b.body).toContain('for HydraFacial with Dr. Petra Weiss.\n\nYou will find us at Friedrichstr. 1, 10117 Berlin.');
    expect(b.recipient).toBe('patient2@example.com');
  });

  it('says in the preview why a message would not be sent', async () => {
    clinic = await openMessagesClinic('2026-03-20T09:00:00Z');
    const noConsent = await clinic.book(await clinic.patient({ consent: ['email'] }), '2026-03-25T09:00:00Z');
    const reminder = clinic.templateId('Reminder 2 hours before (SMS)');
    expect(await clinic.call('messages.preview', { templateId: reminder, appointmentId: noConsent })).toMatchObject({ wouldSend: false, reason: 'no SMS consent' });
    await expect(clinic.call('messages.preview', { templateId: reminder, appointmentId: 9999 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is for managers and owners only', async () => {
    clinic = await openMessagesClinic('2026-03-20T09:00:00Z');
    const desk = await clinic.as('frontDesk');
    await expect(desk.call('messages.outbox', {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(desk.call('messages.saveTemplate', { name: 'X', kind: 'confirmation', channel: 'sms', body: 'Hi' })).rejects.toMatchObject({ code: 'forbidden' });
    const manager = await clinic.as('manager');
    expect((await manager.call('messages.templates', {})).length).toBe(6);
  });
});
