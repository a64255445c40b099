import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SegmentSettings } from '../../../src-shared/contract/segments';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { centsToInput, inputToCents } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Async, Field, SubmitRow } from '../../lib/ui';

type Four = [string, string, string, string];
interface SettingsValues {
  newDays: string;
  activeDays: string;
  sleepingDays: string;
  recencyDays: Four;
  frequencyPurchases: Four;
  monetaryCents: Four;
  expectedLifespanYears: string;
}

const four = (values: readonly number[], text: (n: number) => string) => values.map(text) as Four;

/** A manager's thresholds: tiers by days since the first / last purchase, RFM score boundaries, the expected lifespan. */
export function SettingsTab() {
  const state = useCall('segments.settings', {});
  return <Async state={state}>{(settings) => <SettingsForm settings={settings} onSaved={state.reload} />}</Async>;
}

function SettingsForm({ settings, onSaved }: { settings: SegmentSettings; onSaved: () => void }) {
  const { currency } = useClinic();
  const form = useForm<SettingsValues, unknown, z.output<typeof SegmentSettings>>({
    resolver: contractResolver(SegmentSettings, (v: SettingsValues) => ({
      newDays: Number(v.newDays),
      activeDays: Number(v.activeDays),
      sleepingDays: Number(v.sleepingDays),
      recencyDays: v.recencyDays.map(Number),
      frequencyPurchases: v.frequencyPurchases.map(Number),
      monetaryCents: v.monetaryCents.map((text) => inputToCents(text, currency) ?? NaN),
      expectedLifespanYears: Number(v.expectedLifespanYears),
    })),
    defaultValues: {
      newDays: String(settings.newDays),
      activeDays: String(settings.activeDays),
      sleepingDays: String(settings.sleepingDays),
      recencyDays: four(settings.recencyDays, String),
      frequencyPurchases: four(settings.frequencyPurchases, String),
      monetaryCents: four(settings.monetaryCents, (c) => centsToInput(c, currency)),
      expectedLifespanYears: String(settings.expectedLifespanYears),
    },
  });
  const { register, formState } = form;
  const errors = formState.errors;
  const save = submitWith(form, async (input) => {
    await client.call('segments.saveSettings', input);
    useUi.getState().notify('Tier and RFM thresholds saved');
    onSaved();
  });
  const boundaries = (name: 'recencyDays' | 'frequencyPurchases' | 'monetaryCents', label: string, hint: string) => (
    <Field label={label} hint={hint} error={errors[name]?.message ?? errors[name]?.find?.((e) => e?.message)?.message}>
      <span className="actions actions-start">
        {([0, 1, 2, 3] as const).map((i) => (
          <input key={i} {...register(`${name}.${i}`)} inputMode="decimal" aria-label={`${label} ${i + 1}`} className="input-short" />
        ))}
      </span>
    </Field>
  );
  return (
    <form className="form panel" noValidate onSubmit={save} data-testid="segment-settings">
      <h2>Activity tiers</h2>
      <Field label="New: first purchase within (days)" error={errors.newDays?.message}>
        <input {...register('newDays')} inputMode="numeric" data-testid="settings-new" />
      </Field>
      <Field label="Active: last purchase within (days)" error={errors.activeDays?.message}>
        <input {...register('activeDays')} inputMode="numeric" />
      </Field>
      <Field label="Sleeping up to (days); deep sleep beyond" error={errors.sleepingDays?.message}>
        <input {...register('sleepingDays')} inputMode="numeric" />
      </Field>
      <h2>RFM scores (fixed thresholds, not quintiles)</h2>
      {boundaries('recencyDays', 'Recency: R5, R4, R3, R2 up to (days)', 'R1 beyond the last')}
      {boundaries('frequencyPurchases', 'Frequency: F2, F3, F4, F5 from (visits)', 'F1 below the first')}
      {boundaries('monetaryCents', `Monetary: M2, M3, M4, M5 from (${currency})`, 'M1 below the first')}
      <Field label="Expected lifespan of a patient (years), for lifetime value" error={errors.expectedLifespanYears?.message}>
        <input {...register('expectedLifespanYears')} inputMode="numeric" />
      </Field>
      <SubmitRow error={errors.root?.server?.message} busy={formState.isSubmitting} testId="settings-save">
        Save
      </SubmitRow>
    </form>
  );
}
