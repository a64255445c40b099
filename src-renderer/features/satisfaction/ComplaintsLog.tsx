import { useState } from 'react';
import { type ComplaintRow, complaintOutcomes } from '../../../src-shared/contract/satisfaction';
import { client } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Badge, Dialog, Empty, ErrorBox, Field } from '../../lib/ui';

export const outcomeLabels: Record<(typeof complaintOutcomes)[number], string> = {
  apologised: 'Apologised',
  refunded: 'Refunded',
  retreated: 'Treated again',
  credited: 'Store credit given',
  noAction: 'No action needed',
  unreachable: 'Could not reach the patient',
};

function ResolveDialog({ complaint, onClose, onDone }: { complaint: ComplaintRow; onClose: () => void; onDone: () => void }) {
  const [outcome, setOutcome] = useState<(typeof complaintOutcomes)[number]>('apologised');
  const [note, setNote] = useState('');
  const action = useAction();
  const resolve = () =>
    action.run(async () => {
      await client.call('satisfaction.resolveComplaint', { id: complaint.id, outcome, note });
      onDone();
    });
  return (
    <Dialog title={`Resolve ${complaint.patientName}'s complaint`} onClose={onClose} testId="resolve-complaint">
      <Field label="Outcome">
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)} data-testid="complaint-outcome">
          {complaintOutcomes.map((o) => (
            <option key={o} value={o}>
              {outcomeLabels[o]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Manager's note">
        <textarea rows={3} value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} data-testid="complaint-note" />
      </Field>
      {action.error !== undefined && <ErrorBox error={action.error} />}
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" disabled={action.busy} onClick={() => void resolve()} data-testid="complaint-resolve-submit">
          Resolve
        </button>
      </div>
    </Dialog>
  );
}

/** The complaints log: open ones by SLA (breaches flagged), resolved ones with their outcome; printable. */
export function ComplaintsLog() {
  const { timeZone } = useClinic();
  const [status, setStatus] = useState<'open' | 'resolved' | 'all'>('open');
  const state = useCall('satisfaction.complaints', { status });
  const [resolving, setResolving] = useState<ComplaintRow | null>(null);
  return (
    <div data-testid="complaints-log">
      <div className="row row-tight no-print">
        <Field label="Show">
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="complaints-status">
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
            <option value="all">All</option>
          </select>
        </Field>
        <button type="button" className="btn" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <Async state={state}>
        {({ rows, counts }) => (
          <>
            <p data-testid="complaints-counts">
              {counts.open} open{counts.breached ? <>, <Badge kind="alert">{counts.breached} past the SLA</Badge></> : null}
            </p>
            {rows.length === 0 ? (
              <Empty>No complaints here.</Empty>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Patient</th>
                    <th className="num">Score</th>
                    <th>Comment</th>
                    <th>Visit</th>
                    <th>SLA due</th>
                    <th>Recovery call</th>
                    <th>Outcome</th>
                    <th className="no-print" aria-label="Actions" />
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.id} data-testid="complaint-row">
                      <td>
                        <a href={`#/patients/${c.patientId}`}>{c.patientName}</a>
                        <div className="muted">{c.phone}</div>
                      </td>
                      <td className="num">{c.score ?? '—'}</td>
                      <td>{c.comment || <span className="muted">No comment</span>}</td>
                      <td>
                        {formatInstant(c.visitAt, timeZone, false)}
                        <div className="muted">{[c.provider, c.service].filter(Boolean).join(' · ')}</div>
                      </td>
                      <td>
                        {formatInstant(c.slaDueAt, timeZone)} {c.breached && <Badge kind="alert">Breached</Badge>}
                      </td>
                      <td>{c.task ? (c.task.completedAt ? `${c.task.outcome}${c.task.outcomeNote ? `: ${c.task.outcomeNote}` : ''}` : `Due ${formatInstant(c.task.dueAt, timeZone)}`) : '—'}</td>
                      <td>{c.outcome ? `${outcomeLabels[c.outcome]}${c.managerNote ? ` — ${c.managerNote}` : ''}` : <Badge kind="warn">Open</Badge>}</td>
                      <td className="no-print">
                        {!c.resolvedAt && (
                          <button type="button" className="btn btn-small" onClick={() => setResolving(c)} data-testid="complaint-resolve">
                            Resolve
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Async>
      {resolving && (
        <ResolveDialog
          complaint={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            state.reload();
          }}
        />
      )}
    </div>
  );
}
