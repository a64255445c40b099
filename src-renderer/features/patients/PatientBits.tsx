import type { genders, PatientSummary } from '../../../src-shared/contract/patients';
import { formatPhone } from '../../../src-shared/phone';
import { formatDate } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { Badge } from '../../lib/ui';

export const genderLabels: Record<(typeof genders)[number], string> = { female: 'Female', male: 'Male', nonBinary: 'Non-binary', other: 'Other', undisclosed: 'Prefers not to say' };

export function AllergyBadge() {
  return (
    <Badge kind="alert" testId="allergy-badge">
      Allergy
    </Badge>
  );
}

export function ArchivedBadge() {
  return (
    <Badge kind="muted" testId="archived-badge">
      archived
    </Badge>
  );
}

export function usePhone(): (e164: string | null) => string {
  const { country } = useClinic();
  return (e164) => formatPhone(e164, country);
}

/** One patient as a search result line: number, name, DOB, phone, alerts. */
export function PatientLine({ p }: { p: PatientSummary }) {
  const phone = usePhone();
  return (
    <span className="patient-line">
      <span className="patient-number">{p.number}</span>
      <span className="patient-name">
        {p.name}
        {p.preferredName && <span className="muted"> “{p.preferredName}”</span>}
      </span>
      <span className="muted">{p.dateOfBirth ? formatDate(p.dateOfBirth) : ''}</span>
      <span className="muted">{phone(p.phone)}</span>
      <span className="patient-flags">
        {p.allergyAlert && <AllergyBadge />}
        {p.archived && <ArchivedBadge />}
      </span>
    </span>
  );
}

/** One row of a details list; an empty value shows a dash. */
export function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </>
  );
}
