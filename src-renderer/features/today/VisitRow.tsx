import { useEffect, useRef } from 'react';
import type { TodayRow } from '../../../src-shared/contract/checkout';
import { money } from '../../lib/format';
import { Badge } from '../../lib/ui';
import { statusLabels } from '../scheduling/labels';
import { rangeLabel } from '../scheduling/time';
import { canInvoice, canMove, deskMoves, stepOf, visitStepLabels, visitSteps, type DeskMove } from './visitStep';

interface VisitRowProps {
  row: TodayRow;
  selected: boolean;
  timeZone: string;
  currency: string;
  canMoveVisits: boolean;
  canSell: boolean;
  busy: boolean;
  onSelect(): void;
  onMove(to: DeskMove): void;
  onInvoice(): void;
  /** Opens the patient-facing score screen for this visit (absent where it cannot be scored). */
  onTablet?: () => void;
}

/** One visit on the Today list: when, who, what and by whom, where it stands, what the patient owes, and the desk's buttons. */
export function VisitRow({ row, selected, timeZone, currency, canMoveVisits, canSell, busy, onSelect, onMove, onInvoice, onTablet }: VisitRowProps) {
  const ref = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const step = stepOf(row);

  return (
    <tr
      ref={ref}
      className={`today-row ${selected ? 'active' : ''} ${step === null ? 'inactive' : ''}`}
      aria-selected={selected}
      onClick={onSelect}
      data-testid="today-row"
      data-appointment-id={row.appointmentId}
      data-status={row.status}
    >
      <td className="nowrap num-time">{rangeLabel(row.startsAt, row.endsAt, timeZone)}</td>
      <td>
        <a href={`#/patients/${row.patientId}`} className="patient-name" data-testid="today-patient-link">
          {row.patientName}
        </a>{' '}
        <span className="patient-number">{row.patientNumber}</span>
        {row.allergyAlert && (
          <>
            {' '}
            <Badge kind="alert" testId="today-allergy">
              Allergy
            </Badge>
          </>
        )}
        {row.owedCents > 0 && (
          <>
            {' '}
            <Badge kind="warn" testId="today-arrears">
              Arrears
            </Badge>
          </>
        )}
      </td>
      <td>
        {row.services.map((s, i) => (
          <div key={i}>
            {s.name} <span className="muted">· {s.providerName}</span>
          </div>
        ))}
      </td>
      <td>{step === null ? <Badge kind="muted">{statusLabels[row.status]}</Badge> : <StepTrack current={step} />}</td>
      <td className={`num ${row.owedCents > 0 ? 'owed' : 'muted'}`} data-testid="today-owed">
        {money(row.owedCents, currency)}
      </td>
      <td className="today-actions">
        {canMoveVisits &&
          deskMoves
            .filter((m) => canMove(row, m.status))
            .map((m) => (
              <button key={m.status} type="button" className="btn btn-small" disabled={busy} onClick={() => onMove(m)} title={`${m.label} (${m.key.toUpperCase()})`} data-testid={`today-${m.status}`}>
                {m.label}
              </button>
            ))}
        {canSell && canInvoice(row) && (
          <button type="button" className="btn btn-small" disabled={busy} onClick={onInvoice} title="Invoice (I)" data-testid="today-invoice">
            {row.invoice ? (row.invoice.number ?? 'Draft invoice') : 'Invoice'}
          </button>
        )}
        {onTablet && (
          <button type="button" className="btn btn-small" disabled={busy} onClick={onTablet} title="Hand the patient the tablet to score their visit" data-testid="today-tablet">
            Tablet
          </button>
        )}
      </td>
    </tr>
  );
}

/** The visit's place on the road, as five segments with the current one named. */
function StepTrack({ current }: { current: (typeof visitSteps)[number] }) {
  const at = visitSteps.indexOf(current);
  return (
    <div className={`step-track step-${current}`} data-testid="today-step" data-step={current}>
      <span className="step-bar" aria-hidden="true">
        {visitSteps.map((s, i) => (
          <span key={s} className={i <= at ? 'done' : ''} />
        ))}
      </span>
      <span className="step-label">{visitStepLabels[current]}</span>
    </div>
  );
}
