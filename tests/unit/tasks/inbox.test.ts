import { describe, expect, it } from 'vitest';
import { errorOf } from '../scheduling/calendar';
import { berlin, rulesClinics, travel } from './clinic';

const open = rulesClinics();
const frontDesk = { kind: 'role' as const, role: 'frontDesk' as const };
const rows = (cal: Awaited<ReturnType<typeof open>>, table: string) => cal.clinic.lumen.runtime.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();

describe('the task inbox', () => {
  it('front desk sees its role’s tasks overdue first, completes one with an outcome, and cannot complete it twice', async () => {
    const cal = await open();
    const lena = await cal.patient('Lena', 'Vogel');
    await cal.clinic.call('tasks.create', { patientId: lena, title: 'Call back about the quote', dueOn: '2026-03-04', assignee: frontDesk });
    await cal.clinic.call('tasks.create', { patientId: lena, title: 'Send aftercare sheet', dueOn: '2026-03-02', dueTime: '15:00', assignee: frontDesk, slaHours: 2 });
    await cal.clinic.call('tasks.create', { patientId: lena, title: 'Ana’s own', dueOn: '2026-03-02', assignee: { kind: 'staff', staffId: cal.ana } });
    await travel(cal.clinic, berlin('2026-03-02T18:00'));
    const desk = await cal.clinic.as('frontDesk');
    const inbox = await desk.call('tasks.inbox', {});
    expect(inbox.tasks.map((t) => [t.title, t.overdue, t.slaBreached])).toEqual([
      ['Send aftercare sheet', true, true],
      ['Call back about the quote', false, false],
    ]);
    expect(inbox.counts).toEqual({ open: 2, overdue: 1, slaBreached: 1 });
    expect(inbox.tasks[0].patient).toMatchObject({ id: lena, name: 'Lena Vogel' });

    const done = await desk.call('tasks.complete', { id: inbox.tasks[0].id, outcome: 'reached', note: 'Sent by email' });
    expect(done).toMatchObject({ outcome: 'reached', outcomeNote: 'Sent by email', completedAt: expect.any(String), slaBreached: true, overdue: false });
    const before = rows(cal, 'task');
    expect((await errorOf(desk.call('tasks.complete', { id: done.id, outcome: 'done' }))).code).toBe('conflict');
    expect(rows(cal, 'task')).toEqual(before);
    expect((await desk.call('tasks.inbox', { status: 'done' })).tasks.map((t) => t.title)).toEqual(['Send aftercare sheet']);
  });

  it('a person works only their own or their role’s tasks; everyone’s list is a manager’s', async () => {
    const cal = await open();
    const desk = await cal.clinic.as('frontDesk');
    const lena = await cal.patient('Lena', 'Vogel');
    const anas = await cal.clinic.call('tasks.create', { patientId: lena, title: 'Ana’s own', dueOn: '2026-03-02', assignee: { kind: 'staff', staffId: cal.ana } });
    expect((await errorOf(desk.call('tasks.inbox', { scope: 'all' }))).code).toBe('forbidden');
    const before = rows(cal, 'task');
    expect((await errorOf(desk.call('tasks.complete', { id: anas.id, outcome: 'done' }))).code).toBe('forbidden');
    expect((await errorOf(desk.call('tasks.assign', { id: anas.id, assignee: frontDesk }))).code).toBe('forbidden');
    expect(rows(cal, 'task')).toEqual(before);
    expect((await cal.clinic.call('tasks.inbox', { scope: 'all' })).tasks).toHaveLength(1);
    const moved = await cal.clinic.call('tasks.assign', { id: anas.id, assignee: frontDesk });
    expect(moved).toMatchObject({ assigneeRole: 'frontDesk', assigneeStaffId: null, assigneeName: 'Front desk' });
    expect((await desk.call('tasks.inbox', { scope: 'role' })).tasks.map((t) => t.id)).toEqual([anas.id]);
  });

  it('refuses a manual task for a patient who does not exist, or someone else’s appointment, changing nothing', async () => {
    const cal = await open();
    const lena = await cal.patient('Lena', 'Vogel');
    const before = rows(cal, 'task');
    expect(await errorOf(cal.clinic.call('tasks.create', { patientId: 999_999, title: 'X', dueOn: '2026-03-02', assignee: frontDesk }))).toMatchObject({ code: 'not_found', details: { fieldErrors: { patientId: [expect.any(String)] } } });
    expect((await errorOf(cal.clinic.call('tasks.create', { patientId: lena, title: 'X', dueOn: '2026-03-02', assignee: frontDesk, appointmentId: 12345 }))).code).toBe('not_found');
    expect((await errorOf(cal.clinic.call('tasks.create', { patientId: lena, title: 'X', dueOn: '2026-03-02', assignee: { kind: 'staff', staffId: 999 } }))).code).toBe('not_found');
    expect((await errorOf(cal.clinic.call('tasks.create', { patientId: lena, title: '', dueOn: '2026-03-02', assignee: frontDesk }))).code).toBe('invalid_input');
    expect(rows(cal, 'task')).toEqual(before);
  });

  it('lists SLA breaches for managers: completed late and still open past the SLA, counted per assignee', async () => {
    const cal = await open();
    const lena = await cal.patient('Lena', 'Vogel');
    const late = await cal.clinic.call('tasks.create', { patientId: lena, title: 'Done late', dueOn: '2026-03-02', dueTime: '10:00', assignee: frontDesk, slaHours: 1 });
    const onTime = await cal.clinic.call('tasks.create', { patientId: lena, title: 'On time', dueOn: '2026-03-02', dueTime: '10:00', assignee: frontDesk, slaHours: 4 });
    await cal.clinic.call('tasks.create', { patientId: lena, title: 'Forgotten', dueOn: '2026-03-02', dueTime: '11:00', assignee: { kind: 'staff', staffId: cal.ana }, slaHours: 2 });
    await travel(cal.clinic, berlin('2026-03-02T12:00'));
    await cal.clinic.call('tasks.complete', { id: late.id, outcome: 'done' });
    await cal.clinic.call('tasks.complete', { id: onTime.id, outcome: 'done' });
    await travel(cal.clinic, berlin('2026-03-02T14:00'));
    const report = await cal.clinic.call('tasks.slaBreaches', { from: '2026-03-01', to: '2026-03-07' });
    expect(report.tasks.map((t) => t.title)).toEqual(['Done late', 'Forgotten']);
    expect(report.byAssignee).toEqual([
      { assigneeName: 'Front desk', due: 2, breached: 1, stillOpen: 0 },
      { assigneeName: 'Ana Alvarez', due: 1, breached: 1, stillOpen: 1 },
    ].sort((a, b) => b.breached - a.breached || a.assigneeName.localeCompare(b.assigneeName)));
    const desk = await cal.clinic.as('frontDesk');
    expect((await errorOf(desk.call('tasks.slaBreaches', { from: '2026-03-01', to: '2026-03-07' }))).code).toBe('forbidden');
  });
});

