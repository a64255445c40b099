import { useFormContext, type FieldValues, type Path, type UseFormSetError } from 'react-hook-form';
import type { Chart, ChartContent, ChartTemplate } from '../../../src-shared/contract/charts';
import { client, errorMessage, LumenError } from '../../lib/client';
import type { FieldErrors } from '../../../src-shared/errors';

type Unit = ChartContent['injections'][number]['unit'];

/** What the inputs hold: text everywhere a number is typed, so a blank stays blank until validation. */
export interface InjectionRow {
  site: string;
  product: string;
  units: string;
  unit: Unit;
  lot: string;
  expiry: string;
}

export interface DeviceRow {
  device: string;
  area: string;
  wavelengthNm: string;
  fluence: string;
  spotSizeMm: string;
  pulseMs: string;
  passes: string;
}

export interface ContentValues {
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  consentFormRef: string;
  postCare: string;
  injections: InjectionRow[];
  deviceSettings: DeviceRow[];
}

/** Form paths match the server's dotted error paths ("content.injections.0.expiry"), so refusals land on their field. */
export interface ChartValues {
  content: ContentValues;
  reason: string;
}

/** What the contract schema hands back once the form's text is valid. */
export interface ChartOutput {
  content: ChartContent;
  reason?: string;
}

/** The chart form, for the sections rendered inside its FormProvider. */
export const useChartForm = () => useFormContext<ChartValues, unknown, ChartOutput>();

export const unitLabels: Record<Unit, string> = { U: 'U', 'ml×0.1': 'ml×0.1' };

const text = (n: number | string | null): string => (n === null ? '' : String(n));
const numberOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));
const textOrNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

export function toValues(content: Chart['content'] | null): ContentValues {
  return {
    subjective: content?.subjective ?? '',
    objective: content?.objective ?? '',
    assessment: content?.assessment ?? '',
    plan: content?.plan ?? '',
    consentFormRef: content?.consentFormRef ?? '',
    postCare: content?.postCare ?? '',
    injections: (content?.injections ?? []).map((i) => ({ ...i, units: String(i.units) })),
    deviceSettings: (content?.deviceSettings ?? []).map((d) => ({
      device: d.device,
      area: d.area,
      wavelengthNm: text(d.wavelengthNm),
      fluence: text(d.fluence),
      spotSizeMm: text(d.spotSizeMm),
      pulseMs: text(d.pulseMs),
      passes: text(d.passes),
    })),
  };
}

/** Form text → the contract's ChartContent input (numbers parsed, blanks → null); the contract schema then validates it. */
export function toContent(template: ChartTemplate, v: ContentValues) {
  return {
    template,
    subjective: v.subjective,
    objective: v.objective,
    assessment: v.assessment,
    plan: v.plan,
    consentFormRef: v.consentFormRef,
    postCare: v.postCare,
    injections: v.injections.map((i) => ({ ...i, units: i.units.trim() === '' ? undefined : Number(i.units) })),
    deviceSettings: v.deviceSettings.map((d) => ({
      device: d.device,
      area: d.area,
      wavelengthNm: numberOrNull(d.wavelengthNm),
      fluence: textOrNull(d.fluence),
      spotSizeMm: textOrNull(d.spotSizeMm),
      pulseMs: textOrNull(d.pulseMs),
      passes: numberOrNull(d.passes),
    })),
  };
}

export const emptyInjection = (site: string, like?: InjectionRow): InjectionRow => ({
  site,
  product: like?.product ?? '',
  units: '',
  unit: like?.unit ?? 'U',
  // The same vial usually serves the next site too.
  lot: like?.lot ?? '',
  expiry: like?.expiry ?? '',
});

export const emptyDevice = (like?: DeviceRow): DeviceRow => ({
  device: like?.device ?? '',
  area: '',
  wavelengthNm: like?.wavelengthNm ?? '',
  fluence: like?.fluence ?? '',
  spotSizeMm: like?.spotSizeMm ?? '',
  pulseMs: like?.pulseMs ?? '',
  passes: '',
});

/** Units per product and unit, for the running total under the injection rows. */
export function totalsByProduct(rows: { product: string; units: string | number; unit: Unit }[]): { product: string; unit: Unit; total: number }[] {
  const totals = new Map<string, { product: string; unit: Unit; total: number }>();
  for (const r of rows) {
    const product = r.product.trim();
    const units = Number(r.units);
    if (!product || !Number.isFinite(units)) continue;
    const key = `${product.toLowerCase()}|${r.unit}`;
    const t = totals.get(key) ?? { product, unit: r.unit, total: 0 };
    t.total += units;
    totals.set(key, t);
  }
  return [...totals.values()];
}

function isFieldErrors(details: unknown): details is FieldErrors {
  return typeof details === 'object' && details !== null && 'fieldErrors' in details;
}

/** Server refusals beside their fields (content.* and reason); anything else as the form's own message. */
export function showChartError<V extends FieldValues>(error: unknown, setError: UseFormSetError<V>, prefix = ''): void {
  if (error instanceof LumenError && error.code === 'invalid_input' && isFieldErrors(error.details)) {
    const rest = [...error.details.formErrors];
    for (const [path, messages] of Object.entries(error.details.fieldErrors)) {
      if (!messages?.length) continue;
      if (path.startsWith('content.') || path === 'reason') setError(`${prefix}${path}` as Path<V>, { type: 'server', message: messages.join(' ') });
      else rest.push(messages.join(' '));
    }
    setError('root.server' as Path<V>, { type: 'server', message: rest.join(' ') || error.message });
    return;
  }
  setError('root.server' as Path<V>, { type: 'server', message: errorMessage(error) });
}

/** A lot in stock, as `charts.lots` offers it. */
export interface Lot {
  product: string;
  lot: string;
  expiry: string;
  unit: string;
  onHand: number;
}

const lotCache = new Map<string, Promise<Lot[]>>();

/** Lots in stock for one product; remembered until a note is saved (which takes units out). */
export function lotsFor(product: string): Promise<Lot[]> {
  const key = product.trim().toLowerCase();
  let pending = lotCache.get(key);
  if (!pending) {
    pending = client.call('charts.lots', { product: product.trim() });
    pending.catch(() => lotCache.delete(key));
    lotCache.set(key, pending);
  }
  return pending;
}

export function forgetLots(): void {
  lotCache.clear();
}
