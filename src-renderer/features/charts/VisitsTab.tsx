import type { Chart, ChartTemplate, Photo } from '../../../src-shared/contract/charts';
import type { Appointment } from '../../../src-shared/contract/scheduling';
import { LumenError } from '../../lib/client';
import { formatDate, formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Badge, Empty, ErrorBox, Spinner } from '../../lib/ui';
import { PhotoCompare } from './PhotoCompare';
import { Restricted } from './Restricted';
import './charts.css';

const templateLabels: Record<ChartTemplate, string> = { injectable: 'Injectables', energy: 'Laser / IPL', skin: 'Skin', general: 'General' };

interface Visit {
  appointmentId: number;
  /** For ordering: the appointment's start, else the photos' visit date, else the note's creation. */
  when: string;
  appointment?: Appointment;
  photoDate?: string;
  entries: Chart[];
  photos: Photo[];
}

function visitsOf(charts: Chart[], photos: Photo[], appointments: Appointment[]): Visit[] {
  const byId = new Map(appointments.map((a) => [a.id, a]));
  const visits = new Map<number, Visit>();
  const visit = (appointmentId: number, fallback: string) => {
    let v = visits.get(appointmentId);
    if (!v) {
      const appointment = byId.get(appointmentId);
      v = { appointmentId, when: appointment?.startsAt ?? fallback, appointment, entries: [], photos: [] };
      visits.set(appointmentId, v);
    }
    return v;
  };
  for (const c of charts) visit(c.appointmentId, c.createdAt).entries.push(c);
  for (const p of photos) {
    const v = visit(p.appointmentId, p.appointmentDate);
    v.photos.push(p);
    v.photoDate ??= p.appointmentDate;
  }
  for (const v of visits.values()) v.entries.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
  return [...visits.values()].sort((a, b) => b.when.localeCompare(a.when));
}

/** The patient's visits with notes or photos, newest first, and a before/after comparison. */
export function VisitsTab({ patientId }: { patientId: number }) {
  const charts = useCall('charts.forPatient', { patientId });
  // Asked only once the notes came back: a refused role gets one refusal, not three.
  const allowed = charts.data !== undefined;
  const photos = useCall('photos.list', allowed ? { patientId } : null);
  const appointments = useCall('appointments.forPatient', allowed ? { patientId, limit: 500 } : null);
  const { timeZone } = useClinic();

  if (charts.error instanceof LumenError && charts.error.code === 'forbidden') {
    return <Restricted testId="visits-forbidden" title="Visit notes and photos are restricted to clinical staff" />;
  }
  if (charts.error !== undefined && !charts.data) return <ErrorBox error={charts.error} onRetry={charts.reload} />;
  if (!charts.data || (photos.loading && !photos.data) || (appointments.loading && !appointments.data)) return <Spinner label="Loading visits…" />;

  const allPhotos = [...(photos.data ?? [])].sort((a, b) => a.appointmentDate.localeCompare(b.appointmentDate) || a.takenAt.localeCompare(b.takenAt));
  const visits = visitsOf(charts.data, allPhotos, appointments.data ?? []);

  return (
    <div className="visits" data-testid="visits-tab">
      {photos.error !== undefined && <ErrorBox error={photos.error} onRetry={photos.reload} testId="photos-error" />}
      {!visits.length ? (
        <Empty>No visit notes or photos yet. Open a visit from the calendar to write its note.</Empty>
      ) : (
        <ol className="timeline" data-testid="visits-timeline">
          {visits.map((v) => {
            const first = v.entries[0];
            const signed = v.entries.filter((c) => c.status === 'signed');
            const draft = v.entries.some((c) => c.status === 'draft');
            const template = (signed.at(-1) ?? first)?.content.template;
            const provider = v.appointment ? [...new Set(v.appointment.segments.map((s) => s.staffName))].join(', ') : first?.authorName;
            return (
              <li key={v.appointmentId} className="timeline-item" data-testid={`visit-${v.appointmentId}`}>
                <div className="timeline-date">{v.appointment ? formatInstant(v.appointment.startsAt, timeZone) : v.photoDate ? formatDate(v.photoDate.slice(0, 10)) : formatInstant(v.when, timeZone, false)}</div>
                <div className="timeline-body">
                  <div className="timeline-title">
                    <strong>{v.appointment ? v.appointment.segments.map((s) => s.serviceName).join(' + ') : 'Visit'}</strong>
                    {template && <Badge kind="muted">{templateLabels[template]}</Badge>}
                    {signed.length > 0 && <Badge kind="ok" testId="visit-signed">Signed</Badge>}
                    {signed.length > 1 && <Badge kind="warn" testId="visit-amended">Amended {signed.length - 1}×</Badge>}
                    {draft && <Badge kind="warn" testId="visit-draft">Draft</Badge>}
                    {!v.entries.length && <Badge kind="muted">No note</Badge>}
                    {v.photos.length > 0 && <Badge testId="visit-photos">{v.photos.length === 1 ? '1 photo' : `${v.photos.length} photos`}</Badge>}
                  </div>
                  <div className="muted small">{provider}</div>
                </div>
                <a className="btn btn-small" href={`#/appointments/${v.appointmentId}/chart`} data-testid={`visit-open-${v.appointmentId}`}>
                  Open
                </a>
              </li>
            );
          })}
        </ol>
      )}
      {allPhotos.length >= 2 ? (
        <PhotoCompare photos={allPhotos} />
      ) : (
        allPhotos.length === 1 && <p className="muted small">Add a second photo (e.g. an “after” at the next visit) to compare.</p>
      )}
    </div>
  );
}

export default VisitsTab;
