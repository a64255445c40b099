import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import type { Category } from '../../../src-shared/contract/catalog';
import { Field } from '../../lib/ui';
import { categoryLabel, type ProgramInput, type ProgramValues } from './programValues';

/** Per category, the percent of the usual points (200 = double, 0 = none); a category not listed earns 100 %. */
export function MultipliersEditor({ form, categories }: { form: UseFormReturn<ProgramValues, unknown, ProgramInput>; categories: Category[] }) {
  const { register, control, formState } = form;
  const rows = useFieldArray({ control, name: 'categoryMultipliers' });
  const errors = formState.errors.categoryMultipliers;
  return (
    <div data-testid="loyalty-multipliers">
      {rows.fields.length === 0 && <p className="muted small">Every category earns the usual points.</p>}
      {rows.fields.map((row, i) => (
        <div key={row.id} className="row row-tight" data-testid="loyalty-multiplier">
          <Field label="Category" error={errors?.[i]?.categoryId?.message}>
            <select {...register(`categoryMultipliers.${i}.categoryId`)} data-testid={`loyalty-multiplier-category-${i}`}>
              <option value="">Choose…</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {categoryLabel(c)}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Percent of the usual points" error={errors?.[i]?.percent?.message}>
            <input {...register(`categoryMultipliers.${i}.percent`)} inputMode="numeric" className="input-short" data-testid={`loyalty-multiplier-percent-${i}`} />
          </Field>
          <button type="button" className="btn btn-link" onClick={() => rows.remove(i)} aria-label={`Remove the multiplier ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" disabled={categories.length === 0} onClick={() => rows.append({ categoryId: '', percent: '200' }, { focusName: `categoryMultipliers.${rows.fields.length}.categoryId` })} data-testid="loyalty-multiplier-add">
        Add a multiplier
      </button>
    </div>
  );
}
