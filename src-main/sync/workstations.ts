import { sql } from 'kysely';
import { LumenError, fieldError } from '../../src-shared/errors';
import { roleRank } from '../../src-shared/permissions';
import { verifyPassword } from '../core/passwords';
import type { HandlerMap } from '../core/registry';
import { type Actor, appendAudit } from '../core/audit';
import type { Sqlite } from '../core/db';
import type { Runtime } from '../core/runtime';
import { freeWorkstationNumber, writeIdentity } from '../core/workstation';
import { clockWarningOf, countBeyond, requireIdentity } from './exchange';

/**
 * This database becomes a new workstation: a fresh number (so its ids and numbers can never be those the original
 * goes on making), its own number series, announced by its first change. Runs in the caller's write transaction.
 */
export function becomeNewWorkstation(runtime: Runtime, next: { name: string; seriesPrefix: string; now: Date; actor: Actor; why: 'a copy' | 'a restored backup' }): void {
  const previous = runtime.workstation!.identity!;
  const number = freeWorkstationNumber(runtime.sqlite);
  runtime.workstation!.become(number, next.now, 'capture');
  writeIdentity(runtime.sqlite, { number, name: next.name, seriesPrefix: next.seriesPrefix, at: next.now, dbFile: runtime.dbFile });
  runtime.loadWorkstation();
  runtime.workstation!.stamp(next.now);
  appendAudit(runtime.sqlite, next.now, next.actor, {
    action: 'setup',
    entity: 'workstation',
    entityId: number,
    summary: `${next.actor.name} named this computer ${next.name} (${next.why} of ${previous.name}; patient numbers ${next.seriesPrefix}…)`,
    details: { name: next.name, seriesPrefix: next.seriesPrefix, number, from: next.why, previous: { name: previous.name, number: previous.number } },
  });
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A series prefix no known workstation uses, close to `near` (P → PA, PB, …), for a restore that renews the identity by itself. */
export function freeSeriesPrefix(sqlite: Sqlite, near: string): string {
  const taken = new Set(sqlite.prepare('SELECT seriesPrefix FROM workstation').pluck().all() as string[]);
  const stems = [near, near.slice(0, 2), near.slice(0, 1)].filter((stem, i, all) => stem.length < 3 && all.indexOf(stem) === i);
  for (const stem of stems) {
    for (const a of LETTERS) {
      if (!taken.has(stem + a)) return stem + a;
      if (stem.length === 1) for (const b of LETTERS) if (!taken.has(stem + a + b)) return stem + a + b;
    }
  }
  throw new LumenError('conflict', 'No free number series is left near this workstation’s; name it by hand.');
}

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
      changesItLacks: countBeyond(ctx.sqlite, JSON.parse(w.seen ?? '{}') as Record<string, number>),
      clockAheadMs: w.clockAheadMs ?? 0,
    }));
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
      clockWarning: clockWarningOf(ctx.sqlite),
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
    const staff = await ctx.db.selectFrom('staff').select(['id', 'role', 'passwordHash', 'active', 'displayName']).where('username', '=', username).executeTakeFirst();
    if (!staff || !staff.active || !(await verifyPassword(password, staff.passwordHash))) throw new LumenError('unauthenticated', 'That username and password do not match.');
    if (roleRank[staff.role] < roleRank.manager) throw new LumenError('forbidden', 'Only an owner or a manager can name a new workstation.');
    const prefixTaken = await ctx.db.selectFrom('workstation').select('name').where('seriesPrefix', '=', seriesPrefix).executeTakeFirst();
    if (prefixTaken) throw fieldError('conflict', `${prefixTaken.name} already numbers with ${seriesPrefix}.`, 'seriesPrefix', 'Taken by another workstation');
    becomeNewWorkstation(runtime, { name, seriesPrefix, now: ctx.now, actor: { staffId: staff.id, name: staff.displayName }, why: 'a copy' });
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
