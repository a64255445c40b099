import { lazy, Suspense, useState } from 'react';
import type { PatientProfile as Profile } from '../../../src-shared/contract/patients';
import { formatDate, formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { navigate, useCan, useClinic } from '../../lib/store';
import { Async, Badge, Spinner, TagChip, Tabs } from '../../lib/ui';
import { AuditTable } from '../audit/AuditTable';
import { ClinicalTab } from './ClinicalTab';
import { ContactConsent } from './ContactConsent';
import { MaintenanceSection } from '../retention/MaintenanceSection';
import { MergeDialog } from './MergeDialog';
import { Detail, genderLabels, usePhone } from './PatientBits';
import { ArchiveDialog, TagsDialog } from './PatientDialogs';
import { PatientAppointments } from '../scheduling/PatientAppointments';
import { StandingBadges } from '../promotions/StandingBadges';
import { PatientScores } from '../satisfaction/PatientScores';
import { SegmentBadges } from '../segments/SegmentBadges';
import { ReferralsCard } from '../referrals/ReferralsCard';
import { PrivacyCard } from '../privacy/PrivacyCard';

const VisitsTab = lazy(() => import('../charts/VisitsTab'));
const PatientInvoices = lazy(() => import('../checkout/PatientInvoices'));
const PatientPrepaid = lazy(() => import('../prepaid/PatientPrepaid'));
const ConversationTab = lazy(() => import('../messages/ConversationTab'));
const PatientLoyalty = lazy(() => import('../loyalty/PatientLoyalty'));

export function PatientProfile({ id, tab }: { id: number; tab?: string }) {
  const can = useCan();
  const state = useCall('patients.get', { id });
  const [dialog, setDialog] = useState<'archive' | 'merge' | 'tags' | null>(null);

  const tabs = [
    { id: 'overview', label: 'Overview' },
    { id: 'contact', label: 'Contact & consent' },
    ...(can('messages.converse') ? [{ id: 'conversation', label: 'Conversation' }] : []),
    { id: 'clinical', label: 'Clinical' },
    ...(can('schedule.read') ? [{ id: 'appointments', label: 'Appointments' }] : []),
    { id: 'visits', label: 'Visits & photos' },
    ...(can('checkout.sell') ? [{ id: 'invoices', label: 'Invoices' }, { id: 'packages', label: 'Packages & credit' }] : []),
    ...(can('loyalty.read') ? [{ id: 'loyalty', label: 'Loyalty' }] : []),
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
                {can('checkout.sell') && <StandingBadges patientId={p.id} />}
                {can('segments.read') && <SegmentBadges patientId={p.id} />}
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
            {active === 'overview' && <MaintenanceSection patientId={p.id} />}
            {active === 'overview' && can('referrals.read') && <ReferralsCard patientId={p.id} onChanged={state.reload} />}
            {active === 'overview' && can('satisfaction.record') && <PatientScores patientId={p.id} />}
            {active === 'overview' && can('privacy.manage') && !p.mergedInto && <PrivacyCard p={p} onErased={state.reload} />}
            {active === 'contact' && <ContactConsent p={p} reload={state.reload} />}
            {active === 'conversation' && (
              <Suspense fallback={<Spinner />}>
                <ConversationTab patientId={p.id} />
              </Suspense>
            )}
            {active === 'clinical' && <ClinicalTab patientId={p.id} />}
            {active === 'appointments' && <PatientAppointments patientId={p.id} />}
            {active === 'visits' && (
              <Suspense fallback={<Spinner />}>
                <VisitsTab patientId={p.id} />
              </Suspense>
            )}
            {active === 'invoices' && (
              <Suspense fallback={<Spinner />}>
                <PatientInvoices patientId={p.id} />
              </Suspense>
            )}
            {active === 'packages' && (
              <Suspense fallback={<Spinner />}>
                <PatientPrepaid patientId={p.id} />
              </Suspense>
            )}
            {active === 'loyalty' && (
              <Suspense fallback={<Spinner />}>
                <PatientLoyalty patientId={p.id} />
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
