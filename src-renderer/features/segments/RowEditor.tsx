import type { UseFormRegister } from 'react-hook-form';
import { consentChannels, genders } from '../../../src-shared/contract/patients';
import { rfmSegmentLabels, rfmSegments, tierLabels, tiers } from '../../../src-shared/contract/segments';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { type QueryValues, type RowKind, type RowValues, pickModeLabels, rowKindLabels, rowKinds } from './queryForm';

interface Option {
  value: string;
  label: string;
}

const genderLabels: Record<(typeof genders)[number], string> = { female: 'Female', male: 'Male', nonBinary: 'Non-binary', other: 'Other', undisclosed: 'Undisclosed' };
const fixed = <K extends string>(keys: readonly K[], labels: Record<K, string>): Option[] => keys.map((value) => ({ value, label: labels[value] }));

/** The choices each list row offers, read once for the whole builder. */
export function useRowOptions(): Partial<Record<RowKind, Option[]>> {
  const categories = useCall('catalog.categories', {});
  const services = useCall('catalog.services', {});
  const tags = useCall('tags.list', {});
  const sources = useCall('catalog.referralSources', {});
  const staff = useCall('staff.list', {});
  const byId = (rows: { id: number; name?: string; displayName?: string }[] | undefined) => (rows ?? []).map((r) => ({ value: String(r.id), label: r.name ?? r.displayName ?? '' }));
  const categoryOptions = byId(categories.data);
  return {
    categories: categoryOptions,
    treated: categoryOptions,
    services: byId(services.data),
    tags: byId(tags.data),
    referral: byId(sources.data),
    providers: byId(staff.data?.filter((s) => s.role === 'practitioner' || s.role === 'owner' || s.role === 'manager')),
    tiers: fixed(tiers, tierLabels),
    rfm: fixed(rfmSegments, rfmSegmentLabels),
    genders: fixed(genders, genderLabels),
    contactable: consentChannels.map((c) => ({ value: c, label: c === 'sms' ? 'SMS' : c[0].toUpperCase() + c.slice(1) })),
    doNotContact: [
      { value: 'yes', label: 'Yes, do not contact' },
      { value: 'no', label: 'No' },
    ],
  };
}

/** The chosen options' labels, since a long list scrolls them out of sight. */
const picked = (choices: Option[], values: string[] | string) => {
  const chosen = new Set(([] as string[]).concat(values));
  return choices
    .filter((option) => chosen.has(option.value))
    .map((option) => option.label)
    .join(', ');
};

const rangeLabels: Partial<Record<RowKind, [string, string]>> = {
  spent: ['At least', 'At most'],
  lastVisit: ['At least (days)', 'At most (days)'],
  visits: ['At least', 'At most'],
  age: ['From (years)', 'To (years)'],
};

/** One condition of the query builder: its kind, then the inputs that kind needs. */
export function RowEditor({
  index,
  row,
  register,
  options,
  problem,
  onKind,
  onRemove,
}: {
  index: number;
  row: RowValues;
  register: UseFormRegister<QueryValues>;
  options: Partial<Record<RowKind, Option[]>>;
  problem?: string;
  onKind: (kind: RowKind) => void;
  onRemove: () => void;
}) {
  const { currency } = useClinic();
  const name = <F extends keyof RowValues>(field: F) => `rows.${index}.${field}` as const;
  const choices = options[row.kind];
  const picks = row.kind === 'categories' || row.kind === 'services' || row.kind === 'tags';
  const range = rangeLabels[row.kind];
  return (
    <div className={`segment-row ${problem ? 'field-invalid' : ''}`} data-testid="segment-row">
      <select value={row.kind} onChange={(e) => onKind(e.target.value as RowKind)} aria-label="Condition" data-testid="row-kind">
        {rowKinds.map((kind) => (
          <option key={kind} value={kind}>
            {rowKindLabels[kind]}
          </option>
        ))}
      </select>
      {picks && (
        <select {...register(name('mode'))} aria-label="Bought" data-testid="row-mode">
          {(['any', 'all', 'never'] as const).map((mode) => (
            <option key={mode} value={mode}>
              {pickModeLabels[mode]}
            </option>
          ))}
        </select>
      )}
      {row.kind === 'treated' && (
        <>
          <input type="date" {...register(name('from'))} aria-label="From" data-testid="row-from" />
          <input type="date" {...register(name('to'))} aria-label="To" data-testid="row-to" />
        </>
      )}
      {range && (
        <>
          <input {...register(name('min'))} inputMode="decimal" placeholder={range[0]} aria-label={range[0]} data-testid="row-min" />
          <input {...register(name('max'))} inputMode="decimal" placeholder={range[1]} aria-label={range[1]} data-testid="row-max" />
          {row.kind === 'spent' && <span className="muted">{currency}</span>}
        </>
      )}
      {choices && (
        <select multiple={row.kind !== 'doNotContact'} {...register(name('values'))} aria-label={rowKindLabels[row.kind]} size={Math.min(5, choices.length)} data-testid="row-values">
          {choices.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
      {choices && row.kind !== 'doNotContact' && (
        <span className="muted segment-picked">
          {picked(choices, row.values) || 'Nothing chosen yet (Ctrl or Shift + click picks several)'}
        </span>
      )}
      <button type="button" className="btn-icon" aria-label="Remove condition" onClick={onRemove} data-testid="row-remove">
        ×
      </button>
      {problem && (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
