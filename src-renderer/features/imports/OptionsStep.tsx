import { dateOrders, importFields, numberStyles, type FieldType, type ImportOptions } from '../../../src-shared/contract/imports';
import { LumenError } from '../../../src-shared/errors';
import { errorMessage } from '../../lib/client';
import { useCall } from '../../lib/hooks';
import { Field, FormError, Spinner } from '../../lib/ui';
import { sampleValues, selection, type ImportChoices } from './choices';

const dateOrderLabels: Record<(typeof dateOrders)[number], string> = { dayFirst: 'Day first (31/12/2019)', monthFirst: 'Month first (12/31/2019)' };
const numberStyleLabels: Record<(typeof numberStyles)[number], string> = { dotDecimal: '1,234.56 (dot for decimals)', commaDecimal: '1.234,56 (comma for decimals)' };
const detectedDateOrder = {
  dayFirst: 'The dates in this file are day-first.',
  monthFirst: 'The dates in this file are month-first.',
  ambiguous: 'The dates in this file could be read either way: choose how they are written.',
  conflicting: 'Some dates in this file are day-first and others month-first: choose how most are written; the others will be reported.',
} as const;

/** Examples from the mapped columns of some types, shown beside the choice they depend on. */
function examples(choices: ImportChoices, types: Record<string, FieldType>, wanted: readonly FieldType[]): string[] {
  return sampleValues(choices.file, choices.mapping.flatMap((key, i) => (key && wanted.includes(types[key]) ? [i] : [])), 6);
}

/** Whether a refusal names one of the options (the preview refuses until an ambiguous one is chosen). */
function refusedOption(error: unknown, option: keyof ImportOptions): boolean {
  if (!(error instanceof LumenError)) return false;
  const fields = (error.details as { fieldErrors?: Record<string, unknown> } | undefined)?.fieldErrors ?? {};
  return Object.keys(fields).some((f) => f.endsWith(option));
}

/**
 * Step 3: how dates and amounts are written and the country of phone numbers without one. Lumen reads the mapped
 * columns and says what it found; a date order the data does not settle must be chosen here, never guessed.
 */
export function OptionsStep({ choices, onChange, onNext }: { choices: ImportChoices; onChange: (patch: Partial<ImportChoices>) => void; onNext: () => void }) {
  const check = useCall('imports.preview', { ...selection(choices), limit: 1 });
  const types = Object.fromEntries(importFields[choices.kind].map((f) => [f.key, f.type]));
  const set = (patch: Partial<ImportOptions>) => onChange({ options: { ...choices.options, ...patch } });
  const detected = check.data?.detected;
  const dates = examples(choices, types, ['date', 'dateTime', 'flagOrDate']);
  const amounts = examples(choices, types, ['cents', 'whole']);

  return (
    <div className="panel stack-page import-options" data-testid="import-options-step">
      {(dates.length > 0 || refusedOption(check.error, 'dateOrder')) && (
        <Field label="Dates are written" error={refusedOption(check.error, 'dateOrder') ? errorMessage(check.error) : undefined} hint={detected?.dateOrder && !choices.options.dateOrder ? detectedDateOrder[detected.dateOrder] : undefined}>
          <select autoFocus value={choices.options.dateOrder ?? ''} onChange={(e) => set({ dateOrder: (e.target.value || undefined) as ImportOptions['dateOrder'] })} data-testid="import-date-order">
            <option value="">As detected</option>
            {dateOrders.map((o) => (
              <option key={o} value={o}>
                {dateOrderLabels[o]}
              </option>
            ))}
          </select>
          <span className="sample" data-testid="import-date-examples">
            For example: {dates.join(' · ') || '—'}
          </span>
        </Field>
      )}
      {(amounts.length > 0 || refusedOption(check.error, 'numberStyle')) && (
        <Field label="Amounts are written" error={refusedOption(check.error, 'numberStyle') ? errorMessage(check.error) : undefined}>
          <select value={choices.options.numberStyle ?? ''} onChange={(e) => set({ numberStyle: (e.target.value || undefined) as ImportOptions['numberStyle'] })} data-testid="import-number-style">
            <option value="">{detected?.numberStyle ? `As detected: ${numberStyleLabels[detected.numberStyle]}` : 'As detected'}</option>
            {numberStyles.map((s) => (
              <option key={s} value={s}>
                {numberStyleLabels[s]}
              </option>
            ))}
          </select>
          <span className="sample">For example: {amounts.join(' · ')}</span>
        </Field>
      )}
      <Field label="Country of phone numbers written without one" hint="Two letters, e.g. DE. Numbers are saved in international form (+49…).">
        <input className="input-short" value={choices.options.defaultCountry ?? ''} maxLength={2} onChange={(e) => set({ defaultCountry: e.target.value.toUpperCase() || undefined })} data-testid="import-country" />
      </Field>
      {check.loading && <Spinner label="Checking the file with these options…" />}
      {check.error !== undefined && !refusedOption(check.error, 'dateOrder') && !refusedOption(check.error, 'numberStyle') && <FormError message={errorMessage(check.error)} />}
      <div className="actions">
        <button type="button" className="btn btn-primary" disabled={!check.data || check.loading} onClick={onNext} data-testid="import-next">
          Next: preview
        </button>
      </div>
    </div>
  );
}
