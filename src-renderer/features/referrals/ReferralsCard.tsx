import { useForm } from 'react-hook-form';
import { type PatientReferrals, ReferralCodeInput, type Reward } from '../../../src-shared/contract/referrals';
import { client, errorMessage } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { formatInstant, money } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { navigate, useCan, useClinic } from '../../lib/store';
import { Async, Badge, Field, FormError, SubmitRow } from '../../lib/ui';
import './referrals.css';

/** The profile's Referrals card: the patient's code and card, who referred them, whom they referred, their rewards. */
export function ReferralsCard({ patientId, onChanged }: { patientId: number; onChanged: () => void }) {
  const state = useCall('referrals.forPatient', { patientId });
  const reload = () => {
    state.reload();
    onChanged();
  };
  return (
    <div className="panel" data-testid="referrals-card">
      <h2>Referrals</h2>
      <Async state={state}>{(r) => <ReferralsBody r={r} onChanged={reload} />}</Async>
    </div>
  );
}

function ReferralsBody({ r, onChanged }: { r: PatientReferrals; onChanged: () => void }) {
  const { timeZone, currency } = useClinic();
  const write = useCan()('patients.write');
  const make = useAction();
  const printCard = () =>
    make.run(async () => {
      if (!r.code) await client.call('referrals.code', { patientId: r.patientId });
      navigate(`/patients/${r.patientId}/referral-card`);
    });
  return (
    <>
      <dl className="details">
        <dt>Referral code</dt>
        <dd>
          {r.code ? <code data-testid="referral-code">{r.code}</code> : <span className="muted">None yet</span>}{' '}
          {(r.code || write) && (
            <button type="button" className="btn btn-small" onClick={printCard} disabled={make.busy} data-testid="referral-print-card">
              {r.code ? 'Print card' : 'Make code and print card'}
            </button>
          )}
          {make.error !== undefined && make.error !== null && <FormError message={errorMessage(make.error)} />}
        </dd>
        <dt>Referred by</dt>
        <dd data-testid="referrals-referred-by">
          {r.referredBy ? <a href={`#/patients/${r.referredBy.id}`}>{r.referredBy.name} ({r.referredBy.number})</a> : write ? <ApplyCode patientId={r.patientId} onApplied={onChanged} /> : <span className="muted">Nobody</span>}
        </dd>
      </dl>
      <h3>Referred {r.referred.length ? `(${r.referred.length})` : ''}</h3>
      {r.referred.length ? (
        <ul className="plain-list" data-testid="referrals-referred">
          {r.referred.map((p) => (
            <li key={p.id}>
              <a href={`#/patients/${p.id}`}>{p.name}</a> <span className="muted small">since {formatInstant(p.createdAt, timeZone, false)}</span>{' '}
              {p.converted ? <Badge kind="ok">Converted</Badge> : <Badge kind="muted">Not yet treated</Badge>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nobody has named this patient as referrer yet.</p>
      )}
      <h3>Rewards</h3>
      {r.rewards.length ? (
        <table className="table" data-testid="referrals-rewards">
          <thead>
            <tr>
              <th>Date</th>
              <th>For</th>
              <th className="num">Reward</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {r.rewards.map((w) => (
              <tr key={w.id}>
                <td>{formatInstant(w.at, timeZone, false)}</td>
                <td>
                  {w.referred.name} · {w.invoiceNumber}
                </td>
                <td className="num">{rewardText(w, currency)}</td>
                <td>{w.reversed && <Badge kind="warn">Taken back ({w.reversed.creditNoteNumber})</Badge>}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>Kept</td>
              <td className="num" data-testid="referrals-total">
                {[r.totalCents ? `${money(r.totalCents, currency)}` : '', r.totalPoints ? `${r.totalPoints} points` : ''].filter(Boolean).join(' + ') || '—'}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      ) : (
        <p className="muted">No referral rewards yet.</p>
      )}
    </>
  );
}

function rewardText(w: Reward, currency: string): string {
  return w.form === 'points' ? `${w.points} points (${money(w.cents, currency)})` : `${money(w.cents, currency)} store credit`;
}

/** Names the referrer of a patient who has none, by the code on the card they brought. */
function ApplyCode({ patientId, onApplied }: { patientId: number; onApplied: () => void }) {
  const form = useForm<ReferralCodeInput>({ resolver: contractResolver(ReferralCodeInput), defaultValues: { code: '' } });
  const onSubmit = submitWith(form, async ({ code }) => {
    await client.call('referrals.applyCode', { patientId, code });
    onApplied();
  });
  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate>
      <Field label="Referral code" error={form.formState.errors.code?.message}>
        <input {...form.register('code')} placeholder="ANNA-7K3Q" autoComplete="off" data-testid="referrals-apply-code" />
      </Field>
      <SubmitRow error={form.formState.errors.root?.server?.message} busy={form.formState.isSubmitting} testId="referrals-apply">
        Set referrer
      </SubmitRow>
    </form>
  );
}
