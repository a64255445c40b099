import type { ReactNode } from 'react';
import type { RowOutcome, RowResult, Totals } from '../../../src-shared/contract/imports';
import { Badge } from '../../lib/ui';

export const outcomeLabels: Record<RowOutcome, string> = { create: 'New', match: 'Matches a patient', skip: 'Skipped', already: 'Already imported' };
const outcomeBadges: Record<RowOutcome, 'ok' | 'warn' | 'alert' | 'muted'> = { create: 'ok', match: 'warn', skip: 'alert', already: 'muted' };

/** How many rows each outcome has, as a row of figures. */
export function TotalsLine({ totals, testId }: { totals: Totals; testId?: string }) {
  return (
    <div className="totals" data-testid={testId}>
      {(Object.keys(outcomeLabels) as RowOutcome[]).map((o) => (
        <div key={o} data-testid={`total-${o}`}>
          <strong>{totals[o]}</strong>
          <span className="muted">{outcomeLabels[o]}</span>
        </div>
      ))}
    </div>
  );
}

function what(row: RowResult): ReactNode {
  if (row.problems.length)
    return (
      <ul className="problems">
        {row.problems.map((p, i) => (
          <li key={i}>
            {p.column ? <strong>{p.column}: </strong> : null}
            {p.message}
          </li>
        ))}
      </ul>
    );
  if (row.outcome === 'match') return `Same ${row.matchedBy.join(', ')}${row.merged === null ? '' : row.merged ? ' — merged' : ' — kept apart'}`;
  return null;
}

/** Rows of a preview or a report: the file's line, the outcome, the patient, and the problems or why it matched. */
export function RowResults({ rows, decision, testId }: { rows: RowResult[]; decision?: (row: RowResult) => ReactNode; testId: string }) {
  return (
    <table className="table preview-table" data-testid={testId}>
      <thead>
        <tr>
          <th className="num">Line</th>
          <th>Outcome</th>
          <th>Patient</th>
          <th>Details</th>
          {decision && <th>If it matches</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.line} data-testid="import-row" data-outcome={row.outcome}>
            <td className="num">{row.line}</td>
            <td>
              <Badge kind={outcomeBadges[row.outcome]}>{outcomeLabels[row.outcome]}</Badge>
            </td>
            <td>{row.patient ? `${row.patient.name} (${row.patient.number})` : ''}</td>
            <td>{what(row)}</td>
            {decision && <td>{row.outcome === 'match' ? decision(row) : null}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
