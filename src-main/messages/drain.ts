import { hhmm, wallMinutes } from '../../src-shared/time';
import { cached, type Sqlite } from '../core/db';
import type { Runtime } from '../core/runtime';
import type { Job } from '../core/scheduler';
import { type Account, loadAccount, recordAccountStatus } from './carriers/accounts';
import type { MessageCarrier, OutgoingMessage, SendResult } from './carriers/carrier';
import { OFFLINE_WORDS } from './carriers/errors';
import { smsCarrier } from './carriers/sms';
import { newMessageId, smtpCarrier } from './carriers/smtp';
import { retireReason, type QueuedRow, whenNoTransaction } from './job';
import { DUE_SQL, SENDABLE_SQL, SENDING_SQL, SENT_TODAY_SQL, WAITING_SQL } from './queries';
import { delivery } from './render';
import { capDay, quietHoursEnd, type SendingRules } from './rules';

const BATCH = 200;
/** Backoff after a retryable failure: 1, 2, 4 … minutes, at most an hour; after this many attempts it fails (retryable). */
export const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 60 * 60_000;
/** A wrong password or TLS setting: the channel rests this long (or until the account is saved again). */
const ACCOUNT_PAUSE_MS = 60 * 60_000;
/** A mailbox copy may take a moment to appear: a send of unknown outcome is called "not sent" only after this long. */
export const RECONCILE_AFTER_MS = 2 * 60_000;

export const UNCERTAIN_WORDS = 'The connection broke before the server confirmed: Lumen checks whether it went out before sending it again.';
export const UNKNOWN_WORDS = 'Lumen could not check whether this went out (it was stopped while sending). Check with the patient before sending it again.';

type Channel = 'email' | 'sms';

export interface DrainOptions {
  /** Connection and answer timeouts of the carriers (tests shorten them). */
  timeoutMs?: number;
}

type SendableRow = QueuedRow & {
  outboxStatus: string;
  patientId: number;
  kind: string;
  subject: string;
  body: string;
  attempts: number;
  urgent: number;
  staffId: number | null;
  messageId: string | null;
  inReplyToKey: string | null;
};

interface SendingRow {
  id: number;
  channel: Channel;
  recipient: string;
  subject: string;
  body: string;
  messageId: string | null;
  sendingAt: string;
  attempts: number;
  inReplyToKey: string | null;
}

/** The Message-ID an inbound email was stored under ('email:<id>'); a UID key or an SMS has none to quote. */
const quotedMessageId = (carrierKey: string | null) => (carrierKey?.startsWith('email:<') ? carrierKey.slice('email:'.length) : null);

const backoffMs = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1) * 60_000, MAX_BACKOFF_MS);

interface Carriers {
  byChannel: Map<Channel, MessageCarrier>;
  fromAddress: string | null;
}

/**
 * The carriers this workstation's accounts allow. An account whose password cannot be opened here (sealed on
 * another computer) or is missing says so in Settings and sends nothing.
 */
function openCarriers(runtime: Runtime, now: Date, timeoutMs: number | undefined): Carriers {
  const byChannel = new Map<Channel, MessageCarrier>();
  const usable = <K extends 'smtp' | 'sms'>(kind: K, account: Account<K> | null, needsSecret: boolean): account is Account<K> => {
    if (!account?.enabled) return false;
    const problem = account.secretProblem ?? (needsSecret && account.secret === null ? 'No password saved: enter it in Settings.' : null);
    if (problem) recordAccountStatus(runtime.sqlite, kind, false, problem, now);
    return problem === null;
  };
  const smtp = loadAccount(runtime, 'smtp');
  if (usable('smtp', smtp, smtp?.settings.user !== '')) byChannel.set('email', smtpCarrier(smtp, loadAccount(runtime, 'imap'), timeoutMs));
  const sms = loadAccount(runtime, 'sms');
  if (usable('sms', sms, true)) byChannel.set('sms', smsCarrier(sms, timeoutMs));
  return { byChannel, fromAddress: smtp?.settings.fromAddress ?? null };
}

function outgoing(row: { id: number; channel: Channel; recipient: string; subject: string; body: string; messageId: string | null; inReplyToKey: string | null }, sendingAt: string): OutgoingMessage {
  return { id: row.id, channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body, messageId: row.messageId, inReplyTo: quotedMessageId(row.inReplyToKey), sendingAt };
}

