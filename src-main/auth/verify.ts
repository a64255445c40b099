import { LumenError } from '../../src-shared/errors';
import { hashPassword, verifyPassword } from '../core/passwords';
import type { HandlerContext } from '../core/registry';
import { clearFailures, findStaff, refuseIfLockedOut, type StaffRecord, wrongPassword } from './lockout';

let decoyHash: Promise<string> | null = null;

/**
 * Someone else's sign-in given at this desk (a manager approving a discount): the same password check and lockout as
 * signing in, without changing who is signed in. A wrong password is counted and audited even though the call fails.
 */
export async function verifyStaffSignIn(ctx: HandlerContext, username: string, password: string, what: string): Promise<StaffRecord> {
  const staff = await findStaff(ctx, username);
  if (!staff) {
    await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password never used')));
    throw new LumenError('unauthenticated', 'Wrong username or password.');
  }
  refuseIfLockedOut(staff, ctx);
  if (!(await verifyPassword(password, staff.passwordHash))) await wrongPassword(staff, ctx, what);
  await clearFailures(ctx, staff);
  return staff;
}
