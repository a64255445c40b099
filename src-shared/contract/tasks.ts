import { z } from 'zod';
import { roles } from '../permissions';
import { CalendarDate, ClockTime, Id, Instant, Name, OneLineText } from './common';
import { method } from './method';

/** What a follow-up rule reacts to. */
export const followUpTriggers = ['newPatient', 'noShow', 'visitedNotPaid', 'packageUnused', 'storedValueUnused', 'afterTreatment', 'satisfaction', 'dueSoon', 'birthday'] as const;
export type FollowUpTrigger = (typeof followUpTriggers)[number];
export const taskKinds = ['manual', ...followUpTriggers] as const;
export type TaskKind = (typeof taskKinds)[number];
export const taskOutcomes = ['done', 'reached', 'booked', 'leftMessage', 'noAnswer', 'notInterested', 'wrongNumber', 'notNeeded'] as const;
export type TaskOutcome = (typeof taskOutcomes)[number];
export const offsetUnits = ['hours', 'days', 'months'] as const;

/** Triggers without a visit or sale, so without a provider to assign. */
export const triggersWithoutProvider: readonly FollowUpTrigger[] = ['newPatient', 'storedValueUnused', 'birthday'];
/** Triggers counted in days before a date (the due date, the birthday) rather than after an event. */
export const triggersBefore: readonly FollowUpTrigger[] = ['dueSoon', 'birthday'];
/** The placeholders a title may use. */
export const titlePlaceholders = ['{patient}', '{category}', '{when}'] as const;

/** When a task is due: `amount` units after the event (before the date, for due soon and birthday). */
export const Offset = z.strictObject({ amount: z.number().int().min(0, 'An offset is never negative').max(1000), unit: z.enum(offsetUnits) });
export type Offset = z.infer<typeof Offset>;

export const Assignee = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('role'), role: z.enum(roles) }),
  z.strictObject({ kind: z.literal('staff'), staffId: Id }),
  /** The visit's (or sale's) provider; `role` when there is none. */
  z.strictObject({ kind: z.literal('provider'), role: z.enum(roles) }),
]);
export type Assignee = z.infer<typeof Assignee>;

const TitleTemplate = OneLineText.min(1)
  .max(200)
  .refine((text) => (text.match(/\{[^}]*\}/g) ?? []).every((token) => (titlePlaceholders as readonly string[]).includes(token)), `Placeholders are ${titlePlaceholders.join(', ')}`);

export const FollowUpRuleInput = z.strictObject({
  /** Absent: a new rule. */
  id: Id.optional(),
  name: Name,
  trigger: z.enum(followUpTriggers),
  enabled: z.boolean().default(true),
  titleTemplate: TitleTemplate,
  assignee: Assignee,
  offsets: z.array(Offset).min(1, 'Give at least one offset').max(12),
  categoryIds: z.array(Id).max(50).default([]),
  slaHours: z.number().int().min(1, 'The SLA is at least one hour').max(24 * 366),
  catchUpDays: z.number().int().min(0).max(60).default(7),
});
export type FollowUpRuleInput = z.input<typeof FollowUpRuleInput>;

export const FollowUpRule = z.object({
  id: Id,
  name: z.string(),
  trigger: z.enum(followUpTriggers),
  enabled: z.boolean(),
  titleTemplate: z.string(),
  assignee: Assignee,
  /** "Ana Alvarez", "Front desk", "The provider (else Front desk)". */
  assigneeLabel: z.string(),
  offsets: z.array(Offset),
  categoryIds: z.array(Id),
  slaHours: z.number().int(),
  catchUpDays: z.number().int(),
  activeSince: CalendarDate,
});
export type FollowUpRule = z.infer<typeof FollowUpRule>;

export const Task = z.object({
  id: Id,
  kind: z.enum(taskKinds),
  ruleId: Id.nullable(),
  title: z.string(),
  patient: z.object({ id: Id, number: z.string(), name: z.string(), phone: z.string().nullable() }).nullable(),
  appointmentId: Id.nullable(),
  invoiceId: Id.nullable(),
  assigneeRole: z.enum(roles).nullable(),
  assigneeStaffId: Id.nullable(),
  /** The person, or the role's label. */
  assigneeName: z.string(),
  dueOn: CalendarDate,
  dueAt: Instant,
  /** Due within the day (no time of its own). */
  allDay: z.boolean(),
  slaAt: Instant,
  overdue: z.boolean(),
  slaBreached: z.boolean(),
  note: z.string(),
  createdAt: Instant,
  completedAt: Instant.nullable(),
  completedByName: z.string().nullable(),
  outcome: z.enum(taskOutcomes).nullable(),
  outcomeNote: z.string(),
});
export type Task = z.infer<typeof Task>;

export const TaskCounts = z.object({ open: z.number().int(), overdue: z.number().int(), slaBreached: z.number().int() });

