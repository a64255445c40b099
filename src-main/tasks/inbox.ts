import { sql } from 'kysely';
import type { Task } from '../../src-shared/contract/tasks';
import { fieldError, LumenError } from '../../src-shared/errors';
import { roleLabels, type Role } from '../../src-shared/permissions';
import { addCalendarDays, localInstant, minutesOf, startOfLocalDay } from '../../src-shared/time';
import type { HandlerContext, HandlerMap } from '../core/registry';

const HOUR_MS = 3_600_000;

/** Every column a Task shows, from the task, its patient and the people on it. */
function taskQuery(ctx: HandlerContext) {
  return ctx.db
    .selectFrom('task as t')
    .leftJoin('patient as p', 'p.id', 't.patientId')
    .leftJoin('staff as a', 'a.id', 't.assigneeStaffId')
    .leftJoin('staff as c', 'c.id', 't.completedBy')
    .selectAll('t')
    .select(['p.number as patientNumber', 'p.firstName', 'p.lastName', 'p.preferredName', 'p.phone', 'a.displayName as assigneeStaffName', 'c.displayName as completedByName']);
}
type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

function taskOf(row: TaskRow, now: string): Task {
  const open = row.completedAt === null;
  return {
    id: row.id,
    kind: row.kind,
    ruleId: row.ruleId,
    title: row.title,
    patient: row.patientId === null ? null : { id: row.patientId, number: row.patientNumber ?? '', name: `${row.preferredName || row.firstName || ''} ${row.lastName ?? ''}`.trim(), phone: row.phone ?? null },
    appointmentId: row.appointmentId,
    invoiceId: row.invoiceId,
    assigneeRole: row.assigneeRole,
    assigneeStaffId: row.assigneeStaffId,
    assigneeName: row.assigneeStaffName ?? (row.assigneeRole ? roleLabels[row.assigneeRole] : ''),
    dueOn: row.dueOn,
    dueAt: row.dueAt,
    allDay: row.allDay === 1,
    slaAt: row.slaAt,
    overdue: open && row.dueAt < now,
    slaBreached: open ? row.slaAt < now : row.completedAt! > row.slaAt,
    note: row.note,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    completedByName: row.completedByName ?? null,
    outcome: row.outcome,
    outcomeNote: row.outcomeNote,
  };
}

export async function loadTask(ctx: HandlerContext, id: number): Promise<Task> {
  const row = await taskQuery(ctx).where('t.id', '=', id).executeTakeFirst();
  if (!row) throw new LumenError('not_found', 'There is no such task.');
  return taskOf(row, ctx.now.toISOString());
}

/** A person works the tasks given to them or to their role; a manager any task. */
function requireMayWork(ctx: HandlerContext, task: Task): void {
  const session = ctx.requireSession();
  if (ctx.can('tasks.manage') || task.assigneeStaffId === session.staffId || (task.assigneeStaffId === null && task.assigneeRole === session.role)) return;
  throw new LumenError('forbidden', `This task is ${task.assigneeName}’s.`);
}

async function requireActiveStaff(ctx: HandlerContext, staffId: number): Promise<void> {
  if (!(await ctx.db.selectFrom('staff').select('id').where('id', '=', staffId).where('active', '=', 1).executeTakeFirst())) throw fieldError('not_found', 'There is no such active staff member.', 'assignee');
}

type AssigneeInput = { kind: 'role'; role: Role } | { kind: 'staff'; staffId: number };
const assigneeColumns = (a: AssigneeInput) => (a.kind === 'staff' ? { assigneeRole: null, assigneeStaffId: a.staffId } : { assigneeRole: a.role, assigneeStaffId: null });

