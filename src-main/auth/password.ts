import { LumenError } from '../../src-shared/errors';
import { verifyPassword } from '../core/passwords';
import type { HandlerMap } from '../core/registry';
import { checkedPasswordHash } from '../staff/index';
import { findStaff, wrongPassword } from './lockout';

export const passwordHandlers: HandlerMap<'auth.changePassword'> = {
  'auth.changePassword': async ({ currentPassword, newPassword }, ctx) => {
    const session = ctx.requireSession();
    const staff = await findStaff(ctx, session.username);
    if (!staff) throw new LumenError('unauthenticated', 'Please sign in.');
    if (!(await verifyPassword(currentPassword, staff.passwordHash))) await wrongPassword(staff, ctx, 'password change');
    const passwordHash = await checkedPasswordHash(newPassword, 'newPassword', staff.username, staff.displayName);
    const at = ctx.now.toISOString();
    await ctx.db.updateTable('staff').set({ passwordHash, passwordChangedAt: at, updatedAt: at }).where('id', '=', staff.id).execute();
    ctx.audit({ action: 'update', entity: 'staff', entityId: staff.id, summary: `${staff.displayName} changed their password`, details: { passwordChanged: true } });
    return { ok: true as const };
  },
};
