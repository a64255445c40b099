import { LumenError } from '../../src-shared/errors';
import { defaultRolePermissions, forbiddenForRole, permissions, roleRank, roles, type Permission } from '../../src-shared/permissions';
import type { Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';

/**
 * Writes the default role → permission table (first run, demo clinic). Raw SQL: the demo generator calls it inside
 * its own synchronous transaction, where Kysely's async calls cannot run.
 */
export function seedRolePermissions(sqlite: Sqlite): void {
  const insert = sqlite.prepare('INSERT OR IGNORE INTO rolePermission (role, permission) VALUES (?, ?)');
  for (const role of roles) for (const permission of defaultRolePermissions[role]) insert.run(role, permission);
}

export const roleHandlers: HandlerMap<'roles.list' | 'roles.setPermissions'> = {
  'roles.list': (_input, ctx) =>
    roles.map((role) => ({
      role,
      permissions: permissions.filter((p) => ctx.runtime.permissionsOf(role).has(p)),
      defaults: [...defaultRolePermissions[role]],
      neverAllowed: [...forbiddenForRole[role]],
    })),

  'roles.setPermissions': async ({ role, permissions: requested }, ctx) => {
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
    await ctx.db.deleteFrom('rolePermission').where('role', '=', role).execute();
    if (wanted.size) await ctx.db.insertInto('rolePermission').values([...wanted].map((permission) => ({ role, permission }))).execute();
    ctx.runtime.invalidateCaches();
    ctx.audit({ action: 'update', entity: 'role', entityId: role, summary: `Changed what ${role} may do`, details: { before, after: [...wanted].sort() } });
    return { ok: true as const };
  },
};