export const taskScopes = ['mine', 'role', 'mineOrRole', 'all'] as const;
export const InboxInput = z.strictObject({
  /** mine: assigned to me; role: my role's, not yet anyone's; mineOrRole: both; all: everyone's (managers). */
  scope: z.enum(taskScopes).default('mineOrRole'),
  status: z.enum(['open', 'done']).default('open'),
  patientId: Id.optional(),
  /** Only tasks due on or before this clinic-local date (Today's list). */
  dueBy: CalendarDate.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type InboxInput = z.input<typeof InboxInput>;

export const CompleteTaskInput = z.strictObject({ id: Id, outcome: z.enum(taskOutcomes), note: OneLineText.max(1000).default('') });
export type CompleteTaskInput = z.input<typeof CompleteTaskInput>;

export const NewTaskInput = z.strictObject({
  patientId: Id,
  title: OneLineText.min(1).max(200),
  dueOn: CalendarDate,
  /** Clinic-local time; absent: any time that day. */
  dueTime: ClockTime.optional(),
  assignee: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('role'), role: z.enum(roles) }), z.strictObject({ kind: z.literal('staff'), staffId: Id })]),
  slaHours: z.number().int().min(1).max(24 * 366).default(24),
  note: OneLineText.max(1000).default(''),
  appointmentId: Id.optional(),
  invoiceId: Id.optional(),
});
export type NewTaskInput = z.input<typeof NewTaskInput>;

export const RunResult = z.object({
  asOf: CalendarDate,
  created: z.number().int(),
  rules: z.array(z.object({ ruleId: Id, name: z.string(), created: z.number().int() })),
});

export const TaskSettings = z.object({
  /** The workstation whose job creates the rule tasks. */
  runsOn: z.object({ id: z.string(), name: z.string() }).nullable(),
  thisWorkstationId: z.string().nullable(),
  workstations: z.array(z.object({ id: z.string(), name: z.string() })),
  lastRun: z.object({ workstationName: z.string(), asOf: CalendarDate, ranAt: Instant, created: z.number().int() }).nullable(),
});
export type TaskSettings = z.infer<typeof TaskSettings>;

export const SlaBreaches = z.object({
  from: CalendarDate,
  to: CalendarDate,
  tasks: z.array(Task),
  byAssignee: z.array(z.object({ assigneeName: z.string(), due: z.number().int(), breached: z.number().int(), stillOpen: z.number().int() })),
});

const DateRange = z.strictObject({ from: CalendarDate, to: CalendarDate }).refine((r) => r.from <= r.to, { message: 'The period ends before it starts', path: ['to'] });

export const tasks = {
  'tasks.inbox': method({
    summary: 'Follow-up tasks: mine, my role’s or everyone’s (managers), open (overdue first) or done (latest first), with counts.',
    input: InboxInput,
    output: z.object({ tasks: z.array(Task), counts: TaskCounts }),
    permission: 'tasks.work',
    transaction: 'read',
    errors: ['invalid_input', 'forbidden'],
  }),
  'tasks.complete': method({
    summary: 'Complete a task with its outcome and a note; a completed task never changes.',
    input: CompleteTaskInput,
    output: Task,
    permission: 'tasks.work',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict', 'forbidden'],
  }),
  'tasks.assign': method({
    summary: 'Give an open task to a person or a role.',
    input: z.strictObject({ id: Id, assignee: NewTaskInput.shape.assignee }),
    output: Task,
    permission: 'tasks.work',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict', 'forbidden'],
  }),
  'tasks.create': method({
    summary: 'Add a task by hand for a patient (a call back, a check), for a person or a role.',
    input: NewTaskInput,
    output: Task,
    permission: 'tasks.work',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'tasks.slaBreaches': method({
    summary: 'Tasks due in a period that were completed after their SLA or are still open past it, with counts per assignee.',
    input: DateRange,
    output: SlaBreaches,
    permission: 'tasks.manage',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'tasks.rules': method({
    summary: 'The follow-up rules, enabled or not.',
    input: z.strictObject({}),
    output: z.array(FollowUpRule),
    permission: 'tasks.manage',
    transaction: 'read',
    errors: [],
  }),
  'tasks.saveRule': method({
    summary: 'Add or change a follow-up rule: its trigger, offsets, categories, title, assignee and SLA.',
    input: FollowUpRuleInput,
    output: FollowUpRule,
    permission: 'tasks.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'tasks.setRuleEnabled': method({
    summary: 'Switch a rule on (from today: nothing earlier is created) or off.',
    input: z.strictObject({ id: Id, enabled: z.boolean() }),
    output: FollowUpRule,
    permission: 'tasks.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'tasks.runRules': method({
    summary: 'Run the enabled rules for a clinic-local day (default today), as the daily job does: each task is created once.',
    input: z.strictObject({ asOf: CalendarDate.optional() }),
    output: RunResult,
    permission: 'tasks.manage',
    transaction: 'write',
    errors: ['invalid_input', 'conflict'],
  }),
  'tasks.settings': method({
    summary: 'Which workstation creates the rule tasks, and the last run.',
    input: z.strictObject({}),
    output: TaskSettings,
    permission: 'tasks.manage',
    transaction: 'read',
    errors: [],
  }),
  'tasks.saveSettings': method({
    summary: 'Choose the workstation whose job creates the rule tasks.',
    input: z.strictObject({ runsOnWorkstationId: z.string().min(1).max(64) }),
    output: TaskSettings,
    permission: 'tasks.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
