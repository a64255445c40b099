import type { SessionInfo } from '../../src-shared/contract/auth';
import { LumenError } from '../../src-shared/errors';
import { hashPassword, verifyPassword } from '../core/passwords';
import { FailAfterCommit, type HandlerContext, type HandlerMap } from '../core/registry';
import type { Session } from '../core/session';
import { clearFailures, findStaff, refuseIfLockedOut, wrongPassword } from './lockout';

// Verified against when the username does not exist, so timing does not reveal which usernames are real.
let decoyHash: Promise<string> | null = null;

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

/** Signing in and out, taking over a desk, and the desk's lock. */
export const sessionHandlers: HandlerMap<'auth.signIn' | 'auth.signOut' | 'auth.session' | 'auth.lock' | 'auth.unlock' | 'auth.users'> = {
  'auth.signIn': async ({ username, password }, ctx) => {
    const staff = await findStaff(ctx, username);
    if (!staff) {
      await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password never used')));
      ctx.audit({ action: 'login_failed', entity: 'staff', entityId: null, summary: `Sign-in attempt for unknown user ${username}`, details: { username } });
      throw new FailAfterCommit(new LumenError('unauthenticated', 'Wrong username or password.'));
    }
    refuseIfLockedOut(staff, ctx);
    if (!(await verifyPassword(password, staff.passwordHash))) await wrongPassword(staff, ctx, 'sign-in');
    await clearFailures(ctx, staff);
    const previous = ctx.conn.session;
    const session: Session = {
      staffId: staff.id,
      username: staff.username,
      displayName: staff.displayName,
      role: staff.role,
      lastActivityMs: ctx.now.getTime(),
      locked: false,
      tabletVisitId: null,
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
    const staff = await findStaff(ctx, session.username);
    if (!staff) {
      ctx.conn.session = null;
      throw new LumenError('unauthenticated', 'Please sign in.');
    }
    refuseIfLockedOut(staff, ctx);
    if (!(await verifyPassword(password, staff.passwordHash))) await wrongPassword(staff, ctx, 'unlock');
    await clearFailures(ctx, staff);
    session.locked = false;
    session.tabletVisitId = null;
    session.lastActivityMs = ctx.now.getTime();
    return sessionInfo(ctx, session);
  },

  'auth.users': (_input, ctx) => ctx.db.selectFrom('staff').select(['username', 'displayName', 'role']).where('active', '=', 1).orderBy('displayName').execute(),
};
