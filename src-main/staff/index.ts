import { LumenError } from '../../src-shared/errors';
import { defaultRolePermissions, forbiddenForRole, permissions, roleRank, roles, type Permission, type Role } from '../../src-shared/permissions';
import type { Sqlite } from '../core/db';
import { hashPassword, passwordProblems } from '../core/passwords';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { Selectable } from 'kysely';
import type { StaffTable } from '../core/schema';

/** Writes the default role → permission table (first run, demo clinic). */
export function seedRolePermissions(sqlite: Sqlite): void {
  const insert = sqlite.prepare('INSERT OR IGNORE INTO rolePermission (role, permission) VALUES (?, ?)');
  for (const role of roles) for (const permission of defaultRolePermissions[role]) insert.run(role, permission);
}

/** A refused password as a field error, so forms can show it under the field. */
export function weakPasswordError(problems: string[], field: string): LumenError {
  return new LumenError('weak_password', problems.join(' '), { formErrors: [], fieldErrors: { [field]: problems } });
}

export async function checkedPasswordHash(password: string, field: string, ...names: string[]): Promise<string> {
  const problems = passwordProblems(password, ...names);
  if (problems.length) throw weakPasswordError(problems, field);
  return hashPassword(password);
}

interface NewStaff {
  username: string;
  displayName: string;
  title?: string;
  role: Role;
  password: string;
}

/** Inserts a staff member; the username must be free. Shared by first-run setup and staff.create. */
export async function insertStaff(ctx: HandlerContext, input: NewStaff): Promise<number> {
  const taken = ctx.sqlite.prepare('SELECT 1 FROM staff WHERE username = ?').get(input.username);
  if (taken) throw new LumenError('conflict', `The username ${input.username} is taken.`, { formErrors: [], fieldErrors: { username: ['Already taken'] } });
  const passwordHash = await checkedPasswordHash(input.password, 'password', input.username, input.displayName);
  const at = ctx.now.toISOString();
  const { id } = await ctx.db
    .insertInto('staff')
    .values({
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
    .returning('id')
    .executeTakeFirstOrThrow();
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

function activeOwners(ctx: HandlerContext): number {
  return ctx.sqlite.prepare("SELECT count(*) FROM staff WHERE role = 'owner' AND active = 1").pluck().get() as number;
}

export const staffHandlers: HandlerMap<'staff.list' | 'staff.create' | 'staff.update' | 'staff.resetPassword' | 'roles.list' | 'roles.setPermissions'> = {
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
    if (losesOwner && activeOwners(ctx) <= 1) throw new LumenError('conflict', 'The clinic must keep at least one active owner.');
    if (id === me.staffId && patch.active === false) throw new LumenError('conflict', 'You cannot deactivate your own account.');
    const after = {
      displayName: patch.displayName ?? before.displayName,
      title: patch.title ?? before.title,
      role: patch.role ?? before.role,
      active: patch.active === undefined ? before.active : patch.active ? 1 : 0,
    } as const;
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

  'roles.list': (_input, ctx) =>
    roles.map((role) => ({
      role,
      permissions: permissions.filter((p) => ctx.runtime.permissionsOf(role).has(p)),
      defaults: [...defaultRolePermissions[role]],
      neverAllowed: [...forbiddenForRole[role]],
    })),

  'roles.setPermissions': ({ role, permissions: requested }, ctx) => {
    const me = ctx.requireSession();
    if (role === 'owner') throw new LumenError('forbidden', 'The owner role always has every permission.');
    if (roleRank[role] >= roleRank[me.role] && me.role !== 'owner') throw new LumenError('forbidden', 'Only the owner can change this role.');
    const wanted = new Set<Permission>(requested);
    const refused = [...wanted].filter((p) => forbiddenForRole[role].includes(p));
    if (refused.length) throw new LumenError('forbidden', `The ${role} role can never have: ${refused.join(', ')}.`, { refused });
    const mine = ctx.runtime.permissionsOf(me.role);
    const beyondMine = [...wanted].filter((p) => !mine.has(p));
    if (beyondMine.length) throw new LumenError('forbidden', `You cannot grant permissions you do not have: ${beyondMine.join(', ')}.`, { refused: beyondMine });
    const before = [...ctx.runtime.permissionsOf(role)].sort();
    ctx.sqlite.prepare('DELETE FROM rolePermission WHERE role = ?').run(role);
    const insert = ctx.sqlite.prepare('INSERT INTO rolePermission (role, permission) VALUES (?, ?)');
    for (const p of wanted) insert.run(role, p);
    ctx.runtime.invalidateCaches();
    ctx.audit({ action: 'update', entity: 'role', entityId: role, summary: `Changed what ${role} may do`, details: { before, after: [...wanted].sort() } });
    return { ok: true as const };
  },
};
