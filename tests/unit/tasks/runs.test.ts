import { describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { berlin, rulesClinics, travel } from './clinic';

const open = rulesClinics();
const frontDesk = { kind: 'role' as const, role: 'frontDesk' as const };
const welcome = { name: 'Welcome', trigger: 'newPatient' as const, titleTemplate: 'Welcome {patient}', assignee: frontDesk, offsets: [{ amount: 1, unit: 'days' as const }], slaHours: 24 };

describe('the rules job: daily and idempotent', () => {
  it('running twice creates each task once', async () => {
    const cal = await open();
    await cal.rule(welcome);
    await cal.patient('Lena', 'Vogel');
    await cal.patient('Max', 'Mustermann');
    await travel(cal.clinic, berlin('2026-03-03T08:00'));
    expect(await cal.run()).toBe(2);
    expect(await cal.run()).toBe(0);
    expect(cal.tasks()).toHaveLength(2);
  });

  it('catches up after a week off: each missed day’s task once, and nothing again on the next run', async () => {
    const cal = await open();
    await cal.rule(welcome);
    for (let day = 2; day <= 6; day++) {
      await travel(cal.clinic, berlin(`2026-03-0${day}T10:00`));
      await cal.patient(`Day${day}`, 'Patient');
    }
    await travel(cal.clinic, berlin('2026-03-10T07:00'));
    expect(await cal.run()).toBe(5);
    await travel(cal.clinic, berlin('2026-03-11T07:00'));
    expect(await cal.run()).toBe(0);
    expect(cal.tasks().map((t) => t.dueOn)).toEqual(['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07']);
  });

  it('does not flood: a task whose day is further back than the rule’s catch-up days is never created', async () => {
    const cal = await open();
    await cal.rule({ ...welcome, catchUpDays: 2 });
    await cal.patient('Old', 'Patient');
    await travel(cal.clinic, berlin('2026-03-03T10:00'));
    await cal.patient('Newer', 'Patient');
    await travel(cal.clinic, berlin('2026-03-06T08:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'Welcome Newer Patient', dueOn: '2026-03-04' })]);
  });

  it('a rule switched on creates nothing that fell due before that day', async () => {
    const cal = await open();
    const id = await cal.rule({ ...welcome, enabled: false });
    await cal.patient('Before', 'Switch');
    await travel(cal.clinic, berlin('2026-03-04T09:00'));
    await cal.clinic.call('tasks.setRuleEnabled', { id, enabled: true });
    await cal.patient('After', 'Switch');
    await travel(cal.clinic, berlin('2026-03-05T09:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'Welcome After Switch' })]);
  });

  it('a run for a day that has not come is refused, and changes nothing', async () => {
    const cal = await open();
    await cal.rule(welcome);
    const refused = await errorOf(cal.clinic.call('tasks.runRules', { asOf: '2026-03-03' }));
    expect(refused).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { asOf: [expect.any(String)] } } });
    expect(cal.clinic.count('taskRun')).toBe(0);
  });
});

describe('clinic-local days across DST and leap years', () => {
  it('a day task is due by the end of the clinic’s day on both DST changes (23- and 25-hour days)', async () => {
    const cal = await open('2026-03-27T08:00:00Z');
    await cal.rule(welcome);
    await travel(cal.clinic, berlin('2026-03-28T23:30'));
    await cal.patient('Spring', 'Forward');
    await travel(cal.clinic, berlin('2026-10-24T23:30'));
    await cal.patient('Autumn', 'Back');
    await travel(cal.clinic, berlin('2026-03-29T12:00'));
    await cal.run('2026-03-29');
    await travel(cal.clinic, berlin('2026-10-25T12:00'));
    await cal.run('2026-10-25');
    expect(cal.tasks()).toEqual([
      expect.objectContaining({ title: 'Welcome Spring Forward', dueOn: '2026-03-29', dueAt: '2026-03-29T22:00:00.000Z' }),
      expect.objectContaining({ title: 'Welcome Autumn Back', dueOn: '2026-10-25', dueAt: '2026-10-25T23:00:00.000Z' }),
    ]);
  });

  it('an hours offset counts real hours through the spring change', async () => {
    const cal = await open('2026-03-27T08:00:00Z');
    await cal.rule({ ...welcome, offsets: [{ amount: 24, unit: 'hours' }] });
    await travel(cal.clinic, berlin('2026-03-28T12:00'));
    await cal.patient('Spring', 'Forward');
    await travel(cal.clinic, berlin('2026-03-29T14:00'));
    await cal.run();
    // 24 real hours after 12:00 CET on Saturday is 13:00 CEST on Sunday.
    expect(cal.tasks()).toEqual([expect.objectContaining({ dueOn: '2026-03-29', dueAt: '2026-03-29T11:00:00.000Z' })]);
  });

  it('a 29 February birthday is wished on 28 February in other years, once a year', async () => {
    const cal = await open('2027-02-20T08:00:00Z');
    await cal.rule({ name: 'Birthday', trigger: 'birthday', titleTemplate: 'Happy birthday {patient}', assignee: frontDesk, offsets: [{ amount: 0, unit: 'days' }], slaHours: 24 });
    await cal.clinic.call('patients.create', { firstName: 'Leap', lastName: 'Day', dateOfBirth: '1996-02-29' });
    await cal.clinic.call('patients.create', { firstName: 'March', lastName: 'First', dateOfBirth: '1990-03-01' });
    await travel(cal.clinic, berlin('2027-02-28T08:00'));
    expect(await cal.run()).toBe(1);
    await travel(cal.clinic, berlin('2027-03-01T08:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([
      expect.objectContaining({ title: 'Happy birthday Leap Day', dueOn: '2027-02-28', dedupeKey: expect.stringMatching(/\|birthday:2027$/) }),
      expect.objectContaining({ title: 'Happy birthday March First', dueOn: '2027-03-01' }),
    ]);
  });
});
