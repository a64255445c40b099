import type { WorkstationRow } from '../../../src-shared/contract/sync';
import { formatInstant, formatRelative } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { Badge, Empty } from '../../lib/ui';

/** Beyond this a workstation's clock would confuse which of two edits came last. */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

function clockNote(aheadMs: number): string | null {
  if (Math.abs(aheadMs) <= CLOCK_TOLERANCE_MS) return null;
  const minutes = Math.round(Math.abs(aheadMs) / 60_000);
  return `Clock ${minutes} min ${aheadMs > 0 ? 'ahead of' : 'behind'} this computer`;
}

function When({ iso }: { iso: string | null }) {
  const { timeZone } = useClinic();
  if (!iso) return <span className="muted">never</span>;
  return <time dateTime={iso} title={formatInstant(iso, timeZone)}>{formatRelative(iso)}</time>;
}

/** The other workstations this one has heard of: what arrived from each, what went to each, what each still lacks. */
export function OtherWorkstations({ others }: { others: WorkstationRow[] }) {
  return (
    <div className="panel" data-testid="other-workstations">
      <h2>Other workstations seen</h2>
      {others.length ? (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Series</th>
              <th>Last file received</th>
              <th>Last file sent</th>
              <th className="num">Changes it lacks</th>
              <th>Clock</th>
            </tr>
          </thead>
          <tbody>
            {others.map((w) => {
              const note = clockNote(w.clockAheadMs);
              return (
                <tr key={w.id} data-testid="other-workstation" className={note ? 'row-warn' : undefined}>
                  <td>{w.name}</td>
                  <td>{w.seriesPrefix}</td>
                  <td>
                    <When iso={w.lastFileAt} />
                  </td>
                  <td>
                    <When iso={w.lastExportedAt} />
                  </td>
                  <td className="num">{w.changesItLacks.toLocaleString()}</td>
                  <td>{note ? <Badge kind="warn">{note}</Badge> : <span className="muted">OK</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <Empty>No other workstation yet. Copy this clinic’s database to another computer to add one; it shows here once its first change file arrives.</Empty>
      )}
    </div>
  );
}
