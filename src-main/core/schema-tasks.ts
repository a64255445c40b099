/** Column types of the follow-up tables (the Database map is in schema.ts). */
import type { FollowUpTrigger, TaskKind, TaskOutcome } from '../../src-shared/contract/tasks';
import type { Role } from '../../src-shared/permissions';

export interface FollowUpRuleTable {
  id: number;
  name: string;
  trigger: FollowUpTrigger;
  enabled: 0 | 1;
  titleTemplate: string;
  assigneeKind: 'role' | 'staff' | 'provider';
  /** The role for 'role', the fallback for 'provider' (no provider known), null for 'staff'. */
  assigneeRole: Role | null;
  assigneeStaffId: number | null;
  /** JSON of `Offset[]`. */
  offsets: string;
  /** JSON of category ids. */
  categoryIds: string;
  slaHours: number;
  catchUpDays: number;
  /** Clinic-local date the rule was last switched on. */
  activeSince: string;
  createdAt: string;
  updatedAt: string;
}

export interface TaskTable {
  id: number;
  /** rule + subject + occurrence; null for a manual task. */
  dedupeKey: string | null;
  ruleId: number | null;
  kind: TaskKind;
  title: string;
  patientId: number | null;
  appointmentId: number | null;
  invoiceId: number | null;
  assigneeRole: Role | null;
  assigneeStaffId: number | null;
  dueOn: string;
  dueAt: string;
  allDay: 0 | 1;
  slaAt: string;
  note: string;
  createdAt: string;
  createdBy: number | null;
  completedAt: string | null;
  completedBy: number | null;
  outcome: TaskOutcome | null;
  outcomeNote: string;
}

export interface TaskSettingsTable {
  id: number;
  runsOnWorkstationId: string | null;
  updatedAt: string;
}

export interface TaskRunTable {
  id: number;
  workstationId: string;
  asOf: string;
  ranAt: string;
  created: number;
}
