import { useCall } from '../../lib/hooks';
import { formatInstant } from '../../lib/format';
import { useClinic } from '../../lib/store';
import { Async, Badge } from '../../lib/ui';
import './satisfaction.css';

const sourceLabels = { sms: 'SMS', email: 'Email', tablet: 'Tablet', desk: 'Desk' } as const;

/** The patient's latest satisfaction scores on their profile, and an open complaint if there is one. */
export function PatientScores({ patientId }: { patientId: number }) {
  const { timeZone } = useClinic();
  const state = useCall('satisfaction.forPatient', { patientId, limit: 5 });
  return (
    <section className="patient-scores" data-testid="patient-scores">
      <h3>Satisfaction</h3>
      <Async state={state}>
        {({ scores, openComplaint }) => (
          <>
            {openComplaint && <Badge kind="alert">Open complaint</Badge>}
            {scores.length === 0 ? (
              <p className="muted">No score given yet.</p>
            ) : (
              <ul className="plain-list">
                {scores.map((s) => (
                  <li key={s.responseId} data-testid="patient-score">
                    <span className="score">{s.score}/10</span> <span className="muted">{formatInstant(s.answeredAt, timeZone, false)} · {sourceLabels[s.source]}{s.provider ? ` · ${s.provider}` : ''}</span>
                    {s.comment && <div>“{s.comment}”</div>}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Async>
    </section>
  );
}
