import { describe, expect, it } from 'vitest';
import type { TestClinic } from '../../support/clinic';
import { drainOutbox } from '../../../src-main/messages/index';
import { connectCarriers } from '../messages/setup';
import { errorOf } from '../scheduling/calendar';
import { retentionClinics } from './retention';

const openClinic = retentionClinics();

const templateId = async (clinic: TestClinic, channel: 'sms' | 'email') =>
  (await clinic.call('messages.templates', {})).find((t) => t.kind === 'outreach' && t.channel === channel)!.id;

async function runMessages(clinic: TestClinic) {
  await clinic.lumen.scheduler.runNow('reminders');
  await clinic.lumen.scheduler.idle();
  await drainOutbox(clinic.lumen.runtime);
}

describe('outreach', () => {
  it('drafts an SMS from the template (preferred name, last treatment, provider, due date), queues it, and the job sends it', async () => {
    const c = await openClinic();
    const mia = await c.contactablePatient('Mia', ['sms'], { preferredName: 'Mimi' });
    const noPreferred = await c.contactablePatient('Noa', ['sms']);
    await c.sell(mia, c.services.botox, '2026-01-05T10:00');
    await c.sell(noPreferred, c.services.botox, '2026-01-05T11:00');
    await c.at('2026-04-07T09:00');
    const neurotoxin = (await c.clinic.call('retention.delinquency', {})).rows[0].categoryId;
    const sms = await templateId(c.clinic, 'sms');

    const draft = await c.clinic.call('retention.draftMessage', { patientId: noPreferred, categoryIds: [neurotoxin], templateId: sms });
    expect(draft.body).toContain('Hi Noa, it is time for your next Botox forehead');
    const { outreach, message } = await c.clinic.call('retention.logOutreach', { patientId: mia, categoryIds: [neurotoxin], channel: 'sms', templateId: sms, outcome: 'sent' });
    expect(message).toMatchObject({ status: 'queued' });
    const phone = c.clinic.lumen.runtime.clinicRow()!.phone;
    // An empty clinic phone leaves no double space behind.
    expect(message!.body).toBe(`Hi Mimi, it is time for your next Botox forehead at Lumen Test Clinic (due Sunday 5 April 2026). Ana Alvarez has times free; reply or call ${phone} to book.`.replace(/ {2,}/g, ' '));
    expect(outreach).toMatchObject({ patientId: mia, channel: 'sms', outcome: 'sent', categoryIds: [neurotoxin], staffName: 'Olivia Owner' });

    const carriers = await connectCarriers(c.clinic);
    try {
      await runMessages(c.clinic);
      expect(carriers.delivered()).toEqual([expect.objectContaining({ channel: 'sms', body: message!.body })]);
    } finally {
      await carriers.close();
    }
    const [row] = (await c.clinic.call('messages.outbox', {})).rows.filter((m) => m.kind === 'outreach');
    expect(row).toMatchObject({ status: 'sent', appointmentId: null });
    // The list shows the contact.
    expect((await c.clinic.call('retention.delinquency', {})).rows.find((r) => r.patientId === mia)!.lastContact).toMatchObject({ channel: 'sms', outcome: 'sent' });
  });

  it('refuses a channel without consent, a do-not-contact patient and an unknown patient, and writes nothing', async () => {
    const c = await openClinic();
    const emailOnly = await c.contactablePatient('Eva', ['email']);
    const dnc = await c.contactablePatient('Dan', ['sms', 'email', 'phone'], { doNotContact: true });
    await c.sell(emailOnly, c.services.botox, '2026-01-05T10:00');
    const neurotoxin = (await c.clinic.call('catalog.categories', {})).find((x) => x.name === 'Neurotoxin')!.id;
    const before = { outreach: c.rows('outreach'), outbox: c.rows('outbox'), audit: c.rows('audit') };
    const sms = await templateId(c.clinic, 'sms');
    expect(await errorOf(c.clinic.call('retention.logOutreach', { patientId: emailOnly, categoryIds: [neurotoxin], channel: 'sms', templateId: sms, outcome: 'sent' }))).toMatchObject({
      code: 'no_consent',
      details: { reason: 'no SMS consent', channel: 'sms' },
    });
    expect((await errorOf(c.clinic.call('retention.logOutreach', { patientId: emailOnly, categoryIds: [neurotoxin], channel: 'phone', outcome: 'noAnswer' }))).code).toBe('no_consent');
    expect(await errorOf(c.clinic.call('retention.logOutreach', { patientId: dnc, categoryIds: [neurotoxin], channel: 'email', templateId: await templateId(c.clinic, 'email'), outcome: 'sent' }))).toMatchObject({
      code: 'no_consent',
      details: { reason: 'patient asked not to be contacted' },
    });
    expect((await errorOf(c.clinic.call('retention.logOutreach', { patientId: 999_999, categoryIds: [neurotoxin], channel: 'inPerson', outcome: 'notInterested' }))).code).toBe('not_found');
    expect((await errorOf(c.clinic.call('retention.logOutreach', { patientId: emailOnly, categoryIds: [neurotoxin], channel: 'phone', outcome: 'callBack' }))).code).toBe('invalid_input');
    expect({ outreach: c.rows('outreach'), outbox: c.rows('outbox'), audit: c.rows('audit') }).toEqual(before);
    // In person needs no consent.
    await c.clinic.call('retention.logOutreach', { patientId: dnc, categoryIds: [neurotoxin], channel: 'inPerson', outcome: 'notInterested', note: 'Asked at the desk' });
    expect(c.rows('outreach')).toBe(before.outreach + 1);
  });

  it('credits the latest outreach before a purchase within 90 days, per channel, outcome and staff', async () => {
    const c = await openClinic();
    const won = await c.contactablePatient('Wanda');
    const lost = await c.contactablePatient('Lars');
    const late = await c.contactablePatient('Lea');
    for (const p of [won, lost, late]) await c.sell(p, c.services.botox, '2026-01-05T10:00');
    const neurotoxin = (await c.clinic.call('catalog.categories', {})).find((x) => x.name === 'Neurotoxin')!.id;
    await c.at('2026-04-10T09:00');
    const log = (patientId: number, outcome: 'noAnswer' | 'booked' | 'notInterested') => c.clinic.call('retention.logOutreach', { patientId, categoryIds: [neurotoxin], channel: 'phone', outcome });
    await log(won, 'noAnswer');
    await log(lost, 'notInterested');
    await log(late, 'booked');
    await c.at('2026-04-12T09:00');
    await log(won, 'booked');
    const sale = await c.sell(won, c.services.botox, '2026-04-15T10:00');
    // Bought, but more than 90 days after the call: not credited.
    await c.sell(late, c.services.botox, '2026-07-20T10:00');
    const results = await c.clinic.call('retention.outreachResults', { from: '2026-04-01', to: '2026-04-30' });
    const total = (await c.clinic.call('invoices.get', { id: sale.id })).totalCents;
    expect(results).toEqual([
      { channel: 'phone', outcome: 'booked', staffId: expect.any(Number), staffName: 'Olivia Owner', outreaches: 2, converted: 1, revenueCents: total },
      { channel: 'phone', outcome: 'noAnswer', staffId: expect.any(Number), staffName: 'Olivia Owner', outreaches: 1, converted: 0, revenueCents: 0 },
      { channel: 'phone', outcome: 'notInterested', staffId: expect.any(Number), staffName: 'Olivia Owner', outreaches: 1, converted: 0, revenueCents: 0 },
    ]);
    expect(await errorOf(c.clinic.call('retention.outreachResults', { from: '2026-05-01', to: '2026-04-01' }))).toMatchObject({ code: 'invalid_input' });
    expect(await errorOf((await c.clinic.as('frontDesk')).call('retention.outreachResults', { from: '2026-04-01', to: '2026-04-30' }))).toMatchObject({ code: 'forbidden' });
  });
});

