import { csvCell } from '../../src-shared/csv';
import { sql } from 'kysely';
import type { AuditRow } from '../../src-shared/contract/audit';
import type { ParsedInputOf } from '../../src-shared/contract/index';
import { verifyRecords } from '../core/ledgers';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { CLINICAL_ENTITY } from '../clinical/index';

type Filter = Omit<ParsedInputOf<'audit.list'>, 'limit' | 'beforeId'>;

const EXPORT_LIMIT = 200_000;

/**
 * Newest first by time, not id: each workstation writes entries in its own id range, so ids of several workstations
 * do not follow time. Clinical before/after values stay with clinical staff: others see that a change happened, not
 * what it was.
 */
async function rowsFor(ctx: HandlerContext, filter: Filter & { beforeId?: number }, limit: number): Promise<AuditRow[]> {
  let query = ctx.db
    .selectFrom('audit')
    .select(['id', 'at', 'staffId', 'staffName', 'action', 'entity', 'entityId', 'summary', 'details'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit);
  if (filter.from !== undefined) query = query.where('at', '>=', new Date(filter.from).toISOString());
  if (filter.to !== undefined) query = query.where('at', '<', new Date(filter.to).toISOString());
  if (filter.staffId !== undefined) query = query.where('staffId', '=', filter.staffId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('entityId', '=', filter.entityId);
  // The next page: entries before the given one in the same order (time, then id).
  if (filter.beforeId !== undefined) query = query.where(sql<boolean>`(at, id) < ((SELECT at FROM audit WHERE id = ${filter.beforeId}), ${filter.beforeId})`);
  const clinical = ctx.can('clinical.read');
  return (await query.execute()).map((r) => ({ ...r, details: r.entity === CLINICAL_ENTITY && !clinical ? { redacted: 'Clinical details are visible to clinical staff only.' } : JSON.parse(r.details) }));
}

/** The audit log: reading, exporting and verifying its hash chain (written by core/audit.ts). */
export const logHandlers: HandlerMap<'audit.list' | 'audit.export' | 'audit.verify'> = {
  'audit.list': ({ limit, ...filter }, ctx) => rowsFor(ctx, filter, limit),

  'audit.export': async ({ format, ...filter }, ctx) => {
    const rows = await rowsFor(ctx, filter, EXPORT_LIMIT);
    const stamp = ctx.now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const columns = ['id', 'at', 'staffId', 'staffName', 'action', 'entity', 'entityId', 'summary', 'details'] as const;
    const content =
      format === 'json'
        ? JSON.stringify(rows, null, 2)
        : [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
    ctx.audit({ action: 'export', entity: 'audit', entityId: null, summary: `Exported ${rows.length} audit entries as ${format.toUpperCase()}`, details: { filter, rows: rows.length } });
    return { filename: `lumen-audit-${stamp}.${format}`, mimeType: format === 'json' ? 'application/json' : 'text/csv', content, rows: rows.length };
  },

  'audit.verify': (_input, ctx) => verifyRecords(ctx.sqlite),
};
