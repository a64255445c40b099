import type { AuditRow } from '../../src-shared/contract/audit';
import type { ParsedInputOf } from '../../src-shared/contract/index';
import { verifyAuditChain } from '../core/audit';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { CLINICAL_ENTITY } from '../clinical/index';

type Filter = Omit<ParsedInputOf<'audit.list'>, 'limit' | 'beforeId'>;

const EXPORT_LIMIT = 200_000;

function where(filter: Filter & { beforeId?: number }): { sql: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, key: string, value: unknown) => {
    if (value === undefined) return;
    clauses.push(clause);
    params[key] = value;
  };
  add('at >= @from', 'from', filter.from && new Date(filter.from).toISOString());
  add('at < @to', 'to', filter.to && new Date(filter.to).toISOString());
  add('staffId = @staffId', 'staffId', filter.staffId);
  add('action = @action', 'action', filter.action);
  add('entity = @entity', 'entity', filter.entity);
  add('entityId = @entityId', 'entityId', filter.entityId);
  add('id < @beforeId', 'beforeId', filter.beforeId);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** Clinical before/after values stay with clinical staff: others see that a change happened, not what it was. */
function rowsFor(ctx: HandlerContext, filter: Filter & { beforeId?: number }, limit: number): AuditRow[] {
  const { sql, params } = where(filter);
  const clinical = ctx.can('clinical.read');
  const rows = ctx.sqlite
    .prepare(`SELECT id, at, staffId, staffName, action, entity, entityId, summary, details FROM audit ${sql} ORDER BY id DESC LIMIT @limit`)
    .all({ ...params, limit }) as (Omit<AuditRow, 'details' | 'action'> & { action: AuditRow['action']; details: string })[];
  return rows.map((r) => ({ ...r, details: r.entity === CLINICAL_ENTITY && !clinical ? { redacted: 'Clinical details are visible to clinical staff only.' } : JSON.parse(r.details) }));
}

/** Spreadsheet-safe CSV: quoted cells, and a leading ' on anything a spreadsheet would run as a formula. */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const auditHandlers: HandlerMap<'audit.list' | 'audit.export' | 'audit.verify'> = {
  'audit.list': ({ limit, ...filter }, ctx) => rowsFor(ctx, filter, limit),

  'audit.export': ({ format, ...filter }, ctx) => {
    const rows = rowsFor(ctx, filter, EXPORT_LIMIT);
    const stamp = ctx.now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const columns = ['id', 'at', 'staffId', 'staffName', 'action', 'entity', 'entityId', 'summary', 'details'] as const;
    const content =
      format === 'json'
        ? JSON.stringify(rows, null, 2)
        : [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\r\n') + '\r\n';
    ctx.audit({ action: 'export', entity: 'audit', entityId: null, summary: `Exported ${rows.length} audit entries as ${format.toUpperCase()}`, details: { filter, rows: rows.length } });
    return { filename: `lumen-audit-${stamp}.${format}`, mimeType: format === 'json' ? 'application/json' : 'text/csv', content, rows: rows.length };
  },

  'audit.verify': (_input, ctx) => verifyAuditChain(ctx.sqlite),
};
