import { periodPresetLabels, periodPresets, resolvePeriod, type Period, type PeriodPreset } from '../../../src-shared/reports/period';
import { periodRefusal } from './periodRefusal';

/** The period a report is asked for: a named preset (resolved against the clinic's today) or two dates typed in. */
export interface PeriodChoice {
  preset: PeriodPreset | 'custom';
  from: string;
  to: string;
}

export function presetChoice(preset: PeriodPreset, today: string): PeriodChoice {
  return { preset, ...resolvePeriod(preset, today) };
}

/**
 * Preset and dates, reachable with Tab: a preset fills the dates; editing a date makes the period custom. The dates
 * go to the report as typed, so an empty or reversed period is refused by the report and the refusal shows here.
 */
export function PeriodPicker({ value, today, onChange, error, children }: { value: PeriodChoice; today: string; onChange: (p: PeriodChoice) => void; error?: unknown; children?: React.ReactNode }) {
  const refusal = periodRefusal(error);
  const setDate = (patch: Partial<Period>) => onChange({ ...value, ...patch, preset: 'custom' });
  return (
    <div className="period-fields" data-testid="period-picker">
      <label className="field">
        <span className="field-label">Period</span>
        <select value={value.preset} onChange={(e) => onChange(e.target.value === 'custom' ? { ...value, preset: 'custom' } : presetChoice(e.target.value as PeriodPreset, today))} data-testid="period-preset">
          {periodPresets.map((preset) => (
            <option key={preset} value={preset}>
              {periodPresetLabels[preset]}
            </option>
          ))}
          <option value="custom">Custom dates</option>
        </select>
      </label>
      <label className={`field ${refusal ? 'field-invalid' : ''}`}>
        <span className="field-label">From</span>
        <input type="date" value={value.from} onChange={(e) => setDate({ from: e.target.value })} aria-invalid={refusal ? true : undefined} data-testid="period-from" />
      </label>
      <label className={`field ${refusal ? 'field-invalid' : ''}`}>
        <span className="field-label">To</span>
        <input type="date" value={value.to} onChange={(e) => setDate({ to: e.target.value })} aria-invalid={refusal ? true : undefined} data-testid="period-to" />
      </label>
      {children}
      {refusal && (
        <span className="field-error period-error" role="alert" data-testid="period-error">
          {refusal}
        </span>
      )}
    </div>
  );
}
