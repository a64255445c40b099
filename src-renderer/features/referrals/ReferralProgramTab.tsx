import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type ReferralSettings, ReferralSettingsInput, USUAL_PERCENT } from '../../../src-shared/contract/referrals';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { readWhole } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Async, Check, Field, SubmitRow } from '../../lib/ui';

interface Values { enabled: boolean; percent: string; form: 'points' | 'storeCredit'; bookingUrl: string }

const toInput = (v: Values) => ({ enabled: v.enabled, percent: readWhole(v.percent), form: v.form, bookingUrl: v.bookingUrl.trim() || null });

/** Settings → Referral program: the reward a referrer gets when the patient they sent pays their first treatment. */
export function ReferralProgramTab() {
  const state = useCall('referrals.settings', {});
  return <Async state={state}>{(settings) => <ProgramForm settings={settings} onSaved={state.reload} />}</Async>;
}

function ProgramForm({ settings, onSaved }: { settings: ReferralSettings; onSaved: () => void }) {
  const manage = useCan()('referrals.manage');
  const form = useForm<Values, unknown, ReferralSettingsInput>({
    resolver: contractResolver(ReferralSettingsInput, toInput),
    defaultValues: { enabled: settings.enabled, percent: String(settings.percent), form: settings.form, bookingUrl: settings.bookingUrl ?? '' },
  });
  const [saved, setSaved] = useState(false);
  const { register, formState } = form;
  const errors = formState.errors;
  const onSubmit = submitWith(form, async (input) => {
    await client.call('referrals.saveSettings', input);
    form.reset(form.getValues());
    setSaved(true);
    onSaved();
  });
  return (
    <form className="panel form" onSubmit={onSubmit} data-testid="referral-program" noValidate>
      <p className="muted">
        When a patient someone referred pays their first treatment in full, the referrer gets a share of it (its services’ net, after discounts and
        before tax). A full refund of that invoice takes back what is still unspent of the reward.
      </p>
      <fieldset disabled={!manage}>
        <Check label="Reward referrals" field={register('enabled')} testId="referral-enabled" />
        <Field label="Reward (% of the first paid treatment)" error={errors.percent?.message} hint={`Clinics usually give ${USUAL_PERCENT.from}–${USUAL_PERCENT.to} %.`}>
          <input type="number" min={0} max={100} step={1} inputMode="numeric" {...register('percent')} data-testid="referral-percent" />
        </Field>
        <Field label="Given as" error={errors.form?.message}>
          <select {...register('form')} data-testid="referral-form">
            <option value="storeCredit">Store credit</option>
            <option value="points">Loyalty points (at the redeem rate)</option>
          </select>
        </Field>
        <Field label="Online booking page" error={errors.bookingUrl?.message} hint="A card’s QR code opens it with the ambassador’s code; left empty, the QR code holds the code itself.">
          <input type="url" placeholder="https://" {...register('bookingUrl')} data-testid="referral-booking-url" />
        </Field>
      </fieldset>
      <SubmitRow error={errors.root?.server?.message} busy={formState.isSubmitting} hidden={!manage} testId="referral-save">
        Save referral program
      </SubmitRow>
      {saved && !formState.isDirty && <p className="muted small" role="status">Saved.</p>}
    </form>
  );
}
