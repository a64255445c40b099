import { useState } from 'react';
import { consentChannels, consentSources, type Consent, type PatientProfile as Profile } from '../../../src-shared/contract/patients';
import { client } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Badge, ErrorBox } from '../../lib/ui';
import { Detail, usePhone } from './PatientBits';

const channelLabels: Record<(typeof consentChannels)[number], string> = { email: 'Email', sms: 'SMS', phone: 'Phone calls', mail: 'Post' };
const sourceLabels: Record<(typeof consentSources)[number], string> = { form: 'Signed form', verbal: 'Verbal', online: 'Online', import: 'Imported', reply: 'Reply to a message' };

/** The latest record per channel wins; older ones are the history. */
function latestConsents(consents: Consent[]): Map<string, Consent> {
  const latest = new Map<string, Consent>();
  for (const c of consents) {
    const prev = latest.get(c.channel);
    if (!prev || prev.recordedAt < c.recordedAt) latest.set(c.channel, c);
  }
  return latest;
}

export function ContactConsent({ p, reload }: { p: Profile; reload: () => void }) {
  const can = useCan();
  const phone = usePhone();
  const { timeZone } = useClinic();
  const latest = latestConsents(p.consents);
  const [source, setSource] = useState<(typeof consentSources)[number]>('form');
  const action = useAction();
  const { busy, error } = action;
  const write = can('patients.write');
  const run = (fn: () => Promise<unknown>) =>
    action.run(async () => {
      await fn();
      reload();
    });

  return (
    <div className="panel" data-testid="consent-panel">
      <dl className="details">
        <Detail label="Phone">{phone(p.phone)}</Detail>
        <Detail label="Email">{p.email}</Detail>
      </dl>
      <label className="inline checkbox dnc">
        <input
          type="checkbox"
          checked={p.doNotContact}
          disabled={!write || busy}
          onChange={(e) => run(() => client.call('patients.update', { id: p.id, patch: { doNotContact: e.target.checked } }))}
          data-testid="do-not-contact"
        />
        <strong>Do not contact</strong> — no marketing or reminders on any channel, whatever the consents below say.
      </label>
      {write && (
        <label className="inline">
          Source for changes
          <select value={source} onChange={(e) => setSource(e.target.value as typeof source)} data-testid="consent-source">
            {consentSources.map((s) => (
              <option key={s} value={s}>
                {sourceLabels[s]}
              </option>
            ))}
          </select>
        </label>
      )}
      <table className="table">
        <thead>
          <tr>
            <th>Channel</th>
            <th>Consent</th>
            <th>Source</th>
            <th>Recorded</th>
            {write && <th />}
          </tr>
        </thead>
        <tbody>
          {consentChannels.map((channel) => {
            const c = latest.get(channel);
            return (
              <tr key={channel} data-testid={`consent-${channel}`}>
                <td>{channelLabels[channel]}</td>
                <td>{c ? c.granted ? <Badge kind="ok">Granted</Badge> : <Badge kind="muted">Withdrawn</Badge> : <span className="muted">Not asked</span>}</td>
                <td>{c ? sourceLabels[c.source] : ''}</td>
                <td>{c ? `${formatInstant(c.recordedAt, timeZone)} by ${c.recordedBy}` : ''}</td>
                {write && (
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy}
                      data-testid={`consent-toggle-${channel}`}
                      onClick={() => run(() => client.call('patients.setConsent', { patientId: p.id, channel, granted: !c?.granted, source }))}
                    >
                      {c?.granted ? 'Withdraw' : 'Grant'}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {error !== undefined && <ErrorBox error={error} />}
    </div>
  );
}
