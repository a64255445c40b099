import { useState } from 'react';
import type { PatientSummary } from '../../../src-shared/contract/patients';
import { useListKeys } from '../../lib/useListKeys';
import { PatientLine } from './PatientBits';
import { usePatientSearch } from './usePatientSearch';

/** Search-as-you-type to choose one patient (referred by, merge duplicate). */
export function PatientPicker({
  onPick,
  excludeId,
  testId,
  placeholder = 'Search by name, phone or number',
  autoFocus,
}: {
  onPick: (p: PatientSummary) => void;
  excludeId?: number;
  testId?: string;
  placeholder?: string;
  autoFocus?: boolean;
}) {
  const [q, setQ] = useState('');
  const search = usePatientSearch(q, { includeArchived: false, limit: 8 });
  const rows = search.rows.filter((r) => r.id !== excludeId);
  const pick = (p: PatientSummary | undefined) => {
    if (!p) return;
    onPick(p);
    setQ('');
  };
  const { active, setActive, onKeyDown } = useListKeys(rows.length, (i) => pick(rows[i]));
  return (
    <div className="combo">
      <input
        type="search"
        value={q}
        placeholder={placeholder}
        autoFocus={autoFocus}
        data-testid={testId}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {q.trim() && (
        <ul className="combo-list" role="listbox">
          {rows.map((p, i) => (
            <li
              key={p.id}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              data-testid={testId ? `${testId}-option` : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(p);
              }}
            >
              <PatientLine p={p} />
            </li>
          ))}
          {!rows.length && <li className="muted">{search.loading || search.query !== q.trim() ? 'Searching…' : 'No match'}</li>}
        </ul>
      )}
    </div>
  );
}