describe('this morning’s calls', () => {
  it('lists due soon and newly overdue patients not yet booked, and call-backs due today with their note', async () => {
    const c = await openClinic();
    const soon = await c.contactablePatient('Sam');
    const newly = await c.contactablePatient('Nia');
    const old = await c.contactablePatient('Olaf');
    const callBack = await c.contactablePatient('Cleo');
    await c.sell(old, c.services.botox, '2025-12-01T10:00');
    await c.sell(callBack, c.services.botox, '2025-12-02T10:00');
    await c.sell(newly, c.services.botox, '2026-01-05T10:00');
    await c.sell(soon, c.services.botox, '2026-01-15T10:00');
    const neurotoxin = (await c.clinic.call('catalog.categories', {})).find((x) => x.name === 'Neurotoxin')!.id;
    await c.at('2026-04-06T09:00');
    await c.clinic.call('retention.logOutreach', { patientId: callBack, categoryIds: [neurotoxin], channel: 'phone', outcome: 'callBack', callBackOn: '2026-04-08', note: 'After her holiday' });
    await c.at('2026-04-08T08:00');
    const { asOf, rows } = await c.clinic.call('retention.calls', {});
    expect(asOf).toBe('2026-04-08');
    expect(rows.map((r) => [r.patientId, r.reason, r.note])).toEqual([
      [callBack, 'callBack', 'After her holiday'],
      [newly, 'newlyDelinquent', null],
      [soon, 'dueSoon', null],
    ]);
    // Front desk works the list.
    expect((await (await c.clinic.as('frontDesk')).call('retention.calls', {})).rows).toHaveLength(3);
  });
});
