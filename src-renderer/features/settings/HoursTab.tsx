import { useState } from 'react';
import type { OpeningInterval } from '../../../src-shared/contract/settings';
import { client } from '../../lib/client';
import { useCall } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { useCan, useUi } from '../../lib/store';
import { Async, FormError } from '../../lib/ui';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export function HoursTab() {
  const state = useCall('settings.openingHours', {});
  return <Async state={state}>{(rows) => <HoursEditor initial={rows} />}</Async>;
}

function HoursEditor({ initial }: { initial: OpeningInterval[] }) {
  const can = useCan();
  const readOnly = !can('settings.manage');
  const [rows, setRows] = useState(initial);
  const save = useSave();

  const update = (i: number, patch: Partial<OpeningInterval>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <div className="panel" data-testid="opening-hours">
      <table className="table table-hours">
        <tbody>
          {weekdays.map((day, d) => {
            const weekday = d + 1;
            const mine = rows.map((r, i) => ({ r, i })).filter((x) => x.r.weekday === weekday);
            return (
              <tr key={day} data-testid={`hours-day-${weekday}`}>
                <th>{day}</th>
                <td>
                  {mine.length === 0 && <span className="muted">Closed</span>}
                  {mine.map(({ r, i }) => (
                    <span key={i} className="interval">
                      <input type="time" value={r.opensAt} disabled={readOnly} onChange={(e) => update(i, { opensAt: e.target.value })} aria-label={`${day} opens`} />
                      –
                      <input type="time" value={r.closesAt} disabled={readOnly} onChange={(e) => update(i, { closesAt: e.target.value })} aria-label={`${day} closes`} />
                      {!readOnly && (
                        <button type="button" className="btn-icon" aria-label="Remove interval" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                          ×
                        </button>
                      )}
                    </span>
                  ))}
                  {!readOnly && (
                    <button
                      type="button"
                      className="btn btn-small"
                      data-testid={`hours-add-${weekday}`}
                      onClick={() => {
                        const last = mine[mine.length - 1]?.r;
                        setRows([...rows, last ? { weekday, opensAt: last.closesAt, closesAt: '18:00' } : { weekday, opensAt: '09:00', closesAt: '17:00' }]);
                      }}
                    >
                      + Add hours
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FormError message={save.formError ?? Object.values(save.fieldErrors).join(' ')} />
      {!readOnly && (
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={save.busy}
            data-testid="hours-save"
            onClick={() =>
              save.run(async () => {
                const intervals = [...rows].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
                await client.call('settings.setOpeningHours', { intervals });
                setRows(intervals);
                useUi.getState().notify('Opening hours saved');
              })
            }
          >
            Save opening hours
          </button>
        </div>
      )}
    </div>
  );
}