describe('configuring rules', () => {
  const base = { name: 'Check-ins', trigger: 'afterTreatment' as const, titleTemplate: 'Check-in {patient}', assignee: frontDesk, offsets: [{ amount: 24, unit: 'hours' as const }], slaHours: 24 };

  it('refuses bad rules beside the field and changes nothing', async () => {
    const cal = await open();
    const neurotoxin = (await cal.clinic.call('catalog.categories', {})).find((c) => c.name === 'Neurotoxin')!.id;
    const before = rows(cal, 'followUpRule');
    const refusal = async (input: object) => errorOf(cal.clinic.call('tasks.saveRule', input as never));
    expect(await refusal({ ...base, categoryIds: [neurotoxin], offsets: [{ amount: -1, unit: 'days' }] })).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'offsets.0.amount': [expect.any(String)] } } });
    expect(await refusal({ ...base, categoryIds: [neurotoxin], slaHours: 0 })).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { slaHours: [expect.any(String)] } } });
    expect(await refusal({ ...base, categoryIds: [987_654] })).toMatchObject({ code: 'not_found', details: { fieldErrors: { categoryIds: [expect.any(String)] } } });
    expect(await refusal(base)).toMatchObject({ code: 'invalid_input', details: { fieldErrors: { categoryIds: [expect.any(String)] } } });
    expect(await refusal({ ...base, trigger: 'satisfaction', offsets: [{ amount: 8, unit: 'days' }] })).toMatchObject({ details: { fieldErrors: { offsets: [expect.any(String)] } } });
    expect(await refusal({ ...base, trigger: 'birthday', assignee: { kind: 'provider', role: 'frontDesk' }, offsets: [{ amount: 0, unit: 'days' }] })).toMatchObject({ details: { fieldErrors: { assignee: [expect.any(String)] } } });
    expect(await refusal({ ...base, categoryIds: [neurotoxin], titleTemplate: 'Dear {name}' })).toMatchObject({ details: { fieldErrors: { titleTemplate: [expect.any(String)] } } });
    expect(await refusal({ ...base, id: 424_242, categoryIds: [neurotoxin] })).toMatchObject({ code: 'not_found' });
    expect(rows(cal, 'followUpRule')).toEqual(before);
    const desk = await cal.clinic.as('frontDesk');
    expect((await errorOf(desk.call('tasks.saveRule', { ...base, categoryIds: [neurotoxin] }))).code).toBe('forbidden');
  });

  it('a manager edits a rule; the change is audited', async () => {
    const cal = await open();
    const [rule] = await cal.clinic.call('tasks.rules', {});
    const { activeSince, assigneeLabel, id, ...fields } = rule;
    const saved = await cal.clinic.call('tasks.saveRule', { ...fields, id, slaHours: 12, enabled: true });
    expect(saved).toMatchObject({ id, slaHours: 12, enabled: true, activeSince: '2026-03-02' });
    expect(assigneeLabel).toBeTruthy();
    expect(activeSince).toBe('2026-03-02');
    const audit = cal.clinic.lumen.runtime.sqlite.prepare("SELECT summary FROM audit WHERE entity = 'followUpRule' ORDER BY id DESC LIMIT 1").pluck().get();
    expect(audit).toBe(`Changed the follow-up rule ${rule.name}`);
  });
});

