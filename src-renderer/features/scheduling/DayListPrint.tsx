import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Empty } from '../../lib/ui';
import { usePhone } from '../patients/PatientBits';
import { statusLabels, visitTypeLabels } from './labels';
import { dayLabel, rangeLabel } from './time';

/** The printable day list of one provider or room. Route #/calendar/:date/print/:by/:id */
export function DayListPrint({ date, by, id }: { date: string; by: 'staff' | 'room'; id: number }) {
  const state = useCall('scheduling.dayList', { date, by, id });
  const { timeZone, name } = useClinic();
  const phone = usePhone();
  return (
    <section className="page print-page" data-testid="day-list">
      <div className="actions actions-split no-print">
        <a href={`#/calendar/${date}`} className="crumb">
          ← Calendar
        </a>
        <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="day-list-print">
          Print
        </button>
      </div>
      <Async state={state} loadingLabel="Loading the day list…">
        {(list) => (
          <>
            <header className="print-head">
              <h1 data-testid="day-list-title">{list.title}</h1>
              <div>
                {dayLabel(list.date, true)} · {name} · times in {list.timeZone || timeZone}
              </div>
            </header>
            {list.rows.length ? (
              <table className="table print-table" data-testid="day-list-table">
                <thead>
                  <tr>
                    <th>Time</th>
                    <th>Patient</th>
                    <th>Phone</th>
                    <th>Services</th>
                    <th>{by === 'staff' ? 'Room' : 'Provider'}</th>
                    <th>Alert</th>
                    <th>Front-desk notes</th>
                  </tr>
                </thead>
                <tbody>
                  {list.rows.map((r, i) => (
                    <tr key={i} data-testid="day-list-row" className={r.status === 'cancelled' || r.status === 'noShow' ? 'struck' : ''}>
                      <td className="nowrap">{rangeLabel(r.startsAt, r.endsAt, list.timeZone || timeZone)}</td>
                      <td>
                        <strong>{r.patientName}</strong>
                        <div className="small">
                          {r.patientNumber} · {visitTypeLabels[r.visitType]}
                          {r.status !== 'booked' && r.status !== 'confirmed' ? ` · ${statusLabels[r.status]}` : ''}
                        </div>
                      </td>
                      <td className="nowrap">{phone(r.phone)}</td>
                      <td>{r.services.join(', ')}</td>
                      <td>{by === 'staff' ? r.roomName ?? '—' : r.providerName}</td>
                      <td>{r.allergyAlert ? <strong data-testid="day-list-allergy">ALLERGY</strong> : ''}</td>
                      <td className="prewrap">{r.notes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty>No appointments on this day.</Empty>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
