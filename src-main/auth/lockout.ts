import type { Selectable } from 'kysely';
import { LumenError } from '../../src-shared/errors';
import { FailAfterCommit, type HandlerContext } from '../core/registry';
import type { StaffTable } from '../core/schema';

/** Lockout after this many wrong passwords in a row; each further failure doubles the wait (1, 2, 4 … 60 min). */
const FAILURES_BEFORE_LOCKOUT = 5;
const MAX_LOCKOUT_MINUTES = 60;

export type StaffRecord = Selectable<StaffTable>;

function lockoutMinutes(failedLogins: number): number {
  if (failedLogins < FAILURES_BEFORE_LOCKOUT) return 0;
  return Math.min(MAX_LOCKOUT_MINUTES, 2 ** (failedLogins - FAILURES_BEFORE_LOCKOUT));
}

/** An active staff member by username. */
export function findStaff(ctx: HandlerContext, username: string): Promise<StaffRecord | undefined> {
  return ctx.db.selectFrom('staff').selectAll().where('username', '=', username).where('active', '=', 1).executeTakeFirst();
}

export function refuseIfLockedOut(staff: StaffRecord, ctx: HandlerContext): void {
  if (staff.lockedUntil && staff.lockedUntil > ctx.now.toISOString()) {
    throw new LumenError('account_locked', `Too many wrong passwords. Try again after ${new Date(staff.lockedUntil).toISOString().slice(11, 16)} UTC or ask a manager to reset it.`, {
      until: staff.lockedUntil,
    });
  }
}

/** Counts a wrong password, locks the account with back-off, audits, and fails without undoing that bookkeeping. */
export async function wrongPassword(staff: StaffRecord, ctx: HandlerContext, what: string): Promise<never> {
  const failed = staff.failedLogins + 1;
  const minutes = lockoutMinutes(failed);
  const lockedUntil = minutes ? new Date(ctx.now.getTime() + minutes * 60_000).toISOString() : null;
  await ctx.db.updateTable('staff').set({ failedLogins: failed, lockedUntil }).where('id', '=', staff.id).execute();
  ctx.audit({
    action: 'login_failed',
    entity: 'staff',
    entityId: staff.id,
    summary: `Wrong password for ${staff.username} (${what}, ${failed} in a row)${lockedUntil ? `; locked for ${minutes} min` : ''}`,
    details: { username: staff.username, failedLogins: failed, lockedUntil },
  });
  throw new FailAfterCommit(
    lockedUntil
      ? new LumenError('account_locked', `Too many wrong passwords. This account is locked for ${minutes} minute${minutes === 1 ? '' : 's'}.`, { until: lockedUntil })
      : new LumenError('unauthenticated', 'Wrong username or password.'),
  );
}

export async function clearFailures(ctx: HandlerContext, staff: StaffRecord): Promise<void> {
  if (staff.failedLogins || staff.lockedUntil) await ctx.db.updateTable('staff').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', staff.id).execute();
}
