import { useState } from 'react';
import { outboxStatuses, type OutboxMessage } from '../../../src-shared/contract/messages';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { formatInstant } from '../../lib/format';
import { Async, Badge, Empty } from '../../lib/ui';

const statusLabels: Record<OutboxMessage['status'], string> = { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed', notSent: 'Not sent' };
const statusKind = { queued: 'neutral', sending: 'neutral', sent: 'ok', failed: 'alert', notSent: 'warn' } as const;

/** Settings → Outbox: every confirmation and reminder with its honest status. */
export function OutboxTab() {
  const [status, setStatus] = useState<OutboxMessage['status'] | ''>('');
  const state = useCall('messages.outbox', { status: status || undefined, limit: 200 });
  const { timeZone } = useClinic();
  return (
    <div className="panel" data-testid="outbox">
      <div className="toolbar">
        <label className="inline">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} data-testid="outbox-status">
            <option value="">All</option>
            {outboxStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={state.reload}>
          Refresh
        </button>
      </div>
      <Async state={state}>
        {(box) => (
          <>
            {!box.carriers.email.configured && !box.carriers.sms.configured && (
              <div className="banner banner-warn-box" role="status" data-testid="outbox-no-transport">
                <strong>No message transport configured — messages stay queued.</strong> Nothing is marked sent until a transport confirms it.
              </div>
            )}
            {box.rows.length ? (
              <table className="table">
                <thead>
                  <tr>
                    <th>Due</th>
                    <th>Patient</th>
                    <th>Message</th>
                    <th>To</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {box.rows.map((m) => (
                    <tr key={m.id} data-testid="outbox-row" data-status={m.status}>
                      <td className="nowrap">{formatInstant(m.dueAt, timeZone)}</td>
                      <td>{m.patientName}</td>
                      <td>
                        <span className="small muted">
                          {m.templateName} · {m.channel}
                        </span>
                        <div className="small ellipsis outbox-body" title={m.body}>
                          {m.body}
                        </div>
                      </td>
                      <td>{m.recipient ?? <span className="muted">—</span>}</td>
                      <td>
                        <Badge kind={statusKind[m.status]}>{statusLabels[m.status]}</Badge>
                        {m.statusReason && <div className="small muted">{m.statusReason}</div>}
                        {m.sentAt && <div className="small muted">{formatInstant(m.sentAt, timeZone)}</div>}
                        {m.attempts > 1 && <div className="small muted">{m.attempts} attempts</div>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Empty>No messages{status ? ` with status “${statusLabels[status]}”` : ''}.</Empty>
            )}
          </>
        )}
      </Async>
    </div>
  );
}
