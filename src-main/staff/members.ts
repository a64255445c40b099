import type { Selectable } from 'kysely';
import { fieldError, LumenError } from '../../src-shared/errors';
import { roleRank, type Role } from '../../src-shared/permissions';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { StaffTable } from '../core/schema';
import { checkedPasswordHash } from './passwords';

interface NewStaff {
  username: string;
  displayName: string;
  title?: string;
  role: Role;
  password: string;
}

/** Inserts a staff member; the username must be free. Shared by first-run setup and staff.create. */
export async function insertStaff(ctx: HandlerContext, input: NewStaff): Promise<number> {
  const taken = await ctx.db.selectFrom('staff').select('id').where('username', '=', input.username).executeTakeFirst();
  if (taken) throw fieldError('conflict', `The username ${input.username} is taken.`, 'username', 'Already taken');
  const passwordHash = await checkedPasswordHash(input.password, 'password', input.username, input.displayName);
  const at = ctx.now.toISOString();
  const id = ctx.newId('staff');
  await ctx.db
    .insertInto('staff')
    .values({
      id,
      username: input.username,
      displayName: input.displayName,
      title: input.title ?? '',
      role: input.role,
      passwordHash,
      passwordChangedAt: at,
      failedLogins: 0,
      lockedUntil: null,
      active: 1,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  ctx.audit({ action: 'create', entity: 'staff', entityId: id, summary: `Added ${input.displayName} (${input.role})`, details: { username: input.username, role: input.role, title: input.title ?? '' } });
  return id;
}

function staffRow(s: Selectable<StaffTable>) {
  return {
    id: s.id,
    username: s.username,
    displayName: s.displayName,
    title: s.title,
    role: s.role,
    active: s.active === 1,
    lockedUntil: s.lockedUntil,
    createdAt: s.createdAt,
  };
}

/** Nobody manages someone above their own rank, nor hands out a rank above their own. */
function assertMayManage(ctx: HandlerContext, targetRole: Role): void {
  const me = ctx.requireSession();
  if (roleRank[targetRole] > roleRank[me.role]) throw new LumenError('forbidden', `A ${me.role} cannot manage an ${targetRole} account.`);
}

async function getStaff(ctx: HandlerContext, id: number) {
  const row = await ctx.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new LumenError('not_found', 'No such staff member.');
  return row;
}

async function activeOwners(ctx: HandlerContext): Promise<number> {
  const owners = await ctx.db.selectFrom('staff').select('id').where('role', '=', 'owner').where('active', '=', 1).execute();
  return owners.length;
}

export const memberHandlers: HandlerMap<'staff.list' | 'staff.create' | 'staff.update' | 'staff.resetPassword'> = {
  'staff.list': async ({ includeInactive }, ctx) => {
    let query = ctx.db.selectFrom('staff').selectAll().orderBy('active', 'desc').orderBy('displayName');
    if (!includeInactive) query = query.where('active', '=', 1);
    return (await query.execute()).map(staffRow);
  },

  'staff.create': async (input, ctx) => {
    assertMayManage(ctx, input.role);
    return { id: await insertStaff(ctx, input) };
  },

  'staff.update': async ({ id, ...patch }, ctx) => {
    const before = await getStaff(ctx, id);
    assertMayManage(ctx, before.role);
    if (patch.role) assertMayManage(ctx, patch.role);
    const me = ctx.requireSession();
    const losesOwner = before.role === 'owner' && before.active === 1 && ((patch.role && patch.role !== 'owner') || patch.active === false);
    if (losesOwner && (await activeOwners(ctx)) <= 1) throw new LumenError('conflict', 'The clinic must keep at least one active owner.');
    if (id === me.staffId && patch.active === false) throw new LumenError('conflict', 'You cannot deactivate your own account.');
    const after = {
      displayName: patch.displayName ?? before.displayName,
      title: patch.title ?? before.title,
      role: patch.role ?? before.role,
      active: patch.active === undefined ? before.active : flag(patch.active),
    };
    await ctx.db.updateTable('staff').set({ ...after, updatedAt: ctx.now.toISOString() }).where('id', '=', id).execute();
    ctx.audit({
      action: 'update',
      entity: 'staff',
      entityId: id,
      summary: `Changed ${before.displayName}`,
      details: { before: { displayName: before.displayName, title: before.title, role: before.role, active: before.active }, after },
    });
    return { ok: true as const };
  },

  'staff.resetPassword': async ({ id, newPassword }, ctx) => {
    const target = await getStaff(ctx, id);
    assertMayManage(ctx, target.role);
    const passwordHash = await checkedPasswordHash(newPassword, 'newPassword', target.username, target.displayName);
    await ctx.db
      .updateTable('staff')
      .set({ passwordHash, passwordChangedAt: ctx.now.toISOString(), failedLogins: 0, lockedUntil: null, updatedAt: ctx.now.toISOString() })
      .where('id', '=', id)
      .execute();
    ctx.audit({ action: 'update', entity: 'staff', entityId: id, summary: `Reset the password of ${target.displayName}`, details: { passwordReset: true } });
    return { ok: true as const };
  },
};
