import { useState } from 'react';
import { client } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useAction, useCall } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Async, Empty, ErrorBox } from '../../lib/ui';

/** Review requests per site: waiting ones can be confirmed as posted (the loyalty program's review points follow). */
export function ReviewRequests() {
  const { timeZone } = useClinic();
  const [status, setStatus] = useState<'waiting' | 'posted'>('waiting');
  const state = useCall('satisfaction.reviews', { status });
  const action = useAction();
  const confirm = (id: number) =>
    action.run(async () => {
      const { points } = await client.call('satisfaction.confirmReview', { reviewRequestId: id });
      useUi.getState().notify(points ? `Review confirmed: ${points} points given` : 'Review confirmed');
      state.reload();
    });
  return (
    <div data-testid="review-requests">
      <div className="row row-tight no-print">
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label="Show" data-testid="reviews-status">
          <option value="waiting">Waiting for a review</option>
          <option value="posted">Posted</option>
        </select>
      </div>
      <p className="muted">Clicks on the links are not known: they go straight to the sites, and Lumen runs no web server to count them.</p>
      {action.error !== undefined && <ErrorBox error={action.error} />}
      <Async state={state}>
        {({ rows }) =>
          rows.length === 0 ? (
            <Empty>No review requests here.</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Patient</th>
                  <th>Site</th>
                  <th>Asked</th>
                  <th>Message</th>
                  <th>Posted</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-testid="review-row">
                    <td>
                      <a href={`#/patients/${r.patientId}`}>{r.patientName}</a>
                    </td>
                    <td>
                      <a href={r.url} target="_blank" rel="noreferrer">
                        {r.site}
                      </a>
                    </td>
                    <td>{formatInstant(r.requestedAt, timeZone)}</td>
                    <td>
                      {r.channel === 'sms' ? 'SMS' : 'Email'}, {r.messageStatus}
                    </td>
                    <td>{r.postedAt ? `${formatInstant(r.postedAt, timeZone, false)} by ${r.postedBy}${r.points ? ` (+${r.points} points)` : ''}` : '—'}</td>
                    <td>
                      {!r.postedAt && (
                        <button type="button" className="btn btn-small" disabled={action.busy} onClick={() => void confirm(r.id)} data-testid="review-confirm">
                          Posted
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Async>
    </div>
  );
}

/** Positive posters: patients with confirmed reviews, most first; printable. */
export function PositivePosters() {
  const { timeZone } = useClinic();
  const state = useCall('satisfaction.posters', {});
  return (
    <Async state={state}>
      {({ rows }) =>
        rows.length === 0 ? (
          <Empty>No review has been confirmed yet.</Empty>
        ) : (
          <table className="table" data-testid="posters">
            <thead>
              <tr>
                <th>Patient</th>
                <th className="num">Reviews</th>
                <th>Sites</th>
                <th>Last posted</th>
                <th className="num">Latest score</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.patientId}>
                  <td>
                    <a href={`#/patients/${r.patientId}`}>{r.patientName}</a>
                  </td>
                  <td className="num">{r.reviews}</td>
                  <td>{r.sites.join(', ')}</td>
                  <td>{formatInstant(r.lastPostedAt, timeZone, false)}</td>
                  <td className="num">{r.latestScore ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Async>
  );
}

/** Happy patients (latest score 9–10) who never referred anyone: pick and send them the referral offer. */
export function HappyNeverReferred() {
  const { timeZone } = useClinic();
  const state = useCall('satisfaction.happyNeverReferred', {});
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const action = useAction();
  const send = () =>
    action.run(async () => {
      const { queued, skipped } = await client.call('satisfaction.sendReferralOffer', { patientIds: [...picked] });
      useUi.getState().notify(`Referral offer sent to ${queued} patient${queued === 1 ? '' : 's'}${skipped.length ? `; ${skipped.length} skipped (${skipped.map((s) => s.reason).join('; ')})` : ''}`);
      setPicked(new Set());
      state.reload();
    });
  const toggle = (id: number) => setPicked((all) => (all.has(id) ? new Set([...all].filter((x) => x !== id)) : new Set([...all, id])));
  return (
    <div data-testid="happy-never-referred">
      {action.error !== undefined && <ErrorBox error={action.error} />}
      <Async state={state}>
        {({ rows }) =>
          rows.length === 0 ? (
            <Empty>No happy patient is waiting for a referral offer.</Empty>
          ) : (
            <>
              <div className="actions actions-start no-print">
                <button type="button" className="btn" onClick={() => setPicked(new Set(rows.map((r) => r.patientId)))}>
                  Pick all
                </button>
                <button type="button" className="btn btn-primary" disabled={!picked.size || action.busy} onClick={() => void send()} data-testid="send-referral-offer">
                  Send the referral offer ({picked.size})
                </button>
              </div>
              <table className="table">
                <thead>
                  <tr>
                    <th aria-label="Pick" className="no-print" />
                    <th>Patient</th>
                    <th className="num">Score</th>
                    <th>Given</th>
                    <th>Reach by</th>
                    <th>Offer sent</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.patientId}>
                      <td className="no-print">
                        <input type="checkbox" checked={picked.has(r.patientId)} onChange={() => toggle(r.patientId)} aria-label={`Pick ${r.patientName}`} />
                      </td>
                      <td>
                        <a href={`#/patients/${r.patientId}`}>{r.patientName}</a>
                      </td>
                      <td className="num">{r.score}</td>
                      <td>{formatInstant(r.answeredAt, timeZone, false)}</td>
                      <td>{r.channels.map((c) => (c === 'sms' ? 'SMS' : 'Email')).join(', ')}</td>
                      <td>{r.offeredAt ? formatInstant(r.offeredAt, timeZone, false) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )
        }
      </Async>
    </div>
  );
}
