import { Controller, useFieldArray, type UseFormReturn } from 'react-hook-form';
import type { Category } from '../../../src-shared/contract/catalog';
import { Field } from '../../lib/ui';
import { categoryLabel, nextTier, type ProgramInput, type ProgramValues } from './programValues';

/**
 * The tiers, lowest first: name, the points earned in 12 months that reach it, its discount and the categories it
 * applies to, its birthday points. Thresholds must increase; the server's refusal shows beside the threshold.
 */
export function TiersEditor({ form, categories }: { form: UseFormReturn<ProgramValues, unknown, ProgramInput>; categories: Category[] }) {
  const { register, control, formState, getValues } = form;
  const rows = useFieldArray({ control, name: 'tiers' });
  const errors = formState.errors.tiers;
  return (
    <div data-testid="loyalty-tiers">
      {rows.fields.length === 0 && <p className="muted small">No tiers: every patient earns and redeems alike.</p>}
      <ol className="tier-list">
        {rows.fields.map((row, i) => (
          <li key={row.id} className="tier-row" data-testid="loyalty-tier-row">
            <div className="row row-tight">
              <Field label="Tier" error={errors?.[i]?.name?.message}>
                <input {...register(`tiers.${i}.name`)} data-testid={`loyalty-tier-name-${i}`} />
              </Field>
              <Field label="From (points in 12 months)" error={errors?.[i]?.thresholdPoints?.message}>
                <input {...register(`tiers.${i}.thresholdPoints`)} inputMode="numeric" className="input-short" data-testid={`loyalty-tier-threshold-${i}`} />
              </Field>
              <Field label="Discount (%)" error={errors?.[i]?.discountPercent?.message}>
                <input {...register(`tiers.${i}.discountPercent`)} inputMode="numeric" className="input-short" data-testid={`loyalty-tier-discount-${i}`} />
              </Field>
              <Field label="Birthday points" error={errors?.[i]?.birthdayPoints?.message}>
                <input {...register(`tiers.${i}.birthdayPoints`)} inputMode="numeric" className="input-short" data-testid={`loyalty-tier-birthday-${i}`} />
              </Field>
              <div className="actions tier-moves">
                <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => rows.move(i, i - 1)} aria-label={`Move tier ${i + 1} up`}>
                  ↑
                </button>
                <button type="button" className="btn btn-small" disabled={i === rows.fields.length - 1} onClick={() => rows.move(i, i + 1)} aria-label={`Move tier ${i + 1} down`}>
                  ↓
                </button>
                <button type="button" className="btn btn-link" onClick={() => rows.remove(i)} data-testid={`loyalty-tier-remove-${i}`}>
                  Remove
                </button>
              </div>
            </div>
            <Controller
              control={control}
              name={`tiers.${i}.categoryIds`}
              render={({ field, fieldState }) => (
                <fieldset className="tier-categories">
                  <legend className="field-label">Discount on (none ticked: every line but gift cards and top-ups)</legend>
                  {categories.length === 0 && <span className="muted small">No categories yet.</span>}
                  {categories.map((c) => (
                    <label key={c.id} className="inline checkbox">
                      <input
                        type="checkbox"
                        checked={field.value.includes(String(c.id))}
                        onChange={(e) => field.onChange(e.target.checked ? [...field.value, String(c.id)] : field.value.filter((id) => id !== String(c.id)))}
                      />{' '}
                      {categoryLabel(c)}
                    </label>
                  ))}
                  {fieldState.error && <span className="field-error">{fieldState.error.message}</span>}
                </fieldset>
              )}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-small" disabled={rows.fields.length >= 10} onClick={() => rows.append(nextTier(getValues('tiers')), { focusName: `tiers.${rows.fields.length}.name` })} data-testid="loyalty-tier-add">
        Add a tier
      </button>
    </div>
  );
}
