import type { ComplaintRow } from '../../src-shared/contract/satisfaction';
import { LumenError, fieldError } from '../../src-shared/errors';
import { cached, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';

const COMPLAINT_COLUMNS = `
  SELECT c.id, c.patientId, p.firstName || ' ' || p.lastName AS patientName, p.phone, c.score, c.comment, st.displayName AS provider, sv.name AS service,
    a.startsAt AS visitAt, c.openedAt, c.slaDueAt, c.resolvedAt, rs.displayName AS resolvedBy, c.outcome, c.managerNote,
    t.id AS taskId, t.dueAt AS taskDueAt, t.completedAt AS taskCompletedAt, t.outcome AS taskOutcome, t.outcomeNote AS taskOutcomeNote
  FROM complaint c
  JOIN patient p ON p.id = c.patientId
  LEFT JOIN appointment a ON a.id = c.appointmentId
  LEFT JOIN staff st ON st.id = c.providerId
  LEFT JOIN service sv ON sv.id = c.serviceId
  LEFT JOIN staff rs ON rs.id = c.resolvedBy
  LEFT JOIN task t ON t.id = c.taskId`;
const COMPLAINTS_SQL = {
  open: `${COMPLAINT_COLUMNS} WHERE c.resolvedAt IS NULL ORDER BY c.slaDueAt, c.id LIMIT @limit`,
  resolved: `${COMPLAINT_COLUMNS} WHERE c.resolvedAt IS NOT NULL ORDER BY c.resolvedAt DESC, c.id DESC LIMIT @limit`,
  all: `${COMPLAINT_COLUMNS} ORDER BY c.openedAt DESC, c.id DESC LIMIT @limit`,
};
const COUNTS_SQL = 'SELECT count(*) AS open, coalesce(sum(slaDueAt < @now), 0) AS breached FROM complaint WHERE resolvedAt IS NULL';

type Row = Omit<ComplaintRow, 'breached' | 'task'> & { taskId: number | null; taskDueAt: string; taskCompletedAt: string | null; taskOutcome: string | null; taskOutcomeNote: string };

function complaintOf({ taskId, taskDueAt, taskCompletedAt, taskOutcome, taskOutcomeNote, ...row }: Row, now: string): ComplaintRow {
  return {
    ...row,
    breached: (row.resolvedAt ?? now) > row.slaDueAt,
    task: taskId === null ? null : { id: taskId, dueAt: taskDueAt, completedAt: taskCompletedAt, outcome: taskOutcome, outcomeNote: taskOutcomeNote },
  };
}

const loadComplaint = (sqlite: Sqlite, id: number) => cached(sqlite, `${COMPLAINT_COLUMNS} WHERE c.id = ?`).get(id) as Row | undefined;

export const complaintHandlers: HandlerMap<'satisfaction.complaints' | 'satisfaction.resolveComplaint'> = {
  'satisfaction.complaints': ({ status, limit }, ctx) => {
    const now = ctx.now.toISOString();
    return {
      rows: (cached(ctx.sqlite, COMPLAINTS_SQL[status]).all({ limit }) as Row[]).map((row) => complaintOf(row, now)),
      counts: cached(ctx.sqlite, COUNTS_SQL).get({ now }) as { open: number; breached: number },
    };
  },

  'satisfaction.resolveComplaint': async ({ id, outcome, note }, ctx) => {
    const complaint = loadComplaint(ctx.sqlite, id);
    if (!complaint) throw fieldError('not_found', 'There is no such complaint.', 'id');
    if (complaint.resolvedAt) throw new LumenError('conflict', `This complaint was already resolved${complaint.resolvedBy ? ` by ${complaint.resolvedBy}` : ''}.`);
    await ctx.db.updateTable('complaint').set({ resolvedAt: ctx.now.toISOString(), resolvedBy: ctx.requireSession().staffId, outcome, managerNote: note }).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'complaint', entityId: id, summary: `Resolved the complaint of patient #${complaint.patientId}: ${outcome}`, details: { outcome, note } });
    return complaintOf(loadComplaint(ctx.sqlite, id)!, ctx.now.toISOString());
  },
};
