import { describe, expect, it } from 'vitest';
import { STAFF_PASSWORD } from '../../support/clinic';
import { SITES, surveyClinics } from './support';

const start = surveyClinics();

describe('what follows a score', () => {
  it('asks a 9 or 10 for a review with the clinic’s sites, tracked per site until a person confirms it, and points follow', async () => {
    const clinic = await start();
    await clinic.call('loyalty.saveSettings', { enabled: true, pointsPerUnit: 1, redeemPoints: 100, redeemCents: 500, expiryMonths: 0, reviewPoints: 150 });
    const ana = await clinic.patient();
    const visit = await clinic.visit(ana, '2026-03-03T10:00:00Z');
    const outcome = await clinic.call('satisfaction.record', { appointmentId: visit, score: 10, comment: 'Wonderful', source: 'tablet' });
    expect(outcome).toMatchObject({ score: 10, reviewRequested: ['Google', 'RealSelf'], complaintId: null, taskId: null, note: null });
    const [message] = clinic.outboxOf(ana);
    expect(message).toMatchObject({ channel: 'sms', kind: 'conversation', status: 'queued' });
    for (const site of SITES) expect(message.body).toContain(site.url);

    const { rows } = await clinic.call('satisfaction.reviews', { status: 'waiting' });
    expect(rows.map((r) => [r.site, r.messageStatus, r.postedAt]).sort()).toEqual([
      ['Google', 'queued', null],
      ['RealSelf', 'queued', null],
    ]);
    const google = rows.find((r) => r.site === 'Google')!;
    expect(await clinic.call('satisfaction.confirmReview', { reviewRequestId: google.id })).toMatchObject({ points: 150 });
    expect((await clinic.call('loyalty.forPatient', { patientId: ana })).statement).toMatchObject([{ kind: 'review', points: 150, note: 'Review on Google' }]);
    await expect(clinic.call('satisfaction.confirmReview', { reviewRequestId: google.id })).rejects.toMatchObject({ code: 'conflict' });
    expect((await clinic.call('satisfaction.posters', {})).rows).toMatchObject([{ patientId: ana, reviews: 1, sites: ['Google'], latestScore: 10 }]);
    expect((await clinic.call('satisfaction.reviews', { status: 'waiting' })).rows.map((r) => r.site)).toEqual(['RealSelf']);
  });

  it('puts a 0–6 in the manager’s task inbox, due in the recovery hours with the comment, visit, provider and service, and opens a complaint with its SLA', async () => {
    const clinic = await start();
    const manager = await clinic.as('manager');
    const ana = await clinic.patient();
    // The day before the spring change: 24 hours later is 25 hours on the wall clock.
    const visit = await clinic.visit(ana, '2026-03-28T09:00:00Z');
    const outcome = await clinic.call('satisfaction.record', { appointmentId: visit, score: 3, comment: 'It hurt and nobody explained why', source: 'desk' });
    expect(outcome).toMatchObject({ reviewRequested: [], complaintId: expect.any(Number), taskId: expect.any(Number) });
    expect(clinic.outboxOf(ana)).toEqual([]);

    await manager.call('auth.unlock', { password: STAFF_PASSWORD });
    const inbox = await manager.call('tasks.inbox', { scope: 'role', status: 'open' });
    expect(inbox.tasks).toHaveLength(1);
    expect(inbox.tasks[0]).toMatchObject({ kind: 'satisfaction', dueAt: '2026-03-29T09:30:00.000Z', dueOn: '2026-03-29' });
    expect(inbox.tasks[0].title).toContain('scored 3/10');
    expect(inbox.tasks[0].note).toBe('“It hurt and nobody explained why” (visit on 2026-03-28, with Dr. Petra Weiss, Botox forehead)');

    const log = await manager.call('satisfaction.complaints', { status: 'open' });
    expect(log.counts).toEqual({ open: 1, breached: 0 });
    expect(log.rows[0]).toMatchObject({ score: 3, provider: 'Dr. Petra Weiss', service: 'Botox forehead', slaDueAt: '2026-03-31T09:30:00.000Z', breached: false, task: { completedAt: null } });

    // The manager calls, records the task's outcome; past the SLA the complaint shows as breached until resolved.
    await manager.call('tasks.complete', { id: outcome.taskId!, outcome: 'reached', note: 'Offered a free follow-up' });
    await clinic.setNow('2026-03-31T10:00:00Z');
    await manager.call('auth.unlock', { password: STAFF_PASSWORD });
    expect((await manager.call('satisfaction.complaints', { status: 'open' })).counts).toEqual({ open: 1, breached: 1 });
    const resolved = await manager.call('satisfaction.resolveComplaint', { id: outcome.complaintId!, outcome: 'retreated', note: 'Re-treated free of charge' });
    expect(resolved).toMatchObject({ outcome: 'retreated', breached: true, task: { outcome: 'reached', outcomeNote: 'Offered a free follow-up' } });
    await expect(manager.call('satisfaction.resolveComplaint', { id: outcome.complaintId!, outcome: 'noAction' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('never asks for a review after a low score, with an open complaint or without consent; refusals change nothing', async () => {
    const clinic = await start();
    const ana = await clinic.patient();
    const first = await clinic.visit(ana, '2026-03-03T10:00:00Z');
    const second = await clinic.visit(ana, '2026-03-04T10:00:00Z');
    await clinic.call('satisfaction.record', { appointmentId: first, score: 5, source: 'desk' });
    const before = { outbox: clinic.count('outbox'), reviews: clinic.count('reviewRequest') };
    await expect(clinic.call('satisfaction.requestReview', { patientId: ana })).rejects.toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('latest score is 5') });

    // A later 10 while the complaint is still open: the score counts, no review request goes out.
    const happy = await clinic.call('satisfaction.record', { appointmentId: second, score: 10, source: 'tablet' });
    expect(happy).toMatchObject({ reviewRequested: [], note: 'No review request: The patient has an open complaint: resolve it first.' });
    await expect(clinic.call('satisfaction.requestReview', { patientId: ana })).rejects.toMatchObject({ code: 'invalid_transition' });
    expect({ outbox: clinic.count('outbox'), reviews: clinic.count('reviewRequest') }).toEqual(before);

    const complaint = (await clinic.call('satisfaction.complaints', {})).rows[0];
    await clinic.call('satisfaction.resolveComplaint', { id: complaint.id, outcome: 'apologised' });
    await clinic.call('patients.setConsent', { patientId: ana, channel: 'sms', granted: false, source: 'form' });
    await clinic.call('patients.setConsent', { patientId: ana, channel: 'email', granted: false, source: 'form' });
    await expect(clinic.call('satisfaction.requestReview', { patientId: ana })).rejects.toMatchObject({ code: 'no_consent' });
    expect({ outbox: clinic.count('outbox'), reviews: clinic.count('reviewRequest') }).toEqual(before);

    await clinic.call('patients.setConsent', { patientId: ana, channel: 'email', granted: true, source: 'form' });
    expect(await clinic.call('satisfaction.requestReview', { patientId: ana })).toMatchObject({ channel: 'email', sites: ['Google', 'RealSelf'] });
    await expect(clinic.call('satisfaction.requestReview', { patientId: ana })).rejects.toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('already asked') });
    await clinic.surveys({ reviewSites: [] });
    await expect(clinic.call('satisfaction.requestReview', { patientId: ana })).rejects.toMatchObject({ code: 'invalid_transition', message: expect.stringContaining('No review sites') });
  });

  it('takes a score from 0 to 10 once per visit; anything else is refused and nothing is written', async () => {
    const clinic = await start();
    const ana = await clinic.patient();
    const visit = await clinic.visit(ana, '2026-03-03T10:00:00Z');
    const ahead = await clinic.book(ana, '2026-03-10T10:00:00Z');
    for (const score of [11, -1, 7.5]) {
      await expect(clinic.call('satisfaction.record', { appointmentId: visit, score, source: 'desk' })).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { score: expect.any(Array) } } });
    }
    await expect(clinic.call('satisfaction.record', { appointmentId: visit, score: '9' as never, source: 'desk' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('satisfaction.record', { appointmentId: ahead, score: 9, source: 'desk' })).rejects.toMatchObject({ code: 'invalid_transition' });
    expect(clinic.count('surveyResponse') + clinic.count('surveyRequest')).toBe(0);

    await clinic.call('satisfaction.record', { appointmentId: visit, score: 8, source: 'desk' });
    await expect(clinic.call('satisfaction.record', { appointmentId: visit, score: 9, source: 'tablet' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await clinic.call('satisfaction.visit', { appointmentId: visit })).toMatchObject({ answered: { score: 8, source: 'desk' } });
    // A 7 or 8 is neither: no review request, no complaint.
    expect(clinic.count('reviewRequest') + clinic.count('complaint')).toBe(0);
  });
});
