import { LumenError } from '../../src-shared/errors';
import { hashPassword, verifyPassword } from '../core/passwords';
import { FailAfterCommit, type HandlerContext } from '../core/registry';
import { clearFailures, findStaff, refuseIfLockedOut, type StaffRecord, wrongPassword } from './lockout';

let decoyHash: Promise<string> | null = null;

/**
 * Not `unauthenticated`: that code tells a desk its own session is gone, and the person signed in here did nothing
 * wrong.
 */
const wrongSignIn = (what: string) => new LumenError('forbidden', `Wrong username or password for the ${what}.`);

/**
 * Someone else's sign-in given at this desk (a manager approving a discount): the same password check and lockout as
 * signing in, without changing who is signed in. A wrong password is counted and audited even though the call fails.
 */
export async function verifyStaffSignIn(ctx: HandlerContext, username: string, password: string, what: string): Promise<StaffRecord> {
  const staff = await findStaff(ctx, username);
  if (!staff) {
    await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password never used')));
    throw wrongSignIn(what);
  }
  refuseIfLockedOut(staff, ctx);
  if (!(await verifyPassword(password, staff.passwordHash))) {
    try {
      await wrongPassword(staff, ctx, what);
    } catch (error) {
      if (error instanceof FailAfterCommit && error.error.code === 'unauthenticated') throw new FailAfterCommit(wrongSignIn(what));
      throw error;
    }
  }
  await clearFailures(ctx, staff);
  return staff;
}