export const inboxHandlers: HandlerMap<'tasks.inbox' | 'tasks.complete' | 'tasks.assign' | 'tasks.create' | 'tasks.slaBreaches'> = {
  'tasks.inbox': async ({ scope, status, patientId, dueBy, limit }, ctx) => {
    const session = ctx.requireSession();
    if (scope === 'all' && !ctx.can('tasks.manage')) throw new LumenError('forbidden', 'Only a manager sees everyone’s tasks.');
    const now = ctx.now.toISOString();
    let scoped = taskQuery(ctx);
    if (scope === 'mine') scoped = scoped.where('t.assigneeStaffId', '=', session.staffId);
    if (scope === 'role') scoped = scoped.where('t.assigneeStaffId', 'is', null).where('t.assigneeRole', '=', session.role);
    if (scope === 'mineOrRole') scoped = scoped.where((eb) => eb.or([eb('t.assigneeStaffId', '=', session.staffId), eb.and([eb('t.assigneeStaffId', 'is', null), eb('t.assigneeRole', '=', session.role)])]));
    if (patientId !== undefined) scoped = scoped.where('t.patientId', '=', patientId);
    const open = scoped.where('t.completedAt', 'is', null);
    let listed = status === 'open' ? open.orderBy('t.dueAt').orderBy('t.id') : scoped.where('t.completedAt', 'is not', null).orderBy('t.completedAt', 'desc').orderBy('t.id', 'desc');
    if (dueBy) listed = listed.where('t.dueOn', '<=', dueBy);
    const rows = await listed.limit(limit).execute();
    const counts = await open
      .clearSelect()
      .select((eb) => [eb.fn.countAll<number>().as('open'), sql<number>`coalesce(sum(t.dueAt < ${now}), 0)`.as('overdue'), sql<number>`coalesce(sum(t.slaAt < ${now}), 0)`.as('slaBreached')])
      .executeTakeFirstOrThrow();
    return { tasks: rows.map((row) => taskOf(row, now)), counts };
  },

  'tasks.complete': async ({ id, outcome, note }, ctx) => {
    const task = await loadTask(ctx, id);
    requireMayWork(ctx, task);
    if (task.completedAt) throw new LumenError('conflict', `This task was already completed${task.completedByName ? ` by ${task.completedByName}` : ''}.`);
    await ctx.db.updateTable('task').set({ completedAt: ctx.now.toISOString(), completedBy: ctx.requireSession().staffId, outcome, outcomeNote: note }).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'task', entityId: id, summary: `Completed the task “${task.title}”: ${outcome}`, details: { outcome, note, patientId: task.patient?.id ?? null } });
    return loadTask(ctx, id);
  },

  'tasks.assign': async ({ id, assignee }, ctx) => {
    const task = await loadTask(ctx, id);
    requireMayWork(ctx, task);
    if (task.completedAt) throw new LumenError('conflict', 'A completed task is not reassigned.');
    if (assignee.kind === 'staff') await requireActiveStaff(ctx, assignee.staffId);
    await ctx.db.updateTable('task').set(assigneeColumns(assignee)).where('id', '=', id).execute();
    const saved = await loadTask(ctx, id);
    ctx.audit({ action: 'update', entity: 'task', entityId: id, summary: `Gave the task “${task.title}” to ${saved.assigneeName}`, details: { from: task.assigneeName, to: saved.assigneeName } });
    return saved;
  },

  'tasks.create': async (input, ctx) => {
    const patient = await ctx.db.selectFrom('patient').select(['id', 'mergedIntoId']).where('id', '=', input.patientId).executeTakeFirst();
    if (!patient || patient.mergedIntoId !== null) throw fieldError('not_found', 'There is no such patient.', 'patientId');
    if (input.appointmentId !== undefined && !(await ctx.db.selectFrom('appointment').select('id').where('id', '=', input.appointmentId).where('patientId', '=', input.patientId).executeTakeFirst())) {
      throw fieldError('not_found', 'The patient has no such appointment.', 'appointmentId');
    }
    if (input.invoiceId !== undefined && !(await ctx.db.selectFrom('invoice').select('id').where('id', '=', input.invoiceId).where('patientId', '=', input.patientId).executeTakeFirst())) {
      throw fieldError('not_found', 'The patient has no such invoice.', 'invoiceId');
    }
    if (input.assignee.kind === 'staff') await requireActiveStaff(ctx, input.assignee.staffId);
    const { timeZone } = ctx.clinic();
    const dueMs = input.dueTime ? localInstant(input.dueOn, minutesOf(input.dueTime), timeZone) : startOfLocalDay(addCalendarDays(input.dueOn, 1), timeZone).getTime();
    const id = ctx.newId('task');
    await ctx.db
      .insertInto('task')
      .values({
        id,
        dedupeKey: null,
        ruleId: null,
        kind: 'manual',
        title: input.title,
        patientId: input.patientId,
        appointmentId: input.appointmentId ?? null,
        invoiceId: input.invoiceId ?? null,
        ...assigneeColumns(input.assignee),
        dueOn: input.dueOn,
        dueAt: new Date(dueMs).toISOString(),
        allDay: input.dueTime ? 0 : 1,
        slaAt: new Date(dueMs + input.slaHours * HOUR_MS).toISOString(),
        note: input.note,
        createdAt: ctx.now.toISOString(),
        createdBy: ctx.requireSession().staffId,
        completedAt: null,
        completedBy: null,
        outcome: null,
        outcomeNote: '',
      })
      .execute();
    const task = await loadTask(ctx, id);
    ctx.audit({ action: 'create', entity: 'task', entityId: id, summary: `Added the task “${task.title}” for ${task.assigneeName}`, details: input });
    return task;
  },

  'tasks.slaBreaches': async ({ from, to }, ctx) => {
    const now = ctx.now.toISOString();
    const rows = (await taskQuery(ctx).where('t.dueOn', '>=', from).where('t.dueOn', '<=', to).orderBy('t.dueAt').orderBy('t.id').execute()).map((row) => taskOf(row, now));
    const byAssignee = new Map<string, { assigneeName: string; due: number; breached: number; stillOpen: number }>();
    for (const task of rows) {
      const entry = byAssignee.get(task.assigneeName) ?? { assigneeName: task.assigneeName, due: 0, breached: 0, stillOpen: 0 };
      entry.due++;
      if (task.slaBreached) entry.breached++;
      if (task.slaBreached && !task.completedAt) entry.stillOpen++;
      byAssignee.set(task.assigneeName, entry);
    }
    return { from, to, tasks: rows.filter((task) => task.slaBreached), byAssignee: [...byAssignee.values()].sort((a, b) => b.breached - a.breached || a.assigneeName.localeCompare(b.assigneeName)) };
  },
};
