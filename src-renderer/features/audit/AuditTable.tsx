import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { AuditFilter, AuditRow } from '../../../src-shared/contract/audit';
import { client } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { Empty, ErrorBox, Spinner } from '../../lib/ui';

export type AuditFilterValue = z.input<typeof AuditFilter>;
const PAGE = 100;

/** Audit entries for a filter, newest first, with "Load more" (beforeId of the last row). */
export function AuditTable({ filter, compact }: { filter: AuditFilterValue; compact?: boolean }) {
  const { timeZone } = useClinic();
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [open, setOpen] = useState<Set<number>>(new Set());
  const key = JSON.stringify(filter);
  const generation = useRef(0);

  const load = useCallback(
    async (beforeId?: number) => {
      const gen = generation.current;
      setLoading(true);
      setError(undefined);
      try {
        const page = await client.call('audit.list', { ...(JSON.parse(key) as AuditFilterValue), beforeId, limit: PAGE });
        if (gen !== generation.current) return;
        setRows((r) => (beforeId ? [...r, ...page] : page));
        setDone(page.length < PAGE);
      } catch (e) {
        if (gen === generation.current) setError(e);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [key],
  );

  useEffect(() => {
    generation.current += 1;
    setRows([]);
    setOpen(new Set());
    void load();
  }, [load]);

  const toggle = (id: number) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  if (error !== undefined && !rows.length) return <ErrorBox error={error} onRetry={() => load()} />;
  if (loading && !rows.length) return <Spinner label="Loading history…" />;
  if (!rows.length) return <Empty>No audit entries{compact ? ' for this patient yet' : ' match these filters'}.</Empty>;

  return (
    <div className="audit" data-testid="audit-table">
      <table className="table table-audit">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            {!compact && <th>Entity</th>}
            <th>What</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <Fragment key={r.id}>
              <tr data-testid="audit-row" className={open.has(r.id) ? 'expanded' : ''}>
                <td className="nowrap">{formatInstant(r.at, timeZone)}</td>
                <td>{r.staffName}</td>
                <td>
                  <span className={`action action-${r.action}`}>{r.action}</span>
                </td>
                {!compact && (
                  <td className="nowrap">
                    {r.entity}
                    {r.entityId ? ` #${r.entityId}` : ''}
                  </td>
                )}
                <td>{r.summary}</td>
                <td>
                  {r.details != null && (
                    <button type="button" className="btn btn-small" aria-expanded={open.has(r.id)} onClick={() => toggle(r.id)} data-testid="audit-details-toggle">
                      {open.has(r.id) ? 'Hide' : 'Details'}
                    </button>
                  )}
                </td>
              </tr>
              {open.has(r.id) && (
                <tr className="audit-details">
                  <td colSpan={compact ? 5 : 6}>
                    <AuditDetails details={r.details} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {error !== undefined && <ErrorBox error={error} />}
      {!done && (
        <button type="button" className="btn" onClick={() => load(rows[rows.length - 1]?.id)} disabled={loading} data-testid="audit-load-more">
          {loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

function AuditDetails({ details }: { details: unknown }) {
  const d = details as { before?: unknown; after?: unknown } | null;
  if (d && typeof d === 'object' && ('before' in d || 'after' in d)) {
    // Everything besides before/after (an override's reason and conflicts, a scope…) is shown below them.
    const { before, after, ...rest } = d as Record<string, unknown>;
    return (
      <>
        <div className="before-after">
          <div>
            <h3>Before</h3>
            <pre>{JSON.stringify(before ?? null, null, 2)}</pre>
          </div>
          <div>
            <h3>After</h3>
            <pre>{JSON.stringify(after ?? null, null, 2)}</pre>
          </div>
        </div>
        {Object.keys(rest).length > 0 && <pre>{JSON.stringify(rest, null, 2)}</pre>}
      </>
    );
  }
  return <pre>{JSON.stringify(details, null, 2)}</pre>;
}
