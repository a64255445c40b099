import { useState } from 'react';
import { onMatchChoices, type RowOutcome, type RowResult } from '../../../src-shared/contract/imports';
import { useCall } from '../../lib/hooks';
import { Pager } from '../../lib/Pager';
import { Async, Empty } from '../../lib/ui';
import { selection, type ImportChoices } from './choices';
import { outcomeLabels, RowResults, TotalsLine } from './RowResults';

const PAGE = 50;
export const onMatchLabels: Record<(typeof onMatchChoices)[number], string> = {
  merge: 'Merge into the existing patient (fill in what is missing)',
  keepApart: 'Keep apart (create a separate patient)',
};
const filters: { id: RowOutcome | 'all'; label: string }[] = [{ id: 'all', label: 'All rows' }, { id: 'skip', label: 'Only problems' }, ...(['create', 'match', 'already'] as const).map((o) => ({ id: o, label: outcomeLabels[o] }))];

/**
 * Step 4: every row as it would be imported, a page at a time: new, matching an existing patient (merge or keep apart,
 * for all or row by row), skipped with each problem, or already imported by an earlier batch.
 */
export function PreviewStep({ choices, onChange, onNext }: { choices: ImportChoices; onChange: (patch: Partial<ImportChoices>) => void; onNext: () => void }) {
  const [filter, setFilter] = useState<RowOutcome | 'all'>('all');
  const [offset, setOffset] = useState(0);
  const preview = useCall('imports.preview', { ...selection(choices), offset, limit: PAGE, outcome: filter === 'all' ? undefined : filter });
  const decide = (row: RowResult, choice: (typeof onMatchChoices)[number]) => onChange({ decisions: { ...choices.decisions, [String(row.line)]: choice } });
  const canMerge = choices.kind === 'patients';

  return (
    <div className="panel stack-page" data-testid="import-preview-step">
      <Async state={preview} loadingLabel="Reading every row…">
        {(p) => (
          <>
            <TotalsLine totals={p.totals} testId="import-preview-totals" />
            {canMerge && p.totals.match > 0 && (
              <fieldset className="inline" data-testid="import-on-match">
                <legend>Rows that match an existing patient</legend>
                {onMatchChoices.map((c) => (
                  <label key={c} className="inline">
                    <input type="radio" name="onMatch" checked={choices.onMatch === c} onChange={() => onChange({ onMatch: c })} data-testid={`import-on-match-${c}`} /> {onMatchLabels[c]}
                  </label>
                ))}
              </fieldset>
            )}
            <div className="toolbar" role="group" aria-label="Show">
              {filters.map((f) => (
                <button
                  key={f.id}
                  type="button"
                  className={`btn btn-small ${filter === f.id ? 'btn-on' : ''}`}
                  aria-pressed={filter === f.id}
                  onClick={() => {
                    setFilter(f.id);
                    setOffset(0);
                  }}
                  data-testid={`import-filter-${f.id}`}
                >
                  {f.label}
                </button>
              ))}
            </div>
            {p.rows.length ? (
              <RowResults
                rows={p.rows}
                testId="import-preview-rows"
                decision={
                  canMerge
                    ? (row) => (
                        <select value={choices.decisions[String(row.line)] ?? choices.onMatch} onChange={(e) => decide(row, e.target.value as (typeof onMatchChoices)[number])} aria-label={`Line ${row.line}`} data-testid="import-decision">
                          <option value="merge">Merge</option>
                          <option value="keepApart">Keep apart</option>
                        </select>
                      )
                    : undefined
                }
              />
            ) : (
              <Empty>No rows here.</Empty>
            )}
            <div className="actions actions-split">
              <span className="muted">
                {p.total ? `Rows ${offset + 1}–${Math.min(offset + PAGE, p.total)} of ${p.total}` : ''}
                <Pager offset={offset} pageSize={PAGE} total={p.total} onOffset={setOffset} small />
              </span>
              <button type="button" className="btn btn-primary" disabled={p.totals.create + p.totals.match === 0} onClick={onNext} autoFocus data-testid="import-next">
                Next: dry run
              </button>
            </div>
          </>
        )}
      </Async>
    </div>
  );
}
