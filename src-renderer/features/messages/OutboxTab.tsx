import { useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract/index';
import { outboxStatuses, type OutboxMessage } from '../../../src-shared/contract/messages';
import { client, errorMessage } from '../../lib/client';
import { useAction, useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { formatInstant } from '../../lib/format';
import { Async, Badge, Empty, FormError } from '../../lib/ui';
import { channelLabels, kindLabels, statusKind, statusLabels } from './labels';
import './messages.css';

type Carriers = OutputOf<'messages.outbox'>['carriers'];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * What is going on with sending, in plain words: no network, a channel not set up or failing (with the carrier's
 * own words), or simply messages waiting. Null when everything is set up and nothing waits.
 */
export function outboxBanner(carriers: Carriers, waiting: number): { tone: 'alert' | 'warn' | 'info'; lines: string[]; setUp: boolean } | null {
  const waitingText = plural(waiting, 'message') + ' waiting';
  const channels = [
    { name: 'Email', state: carriers.email },
    { name: 'SMS', state: carriers.sms },
  ];
  const lines: string[] = [];
  let tone: 'alert' | 'warn' | 'info' = 'info';
  if (channels.some((c) => c.state.state === 'offline')) {
    lines.push(`No network — ${waitingText}; they go when the connection returns.`);
    tone = 'alert';
  }
  if (channels.every((c) => c.state.state === 'notConfigured')) {
    lines.push(`No email or SMS account is set up — ${waitingText}; nothing is sent until one is set up.`);
    tone = 'warn';
  } else {
    for (const { name, state } of channels) {
      if (state.state === 'notConfigured') {
        // Its detail says why when there is an account ("Switched off").
        lines.push(`${state.detail ? `${name}: ${state.detail}` : `${name} not set up`} — ${name === 'SMS' ? 'text messages' : 'emails'} wait until an account is set up and on.`);
        if (tone === 'info') tone = 'warn';
      } else if (state.state === 'failing') {
        lines.push(`${name} is failing: ${state.detail ?? 'no answer from the server'}. Messages are tried again.`);
        tone = 'alert';
      }
    }
    if (waiting > 0) lines.push(`${waitingText} to go.`);
  }
  if (!lines.length) return null;
  return { tone, lines, setUp: channels.some((c) => c.state.state === 'notConfigured' || c.state.state === 'failing') };
}

const bannerClass = { alert: 'banner-alert', warn: 'banner-warn-box', info: 'banner-info' } as const;

/** Settings → Outbox: every message with its honest status, what holds sending up, and Retry for failed ones. */
export function OutboxTab() {
  const [status, setStatus] = useState<OutboxMessage['status'] | ''>('');
  const state = useCall('messages.outbox', { status: status || undefined, limit: 200 });
  const { timeZone } = useClinic();
  const retry = useAction();
  const [retrying, setRetrying] = useState<number | null>(null);
  const retryRow = (id: number) => {
    setRetrying(id);
    void retry.run(async () => {
      await client.call('messages.retry', { outboxId: id });
      state.reload();
    });
  };
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
        {(box) => {
          const banner = outboxBanner(box.carriers, box.waiting);
          return (
            <>
              {banner && (
                <div className={`banner ${bannerClass[banner.tone]} outbox-banner`} role="status" data-testid="outbox-banner">
                  {banner.lines.map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                  {banner.setUp && <a href="#/settings/messaging">Settings → Messaging accounts</a>}
                </div>
              )}
              {retry.error !== undefined && <FormError message={errorMessage(retry.error)} />}
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
                            {m.templateName ?? kindLabels[m.kind]} · {channelLabels[m.channel]} · by {m.staffName ?? 'Lumen'}
                          </span>
                          {m.urgent && (
                            <>
                              {' '}
                              <Badge kind="warn" testId="outbox-urgent">
                                Urgent
                              </Badge>
                            </>
                          )}
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
                          {m.nextAttemptAt && (m.status === 'queued' || m.status === 'failed') && <div className="small muted">Next try {formatInstant(m.nextAttemptAt, timeZone)}</div>}
                          {m.status === 'failed' && m.retryable && (
                            <button type="button" className="btn btn-small" disabled={retry.busy} onClick={() => retryRow(m.id)} data-testid="outbox-retry">
                              {retry.busy && retrying === m.id ? 'Queuing…' : 'Retry'}
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <Empty>No messages{status ? ` with status “${statusLabels[status]}”` : ''}.</Empty>
              )}
            </>
          );
        }}
      </Async>
    </div>
  );
}
