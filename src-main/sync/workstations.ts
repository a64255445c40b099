import { sql } from 'kysely';
import { LumenError, fieldError } from '../../src-shared/errors';
import { roleRank } from '../../src-shared/permissions';
import { verifyPassword } from '../core/passwords';
import type { HandlerMap } from '../core/registry';
import { freeWorkstationNumber, writeIdentity } from '../core/workstation';
import { CLOCK_WARNING_MS, changesBeyond, clockWarning, requireIdentity } from './exchange';

/** This workstation, the others, taking a new identity, and the shared folder. */
export const workstationHandlers: HandlerMap<'workstations.status' | 'workstations.claim' | 'workstations.rename' | 'sync.setSharedFolder'> = {
  'workstations.status': async (_input, ctx) => {
    const identity = requireIdentity(ctx.runtime);
    const others = await ctx.db
      .selectFrom('workstation as w')
      .leftJoin('syncPeer as p', 'p.workstationId', 'w.id')
      .select(['w.id', 'w.number', 'w.name', 'w.seriesPrefix', 'w.createdAt', 'p.lastFileAt', 'p.lastExportedAt', 'p.seen', 'p.clockAheadMs'])
      .where('w.id', '<>', identity.id)
      .orderBy('w.name')
      .execute();
    const rows = others.map((w) => ({
      id: w.id,
      number: w.number,
      name: w.name,
      seriesPrefix: w.seriesPrefix,
      createdAt: w.createdAt,
      lastFileAt: w.lastFileAt,
      lastExportedAt: w.lastExportedAt,
      changesItLacks: changesBeyond(ctx.sqlite, JSON.parse(w.seen ?? '{}') as Record<string, number>).length,
      clockAheadMs: w.clockAheadMs ?? 0,
    }));
    const fastest = rows.filter((w) => w.clockAheadMs > CLOCK_WARNING_MS).sort((a, b) => b.clockAheadMs - a.clockAheadMs)[0];
    const counts = await ctx.db
      .selectNoFrom([
        sql<number>`(SELECT count(*) FROM syncChange WHERE origin = ${identity.number})`.as('changesMade'),
        sql<number>`(SELECT count(*) FROM syncConflict WHERE reviewedAt IS NULL)`.as('openConflicts'),
      ])
      .executeTakeFirstOrThrow();
    return {
      self: { id: identity.id, number: identity.number, name: identity.name, seriesPrefix: identity.seriesPrefix },
      others: rows,
      clinicUid: identity.clinicUid,
      sharedFolder: identity.sharedFolder,
      changesMade: counts.changesMade,
      openConflicts: counts.openConflicts,
      clockWarning: fastest ? clockWarning(fastest.name, fastest.clockAheadMs) : null,
    };
  },

  /**
   * A copied or restored database becomes a new workstation: a fresh number (so its ids and numbers can never be
   * those the original goes on making) and its own number series. An owner or manager confirms; nobody is signed
   * in yet, and their password is checked without writing (the database may not be written before this).
   */
  'workstations.claim': async ({ name, seriesPrefix, username, password }, ctx) => {
    const runtime = ctx.runtime;
    const identity = runtime.workstation?.identity;
    if (!identity || identity.bound) throw new LumenError('conflict', 'This workstation already has its own identity.');
    const staff = await ctx.db.selectFrom('staff').select(['role', 'passwordHash', 'active', 'displayName']).where('username', '=', username).executeTakeFirst();
    if (!staff || !staff.active || !(await verifyPassword(password, staff.passwordHash))) throw new LumenError('unauthenticated', 'That username and password do not match.');
    if (roleRank[staff.role] < roleRank.manager) throw new LumenError('forbidden', 'Only an owner or a manager can name a new workstation.');
    const prefixTaken = await ctx.db.selectFrom('workstation').select('name').where('seriesPrefix', '=', seriesPrefix).executeTakeFirst();
    if (prefixTaken) throw fieldError('conflict', `${prefixTaken.name} already numbers with ${seriesPrefix}.`, 'seriesPrefix', 'Taken by another workstation');
    const number = freeWorkstationNumber(ctx.sqlite);
    runtime.workstation!.become(number, ctx.now, 'capture');
    writeIdentity(ctx.sqlite, { number, name, seriesPrefix, at: ctx.now, dbFile: runtime.dbFile });
    runtime.loadWorkstation();
    runtime.workstation!.stamp(ctx.now);
    ctx.audit({
      action: 'setup',
      entity: 'workstation',
      entityId: number,
      summary: `${staff.displayName} named this computer ${name} (a copy of ${identity.name}; patient numbers ${seriesPrefix}…)`,
      details: { name, seriesPrefix, number, copiedFrom: { name: identity.name, number: identity.number } },
    });
    return { ok: true as const };
  },

  'workstations.rename': async ({ name }, ctx) => {
    const identity = requireIdentity(ctx.runtime);
    await ctx.db.updateTable('workstation').set({ name }).where('id', '=', identity.id).execute();
    ctx.audit({ action: 'update', entity: 'workstation', entityId: identity.number, summary: `Renamed workstation ${identity.name} to ${name}`, details: { from: identity.name, to: name } });
    ctx.runtime.loadWorkstation();
    return { ok: true as const };
  },

  'sync.setSharedFolder': async ({ folder }, ctx) => {
    requireIdentity(ctx.runtime);
    await ctx.db.updateTable('thisWorkstation').set({ sharedFolder: folder }).execute();
    ctx.audit({ action: 'update', entity: 'workstation', summary: folder ? `Shared sync folder set to ${folder}` : 'Shared sync folder turned off', details: { folder } });
    ctx.runtime.loadWorkstation();
    return { ok: true as const };
  },
};
