import type { SessionInfo } from '../../src-shared/contract/auth';
import { LumenError } from '../../src-shared/errors';
import { hashPassword, verifyPassword } from '../core/passwords';
import { FailAfterCommit, type HandlerContext, type HandlerMap } from '../core/registry';
import type { StaffTable } from '../core/schema';
import type { Session } from '../core/session';
import { checkedPasswordHash } from '../staff/index';

/** Lockout after this many wrong passwords in a row; each further failure doubles the wait (1, 2, 4 … 60 min). */
export const FAILURES_BEFORE_LOCKOUT = 5;
const MAX_LOCKOUT_MINUTES = 60;

export function lockoutMinutes(failedLogins: number): number {
  if (failedLogins < FAILURES_BEFORE_LOCKOUT) return 0;
  return Math.min(MAX_LOCKOUT_MINUTES, 2 ** (failedLogins - FAILURES_BEFORE_LOCKOUT));
}

// Verified against when the username does not exist, so timing does not reveal which usernames are real.
let decoyHash: Promise<string> | null = null;

type StaffRecord = StaffTable & { id: number };

function sessionInfo(ctx: HandlerContext, session: Session): SessionInfo {
  return {
    staffId: session.staffId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    permissions: [...ctx.runtime.permissionsOf(session.role)],
    locked: session.locked,
    idleLockMinutes: ctx.clinic().idleLockMinutes,
  };
}

function refuseIfLockedOut(staff: StaffRecord, ctx: HandlerContext): void {
  if (staff.lockedUntil && staff.lockedUntil > ctx.now.toISOString()) {
    throw new LumenError('account_locked', `Too many wrong passwords. Try again after ${new Date(staff.lockedUntil).toISOString().slice(11, 16)} UTC or ask a manager to reset it.`, {
      until: staff.lockedUntil,
    });
  }
}

/** Counts a wrong password, locks the account with back-off, audits, and fails without undoing that bookkeeping. */
function wrongPassword(staff: StaffRecord, ctx: HandlerContext, what: string): never {
  const failed = staff.failedLogins + 1;
  const minutes = lockoutMinutes(failed);
  const lockedUntil = minutes ? new Date(ctx.now.getTime() + minutes * 60_000).toISOString() : null;
  ctx.sqlite.prepare('UPDATE staff SET failedLogins = ?, lockedUntil = ? WHERE id = ?').run(failed, lockedUntil, staff.id);
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

function findStaff(ctx: HandlerContext, username: string): StaffRecord | undefined {
  return ctx.sqlite.prepare('SELECT * FROM staff WHERE username = ? AND active = 1').get(username) as StaffRecord | undefined;
}

function clearFailures(ctx: HandlerContext, staff: StaffRecord): void {
  if (staff.failedLogins || staff.lockedUntil) ctx.sqlite.prepare('UPDATE staff SET failedLogins = 0, lockedUntil = NULL WHERE id = ?').run(staff.id);
}

export const authHandlers: HandlerMap<'auth.signIn' | 'auth.signOut' | 'auth.session' | 'auth.lock' | 'auth.unlock' | 'auth.users' | 'auth.changePassword'> = {
  'auth.signIn': async ({ username, password }, ctx) => {
    const staff = findStaff(ctx, username);
    if (!staff) {
      await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password never used')));
      ctx.audit({ action: 'login_failed', entity: 'staff', entityId: null, summary: `Sign-in attempt for unknown user ${username}`, details: { username } });
      throw new FailAfterCommit(new LumenError('unauthenticated', 'Wrong username or password.'));
    }
    refuseIfLockedOut(staff, ctx);
    if (!(await verifyPassword(password, staff.passwordHash))) wrongPassword(staff, ctx, 'sign-in');
    clearFailures(ctx, staff);
    const previous = ctx.conn.session;
    const session: Session = {
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      lastActivityMs: ctx.now.getTime(),
      locked: false,
    };
    ctx.conn.session = session;
    ctx.audit({
      action: 'login',
      entity: 'staff',
      entityId: staff.id,
      summary: previous && previous.staffId !== staff.id ? `${staff.displayName} took over the desk from ${previous.displayName}` : `${staff.displayName} signed in`,
      details: { transport: ctx.conn.transport, switchedFrom: previous?.staffId ?? null },
    });
    return sessionInfo(ctx, session);
  },

  'auth.signOut': (_input, ctx) => {
    const session = ctx.conn.session;
    if (session) {
      ctx.audit({ action: 'logout', entity: 'staff', entityId: session.staffId, summary: `${session.displayName} signed out` });
      ctx.conn.session = null;
    }
    return { ok: true as const };
  },

  'auth.session': (_input, ctx) => (ctx.conn.session ? sessionInfo(ctx, ctx.conn.session) : null),

  'auth.lock': (_input, ctx) => {
    ctx.requireSession().locked = true;
    return { ok: true as const };
  },

  'auth.unlock': async ({ password }, ctx) => {
    const session = ctx.requireSession();
    const staff = findStaff(ctx, session.username);
    if (!staff) {
      ctx.conn.session = null;
      throw new LumenError('unauthenticated', 'Please sign in.');
    }
    refuseIfLockedOut(staff, ctx);
    if (!(await verifyPassword(password, staff.passwordHash))) wrongPassword(staff, ctx, 'unlock');
    clearFailures(ctx, staff);
    session.locked = false;
    session.lastActivityMs = ctx.now.getTime();
    return sessionInfo(ctx, session);
  },

  'auth.users': (_input, ctx) =>
    ctx.sqlite.prepare('SELECT username, displayName, role FROM staff WHERE active = 1 ORDER BY displayName').all() as {
      username: string;
      displayName: string;
      role: Session['role'];
    }[],

  'auth.changePassword': async ({ currentPassword, newPassword }, ctx) => {
    const session = ctx.requireSession();
    const staff = findStaff(ctx, session.username);
    if (!staff) throw new LumenError('unauthenticated', 'Please sign in.');
    if (!(await verifyPassword(currentPassword, staff.passwordHash))) wrongPassword(staff, ctx, 'password change');
    const passwordHash = await checkedPasswordHash(newPassword, 'newPassword', staff.username, staff.displayName);
    ctx.sqlite.prepare('UPDATE staff SET passwordHash = ?, passwordChangedAt = ?, updatedAt = ? WHERE id = ?').run(passwordHash, ctx.now.toISOString(), ctx.now.toISOString(), staff.id);
    ctx.audit({ action: 'update', entity: 'staff', entityId: staff.id, summary: `${staff.displayName} changed their password`, details: { passwordChanged: true } });
    return { ok: true as const };
  },
};
