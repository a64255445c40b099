import type { PatientSummary } from '../../../src-shared/contract/patients';
import { formatPhone } from '../../../src-shared/phone';
import { formatDate } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { Badge } from '../../lib/ui';

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
