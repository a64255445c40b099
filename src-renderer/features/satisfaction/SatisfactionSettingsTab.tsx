import { useFieldArray, useForm } from 'react-hook-form';
import { type SatisfactionSettings, SatisfactionSettingsInput } from '../../../src-shared/contract/satisfaction';
import { client } from '../../lib/client';
import { readWhole } from '../../lib/format';
import { contractResolver, submitWith } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { Async, Check, Field, SubmitRow } from '../../lib/ui';

const channelOrders = { 'sms,email': 'SMS, else email', 'email,sms': 'Email, else SMS', sms: 'SMS only', email: 'Email only' } as const;
type ChannelOrder = keyof typeof channelOrders;

interface Values {
  enabled: boolean;
  askWithinDays: string;
  askEveryDays: string;
  channels: ChannelOrder;
  reviewSites: { name: string; url: string }[];
  reviewFromScore: string;
  recoveryUpToScore: string;
  recoveryHours: string;
  complaintSlaHours: string;
}

const valuesOf = (s: SatisfactionSettings): Values => ({
  enabled: s.enabled,
  askWithinDays: String(s.askWithinDays),
  askEveryDays: String(s.askEveryDays),
  channels: s.channels.join(',') as ChannelOrder,
  reviewSites: s.reviewSites,
  reviewFromScore: String(s.reviewFromScore),
  recoveryUpToScore: String(s.recoveryUpToScore),
  recoveryHours: String(s.recoveryHours),
  complaintSlaHours: String(s.complaintSlaHours),
});

const toInput = (v: Values) => ({
  enabled: v.enabled,
  askWithinDays: readWhole(v.askWithinDays),
  askEveryDays: readWhole(v.askEveryDays),
  channels: v.channels.split(','),
  reviewSites: v.reviewSites,
  reviewFromScore: readWhole(v.reviewFromScore),
  recoveryUpToScore: readWhole(v.recoveryUpToScore),
  recoveryHours: readWhole(v.recoveryHours),
  complaintSlaHours: readWhole(v.complaintSlaHours),
});

function SettingsForm({ saved, onSaved }: { saved: SatisfactionSettings; onSaved: () => void }) {
  const form = useForm<Values, unknown, SatisfactionSettingsInput>({ defaultValues: valuesOf(saved), resolver: contractResolver(SatisfactionSettingsInput, toInput) });
  const { register, control, formState } = form;
  const sites = useFieldArray({ control, name: 'reviewSites' });
  const errors = formState.errors;
  const number = (name: 'askWithinDays' | 'askEveryDays' | 'reviewFromScore' | 'recoveryUpToScore' | 'recoveryHours' | 'complaintSlaHours', label: string, hint?: string) => (
    <Field label={label} error={errors[name]?.message} hint={hint}>
      <input inputMode="numeric" className="input-narrow" {...register(name)} data-testid={`satisfaction-${name}`} />
    </Field>
  );
  const submit = submitWith(form, async (input) => {
    const next = await client.call('satisfaction.saveSettings', input);
    form.reset(valuesOf(next));
    useUi.getState().notify('Satisfaction settings saved');
    onSaved();
  });
  return (
    <form onSubmit={submit} className="form" data-testid="satisfaction-settings">
      <Check label="Ask patients how their visit went" field={register('enabled')} testId="satisfaction-enabled" />
      <div className="form-grid">
        {number('askWithinDays', 'Ask within (days after the visit)', 'A visit older than this is never asked about.')}
        {number('askEveryDays', 'Ask one patient at most every (days)', '0: after every visit.')}
        <Field label="Channel" error={errors.channels?.message}>
          <select {...register('channels')} data-testid="satisfaction-channels">
            {Object.entries(channelOrders).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        {number('reviewFromScore', 'Ask for a review from score', 'Promoters score 9–10.')}
        {number('recoveryUpToScore', 'Open a complaint up to score', 'Detractors score 0–6.')}
        {number('recoveryHours', 'Recovery call due within (hours)')}
        {number('complaintSlaHours', 'Complaint resolved within (hours)')}
      </div>
      <fieldset>
        <legend>Review sites</legend>
        {sites.fields.length === 0 && <p className="muted">No sites yet: happy patients are not asked for reviews until you add one.</p>}
        {sites.fields.map((site, i) => (
          <div key={site.id} className="form-row">
            <Field label="Site" error={errors.reviewSites?.[i]?.name?.message}>
              <input {...register(`reviewSites.${i}.name`)} placeholder="Google" data-testid={`review-site-name-${i}`} />
            </Field>
            <Field label="Review link" error={errors.reviewSites?.[i]?.url?.message} className="grow">
              <input {...register(`reviewSites.${i}.url`)} placeholder="https://g.page/r/…/review" data-testid={`review-site-url-${i}`} />
            </Field>
            <button type="button" className="btn btn-small" onClick={() => sites.remove(i)} aria-label={`Remove site ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        {sites.fields.length < 10 && (
          <button type="button" className="btn btn-small" onClick={() => sites.append({ name: '', url: 'https://' })} data-testid="add-review-site">
            Add a site
          </button>
        )}
      </fieldset>
      <SubmitRow error={errors.root?.message} busy={formState.isSubmitting} testId="save-satisfaction">
        Save
      </SubmitRow>
    </form>
  );
}

/** Settings → Satisfaction & reviews: when and how patients are asked, the review sites, thresholds and deadlines. */
export function SatisfactionSettingsTab() {
  const state = useCall('satisfaction.settings', {});
  return <Async state={state}>{(saved) => <SettingsForm saved={saved} onSaved={state.reload} />}</Async>;
}
