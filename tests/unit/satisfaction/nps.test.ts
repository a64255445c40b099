import { describe, expect, it } from 'vitest';
import { monthsOf, npsOf } from '../../../src-main/satisfaction/nps';
import { surveyClinics } from './support';

const start = surveyClinics();

describe('NPS maths', () => {
  it.each([
    [0, 0, 0, null],
    [1, 0, 1, 100],
    [0, 1, 1, -100],
    [2, 2, 4, 0],
    [3, 1, 4, 50],
    [1, 0, 8, 13], // 12.5 rounds away from zero
    [0, 1, 8, -13],
    [1, 0, 3, 33],
    [2, 0, 3, 67],
    [1, 2, 3, -33],
    [0, 0, 5, 0],
  ])('%i promoters, %i detractors of %i → %s', (promoters, detractors, responses, nps) => {
    expect(npsOf(promoters, detractors, responses)).toBe(nps);
  });

  it('lists every month of the period, across a year end', () => {
    expect(monthsOf('2026-11-15', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});

describe('the NPS report', () => {
  it('gives NPS with its counts by month (clinic-local), by provider and by service', async () => {
    const clinic = await start('2026-03-02T07:00:00Z');
    const { id: kim } = await clinic.call('staff.create', { username: 'kim', displayName: 'Kim Laser', role: 'practitioner', password: 'staff-password-42' });
    await clinic.call('scheduling.setHours', { staffId: kim, intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startsAt: '07:00', endsAt: '21:00' })) });
    // Petra: 10, 9, 7, 3 (2 promoters, 1 detractor of 4 → 25); Kim: 6, 0, 9 (1 promoter, 2 detractors of 3 → −33).
    const plan: [number | null, number, string][] = [
      [null, 10, '2026-03-03T08:00:00Z'],
      [null, 9, '2026-03-04T08:00:00Z'],
      [null, 7, '2026-04-02T08:00:00Z'],
      [null, 3, '2026-04-03T08:00:00Z'],
      [kim, 6, '2026-03-05T08:00:00Z'],
      [kim, 0, '2026-04-06T08:00:00Z'],
      [kim, 9, '2026-04-07T08:00:00Z'],
    ];
    plan.sort((a, b) => a[2].localeCompare(b[2]));
    for (const [staffId, score, startsAt] of plan) {
      const patientId = await clinic.patient();
      const { id } = await clinic.call('appointments.book', { patientId, segments: [{ serviceId: staffId ? clinic.facialId : clinic.botoxId, staffId: staffId ?? clinic.practitionerId, startsAt }] });
      await clinic.setNow(startsAt);
      await clinic.call('appointments.setStatus', { id, status: 'arrived' });
      await clinic.call('satisfaction.record', { appointmentId: id, score, source: 'desk' });
    }
    // A score given at 00:30 on 1 May in Berlin (22:30 UTC on 30 April) belongs to May.
    const late = await clinic.patient();
    const { id: lateVisit } = await clinic.call('appointments.book', { patientId: late, segments: [{ serviceId: clinic.botoxId, staffId: clinic.practitionerId, startsAt: '2026-04-30T18:00:00Z' }] });
    await clinic.setNow('2026-04-30T18:00:00Z');
    await clinic.call('appointments.setStatus', { id: lateVisit, status: 'arrived' });
    await clinic.setNow('2026-04-30T22:30:00Z');
    await clinic.call('satisfaction.record', { appointmentId: lateVisit, score: 10, source: 'desk' });

    const report = await clinic.call('satisfaction.nps', { from: '2026-02-01', to: '2026-04-30' });
    expect(report.total).toMatchObject({ responses: 7, promoters: 3, passives: 1, detractors: 3, nps: 0 });
    expect(report.byMonth.map((m) => [m.key, m.responses, m.nps])).toEqual([
      ['2026-02', 0, null],
      ['2026-03', 3, 33], // 10, 9, 6
      ['2026-04', 4, -25], // 7, 3, 0, 9
    ]);
    expect(report.byProvider.map((p) => [p.label, p.responses, p.promoters, p.detractors, p.nps])).toEqual([
      ['Dr. Petra Weiss', 4, 2, 1, 25],
      ['Kim Laser', 3, 1, 2, -33],
    ]);
    expect(report.byService.map((s) => [s.label, s.nps])).toEqual([
      ['Botox forehead', 25],
      ['HydraFacial', -33],
    ]);
    expect((await clinic.call('satisfaction.nps', { from: '2026-05-01', to: '2026-05-31' })).total).toMatchObject({ responses: 1, nps: 100 });
    await expect(clinic.call('satisfaction.nps', { from: '2026-05-01', to: '2026-04-01' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('happy patients who never referred anyone', () => {
  it('lists latest scores of 9–10 with consent and no referrals, and sends them the referral offer once a day', async () => {
    const clinic = await start();
    const ana = await clinic.patient();
    const ben = await clinic.patient();
    const cleo = await clinic.patient({ consent: [] });
    const dora = await clinic.patient();
    for (const [patientId, score, hour] of [[ana, 10, 8], [ben, 9, 9], [cleo, 10, 10], [dora, 9, 11]] as const) {
      const visit = await clinic.visit(patientId, `2026-03-03T${String(hour).padStart(2, '0')}:00:00Z`);
      await clinic.call('satisfaction.record', { appointmentId: visit, score, source: 'desk' });
    }
    // Ben has brought a friend; Dora's latest score is a 5.
    await clinic.call('patients.create', { firstName: 'Friend', lastName: 'Of Ben', referredByPatientId: ben });
    const again = await clinic.visit(dora, '2026-03-04T08:00:00Z');
    await clinic.call('satisfaction.record', { appointmentId: again, score: 5, source: 'desk' });

    const { rows } = await clinic.call('satisfaction.happyNeverReferred', {});
    expect(rows.map((r) => [r.patientId, r.score, r.channels, r.offeredAt])).toEqual([[ana, 10, ['sms', 'email'], null]]);
    expect(await clinic.call('satisfaction.sendReferralOffer', { patientIds: [ana, cleo] })).toEqual({ queued: 1, skipped: [{ patientId: cleo, reason: expect.stringContaining('no SMS consent') }] });
    const offer = clinic.outboxOf(ana).at(-1)!;
    expect(offer.body).toContain('ask at the desk for your referral card');
    expect((await clinic.call('satisfaction.sendReferralOffer', { patientIds: [ana] })).skipped).toEqual([{ patientId: ana, reason: 'already sent the offer today' }]);
    expect((await clinic.call('satisfaction.happyNeverReferred', {})).rows[0].offeredAt).not.toBeNull();
  });
});
