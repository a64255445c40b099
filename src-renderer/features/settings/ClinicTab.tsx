import { useForm, type Resolver } from 'react-hook-form';
import { SettingsPatch, type ClinicSettings } from '../../../src-shared/contract/settings';
import { parseMoney } from '../../../src-shared/money';
import { client } from '../../lib/client';
import { bpToPercent, centsToInput, percentToBp } from '../../lib/format';
import { showServerError } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useCan, useUi } from '../../lib/store';
import { Async, ComboBox, Field, FormError } from '../../lib/ui';
import { AddressPlaceFields } from '../../lib/AddressFields';
import { timeZones } from '../setup/places';

interface ClinicValues {
  name: string;
  address: { line1: string; line2: string; city: string; region: string; postalCode: string; country: string };
  phone: string;
  email: string;
  timeZone: string;
  currency: string;
  idleLockMinutes: string;
  leadToConsult: string;
  consultToTreatment: string;
  weeklyTarget: string;
  backupFolder: string;
  backupKeepDaily: string;
  backupKeepWeekly: string;
}
type Patch = typeof SettingsPatch._zod.output;

/** Contract keys that the form shows under another name (percent and money fields). */
const formName: Record<string, keyof ClinicValues> = {
  leadToConsultRateBp: 'leadToConsult',
  consultToTreatmentRateBp: 'consultToTreatment',
  weeklySalesTargetCents: 'weeklyTarget',
};

/** Percent and money text become basis points and cents here; the contract schema checks the rest. */
const resolver: Resolver<ClinicValues, unknown, Patch> = (v) => {
  const errors: Record<string, { type: string; message: string }> = {};
  const lead = percentToBp(v.leadToConsult);
  const consult = percentToBp(v.consultToTreatment);
  const target = parseMoney(v.weeklyTarget || '0', v.currency.trim().toUpperCase() || 'EUR');
  if (lead === null) errors.leadToConsult = { type: 'parse', message: 'A percentage between 0 and 100' };
  if (consult === null) errors.consultToTreatment = { type: 'parse', message: 'A percentage between 0 and 100' };
  if (target === null) errors.weeklyTarget = { type: 'parse', message: 'An amount like 12500.00' };
  const parsed = SettingsPatch.safeParse({
    name: v.name,
    address: v.address,
    phone: v.phone,
    email: v.email.trim(),
    timeZone: v.timeZone,
    currency: v.currency.trim().toUpperCase(),
    idleLockMinutes: Number(v.idleLockMinutes),
    leadToConsultRateBp: lead ?? 0,
    consultToTreatmentRateBp: consult ?? 0,
    weeklySalesTargetCents: target ?? 0,
    backupFolder: v.backupFolder,
    backupKeepDaily: Number(v.backupKeepDaily),
    backupKeepWeekly: Number(v.backupKeepWeekly),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, ...rest] = issue.path.map(String);
      const name = [formName[head] ?? head, ...rest].join('.');
      errors[name] ??= { type: issue.code, message: issue.message };
    }
  }
  if (Object.keys(errors).length || !parsed.success) {
    // react-hook-form reads nested errors by path; build the nested object.
    const nested: Record<string, unknown> = {};
    for (const [path, err] of Object.entries(errors)) {
      const parts = path.split('.');
      let node = nested;
      for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
      node[parts[parts.length - 1]] = err;
    }
    return { values: {}, errors: nested as never };
  }
  return { values: parsed.data, errors: {} };
};

function toValues(s: ClinicSettings): ClinicValues {
  return {
    name: s.name,
    address: { ...s.address },
    phone: s.phone,
    email: s.email,
    timeZone: s.timeZone,
    currency: s.currency,
    idleLockMinutes: String(s.idleLockMinutes),
    leadToConsult: bpToPercent(s.leadToConsultRateBp),
    consultToTreatment: bpToPercent(s.consultToTreatmentRateBp),
    weeklyTarget: centsToInput(s.weeklySalesTargetCents, s.currency),
    backupFolder: s.backupFolder,
    backupKeepDaily: String(s.backupKeepDaily),
    backupKeepWeekly: String(s.backupKeepWeekly),
  };
}