const SET_SENT = `UPDATE outbox SET status = 'sent', carrierId = ?, sentAt = ?, statusReason = NULL, retryable = 0, nextAttemptAt = NULL, attempts = ?, updatedAt = ? WHERE id = ?`;
const SET_QUEUED = `UPDATE outbox SET status = 'queued', statusReason = ?, nextAttemptAt = ?, sendingAt = NULL, attempts = ?, updatedAt = ? WHERE id = ?`;
const SET_FAILED = `UPDATE outbox SET status = 'failed', statusReason = ?, retryable = ?, attempts = ?, nextAttemptAt = NULL, updatedAt = ? WHERE id = ?`;

/**
 * Before anything is sent: every message left `sending` (the app was stopped mid-send, or the connection broke
 * before the server confirmed) is looked for at its carrier. Found: sent. Not found, and old enough for a mailbox
 * copy to have appeared: queued again. No way to tell: failed, for a person to check. A check that cannot be made
 * now leaves the message for the next run.
 */
async function reconcile(runtime: Runtime, carriers: Carriers): Promise<{ sent: number; requeued: number; unknown: number; waiting: number }> {
  const counts = { sent: 0, requeued: 0, unknown: 0, waiting: 0 };
  const rows = cached(runtime.sqlite, SENDING_SQL).all() as SendingRow[];
  for (const row of rows) {
    const carrier = carriers.byChannel.get(row.channel);
    let outcome: Awaited<ReturnType<MessageCarrier['wasSent']>>;
    try {
      outcome = carrier ? await carrier.wasSent(outgoing(row, row.sendingAt)) : { state: 'unknown' };
    } catch {
      counts.waiting++;
      continue;
    }
    if (!(await whenNoTransaction(runtime))) break;
    const now = runtime.clock.now();
    const at = now.toISOString();
    const sqlite = runtime.sqlite;
    // Only a row still in `sending` is settled (a person may have acted on it meanwhile).
    const still = () => cached(sqlite, `SELECT status FROM outbox WHERE id = ?`).pluck().get(row.id) === 'sending';
    if (outcome.state === 'sent') {
      const carrierId = outcome.carrierId;
      sqlite.transaction(() => still() && cached(sqlite, SET_SENT).run(carrierId, at, row.attempts, at, row.id)).immediate();
      counts.sent++;
    } else if (outcome.state === 'notSent') {
      if (now.getTime() - Date.parse(row.sendingAt) < RECONCILE_AFTER_MS) {
        counts.waiting++;
        continue;
      }
      sqlite.transaction(() => still() && cached(sqlite, SET_QUEUED).run(null, null, row.attempts, at, row.id)).immediate();
      counts.requeued++;
    } else {
      sqlite.transaction(() => still() && cached(sqlite, SET_FAILED).run(UNKNOWN_WORDS, 1, row.attempts, at, row.id)).immediate();
      counts.unknown++;
    }
  }
  return counts;
}

type Decision = { send: OutgoingMessage } | { skip: 'gone' | 'retired' | 'quiet' | 'capped' };

/**
 * In one short transaction: may this message go now? Consent, do-not-contact and its appointment are checked again
 * (retired with the reason), then SMS quiet hours and the patient's daily cap (it waits: `nextAttemptAt`). If it may go it becomes `sending`, with its Message-ID fixed, before the carrier hears
 * of it: a crash from here on leaves a row that reconciliation looks for.
 */
function decide(sqlite: Sqlite, id: number, now: Date, rules: SendingRules, fromAddress: string | null): Decision {
  const row = cached(sqlite, SENDABLE_SQL).get(id) as SendableRow | undefined;
  if (!row || row.outboxStatus !== 'queued') return { skip: 'gone' };
  const at = now.toISOString();
  const wait = (until: Date, reason: string) => cached(sqlite, 'UPDATE outbox SET nextAttemptAt = ?, statusReason = ?, updatedAt = ? WHERE id = ?').run(until.toISOString(), reason, at, id);
  // An opt-out confirmation goes to someone who has just said stop: only an address is needed.
  const { recipient, reason: deliveryReason } = delivery(row, row.channel);
  const reason = row.kind === 'optOut' ? (recipient ? null : deliveryReason) : retireReason(row, now);
  if (reason || !recipient) {
    cached(sqlite, `UPDATE outbox SET status = 'notSent', statusReason = ?, updatedAt = ? WHERE id = ?`).run(reason, at, id);
    return { skip: 'retired' };
  }
  const quietEnd = row.channel === 'sms' && !row.urgent ? quietHoursEnd(now, rules) : null;
  if (quietEnd) {
    wait(quietEnd, `SMS quiet hours: goes at ${hhmm(wallMinutes(quietEnd.toISOString(), rules.timeZone))}`);
    return { skip: 'quiet' };
  }
  const exempt = row.urgent === 1 || (row.kind === 'conversation' && row.staffId !== null);
  if (!exempt) {
    const day = capDay(now, rules.timeZone);
    const sentToday = cached(sqlite, SENT_TODAY_SQL).pluck().get({ patientId: row.patientId, start: day.start.toISOString(), end: day.end.toISOString() }) as number;
    if (sentToday >= rules.dailyMessageCap) {
      wait(day.end, `Daily limit of ${rules.dailyMessageCap} messages for this patient reached: goes tomorrow`);
      return { skip: 'capped' };
    }
  }
  const messageId = row.channel === 'email' ? (row.messageId ?? newMessageId(id, fromAddress ?? 'clinic@lumen.local')) : null;
  cached(sqlite, `UPDATE outbox SET status = 'sending', sendingAt = ?, messageId = ?, recipient = ?, statusReason = NULL, updatedAt = ? WHERE id = ?`).run(at, messageId, recipient, at, id);
  return { send: outgoing({ ...row, recipient, messageId }, at) };
}