describe('the scheduled job', () => {
  it('runs the rules from the scheduler and records the run', async () => {
    const cal = await open();
    await cal.rule({ name: 'Welcome', trigger: 'newPatient', titleTemplate: 'Welcome {patient}', assignee: frontDesk, offsets: [{ amount: 0, unit: 'days' }], slaHours: 24 });
    await cal.patient('Lena', 'Vogel');
    await cal.clinic.lumen.scheduler.runNow('followUps');
    await cal.clinic.lumen.scheduler.idle();
    const job = cal.clinic.lumen.scheduler.list().find((j) => j.name === 'followUps')!;
    expect(job).toMatchObject({ lastOutcome: 'ok', lastMessage: '1 new follow-up task for 2026-03-02.' });
    expect(cal.tasks()).toHaveLength(1);
    expect((await cal.clinic.call('tasks.settings', {})).lastRun).toMatchObject({ asOf: '2026-03-02', created: 1 });
  });

  it('only the chosen workstation creates rule tasks', async () => {
    const cal = await open();
    const sqlite = cal.clinic.lumen.runtime.sqlite;
    sqlite.prepare("INSERT INTO workstation (id, number, name, seriesPrefix, createdAt) VALUES ('other', 7, 'Laptop', 'PL', '2026-03-01T00:00:00.000Z')").run();
    await cal.clinic.call('tasks.saveSettings', { runsOnWorkstationId: 'other' });
    expect(await errorOf(cal.clinic.call('tasks.runRules', {}))).toMatchObject({ code: 'conflict', message: expect.stringContaining('Laptop') });
    expect((await cal.clinic.call('tasks.settings', {})).runsOn).toEqual({ id: 'other', name: 'Laptop' });
  });
});
