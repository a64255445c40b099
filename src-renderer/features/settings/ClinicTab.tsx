import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { SettingsPatch, type ClinicSettings } from '../../../src-shared/contract/settings';
import { client } from '../../lib/client';
import { bpToPercent, centsToInput, inputToCents, percentToBp } from '../../lib/format';
import { contractResolver, showServerError } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useCan, useUi } from '../../lib/store';
import { Async, ComboBox, Field, FormError } from '../../lib/ui';
import { AddressPlaceFields } from '../../lib/AddressFields';
import { timeZones } from '../setup/places';
import { readFromText } from './readFromText';
import { SalesReportsSetting } from './SalesReportsSetting';

/** Form text under the contract's own keys, so the contract's (and the server's) messages land beside their fields. */
interface ClinicValues {
  name: string;
  address: { line1: string; line2: string; city: string; region: string; postalCode: string; country: string };
  phone: string;
  email: string;
  timeZone: string;
  currency: string;
  idleLockMinutes: string;
  leadToConsultRateBp: string;
  consultToTreatmentRateBp: string;
  weeklySalesTargetCents: string;
  backupFolder: string;
  backupKeepDaily: string;
  backupKeepWeekly: string;
  pricesIncludeTax: 'included' | 'added';
  taxRounding: 'line' | 'invoice';
}

const percent = 'A percentage between 0 and 100';
const ClinicSchema = SettingsPatch.extend({
  leadToConsultRateBp: readFromText(SettingsPatch.shape.leadToConsultRateBp.unwrap(), percent),
  consultToTreatmentRateBp: readFromText(SettingsPatch.shape.consultToTreatmentRateBp.unwrap(), percent),
  weeklySalesTargetCents: readFromText(SettingsPatch.shape.weeklySalesTargetCents.unwrap(), 'An amount like 12500.00'),
});

/** Percent and money text become basis points and cents here; the contract schema checks the rest. */
function toInput(v: ClinicValues) {
  const currency = v.currency.trim().toUpperCase();
  return {
    ...v,
    email: v.email.trim(),
    currency,
    idleLockMinutes: Number(v.idleLockMinutes),
    leadToConsultRateBp: percentToBp(v.leadToConsultRateBp),
    consultToTreatmentRateBp: percentToBp(v.consultToTreatmentRateBp),
    weeklySalesTargetCents: inputToCents(v.weeklySalesTargetCents, currency || 'EUR'),
    backupKeepDaily: Number(v.backupKeepDaily),
    backupKeepWeekly: Number(v.backupKeepWeekly),
    pricesIncludeTax: v.pricesIncludeTax === 'included',
  };
}

function toValues(s: ClinicSettings): ClinicValues {
  return {
    name: s.name,
    address: { ...s.address },
    phone: s.phone,
    email: s.email,
    timeZone: s.timeZone,
    currency: s.currency,
    idleLockMinutes: String(s.idleLockMinutes),
    leadToConsultRateBp: bpToPercent(s.leadToConsultRateBp),
    consultToTreatmentRateBp: bpToPercent(s.consultToTreatmentRateBp),
    weeklySalesTargetCents: centsToInput(s.weeklySalesTargetCents, s.currency),
    backupFolder: s.backupFolder,
    backupKeepDaily: String(s.backupKeepDaily),
    backupKeepWeekly: String(s.backupKeepWeekly),
    pricesIncludeTax: s.pricesIncludeTax ? 'included' : 'added',
    taxRounding: s.taxRounding,
  };
}

export function ClinicTab() {
  const state = useCall('settings.get', {});
  const can = useCan();
  return (
    <>
      <Async state={state}>{(s) => <ClinicForm settings={s} />}</Async>
      {can('reports.read') && <SalesReportsSetting />}
    </>
  );
}

function ClinicForm({ settings }: { settings: ClinicSettings }) {
  const can = useCan();
  const readOnly = !can('settings.manage');
  const { register, handleSubmit, setError, formState, reset, control } = useForm<ClinicValues, unknown, z.output<typeof ClinicSchema>>({
    resolver: contractResolver(ClinicSchema, toInput),
    defaultValues: toValues(settings),
  });
  const e = formState.errors;
  const currency = useWatch({ control, name: 'currency' });

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
            <Controller
              control={control}
              name="timeZone"
              render={({ field }) => (
                <ComboBox options={timeZones} value={field.value} onChange={(text) => field.onChange(text)} toText={(z) => z} testId="settings-timezone" inputProps={{ onBlur: field.onBlur, name: field.name }} />
              )}
            />
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
          <Field label="Lead → consultation rate (%)" error={e.leadToConsultRateBp?.message}>
            <input inputMode="decimal" {...register('leadToConsultRateBp')} className="input-short" data-testid="settings-lead-rate" />
          </Field>
          <Field label="Consultation → treatment rate (%)" error={e.consultToTreatmentRateBp?.message}>
            <input inputMode="decimal" {...register('consultToTreatmentRateBp')} className="input-short" data-testid="settings-consult-rate" />
          </Field>
          <Field label={`Weekly sales target (${currency || '—'})`} error={e.weeklySalesTargetCents?.message}>
            <input inputMode="decimal" {...register('weeklySalesTargetCents')} data-testid="settings-weekly-target" />
          </Field>
        </div>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Prices and tax</legend>
        <p className="muted small">For invoices started from now on; issued invoices keep the rules they were made with.</p>
        <div className="row">
          <Field label="Prices" error={e.pricesIncludeTax?.message}>
            <select {...register('pricesIncludeTax')} data-testid="settings-prices-include-tax">
              <option value="included">include tax (VAT)</option>
              <option value="added">have tax added on top (sales tax)</option>
            </select>
          </Field>
          <Field label="Round tax" error={e.taxRounding?.message}>
            <select {...register('taxRounding')} data-testid="settings-tax-rounding">
              <option value="line">on each line</option>
              <option value="invoice">once per rate on the invoice</option>
            </select>
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