type Outcome = 'sent' | 'uncertain' | 'offline' | 'resting' | 'retrying' | 'failed';

/** In one short transaction: what the carrier answered. Only its acknowledgement makes a message sent. */
function record(sqlite: Sqlite, message: OutgoingMessage, attemptsBefore: number, result: SendResult, now: Date): Outcome {
  const at = now.toISOString();
  if (result.ok) {
    cached(sqlite, SET_SENT).run(result.carrierId, at, attemptsBefore + 1, at, message.id);
    return 'sent';
  }
  if (result.uncertain) {
    cached(sqlite, `UPDATE outbox SET statusReason = ?, attempts = ?, updatedAt = ? WHERE id = ?`).run(UNCERTAIN_WORDS, attemptsBefore + 1, at, message.id);
    return 'uncertain';
  }
  // Nothing was handed over: no network, a wrong password, or "slow down". The message is not at fault; no attempt is used.
  if (result.offline) {
    cached(sqlite, SET_QUEUED).run(null, null, attemptsBefore, at, message.id);
    // The channel's other due messages are not tried in this run: they say why they wait too.
    cached(sqlite, `UPDATE outbox SET statusReason = ?, updatedAt = ? WHERE status = 'queued' AND channel = ? AND dueAt <= ?`).run(`${OFFLINE_WORDS}: waiting`, at, message.channel, at);
    return 'offline';
  }
  if (result.account || result.retryAfterMs !== undefined) {
    // Every queued message of the channel rests with it (Retry-After, or until the account is saved again).
    const until = new Date(now.getTime() + (result.account ? ACCOUNT_PAUSE_MS : (result.retryAfterMs ?? 0))).toISOString();
    cached(sqlite, SET_QUEUED).run(result.words, until, attemptsBefore, at, message.id);
    cached(sqlite, `UPDATE outbox SET nextAttemptAt = ? WHERE status = 'queued' AND channel = ? AND (nextAttemptAt IS NULL OR nextAttemptAt < ?)`).run(until, message.channel, until);
    return 'resting';
  }
  const attempts = attemptsBefore + 1;
  if (result.retryable && attempts < MAX_ATTEMPTS) {
    cached(sqlite, SET_QUEUED).run(result.words, new Date(now.getTime() + backoffMs(attempts)).toISOString(), attempts, at, message.id);
    return 'retrying';
  }
  cached(sqlite, SET_FAILED).run(result.words, result.retryable ? 1 : 0, attempts, at, message.id);
  return 'failed';
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Sends what is due: reconciliation first, then each message on its own — marked `sending` in one short
 * transaction, handed to its carrier with no transaction open, its outcome written in another — so the desk is never
 * held by the network and a crash at any point leaves nothing sent twice and nothing lost.
 */
export async function drainOutbox(runtime: Runtime, options: DrainOptions = {}): Promise<string> {
  if (!(await whenNoTransaction(runtime))) return 'The clinic is not open.';
  const clinic = runtime.clinicRow();
  if (!clinic) return 'No clinic yet.';
  const rules = cached(runtime.sqlite, 'SELECT timeZone, smsQuietFromMinute, smsQuietUntilMinute, dailyMessageCap FROM clinic WHERE id = 1').get() as SendingRules;
  const carriers = openCarriers(runtime, runtime.clock.now(), options.timeoutMs);
  try {
    const reconciled = await reconcile(runtime, carriers);
    const counts: Record<Outcome | 'retired' | 'held', number> = { sent: 0, uncertain: 0, offline: 0, resting: 0, retrying: 0, failed: 0, retired: 0, held: 0 };
    const stopped = new Map<Channel, string>();
    const sentBy = new Map<Channel, number>();
    if (!(await whenNoTransaction(runtime))) return 'The clinic was closed.';
    const due = cached(runtime.sqlite, DUE_SQL)
      .pluck()
      .all({ now: runtime.clock.now().toISOString(), email: carriers.byChannel.has('email') ? 'email' : null, sms: carriers.byChannel.has('sms') ? 'sms' : null, limit: BATCH }) as number[];
    for (const id of due) {
      if (!(await whenNoTransaction(runtime))) break;
      const sqlite = runtime.sqlite;
      const now = runtime.clock.now();
      const channel = cached(sqlite, 'SELECT channel FROM outbox WHERE id = ?').pluck().get(id) as Channel;
      // No network, a wrong password or "slow down" on this channel in this run: the rest wait, using no attempts.
      if (stopped.has(channel)) continue;
      const attempts = cached(sqlite, 'SELECT attempts FROM outbox WHERE id = ?').pluck().get(id) as number;
      const decision = sqlite.transaction(() => decide(sqlite, id, now, rules, carriers.fromAddress)).immediate();
      if ('skip' in decision) {
        if (decision.skip === 'retired') counts.retired++;
        else if (decision.skip !== 'gone') counts.held++;
        continue;
      }
      const result = await carriers.byChannel.get(channel)!.send(decision.send);
      // The clinic was closed meanwhile: the row stays `sending` and the next start reconciles it.
      if (!(await whenNoTransaction(runtime))) break;
      const answeredAt = runtime.clock.now();
      const outcome = runtime.sqlite.transaction(() => record(runtime.sqlite, decision.send, attempts, result, answeredAt)).immediate();
      counts[outcome]++;
      if (outcome === 'sent') sentBy.set(channel, (sentBy.get(channel) ?? 0) + 1);
      if (!result.ok && (outcome === 'offline' || outcome === 'resting')) stopped.set(channel, result.words);
    }
    if (await whenNoTransaction(runtime)) recordCarrierStatus(runtime, sentBy, stopped);
    const parts = [`${counts.sent} sent`, `${counts.retrying} to retry`, `${counts.failed} failed`];
    if (counts.uncertain) parts.push(`${counts.uncertain} to check`);
    if (counts.held) parts.push(`${counts.held} held (quiet hours, daily cap, slow down)`);
    if (counts.retired) parts.push(`${counts.retired} no longer to send`);
    if (reconciled.sent + reconciled.requeued + reconciled.unknown) parts.push(`after a stop: ${reconciled.sent} found sent, ${reconciled.requeued} queued again, ${reconciled.unknown} to check by hand`);
    for (const [channel, words] of stopped) parts.push(`${channel}: ${words}`);
    if (!carriers.byChannel.size) parts.push(`no account set up, ${plural(waitingCount(runtime.sqlite, runtime.clock.now()), 'message')} waiting`);
    return `Outbox: ${parts.join(', ')}.`;
  } finally {
    await Promise.all([...carriers.byChannel.values()].map((c) => c.close()));
  }
}

export function waitingCount(sqlite: Sqlite, now: Date): number {
  return cached(sqlite, WAITING_SQL).pluck().get(now.toISOString()) as number;
}

/** What Settings and the outbox's banner say about each account after a run that used it. */
function recordCarrierStatus(runtime: Runtime, sentBy: Map<Channel, number>, stopped: Map<Channel, string>): void {
  const now = runtime.clock.now();
  const sqlite = runtime.sqlite;
  sqlite
    .transaction(() => {
      for (const channel of ['email', 'sms'] as const) {
        const kind = channel === 'email' ? 'smtp' : 'sms';
        const problem = stopped.get(channel);
        if (problem) {
          const waiting = cached(sqlite, `SELECT count(*) FROM outbox WHERE status = 'queued' AND channel = ? AND dueAt <= ?`).pluck().get(channel, now.toISOString()) as number;
          recordAccountStatus(sqlite, kind, false, problem === OFFLINE_WORDS ? `${OFFLINE_WORDS} — ${plural(waiting, 'message')} waiting` : problem, now);
        } else if (sentBy.get(channel)) recordAccountStatus(sqlite, kind, true, `Sent ${plural(sentBy.get(channel)!, 'message')}`, now);
      }
    })
    .immediate();
}

/** Every minute: sends what is due through this workstation's accounts (reminders are written by their own job). */
export const outboxJob: Job = {
  name: 'outbox',
  label: 'Send queued emails and SMS',
  nextRunAfter: (after) => new Date(after.getTime() + 60_000),
  run: (runtime) => drainOutbox(runtime),
};
