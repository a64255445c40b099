import { describe, expect, it } from 'vitest';
import { berlin, rulesClinics, travel } from './clinic';

const open = rulesClinics();
const frontDesk = { kind: 'role' as const, role: 'frontDesk' as const };

describe('follow-up rules, trigger by trigger', () => {
  it('a new clinic starts with the default rules', async () => {
    const { clinic } = await open();
    const rules = await clinic.call('tasks.rules', {});
    expect(rules.map((r) => r.trigger).sort()).toEqual(['afterTreatment', 'birthday', 'dueSoon', 'newPatient', 'noShow', 'packageUnused', 'satisfaction', 'storedValueUnused', 'visitedNotPaid']);
  });

  it('after treatment: one task per offset, for the visit’s provider, due at the hour or by the end of the day', async () => {
    const cal = await open();
    const neurotoxin = (await cal.clinic.call('catalog.categories', {})).find((c) => c.name === 'Neurotoxin')!.id;
    await cal.rule({ name: 'Botox', trigger: 'afterTreatment', titleTemplate: '{category} check-in ({when}): {patient}', assignee: { kind: 'provider', role: 'frontDesk' }, offsets: [{ amount: 24, unit: 'hours' }, { amount: 7, unit: 'days' }], categoryIds: [neurotoxin], slaHours: 24 });
    const lena = await cal.patient('Lena', 'Vogel');
    const other = await cal.patient('Max', 'Laser');
    await travel(cal.clinic, berlin('2026-03-02T09:00'));
    await cal.visit(lena, cal.services.botox, cal.ana, '2026-03-02T10:00', 'completed');
    await cal.visit(other, cal.services.laser, cal.ben, '2026-03-02T11:00', 'completed');
    await travel(cal.clinic, berlin('2026-03-03T09:00'));
    expect(await cal.run()).toBe(0); // 24 h after 10:00 has not come yet
    await travel(cal.clinic, berlin('2026-03-03T10:30'));
    expect(await cal.run()).toBe(1);
    await travel(cal.clinic, berlin('2026-03-09T08:00'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([
      expect.objectContaining({ title: 'Neurotoxin check-in (24 hours): Lena Vogel', dueOn: '2026-03-03', dueAt: berlin('2026-03-03T10:00'), assigneeStaffId: cal.ana, assigneeRole: null }),
      expect.objectContaining({ title: 'Neurotoxin check-in (7 days): Lena Vogel', dueOn: '2026-03-09', dueAt: berlin('2026-03-10T00:00'), assigneeStaffId: cal.ana }),
    ]);
  });

  it('no-show: a task two hours after the missed start', async () => {
    const cal = await open();
    await cal.rule({ name: 'Missed', trigger: 'noShow', titleTemplate: 'Call {patient}', assignee: frontDesk, offsets: [{ amount: 2, unit: 'hours' }], slaHours: 4 });
    const lena = await cal.patient('Lena', 'Vogel');
    await travel(cal.clinic, berlin('2026-03-02T10:20'));
    await cal.visit(lena, cal.services.botox, cal.ana, '2026-03-02T10:00', 'noShow');
    expect(await cal.run()).toBe(0);
    await travel(cal.clinic, berlin('2026-03-02T12:05'));
    expect(await cal.run()).toBe(1);
    expect(cal.tasks()).toEqual([expect.objectContaining({ title: 'Call Lena Vogel', dueAt: berlin('2026-03-02T12:00'), assigneeRole: 'frontDesk', assigneeStaffId: null })]);
  });
});
