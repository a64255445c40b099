import { useForm } from 'react-hook-form';
import { closing, type CommissionRate } from '../../../src-shared/contract/closing';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { client } from '../../lib/client';
import { bpToPercent, centsToInput, inputToCents, money, percentToBp } from '../../lib/format';
import { contractResolver, submitWith } from '../../lib/forms';
import { useAction, useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { ErrorBox, Field, SubmitRow } from '../../lib/ui';

interface RateValues {
  /** What it applies to: "" the default, "c12" category 12, "s34" service 34 (named for the field a refusal names). */
  serviceId: string;
  kind: 'percent' | 'perUnit';
  value: string;
}

function toInput(staffId: number, v: RateValues, currency: string) {
  const id = Number(v.serviceId.slice(1));
  return {
    staffId,
    serviceCategoryId: v.serviceId.startsWith('c') ? id : null,
    serviceId: v.serviceId.startsWith('s') ? id : null,
    kind: v.kind,
    value: (v.kind === 'percent' ? percentToBp(v.value) : inputToCents(v.value, currency)) ?? NaN,
  };
}

export const rateValueText = (rate: Pick<CommissionRate, 'kind' | 'value'>, currency: string) => (rate.kind === 'percent' ? `${bpToPercent(rate.value)} % of net` : `${money(rate.value, currency)} per unit`);

/** A provider's rates: the default, then per category and per service (the most specific applies). */
export function CommissionRates({ staffId }: { staffId: number | null }) {
  const { currency } = useClinic();
  const rates = useCall('commission.rates', staffId === null ? null : { staffId });
  const categories = useCall('catalog.categories', {});
  const services = useCall('catalog.services', {});
  const remove = useAction();
  const form = useForm<RateValues, unknown, ParsedInputOf<'commission.saveRate'>>({
    resolver: contractResolver(closing['commission.saveRate'].input, (v: RateValues) => toInput(staffId ?? 0, v, currency)),
    defaultValues: { serviceId: '', kind: 'percent', value: '' },
  });
  if (staffId === null) return null;
  const save = submitWith(form, async (input) => {
    await client.call('commission.saveRate', input);
    form.reset({ serviceId: '', kind: form.getValues('kind'), value: '' });
    rates.reload();
  }, { known: ['value', 'serviceId'] });

  return (
    <section className="commission-rates no-print" data-testid="commission-rates">
      <h2>Rates</h2>
      {rates.error !== undefined && <ErrorBox error={rates.error} onRetry={rates.reload} />}
      {remove.error !== undefined && <ErrorBox error={remove.error} />}
      {rates.data?.length === 0 && <p className="muted">No rates yet: this provider earns no commission.</p>}
      <ul className="plain-list">
        {(rates.data ?? []).map((rate) => (
          <li key={rate.id} data-testid="commission-rate">
            {rate.appliesTo}: {rateValueText(rate, currency)}{' '}
            <button type="button" className="btn btn-small" disabled={remove.busy} onClick={() => void remove.run(async () => { await client.call('commission.removeRate', { id: rate.id }); rates.reload(); })} aria-label={`Remove the rate for ${rate.appliesTo}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="form form-row" noValidate onSubmit={save}>
        <Field label="Applies to" error={form.formState.errors.serviceId?.message}>
          <select {...form.register('serviceId')} data-testid="rate-scope">
            <option value="">Default (everything else)</option>
            {(categories.data ?? []).map((c) => <option key={`c${c.id}`} value={`c${c.id}`}>Category: {c.name}</option>)}
            {(services.data ?? []).map((s) => <option key={`s${s.id}`} value={`s${s.id}`}>Service: {s.name}</option>)}
          </select>
        </Field>
        <Field label="Kind">
          <select {...form.register('kind')} data-testid="rate-kind">
            <option value="percent">Percent of net</option>
            <option value="perUnit">Amount per unit</option>
          </select>
        </Field>
        <Field label={form.watch('kind') === 'percent' ? 'Percent' : 'Amount'} error={form.formState.errors.value?.message} hint={form.watch('kind') === 'percent' ? 'e.g. 12.5' : `e.g. ${centsToInput(500, currency)}`}>
          <input {...form.register('value')} inputMode="decimal" className="input-money" data-testid="rate-value" />
        </Field>
        <SubmitRow error={form.formState.errors.root?.server?.message} busy={form.formState.isSubmitting} testId="rate-save">Save rate</SubmitRow>
      </form>
    </section>
  );
}
