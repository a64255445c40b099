import { useState } from 'react';
import type { Chart } from '../../../src-shared/contract/charts';
import { localDate } from '../../../src-shared/time';
import { LumenError } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Badge, Empty, ErrorBox, Spinner } from '../../lib/ui';
import { ChartForm } from './ChartForm';
import { ChartHistory, ChartView } from './ChartView';
import { toValues } from './chartValues';
import { VisitPhotos } from './Photos';
import { Restricted } from './Restricted';
import './charts.css';

const templateLabels = { injectable: 'Injectables', energy: 'Laser / IPL', skin: 'Skin', general: 'General' } as const;

const byCreation = (a: Chart, b: Chart) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id;

/** The practitioner's chart of one visit: write and sign the note, amend a signed one, attach photos. */
export function ChartPage({ appointmentId }: { appointmentId: number }) {
  const can = useCan();
  const { timeZone } = useClinic();
  const charts = useCall('charts.forAppointment', { appointmentId });
  const appointment = useCall('appointments.get', { id: appointmentId });
  const [amending, setAmending] = useState(false);
  const a = appointment.data;
  const forbidden = charts.error instanceof LumenError && charts.error.code === 'forbidden';

  const entries = [...(charts.data?.charts ?? [])].sort(byCreation);
  const signed = entries.filter((c) => c.status === 'signed');
  const draft = entries.find((c) => c.status === 'draft');
  const latest = signed.at(-1);
  const template = (latest ?? draft)?.content.template ?? charts.data?.template ?? 'general';
  const patientId = a?.patientId ?? entries[0]?.patientId;
  const canWrite = can('clinical.write');
  const done = () => {
    setAmending(false);
    charts.reload();
  };

  return (
    <section className="page chart-page" data-testid="chart-page">
      <div className="page-head">
        <div>
          {a && (
            <a href={`#/patients/${a.patientId}/visits`} className="crumb" data-testid="chart-patient-link">
              ← {a.patientName}
            </a>
          )}
          <h1>
            Visit note {charts.data && <Badge kind="muted">{templateLabels[template]}</Badge>}
          </h1>
          {a && (
            <div className="subhead" data-testid="chart-visit">
              <span>{formatInstant(a.startsAt, timeZone)}</span>
              <span>{a.segments.map((s) => `${s.serviceName} · ${s.staffName}`).join(', ')}</span>
              {a.allergyAlert && <Badge kind="alert">Allergy alert</Badge>}
            </div>
          )}
          {appointment.error !== undefined && !forbidden && <p className="muted small">The appointment details could not be loaded.</p>}
        </div>
      </div>

      {forbidden ? (
        <Restricted testId="chart-forbidden" title="Visit notes are restricted to clinical staff" />
      ) : charts.error !== undefined && !charts.data ? (
        <ErrorBox error={charts.error} onRetry={charts.reload} />
      ) : !charts.data ? (
        <Spinner label="Loading the note…" />
      ) : (
        <>
          {latest ? (
            <>
              <div className="banner banner-ok" data-testid="chart-signed">
                <strong>Signed by {signed[0].signedBy ?? signed[0].authorName}</strong> at {formatInstant(signed[0].signedAt, timeZone)}
                {signed.length > 1 && <Badge kind="warn" testId="chart-amended">Amended {signed.length - 1}×</Badge>}
                {canWrite && !amending && (
                  <button type="button" className="btn btn-small chart-amend-btn" onClick={() => setAmending(true)} data-testid="chart-amend">
                    Amend…
                  </button>
                )}
              </div>
              {amending ? (
                <ChartForm
                  key={`amend-${latest.id}`}
                  appointmentId={appointmentId}
                  template={template}
                  initial={toValues(latest.content)}
                  visitDate={a ? localDate(a.startsAt, timeZone) : null}
                  mode={{ kind: 'amend', chartId: latest.id }}
                  onSaved={done}
                  onCancel={() => setAmending(false)}
                />
              ) : (
                <div className="panel">
                  {signed.length > 1 && <p className="muted small">As amended {formatInstant(latest.signedAt, timeZone)} by {latest.signedBy ?? latest.authorName}.</p>}
                  <ChartView content={latest.content} />
                </div>
              )}
              <h2>Signed entries</h2>
              <ChartHistory entries={signed} />
            </>
          ) : canWrite ? (
            <>
              {draft && (
                <p className="muted small" data-testid="chart-draft-info">
                  Draft by {draft.authorName}, last saved {formatInstant(draft.updatedAt, timeZone)}. Not signed yet.
                </p>
              )}
              <ChartForm
                key={`draft-${draft?.id ?? 'new'}`}
                appointmentId={appointmentId}
                template={template}
                initial={toValues(draft?.content ?? null)}
                visitDate={a ? localDate(a.startsAt, timeZone) : null}
                mode={{ kind: 'draft', chartId: draft?.id }}
                onSaved={done}
              />
            </>
          ) : draft ? (
            <div className="panel">
              <p className="muted small">Draft by {draft.authorName}, not signed yet.</p>
              <ChartView content={draft.content} />
            </div>
          ) : (
            <Empty>No note has been written for this visit.</Empty>
          )}
          {patientId !== undefined && <VisitPhotos appointmentId={appointmentId} patientId={patientId} canWrite={canWrite} />}
        </>
      )}
    </section>
  );
}

export default ChartPage;
