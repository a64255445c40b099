import { lazy, Suspense, useState } from 'react';
import { consentChannels, consentSources, genders, type Consent, type PatientProfile as Profile } from '../../../src-shared/contract/patients';
import { client } from '../../lib/client';
import { formatDate, formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { navigate, useCan, useClinic, useUi } from '../../lib/store';
import { Async, Badge, ConfirmDialog, Dialog, Empty, ErrorBox, Field, FormError, Spinner, TagChip, Tabs } from '../../lib/ui';
import { AuditTable } from '../audit/AuditTable';
import { ClinicalTab } from './ClinicalTab';
import { MergeDialog } from './MergeDialog';
import { usePhone } from './PatientBits';
import { PatientAppointments } from '../scheduling/PatientAppointments';

const VisitsTab = lazy(() => import('../charts/VisitsTab'));

const genderLabels: Record<(typeof genders)[number], string> = { female: 'Female', male: 'Male', nonBinary: 'Non-binary', other: 'Other', undisclosed: 'Prefers not to say' };
const channelLabels: Record<(typeof consentChannels)[number], string> = { email: 'Email', sms: 'SMS', phone: 'Phone calls', mail: 'Post' };
const sourceLabels: Record<(typeof consentSources)[number], string> = { form: 'Signed form', verbal: 'Verbal', online: 'Online', import: 'Imported' };

export function PatientProfile({ id, tab }: { id: number; tab?: string }) {
  const can = useCan();
  const state = useCall('patients.get', { id });
  const [dialog, setDialog] = useState<'archive' | 'merge' | 'tags' | null>(null);

  const tabs = [
    { id: 'overview', label: 'Overview' },
    { id: 'contact', label: 'Contact & consent' },
    { id: 'clinical', label: 'Clinical' },
    ...(can('schedule.read') ? [{ id: 'appointments', label: 'Appointments' }] : []),
    { id: 'visits', label: 'Visits & photos' },
    ...(can('audit.read') ? [{ id: 'history', label: 'History' }] : []),
  ];
  const active = tabs.some((t) => t.id === tab) ? tab! : 'overview';

  return (
    <Async state={state} loadingLabel="Loading patient…">
      {(p) => (
        <section className="page" data-testid="patient-profile">
          <div className="page-head">
            <div>
              <a href="#/patients" className="crumb">
                ← Patients
              </a>
              <h1 data-testid="patient-name">
                {p.firstName} {p.lastName}
                {p.preferredName && <span className="muted"> “{p.preferredName}”</span>}
              </h1>
              <div className="subhead">
                <span className="patient-number" data-testid="patient-number">
                  {p.number}
                </span>
                {p.dateOfBirth && <span>Born {formatDate(p.dateOfBirth)}</span>}
                {p.archivedAt && <Badge kind="muted" testId="archived-badge">Archived{p.archiveReason ? ` — ${p.archiveReason}` : ''}</Badge>}
                {p.doNotContact && <Badge kind="warn" testId="dnc-badge">Do not contact</Badge>}
              </div>
            </div>
            {can('patients.write') && (
              <div className="actions">
                <button type="button" className="btn" onClick={() => navigate(`/patients/${p.id}/edit`)} data-testid="patient-edit">
                  Edit
                </button>
                <button type="button" className="btn" onClick={() => setDialog('archive')} data-testid="patient-archive">
                  {p.archivedAt ? 'Restore' : 'Archive'}
                </button>
                {can('patients.merge') && (
                  <button type="button" className="btn" onClick={() => setDialog('merge')} data-testid="patient-merge">
                    Merge…
                  </button>
                )}
              </div>
            )}
          </div>
          {p.mergedInto && (
            <div className="banner banner-info">
              This record was merged. <a href={`#/patients/${p.mergedInto}`}>Open the record it was merged into</a>
            </div>
          )}
          {p.allergyAlert && (
            <div className="banner banner-alert" role="alert" data-testid="allergy-banner">
              <strong>Allergy alert.</strong> Ask about allergies before any treatment{can('clinical.read') ? ' — see the Clinical tab.' : '.'}
            </div>
          )}
          <Tabs tabs={tabs} active={active} onChange={(t) => navigate(`/patients/${p.id}/${t}`)} label="Patient sections" />
          <div className="tab-panel" role="tabpanel">
            {active === 'overview' && <Overview p={p} onEditTags={() => setDialog('tags')} />}
            {active === 'contact' && <ContactConsent p={p} reload={state.reload} />}
            {active === 'clinical' && <ClinicalTab patientId={p.id} />}
            {active === 'appointments' && <PatientAppointments patientId={p.id} />}
            {active === 'visits' && (
              <Suspense fallback={<Spinner />}>
                <VisitsTab patientId={p.id} />
              </Suspense>
            )}
            {active === 'history' && <AuditTable filter={{ entity: 'patient', entityId: String(p.id) }} compact />}
          </div>
          {dialog === 'archive' && <ArchiveDialog p={p} onClose={() => setDialog(null)} onDone={state.reload} />}
          {dialog === 'merge' && <MergeDialog keep={p} onClose={() => setDialog(null)} onMerged={state.reload} />}
          {dialog === 'tags' && <TagsDialog p={p} onClose={() => setDialog(null)} onDone={state.reload} />}
        </section>
      )}
    </Async>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </>
  );
}

function Overview({ p, onEditTags }: { p: Profile; onEditTags: () => void }) {
  const can = useCan();
  const phone = usePhone();
  const { timeZone } = useClinic();
  const a = p.address;
  const { country } = useClinic();
  const lines = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region].filter(Boolean);
  // The country alone is no address; show it only when it differs from the clinic's.
  const address = lines.length ? [...lines, a.country !== country ? a.country : ''].filter(Boolean).join(', ') : '';
  return (
    <div className="grid-2">
      <div className="panel">
        <h2>Details</h2>
        <dl className="details">
          <Detail label="Date of birth">{p.dateOfBirth ? formatDate(p.dateOfBirth) : ''}</Detail>
          <Detail label="Gender">{p.gender ? genderLabels[p.gender] : ''}</Detail>
          <Detail label="Phone">{phone(p.phone)}</Detail>
          <Detail label="Email">{p.email}</Detail>
          <Detail label="Address">{address}</Detail>
          <Detail label="Emergency contact">{[p.emergencyContactName, phone(p.emergencyContactPhone)].filter(Boolean).join(' · ')}</Detail>
          <Detail label="Photo consent">{p.photoConsent ? `Yes${p.photoConsentAt ? `, since ${formatInstant(p.photoConsentAt, timeZone, false)}` : ''}` : 'No'}</Detail>
          <Detail label="Patient since">{formatInstant(p.createdAt, timeZone, false)}</Detail>
        </dl>
      </div>
      <div className="panel">
        <h2>Referral</h2>
        <dl className="details">
          <Detail label="Heard of us via">{p.referralSource?.name}</Detail>
          <Detail label="Referred by">
            {p.referredBy && (
              <a href={`#/patients/${p.referredBy.id}`} data-testid="referred-by-link">
                {p.referredBy.name} ({p.referredBy.number})
              </a>
            )}
          </Detail>
          <Detail label="Referrals made">{p.referralsMade ? String(p.referralsMade) : '0'}</Detail>
        </dl>
        <h2>
          Tags
          {can('patients.write') && (
            <button type="button" className="btn btn-link" onClick={onEditTags} data-testid="edit-tags">
              Edit
            </button>
          )}
        </h2>
        <div className="tag-list" data-testid="patient-tags">
          {p.tags.length ? p.tags.map((t) => <TagChip key={t.id} name={t.name} color={t.color} />) : <span className="muted">No tags</span>}
        </div>
      </div>
      <div className="panel panel-wide">
        <h2>Notes</h2>
        {p.notes ? <p className="prewrap">{p.notes}</p> : <p className="muted">No notes.</p>}
      </div>
    </div>
  );
}

