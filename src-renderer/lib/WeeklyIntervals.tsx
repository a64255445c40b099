import type { ReactNode } from 'react';
import { useFieldArray, useForm, type UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { contractResolver, submitWith } from './forms';
import { useUi } from './store';
import { FormError } from './ui';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** One interval: its weekday and its fields (times, a kind), as the inputs give them. */
type Interval = { weekday: number } & Record<string, string | number>;

/**
 * Intervals of a week (opening hours, a provider's hours) edited in place and saved as one list, sorted by day
 * and start time, through the contract's `schema` of the method that saves them (`toInput` makes its input).
 * `testIdPrefix` names the day rows (`<prefix>-day-<1..7>`) and the save button (`<prefix>-save`).
 */
export function WeeklyIntervals<T extends Interval, S extends z.ZodType>({
  initial,
  readOnly,
  testIdPrefix,
  closedLabel,
  startOf,
  intervalClassName,
  schema,
  toInput,
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
  schema: S;
  toInput: (intervals: T[]) => z.input<S>;
  /** The inputs of one interval; `field` registers one of its fields. */
  renderFields: (field: (name: keyof T & string) => UseFormRegisterReturn, day: string) => ReactNode;
  /** The add buttons of one day; `mine` are that day's intervals. */
  renderAdd: (weekday: number, mine: T[], add: (interval: T) => void) => ReactNode;
  /** Buttons beside Save that replace the whole week. */
  renderPresets?: (replace: (intervals: T[]) => void) => ReactNode;
  saveLabel: string;
  savedNotice: string;
  onSave: (input: z.output<S>) => Promise<unknown>;
}) {
  const form = useForm<{ intervals: Interval[] }, unknown, z.output<S>>({
    resolver: contractResolver(schema, (v: { intervals: Interval[] }) => toInput(v.intervals as T[])),
    defaultValues: { intervals: initial },
  });
  const { control, register, watch, formState } = form;
  const { fields, append, remove, replace } = useFieldArray({ control, name: 'intervals' });
  // Read at render (not useWatch), so the values always line up with `fields` after an add or remove.
  const rows = watch('intervals') as T[];
  const e = formState.errors;
  const intervalError = (i: number) =>
    Object.values(e.intervals?.[i] ?? {})
      .map((error) => error?.message)
      .filter(Boolean)
      .join(' ');

  const save = submitWith(form, async (input) => {
    await onSave(input);
    useUi.getState().notify(savedNotice);
  });
  // Sorted before it is checked, so a refusal naming interval i points at the i-th row shown.
  const sortAndSave = () => {
    replace([...rows].sort((a, b) => a.weekday - b.weekday || startOf(a).localeCompare(startOf(b))));
    void save();
  };

  return (
    <>
      <table className="table table-hours">
        <tbody>
          {weekdays.map((day, d) => {
            const weekday = d + 1;
            const mine = fields.map((f, i) => ({ key: f.id, r: rows[i], i })).filter((x) => x.r.weekday === weekday);
            return (
              <tr key={day} data-testid={`${testIdPrefix}-day-${weekday}`}>
                <th>{day}</th>
                <td>
                  {mine.length === 0 && <span className="muted">{closedLabel}</span>}
                  {mine.map(({ key, r, i }) => (
                    <span key={key} className={intervalClassName?.(r) ?? 'interval'}>
                      {renderFields((name) => register(`intervals.${i}.${name}`), day)}
                      {!readOnly && (
                        <button type="button" className="btn-icon" aria-label="Remove interval" onClick={() => remove(i)}>
                          ×
                        </button>
                      )}
                      {intervalError(i) && (
                        <span className="field-error" role="alert">
                          {intervalError(i)}
                        </span>
                      )}
                    </span>
                  ))}
                  {!readOnly &&
                    renderAdd(
                      weekday,
                      mine.map((x) => x.r),
                      append,
                    )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <FormError message={e.intervals?.root?.message ?? e.intervals?.message ?? e.root?.server?.message} />
      {!readOnly && (
        <div className="actions">
          {renderPresets?.(replace)}
          <button type="button" className="btn btn-primary" disabled={formState.isSubmitting} data-testid={`${testIdPrefix}-save`} onClick={sortAndSave}>
            {saveLabel}
          </button>
        </div>
      )}
    </>
  );
}
