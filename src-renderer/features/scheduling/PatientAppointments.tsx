import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Badge, Empty } from '../../lib/ui';
import { statusLabels, visitTypeLabels } from './labels';
import { localDate } from '../../../src-shared/time';
import { dayLabel, rangeLabel } from './time';

/** The patient profile's Appointments tab: upcoming first, then past; a row opens that day in the calendar. */
export function PatientAppointments({ patientId }: { patientId: number }) {
  const state = useCall('appointments.forPatient', { patientId, limit: 200 });
  const { timeZone } = useClinic();
  const now = Date.now();
  return (
    <div className="panel" data-testid="patient-appointments">
      <Async state={state} loadingLabel="Loading appointments…">
        {(rows) =>
          rows.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Time</th>
                  <th>Services</th>
                  <th>With</th>
                  <th>Status</th>
                  <th>Visit</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => {
                  const date = localDate(a.startsAt, timeZone);
                  return (
                    <tr key={a.id} className={Date.parse(a.endsAt) < now ? 'inactive' : ''} data-testid="patient-appointment-row">
                      <td className="nowrap">
                        <a href={`#/calendar/${date}`}>{dayLabel(date)} {date.slice(0, 4)}</a>
                      </td>
                      <td className="nowrap">{rangeLabel(a.startsAt, a.endsAt, timeZone)}</td>
                      <td>{a.segments.map((s) => s.serviceName).join(' + ')}</td>
                      <td>{[...new Set(a.segments.map((s) => s.staffName))].join(', ')}</td>
                      <td>
                        <Badge kind={a.status === 'cancelled' || a.status === 'noShow' ? 'alert' : 'neutral'}>{statusLabels[a.status]}</Badge>
                        {a.lateCancel && <Badge kind="warn">late</Badge>}
                      </td>
                      <td>{visitTypeLabels[a.visitType]}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <Empty>No appointments yet.</Empty>
          )
        }
      </Async>
    </div>
  );
}
