import { useState, type ReactNode } from 'react';
import { useUi } from './store';
import { FormError } from './ui';
import { useSave } from './useSave';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface Weekly {
  weekday: number;
}

/**
 * Intervals of a week (opening hours, a provider's hours) edited in place and saved as one list, sorted by day
 * and start time. `testIdPrefix` names the day rows (`<prefix>-day-<1..7>`) and the save button (`<prefix>-save`).
 */
export function WeeklyIntervals<T extends Weekly>({
  initial,
  readOnly,
  testIdPrefix,
  closedLabel,
  startOf,
  intervalClassName,
  renderFields,
  renderAdd,
  renderPresets,
  saveLabel,
  savedNotice,
  onSave,
}: {
  initial: T[];
  readOnly: boolean;
  testIdPrefix: string;
  closedLabel: string;
  startOf: (interval: T) => string;
  intervalClassName?: (interval: T) => string;
  /** The inputs of one interval; `update` patches it. */
  renderFields: (interval: T, update: (patch: Partial<T>) => void, day: string) => ReactNode;
  /** The add buttons of one day; `mine` are that day's intervals. */
  renderAdd: (weekday: number, mine: T[], add: (interval: T) => void) => ReactNode;
  /** Buttons beside Save that replace the whole week. */
  renderPresets?: (replace: (intervals: T[]) => void) => ReactNode;
  saveLabel: string;
  savedNotice: string;
  onSave: (intervals: T[]) => Promise<unknown>;
}) {
  const [rows, setRows] = useState(initial);
  const save = useSave();
  const update = (i: number, patch: Partial<T>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <>
      <table className="table table-hours">
        <tbody>
          {weekdays.map((day, d) => {
            const weekday = d + 1;
            const mine = rows.map((r, i) => ({ r, i })).filter((x) => x.r.weekday === weekday);
            return (
              <tr key={day} data-testid={`${testIdPrefix}-day-${weekday}`}>
                <th>{day}</th>
                <td>
                  {mine.length === 0 && <span className="muted">{closedLabel}</span>}
                  {mine.map(({ r, i }) => (
                    <span key={i} className={intervalClassName?.(r) ?? 'interval'}>
                      {renderFields(r, (patch) => update(i, patch), day)}
                      {!readOnly && (
                        <button type="button" className="btn-icon" aria-label="Remove interval" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                          ×
                        </button>
                      )}
                    </span>
                  ))}
                  {!readOnly &&
                    renderAdd(
                      weekday,
                      mine.map((x) => x.r),
                      (interval) => setRows([...rows, interval]),
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
          {renderPresets?.(setRows)}
          <button
            type="button"
            className="btn btn-primary"
            disabled={save.busy}
            data-testid={`${testIdPrefix}-save`}
            onClick={() =>
              save.run(async () => {
                const intervals = [...rows].sort((a, b) => a.weekday - b.weekday || startOf(a).localeCompare(startOf(b)));
                await onSave(intervals);
                setRows(intervals);
                useUi.getState().notify(savedNotice);
              })
            }
          >
            {saveLabel}
          </button>
        </div>
      )}
    </>
  );
}
