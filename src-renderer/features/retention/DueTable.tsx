import { bandLabels, channelLabels, type DueRow, outcomeLabels } from '../../../src-shared/contract/retention';
import { formatDate, formatInstant, money } from '../../lib/format';
import { navigate, useClinic } from '../../lib/store';
import { Badge } from '../../lib/ui';

const consentText = (row: DueRow) =>
  (['phone', 'sms', 'email'] as const).map((c) => (row.contactable[c].ok ? channelLabels[c] : null)).filter(Boolean).join(', ') || 'none';

/** The rows of a due list; actions are hidden on paper (the printed call list keeps a column to write the outcome in). */
export function DueTable({ rows, selected, onContact, onBook }: { rows: DueRow[]; selected: number; onContact: (row: DueRow) => void; onBook: (row: DueRow) => void }) {
  const { timeZone, currency } = useClinic();
  return (
    <table className="table" data-testid="due-list">
      <thead>
        <tr>
          <th>Patient</th>
          <th>Treatment</th>
          <th>Due</th>
          <th className="num">Overdue</th>
          <th>Scheduled</th>
          <th>Last provider</th>
          <th>Last contact</th>
          <th className="num">Lifetime</th>
          <th>May contact by</th>
          <th className="no-print" />
          <th className="print-only">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.patientId}-${r.categoryId}`} className={i === selected ? 'selected' : undefined} data-testid="due-row" data-patient={r.patientId}>
            <td>
              <a href={`#/patients/${r.patientId}`} onClick={(e) => (e.preventDefault(), navigate(`/patients/${r.patientId}`))}>
                {r.patientName}
              </a>{' '}
              <span className="muted">{r.patientNumber}</span>
              <div className="muted">{r.phone ?? r.email ?? ''}</div>
            </td>
            <td>
              {r.categoryName}
              <div className="muted">{r.lastServiceName}</div>
            </td>
            <td>{formatDate(r.dueDate)}</td>
            <td className="num">
              {r.daysOverdue > 0 ? `${r.daysOverdue} d` : `in ${-r.daysOverdue} d`} {r.band && <Badge kind={r.band === '0-30' ? 'warn' : 'alert'}>{bandLabels[r.band]}</Badge>}
            </td>
            <td>{r.scheduled ? <Badge kind="ok">{formatInstant(r.scheduled.startsAt, timeZone)}</Badge> : '—'}</td>
            <td>{r.lastProviderName ?? '—'}</td>
            <td>{r.lastContact ? `${formatInstant(r.lastContact.at, timeZone, false)} ${channelLabels[r.lastContact.channel]}: ${outcomeLabels[r.lastContact.outcome]}` : '—'}</td>
            <td className="num">{money(r.lifetimeSpentCents, currency)}</td>
            <td title={(['phone', 'sms', 'email'] as const).map((c) => `${channelLabels[c]}: ${r.contactable[c].why ?? 'yes'}`).join('\n')}>
              {r.doNotContact ? <Badge kind="alert">Do not contact</Badge> : consentText(r)}
            </td>
            <td className="no-print actions">
              <button type="button" className="btn btn-small" onClick={() => onContact(r)} data-testid="due-contact">
                Log contact
              </button>
              <button type="button" className="btn btn-small" onClick={() => onBook(r)} data-testid="due-book">
                Book
              </button>
            </td>
            <td className="print-only write-in" />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
