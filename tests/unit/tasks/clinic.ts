import { afterEach } from 'vitest';
import { berlin, type Calendar, openCalendar } from '../scheduling/calendar';
import { travel } from '../closing/day';

export { berlin, travel };

/** A Berlin clinic (Monday 2 March 2026) with its default rules all switched off, so each test turns on what it checks. */
export async function openRulesClinic(now?: string): Promise<Calendar & { rule(input: Parameters<Calendar['clinic']['call']>[1]): Promise<number>; visit(patientId: number, serviceId: number, staffId: number, local: string, status: 'completed' | 'noShow'): Promise<number>; run(asOf?: string): Promise<number>; tasks(): { dedupeKey: string | null; title: string; dueOn: string; dueAt: string; assigneeRole: string | null; assigneeStaffId: number | null }[] }> {
  const cal = await openCalendar(now);
  const { clinic } = cal;
  for (const rule of await clinic.call('tasks.rules', {})) await clinic.call('tasks.setRuleEnabled', { id: rule.id, enabled: false });
  return {
    ...cal,
    rule: async (input) => (await clinic.call('tasks.saveRule', input as never)).id,
    async visit(patientId, serviceId, staffId, local, status) {
      const { id } = await clinic.call('appointments.book', { patientId, segments: [{ serviceId, staffId, startsAt: berlin(local) }] });
      const steps = status === 'noShow' ? (['noShow'] as const) : (['arrived', 'inTreatment', 'completed'] as const);
      for (const step of steps) await clinic.call('appointments.setStatus', { id, status: step });
      return id;
    },
    run: async (asOf) => (await clinic.call('tasks.runRules', asOf ? { asOf } : {})).created,
    tasks: () => clinic.lumen.runtime.sqlite.prepare('SELECT dedupeKey, title, dueOn, dueAt, assigneeRole, assigneeStaffId FROM task ORDER BY dueAt, id').all() as never,
  };
}

/** For a test file: a rules clinic per test, closed after each. */
export function rulesClinics(): (now?: string) => ReturnType<typeof openRulesClinic> {
  let open: Calendar | undefined;
  afterEach(async () => {
    await open?.clinic.close();
    open = undefined;
  });
  return async (now) => {
    const clinic = await openRulesClinic(now);
    open = clinic;
    return clinic;
  };
}
