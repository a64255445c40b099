import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { PrivacySettingsInput, type PrivacySettings } from '../../../src-shared/contract/privacy';
import { client } from '../../lib/client';
import { formatInstant, readWhole } from '../../lib/format';
import { contractResolver, submitWith } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Async, Field, SubmitRow } from '../../lib/ui';

interface Values {
  clinicalRetentionYears: string;
}

const toInput = (v: Values) => ({ clinicalRetentionYears: readWhole(v.clinicalRetentionYears) });

/** Data → Privacy: how long signed clinical records are kept, which an erasure respects; the requests are on each patient. */
export function RetentionSettings() {
  const state = useCall('privacy.settings', {});
  return <Async state={state}>{(settings) => <RetentionForm settings={settings} onSaved={state.reload} />}</Async>;
}

function RetentionForm({ settings, onSaved }: { settings: PrivacySettings; onSaved: () => void }) {
  const manage = useCan()('privacy.manage');
  const { timeZone } = useClinic();
  const [saved, setSaved] = useState(false);
  const form = useForm<Values, unknown, PrivacySettingsInput>({
    resolver: contractResolver(PrivacySettingsInput, toInput),
    defaultValues: { clinicalRetentionYears: String(settings.clinicalRetentionYears) },
  });
  const { register, formState } = form;
  const save = submitWith(form, async (input) => {
    await client.call('privacy.saveSettings', input);
    form.reset(form.getValues());
    setSaved(true);
    onSaved();
  });
  return (
    <form className="panel form form-narrow" onSubmit={save} noValidate data-testid="privacy-settings">
      <p className="muted">
        A patient’s requests are answered on their profile: “Export this patient’s data” and “Erase this patient…”. An erasure keeps invoices, and is refused while signed visit notes are younger than the period below.
      </p>
      <fieldset disabled={!manage}>
        <Field
          label="Keep signed clinical records for (years)"
          error={formState.errors.clinicalRetentionYears?.message}
          hint={settings.updatedAt ? `Last changed ${formatInstant(settings.updatedAt, timeZone)}` : 'Ask your professional body what applies; 10 years is common.'}
        >
          <input type="number" min={1} max={100} step={1} inputMode="numeric" {...register('clinicalRetentionYears')} data-testid="privacy-retention-years" />
        </Field>
      </fieldset>
      <SubmitRow error={formState.errors.root?.server?.message} busy={formState.isSubmitting} hidden={!manage} testId="privacy-settings-save">
        Save
      </SubmitRow>
      {saved && !formState.isDirty && (
        <p className="muted small" role="status">
          Saved.
        </p>
      )}
    </form>
  );
}