/** The latest record per channel wins; older ones are the history. */
function latestConsents(consents: Consent[]): Map<string, Consent> {
  const latest = new Map<string, Consent>();
  for (const c of consents) {
    const prev = latest.get(c.channel);
    if (!prev || prev.recordedAt < c.recordedAt) latest.set(c.channel, c);
  }
  return latest;
}

function ContactConsent({ p, reload }: { p: Profile; reload: () => void }) {
  const can = useCan();
  const phone = usePhone();
  const { timeZone } = useClinic();
  const latest = latestConsents(p.consents);
  const [source, setSource] = useState<(typeof consentSources)[number]>('form');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const write = can('patients.write');

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

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

function ArchiveDialog({ p, onClose, onDone }: { p: Profile; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const archiving = !p.archivedAt;
  return (
    <ConfirmDialog
      title={archiving ? 'Archive patient' : 'Restore patient'}
      confirmLabel={archiving ? 'Archive' : 'Restore'}
      danger={archiving}
      testId="archive-dialog"
      onClose={onClose}
      onConfirm={async () => {
        await client.call('patients.archive', { id: p.id, archived: archiving, reason: reason.trim() || undefined });
        useUi.getState().notify(archiving ? 'Patient archived' : 'Patient restored');
        onDone();
      }}
    >
      <p>
        {archiving
          ? `${p.firstName} ${p.lastName} will be hidden from lists and searches. Nothing is deleted; you can restore the record later.`
          : `${p.firstName} ${p.lastName} will show in lists and searches again.`}
      </p>
      <Field label="Reason">
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} data-testid="archive-reason" placeholder={archiving ? 'e.g. moved away' : ''} />
      </Field>
    </ConfirmDialog>
  );
}

function TagsDialog({ p, onClose, onDone }: { p: Profile; onClose: () => void; onDone: () => void }) {
  const tags = useCall('tags.list', {});
  const [chosen, setChosen] = useState(() => new Set(p.tags.map((t) => t.id)));
  const [error, setError] = useState<unknown>();
  const save = async () => {
    try {
      await client.call('patients.setTags', { patientId: p.id, tagIds: [...chosen] });
      onDone();
      onClose();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Dialog title="Tags" onClose={onClose} testId="tags-dialog">
      {tags.loading && !tags.data && <Spinner />}
      {tags.error !== undefined && <ErrorBox error={tags.error} />}
      {tags.data && !tags.data.length && <Empty>No tags yet. Create them under Settings → Tags.</Empty>}
      <div className="check-list">
        {tags.data?.map((t) => (
          <label key={t.id} className="inline checkbox">
            <input
              type="checkbox"
              checked={chosen.has(t.id)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(t.id);
                else next.delete(t.id);
                setChosen(next);
              }}
            />
            <TagChip name={t.name} color={t.color} />
          </label>
        ))}
      </div>
      {error !== undefined && <FormError message={error instanceof Error ? error.message : 'Could not save'} />}
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={save} data-testid="tags-save">
          Save tags
        </button>
      </div>
    </Dialog>
  );
}
