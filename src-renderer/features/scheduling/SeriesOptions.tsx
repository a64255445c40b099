import { useFormContext, useWatch } from 'react-hook-form';
import type { OutputOf } from '../../../src-shared/contract/index';
import type { SegmentInput } from '../../../src-shared/contract/scheduling';
import { client } from '../../lib/client';
import { showServerError } from '../../lib/forms';
import { useClinic } from '../../lib/store';
import { type BookingParsed, type BookingValues } from './bookingForm';
import { ConflictList } from './Conflicts';
import { localDate } from '../../../src-shared/time';
import { dayLabel, rangeLabel } from './time';

export type Occurrences = OutputOf<'series.preview'>;

/**
 * "Repeat every n weeks × m visits", and every visit of the series with its conflicts, each of which can be
 * skipped. `preview` is the shown list while it still matches the form; `onPreview` receives a fresh one.
 */
export function SeriesOptions({ segments, preview, onPreview }: { segments: SegmentInput[] | null; preview: Occurrences | null; onPreview: (occurrences: Occurrences) => void }) {
  const { register, control, getValues, setValue, setError, trigger, formState } = useFormContext<BookingValues, unknown, BookingParsed>();
  const [repeat, patient] = useWatch({ control, name: ['repeat', 'patient'] });
  const ruleError = formState.errors.rule?.every?.message ?? formState.errors.rule?.count?.message;
  const show = async () => {
    if (!segments || !(await trigger())) return;
    const values = getValues();
    try {
      onPreview(await client.call('series.preview', { patientId: values.patient!.id, segments, rule: { ...values.rule, unit: 'week' } }));
      setValue('skipIndexes', []);
    } catch (e) {
      showServerError(e, setError, { known: [] });
    }
  };
  return (
    <>
      <div className="repeat">
        <label className="inline checkbox">
          <input type="checkbox" {...register('repeat')} data-testid="booking-repeat" />
          Repeat every
        </label>
        <input type="number" min={1} max={52} disabled={!repeat} className="input-tiny" aria-label="Weeks between visits" {...register('rule.every', { valueAsNumber: true })} data-testid="booking-repeat-every" />
        weeks ×
        <input type="number" min={2} max={52} disabled={!repeat} className="input-tiny" aria-label="Number of visits" {...register('rule.count', { valueAsNumber: true })} data-testid="booking-repeat-count" />
        visits
        {repeat && (
          <button type="button" className="btn btn-small" disabled={!patient || !segments} data-testid="booking-series-preview" onClick={show}>
            Show every visit
          </button>
        )}
      </div>
      {ruleError && <p className="field-error" role="alert">{ruleError}</p>}
      {repeat && preview && <SeriesPreview occurrences={preview} />}
    </>
  );
}

function SeriesPreview({ occurrences }: { occurrences: Occurrences }) {
  const { timeZone } = useClinic();
  const { register } = useFormContext<BookingValues, unknown, BookingParsed>();
  return (
    <table className="table table-compact" data-testid="series-preview">
      <thead>
        <tr>
          <th>#</th>
          <th>When</th>
          <th>Conflicts</th>
          <th>Skip</th>
        </tr>
      </thead>
      <tbody>
        {occurrences.map((o) => (
          <tr key={o.index} data-testid="series-occurrence" className={o.conflicts.length ? 'row-warn' : ''}>
            <td>{o.index + 1}</td>
            <td className="nowrap">
              {dayLabel(localDate(o.startsAt, timeZone))} {rangeLabel(o.startsAt, o.endsAt, timeZone)}
            </td>
            <td>{o.conflicts.length ? <ConflictList conflicts={o.conflicts} /> : <span className="muted">None</span>}</td>
            <td>
              <input type="checkbox" aria-label={`Skip visit ${o.index + 1}`} value={o.index} {...register('skipIndexes')} data-testid={`series-skip-${o.index}`} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