export function ClinicTab() {
  const state = useCall('settings.get', {});
  return <Async state={state}>{(s) => <ClinicForm settings={s} />}</Async>;
}

function ClinicForm({ settings }: { settings: ClinicSettings }) {
  const can = useCan();
  const readOnly = !can('settings.manage');
  const { register, handleSubmit, setError, formState, reset, watch, setValue } = useForm<ClinicValues, unknown, Patch>({ resolver, defaultValues: toValues(settings) });
  const e = formState.errors;
  const currency = watch('currency');
  const timeZone = watch('timeZone');

  const submit = handleSubmit(async (patch) => {
    try {
      const saved = await client.call('settings.update', patch);
      reset(toValues(saved));
      const ui = useUi.getState();
      ui.setStatus(await client.call('app.status', {}));
      if (ui.session) ui.setSession({ ...ui.session, idleLockMinutes: saved.idleLockMinutes, locked: false });
      ui.notify('Settings saved');
    } catch (err) {
      showServerError(err, setError);
    }
  });

  return (
    <form className="form" onSubmit={submit} data-testid="clinic-settings" noValidate>
      <fieldset disabled={readOnly}>
        <legend>Clinic</legend>
        <div className="row">
          <Field label="Clinic name" error={e.name?.message}>
            <input {...register('name')} data-testid="settings-name" />
          </Field>
          <Field label="Phone" error={e.phone?.message}>
            <input {...register('phone')} />
          </Field>
          <Field label="Email" error={e.email?.message}>
            <input type="email" {...register('email')} />
          </Field>
        </div>
        <div className="row">
          <Field label="Street address" error={e.address?.line1?.message}>
            <input {...register('address.line1')} />
          </Field>
          <Field label="Line 2" error={e.address?.line2?.message}>
            <input {...register('address.line2')} />
          </Field>
        </div>
        <AddressPlaceFields field={(part) => register(`address.${part}`)} errors={e.address} />
        <div className="row">
          <Field label="Time zone" error={e.timeZone?.message}>
            <ComboBox options={timeZones} value={timeZone} onChange={(t) => setValue('timeZone', t, { shouldDirty: true })} toText={(z) => z} testId="settings-timezone" />
          </Field>
          <Field label="Currency" error={e.currency?.message}>
            <input {...register('currency')} maxLength={3} className="input-short" />
          </Field>
          <Field label="Lock after idle (minutes)" error={e.idleLockMinutes?.message}>
            <input type="number" min={1} max={240} {...register('idleLockMinutes')} className="input-short" data-testid="settings-idle-lock" />
          </Field>
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Planning assumptions</legend>
        <p className="muted small">Used by the projected-sales report.</p>
        <div className="row">
          <Field label="Lead → consultation rate (%)" error={e.leadToConsult?.message}>
            <input inputMode="decimal" {...register('leadToConsult')} className="input-short" data-testid="settings-lead-rate" />
          </Field>
          <Field label="Consultation → treatment rate (%)" error={e.consultToTreatment?.message}>
            <input inputMode="decimal" {...register('consultToTreatment')} className="input-short" data-testid="settings-consult-rate" />
          </Field>
          <Field label={`Weekly sales target (${currency || '—'})`} error={e.weeklyTarget?.message}>
            <input inputMode="decimal" {...register('weeklyTarget')} data-testid="settings-weekly-target" />
          </Field>
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Backups</legend>
        <div className="row">
          <Field label="Backup folder" error={e.backupFolder?.message}>
            <input {...register('backupFolder')} />
          </Field>
          <Field label="Keep daily" error={e.backupKeepDaily?.message}>
            <input type="number" {...register('backupKeepDaily')} className="input-short" />
          </Field>
          <Field label="Keep weekly" error={e.backupKeepWeekly?.message}>
            <input type="number" {...register('backupKeepWeekly')} className="input-short" />
          </Field>
        </div>
      </fieldset>
      <FormError message={e.root?.server?.message} />
      {!readOnly && (
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={formState.isSubmitting || !formState.isDirty} data-testid="settings-save">
            Save settings
          </button>
        </div>
      )}
    </form>
  );
}
