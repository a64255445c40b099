import { afterEach, describe, expect, it } from 'vitest';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { copyAsWorkstation, sendChanges } from '../../support/workstations';
import { errorOf } from '../scheduling/calendar';

const opened: TestClinic[] = [];
afterEach(async () => {
  for (const clinic of opened.splice(0)) await clinic.close();
});

const welcome = { name: 'Welcome', trigger: 'newPatient' as const, titleTemplate: 'Welcome {patient}', assignee: { kind: 'role' as const, role: 'owner' as const }, offsets: [{ amount: 0, unit: 'days' as const }], slaHours: 24 };

describe('follow-up tasks across workstations', () => {
  it('only the first workstation creates rule tasks; they reach the other by sync, and a completion there comes back', async () => {
    const reception = await openTestClinic();
    opened.push(reception);
    await reception.call('tasks.saveRule', welcome);
    const laptop = await copyAsWorkstation(reception, 'Laptop', 'L');
    opened.push(laptop);
    await laptop.call('patients.create', { firstName: 'Lena', lastName: 'Vogel' });
    await sendChanges(laptop, reception);

    // The laptop's run is refused (it would make the task a second time under its own id); its job does nothing.
    expect(await errorOf(laptop.call('tasks.runRules', {}))).toMatchObject({ code: 'conflict', message: expect.stringContaining('Reception') });
    await laptop.lumen.scheduler.runNow('followUps');
    await laptop.lumen.scheduler.idle();
    expect(laptop.count('task')).toBe(0);

    expect((await reception.call('tasks.runRules', {})).created).toBe(1);
    await sendChanges(reception, laptop);
    const [task] = (await laptop.call('tasks.inbox', {})).tasks;
    expect(task).toMatchObject({ title: 'Welcome Lena Vogel', completedAt: null });
    await laptop.call('tasks.complete', { id: task.id, outcome: 'reached', note: 'Booked a consult' });
    await sendChanges(laptop, reception);
    expect((await reception.call('tasks.inbox', { status: 'done' })).tasks).toEqual([expect.objectContaining({ id: task.id, outcome: 'reached', outcomeNote: 'Booked a consult' })]);
    // Running again on the first workstation after the sync creates nothing new.
    expect((await reception.call('tasks.runRules', {})).created).toBe(0);
  });
});
