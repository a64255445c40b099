import { useState } from 'react';
import { inboxViews, type InboxRow } from '../../../src-shared/contract/messages';
import { client, errorMessage } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useAction, useCall, useInterval } from '../../lib/hooks';
import { navigate, useCan, useClinic, useUi } from '../../lib/store';
import { Async, Badge, Dialog, Empty, FormError, Spinner, Tabs } from '../../lib/ui';
import { PatientPicker } from '../patients/PatientPicker';
import { channelLabels } from './labels';
import './messages.css';

type View = (typeof inboxViews)[number];

const views: Record<View, { label: string; empty: string }> = {
  unanswered: { label: 'Unanswered', empty: 'Nothing waiting for an answer.' },
  mine: { label: 'Mine', empty: 'Nothing waiting for you to answer.' },
  unmatched: { label: 'Unmatched', empty: 'No messages from unknown senders.' },
};

/** Patients' messages waiting for an answer, oldest first, with the clinic's reply target. Route #/inbox/:view? */
export function InboxPage({ view }: { view?: string }) {
  const active: View = inboxViews.find((v) => v === view) ?? 'unanswered';
  const inbox = useCall('messages.inbox', { view: active });
  useInterval(inbox.reload, 60_000, true);
  const counts = inbox.data?.counts;
  const tabs = inboxViews.map((v) => ({ id: v, label: counts ? `${views[v].label} (${counts[v]})` : views[v].label }));
  return (
    <section className="page" data-testid="inbox">
      <div className="page-head">
        <h1>Inbox</h1>
        <button type="button" className="btn btn-small" onClick={inbox.reload} data-testid="inbox-refresh">
          Refresh
        </button>
      </div>
      <Tabs tabs={tabs} active={active} onChange={(id) => navigate(`/inbox/${id}`)} label="Inbox views" />
      <Async state={inbox} loadingLabel="Loading messages…">
        {({ rows, replyTargetHours, counts: { overdue } }) => (
          <div className="panel" data-testid={`inbox-${active}`}>
            <p className="muted small" data-testid="inbox-summary">
              Answer within {replyTargetHours} hours of receiving.{' '}
              {overdue > 0 && (
                <strong className="inbox-overdue-count">
                  {overdue} overdue.
                </strong>
              )}
            </p>
            {rows.length ? <InboxTable rows={rows} onChanged={inbox.reload} /> : <Empty>{views[active].empty}</Empty>}
          </div>
        )}
      </Async>
    </section>
  );
}

function InboxTable({ rows, onChanged }: { rows: InboxRow[]; onChanged: () => void }) {
  const { timeZone } = useClinic();
  const can = useCan();
  const me = useUi((s) => s.session?.staffId);
  const staff = useCall('staff.list', can('staff.read') ? {} : null);
  const action = useAction();
  const [filing, setFiling] = useState<InboxRow | null>(null);
  const act = (fn: () => Promise<unknown>) =>
    action.run(async () => {
      await fn();
      onChanged();
    });
  const setOwner = (row: InboxRow, staffId: number | null) => act(() => client.call('messages.setOwner', { inboundId: row.id, staffId }));
  return (
    <>
      {action.error !== undefined && <FormError message={errorMessage(action.error)} />}
      <table className="table inbox-table" aria-label="Messages waiting for an answer, oldest first" data-testid="inbox-list">
        <thead>
          <tr>
            <th>Received</th>
            <th>From</th>
            <th>Message</th>
            <th>Answer by</th>
            <th>Owner</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={row.overdue ? 'overdue' : ''} data-testid="inbox-row" data-overdue={row.overdue}>
              <td className="nowrap">{formatInstant(row.receivedAt, timeZone)}</td>
              <td>
                {row.patientId ? (
                  <a href={`#/patients/${row.patientId}/conversation`} data-testid="inbox-patient">
                    {row.patientName}
                  </a>
                ) : (
                  <span className="muted">Unknown sender</span>
                )}
                <div className="small muted">
                  {channelLabels[row.channel]} · {row.fromName && row.fromName !== row.fromAddress ? `${row.fromName} <${row.fromAddress}>` : row.fromAddress}
                </div>
              </td>
              <td className="inbox-message">
                {row.subject && <strong className="ellipsis">{row.subject}</strong>}
                <div className="ellipsis" title={row.preview} data-testid="inbox-preview">
                  {row.preview}
                </div>
                {row.note && <div className="small muted">{row.note}</div>}
              </td>
              <td className="nowrap" data-testid="inbox-due">
                {formatInstant(row.dueAt, timeZone)}
                {row.overdue && (
                  <div>
                    <Badge kind="alert" testId="inbox-overdue">
                      Overdue
                    </Badge>
                  </div>
                )}
              </td>
              <td>
                {staff.data ? (
                  <select
                    value={row.ownerStaffId ?? ''}
                    disabled={action.busy}
                    aria-label={`Who answers the message from ${row.patientName ?? row.fromAddress}`}
                    onChange={(e) => setOwner(row, e.target.value ? Number(e.target.value) : null)}
                    data-testid="inbox-owner"
                  >
                    <option value="">Nobody yet</option>
                    {staff.data.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.displayName}
                      </option>
                    ))}
                    {/* An owner who has since left the team is still shown as the owner. */}
                    {row.ownerStaffId !== null && !staff.data.some((s) => s.id === row.ownerStaffId) && <option value={row.ownerStaffId}>{row.ownerName}</option>}
                  </select>
                ) : (
                  <span data-testid="inbox-owner-name">{row.ownerName ?? <span className="muted">Nobody yet</span>}</span>
                )}
              </td>
              <td>
                <div className="actions inbox-actions">
                  {me !== undefined && row.ownerStaffId !== me && (
                    <button type="button" className="btn btn-small" disabled={action.busy} onClick={() => setOwner(row, me)} data-testid="inbox-take">
                      Take
                    </button>
                  )}
                  {row.patientId ? (
                    <a className="btn btn-small btn-primary" href={`#/patients/${row.patientId}/conversation`} data-testid="inbox-answer">
                      Answer
                    </a>
                  ) : (
                    <button type="button" className="btn btn-small btn-primary" onClick={() => setFiling(row)} data-testid="inbox-file">
                      File under patient…
                    </button>
                  )}
                  <button type="button" className="btn btn-small" disabled={action.busy} onClick={() => act(() => client.call('messages.close', { inboundId: row.id }))} data-testid="inbox-close">
                    No reply needed
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {filing && <FileUnderDialog row={filing} onClose={() => setFiling(null)} onDone={onChanged} />}
    </>
  );
}

/** An unknown sender's message filed under the patient picked with the quick search; it joins their conversation. */
function FileUnderDialog({ row, onClose, onDone }: { row: InboxRow; onClose: () => void; onDone: () => void }) {
  const action = useAction();
  return (
    <Dialog title="File under patient" onClose={onClose} testId="file-under-dialog">
      <p>
        {channelLabels[row.channel]} from <strong>{row.fromAddress}</strong>: <span className="muted">{row.preview}</span>
      </p>
      <div className="file-under-picker">
        <PatientPicker
          autoFocus
          testId="file-under-search"
          onPick={(p) =>
            action.run(async () => {
              await client.call('messages.assignPatient', { inboundId: row.id, patientId: p.id });
              useUi.getState().notify(`Filed under ${p.name}`);
              onDone();
              onClose();
            })
          }
        />
      </div>
      {action.busy && <Spinner label="Filing…" />}
      {action.error !== undefined && <FormError message={errorMessage(action.error)} />}
    </Dialog>
  );
}
