import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { SegmentQuery } from '../../../src-shared/contract/segments';
import { errorMessage } from '../../lib/client';
import { contractResolver } from '../../lib/forms';
import { useCall, useDebounced } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { FormError } from '../../lib/ui';
import { RowEditor, useRowOptions } from './RowEditor';
import { type QueryValues, type RowKind, blankRow, fieldOfKind, problemsOf, queryOf, rowKindLabels, rowKinds } from './queryForm';

const RunForm = z.strictObject({ query: SegmentQuery });
const patientsLabel = (n: number) => `${n.toLocaleString()} patient${n === 1 ? '' : 's'}`;

/**
 * The universal search: condition rows added and removed, the live count under them (a short pause after typing),
 * and Run to list the members. Every refusal the contract makes is shown beside the rows it is about.
 */
export function QueryBuilder({ initial, onRun }: { initial: QueryValues; onRun: (query: SegmentQuery) => void }) {
  const { currency } = useClinic();
  const options = useRowOptions();
  const form = useForm<QueryValues, unknown, z.output<typeof RunForm>>({
    resolver: contractResolver(RunForm, (v: QueryValues) => ({ query: queryOf(v.rows, currency) })),
    defaultValues: initial,
  });
  const rows = useFieldArray({ control: form.control, name: 'rows' });
  const watched = useWatch({ control: form.control, name: 'rows' }) ?? [];
  const query = queryOf(watched, currency);
  const problems = problemsOf(query);
  const valid = Object.keys(problems).length === 0;
  const debounced = useDebounced(valid ? JSON.stringify(query) : null, 300);
  const count = useCall('segments.count', debounced === null ? null : { query: JSON.parse(debounced) as SegmentQuery });

  const addKind = (kind: RowKind) => rows.append(blankRow(kind));
  return (
    <form className="panel segment-builder no-print" noValidate onSubmit={form.handleSubmit((input) => onRun(input.query))} data-testid="segment-builder">
      {rows.fields.length === 0 && <p className="muted">No conditions: every patient. Add a condition to narrow the list.</p>}
      {rows.fields.map((field, index) => {
        const row = watched[index] ?? field;
        return (
          <RowEditor
            key={field.id}
            index={index}
            row={row}
            register={form.register}
            options={options}
            problem={problems[fieldOfKind[row.kind]]}
            onKind={(kind) => rows.update(index, blankRow(kind))}
            onRemove={() => rows.remove(index)}
          />
        );
      })}
      <div className="actions actions-start">
        <label className="inline">
          Add condition{' '}
          <select value="" onChange={(e) => e.target.value && addKind(e.target.value as RowKind)} data-testid="add-condition">
            <option value="">Choose…</option>
            {rowKinds.map((kind) => (
              <option key={kind} value={kind}>
                {rowKindLabels[kind]}
              </option>
            ))}
          </select>
        </label>
        <span className="segment-count" aria-live="polite" data-testid="live-count">
          {!valid ? 'Fix the highlighted conditions' : count.data ? patientsLabel(count.data.count) : count.error ? errorMessage(count.error) : 'Counting…'}
        </span>
        <button type="submit" className="btn btn-primary" disabled={!valid} data-testid="segment-run">
          Show patients
        </button>
      </div>
      {problems[''] && <FormError message={problems['']} />}
    </form>
  );
}
