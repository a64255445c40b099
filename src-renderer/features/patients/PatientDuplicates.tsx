import { useEffect, useRef } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import type { InputOf } from '../../../src-shared/contract/index';
import type { DuplicateCandidate } from '../../../src-shared/contract/patients';
import { formatDate } from '../../lib/format';
import { useCall, useDebounced } from '../../lib/hooks';
import { navigate } from '../../lib/store';
import { usePhone } from './PatientBits';
import type { ParsedPatient, PatientValues } from './patientValues';

const reasonLabels = { phone: 'same phone', email: 'same email', nameAndBirthDate: 'similar name and same birth date' } as const;

function CandidateList({ rows }: { rows: DuplicateCandidate[] }) {
  const phone = usePhone();
  return (
    <ul className="plain-list candidates">
      {rows.map((c) => (
        <li key={c.id} data-testid="duplicate-candidate">
          <a href={`#/patients/${c.id}`}>
            <strong>{c.name}</strong> <span className="patient-number">{c.number}</span>
          </a>
          <div className="muted small">
            {[c.dateOfBirth && formatDate(c.dateOfBirth), phone(c.phone), c.email].filter(Boolean).join(' · ')}
          </div>
          <div className="small reasons">{c.reasons.map((r) => reasonLabels[r]).join(', ')}</div>
        </li>
      ))}
    </ul>
  );
}

type Typed = Pick<PatientValues, 'firstName' | 'lastName' | 'dateOfBirth' | 'phone' | 'email'>;

/** What is typed as a duplicate search, or null while there is not enough to go on (a full name, five digits of a phone, an email). */
function duplicateQuery(v: Typed, excludeId: number | undefined): InputOf<'patients.findDuplicates'> | null {
  const enough = (v.firstName.trim() && v.lastName.trim()) || v.phone.replace(/\D/g, '').length >= 5 || v.email.includes('@');
  if (!enough) return null;
  return {
    firstName: v.firstName.slice(0, 80),
    lastName: v.lastName.slice(0, 80),
    dateOfBirth: /^\d{4}-\d{2}-\d{2}$/.test(v.dateOfBirth) ? v.dateOfBirth : undefined,
    phone: v.phone.trim() ? v.phone.trim().slice(0, 40) : undefined,
    email: v.email.trim() ? v.email.trim().slice(0, 200) : undefined,
    excludeId,
  };
}

/** While typing: likely existing patients, so front desk opens the record instead of creating a second one. */
export function LiveDuplicates({ control, excludeId }: { control: Control<PatientValues, unknown, ParsedPatient>; excludeId?: number }) {
  const [firstName, lastName, dateOfBirth, phone, email] = useWatch({ control, name: ['firstName', 'lastName', 'dateOfBirth', 'phone', 'email'] });
  const query = useDebounced(JSON.stringify({ firstName, lastName, dateOfBirth, phone, email }), 350);
  // A failed search shows nothing: it only ever warns.
  const rows = useCall('patients.findDuplicates', duplicateQuery(JSON.parse(query) as Typed, excludeId)).data ?? [];
  if (!rows.length) return null;
  return (
    <div className="panel panel-warn" data-testid="live-duplicates">
      <h2>Possibly already a patient</h2>
      <CandidateList rows={rows} />
    </div>
  );
}

export function DuplicateWarning({ likely, onAnyway, editing, busy }: { likely: DuplicateCandidate[]; onAnyway: () => void; editing: boolean; busy: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), [likely]);
  return (
    <div className="panel panel-warn" role="alert" data-testid="duplicate-warning" ref={ref}>
      <h2>This may be an existing patient</h2>
      <CandidateList rows={likely} />
      <div className="actions">
        {likely[0] && (
          <button type="button" className="btn btn-primary" onClick={() => navigate(`/patients/${likely[0].id}`)} data-testid="duplicate-open">
            Open existing
          </button>
        )}
        <button type="button" className="btn" onClick={onAnyway} disabled={busy} data-testid="duplicate-create-anyway">
          {editing ? 'Save anyway' : 'Create anyway'}
        </button>
      </div>
    </div>
  );
}
