import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { simpleParser } from 'mailparser';
import type { ImapSettings, SmsSettings } from '../../src-shared/contract/messages';
import type { Actor } from '../core/audit';
import { cached, type Sqlite } from '../core/db';
import type { Runtime } from '../core/runtime';
import type { InboundMessageTable } from '../core/schema-calendar';
import type { Job } from '../core/scheduler';
import { newId } from '../core/workstation';
import { phoneReversedOf, recordConsent } from '../patients/index';
import { loadAccount, recordAccountStatus } from './carriers/accounts';
import { describeCarrierError } from './carriers/errors';
import { GatewayError, listGatewayMessages } from './carriers/gateway';
import { openMailbox } from './carriers/imap';
import { CLOSE_INBOUND_SQL } from './conversation-queries';
import { queueDirect } from './outgoing';

const EVERY_MS = 2 * 60_000;
/** A mailbox or gateway read for the first time (or a mailbox whose UIDs were reset) is read this far back, not to its beginning. */
const FIRST_READ_DAYS = 14;
/** Messages read per run; the rest follow at the next run. */
const BATCH = 100;
/** What is fetched of one email: its text comes first, an attachment beyond this stays in the mailbox. */
const MAX_SOURCE_BYTES = 1_048_576;
const MAX_BODY_CHARS = 100_000;

/** The whole text of an SMS that opts out (case, spaces, accents and punctuation aside): the carriers' usual words. */
const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'STOPP', 'ARRET']);

const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');

/** An opt-out: an SMS whose whole text is a stop word; an email whose subject or first line is "unsubscribe" (our List-Unsubscribe mailto sends that). */
export function isOptOut(channel: 'email' | 'sms', subject: string, body: string): boolean {
  if (channel === 'sms') return STOP_WORDS.has(folded(body));
  const firstLine = body.split('\n').find((line) => line.trim()) ?? '';
  return folded(subject) === 'UNSUBSCRIBE' || folded(firstLine) === 'UNSUBSCRIBE';
}

/** A fetched message as it will be stored; `receivedAt` is the carrier's time of arrival, never later than now (a server clock ahead must not put a reply in the future). */
type Incoming = Pick<InboundMessageTable, 'channel' | 'carrierKey' | 'fromAddress' | 'fromName' | 'subject' | 'body' | 'note' | 'receivedAt'> & {
  /** Email: Message-IDs it answers, In-Reply-To first, then References from the latest. */
  answers: string[];
  /** Email: our own Bcc copy of a message we sent is not a reply. */
  messageId: string | null;
};

interface Match {
  patientId: number | null;
  matchedBy: 'thread' | 'address' | 'none';
  inReplyToOutboxId: number | null;
}

/** The one live patient with this address or phone (not merged; one not archived is preferred), else none. */
function onlyPatient(rows: { id: number; archivedAt: string | null }[]): number | null {
  const live = rows.filter((r) => r.archivedAt === null);
  if (live.length === 1) return live[0].id;
  return live.length === 0 && rows.length === 1 ? rows[0].id : null;
}

function match(sqlite: Sqlite, message: Incoming): Match {
  for (const id of message.answers) {
    const thread = cached(sqlite, 'SELECT o.id, coalesce(p.mergedIntoId, p.id) AS patientId FROM outbox o JOIN patient p ON p.id = o.patientId WHERE o.messageId = ?').get(id) as
      | { id: number; patientId: number }
      | undefined;
    if (thread) return { patientId: thread.patientId, matchedBy: 'thread', inReplyToOutboxId: thread.id };
  }
  const rows =
    message.channel === 'email'
      ? cached(sqlite, 'SELECT id, archivedAt FROM patient WHERE email = ? AND mergedIntoId IS NULL').all(message.fromAddress.toLowerCase())
      : cached(sqlite, 'SELECT id, archivedAt FROM patient WHERE phoneReversed = ? AND phone = ? AND mergedIntoId IS NULL').all(phoneReversedOf(message.fromAddress), message.fromAddress);
  const patientId = message.fromAddress ? onlyPatient(rows as { id: number; archivedAt: string | null }[]) : null;
  return { patientId, matchedBy: patientId === null ? 'none' : 'address', inReplyToOutboxId: null };
}

const INSERT_INBOUND_SQL = `
  INSERT OR IGNORE INTO inboundMessage (id, channel, carrierKey, patientId, matchedBy, inReplyToOutboxId, fromAddress, fromName, subject, body, note, receivedAt, createdAt, updatedAt)
  VALUES (@id, @channel, @carrierKey, @patientId, @matchedBy, @inReplyToOutboxId, @fromAddress, @fromName, @subject, @body, @note, @receivedAt, @now, @now)`;

/**
 * A patient's opt-out: their consent on that channel is withdrawn through the same path as the patient form, audited
 * as theirs, and one confirmation is queued (urgent: quiet hours do not hold it). A second opt-out while consent is
 * already off changes nothing and confirms nothing. The message leaves the inbox either way.
 */
export function applyOptOut(runtime: Runtime, now: Date, inbound: { id: number; channel: 'email' | 'sms'; patientId: number }): void {
  const { sqlite } = runtime;
  const { id, channel, patientId } = inbound;
  const consent = cached(sqlite, 'SELECT granted, recordedAt FROM patientConsent WHERE patientId = ? AND channel = ?').get(patientId, channel) as { granted: number; recordedAt: string } | undefined;
  let confirmationId: number | null = null;
  if (consent?.granted === 1) {
    const actor: Actor = { staffId: null, name: channel === 'sms' ? 'the patient, by SMS reply' : 'the patient, by email reply' };
    recordConsent(sqlite, now, actor, { patientId, channel, granted: false, source: 'reply' });
    const clinic = cached(sqlite, 'SELECT name, phone FROM clinic WHERE id = 1').get() as { name: string; phone: string };
    const contact = cached(sqlite, 'SELECT phone, email FROM patient WHERE id = ?').get(patientId) as { phone: string | null; email: string | null };
    const what = channel === 'sms' ? 'text messages' : 'emails';
    const body = `${clinic.name}: you will receive no more ${what} from us.${clinic.phone ? ` To change this, call us on ${clinic.phone}.` : ''}`;
    confirmationId = queueDirect(runtime, now, {
      patientId,
      kind: 'optOut',
      channel,
      recipient: channel === 'sms' ? contact.phone : contact.email,
      subject: channel === 'email' ? `Unsubscribed from ${clinic.name}` : '',
      body,
      urgent: true,
      staffId: null,
      inReplyToId: id,
      // One confirmation per withdrawal of the consent that was given.
      dedupeKey: `optOut:${channel}:${patientId}:${consent.recordedAt}`,
    });
  }
  cached(sqlite, CLOSE_INBOUND_SQL).run({ id, reason: 'optOut', at: now.toISOString(), staffId: null, outboxId: confirmationId });
}

/** A patient's reply as another domain may read it first (a survey's score). */
export interface PatientReply { id: number; patientId: number; channel: 'email' | 'sms'; body: string; receivedAt: string }
/** Returns true when it took the reply as its own: the message then needs no answer (it stays in the thread). */
export type ReplyReader = (runtime: Runtime, now: Date, reply: PatientReply) => boolean;
/** Readers other domains register at start (app.ts); messaging knows none of them by name. */
export const replyReaders = new Set<ReplyReader>();

/** Stores fetched messages once each (by carrier key), matched to their patients; opt-outs are applied. Returns how many are new. */
function store(runtime: Runtime, messages: Incoming[], cursor: { source: string; uidValidity: string | null; lastUid: number; lastAt: string | null }): number {
  const { sqlite } = runtime;
  const now = runtime.clock.now();
  return sqlite
    .transaction(() => {
      runtime.workstation?.stamp(now);
      let stored = 0;
      for (const message of messages) {
        if (message.messageId && cached(sqlite, 'SELECT 1 FROM outbox WHERE messageId = ?').get(message.messageId)) continue;
        const found = match(sqlite, message);
        const id = newId(sqlite, 'inboundMessage');
        const { answers: _answers, messageId: _messageId, ...fields } = message;
        if (!cached(sqlite, INSERT_INBOUND_SQL).run({ id, ...fields, ...found, now: now.toISOString() }).changes) continue;
        stored++;
        const { patientId } = found;
        if (patientId === null) continue;
        if (isOptOut(message.channel, message.subject, message.body)) applyOptOut(runtime, now, { id, channel: message.channel, patientId });
        else if ([...replyReaders].some((read) => read(runtime, now, { id, patientId, channel: message.channel, body: message.body, receivedAt: message.receivedAt }))) {
          cached(sqlite, CLOSE_INBOUND_SQL).run({ id, reason: 'noReplyNeeded', at: now.toISOString(), staffId: null, outboxId: null });
        }
      }
      cached(
        sqlite,
        `INSERT INTO mailboxCursor (source, uidValidity, lastUid, lastAt, updatedAt) VALUES (@source, @uidValidity, @lastUid, @lastAt, @now)
         ON CONFLICT (source) DO UPDATE SET uidValidity = excluded.uidValidity, lastUid = excluded.lastUid, lastAt = excluded.lastAt, updatedAt = excluded.updatedAt`,
      ).run({ ...cursor, now: now.toISOString() });
      return stored;
    })
    .immediate();
}

type Cursor = { uidValidity: string | null; lastUid: number; lastAt: string | null } | undefined;
const readCursor = (sqlite: Sqlite, source: string) => cached(sqlite, 'SELECT uidValidity, lastUid, lastAt FROM mailboxCursor WHERE source = ?').get(source) as Cursor;

const kB = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/** The parts of a message that are files (an attachment, or anything but text that has a name). */
function attachmentsOf(node: MessageStructureObject | undefined): { name: string; size: number }[] {
  if (!node) return [];
  if (node.childNodes?.length) return node.childNodes.flatMap(attachmentsOf);
  const name = node.dispositionParameters?.filename ?? node.parameters?.name ?? null;
  const isFile = node.disposition === 'attachment' || (name !== null && !node.type.startsWith('text/'));
  // The mailbox gives the encoded size; base64 carries 3 bytes in 4.
  const size = node.encoding?.toLowerCase() === 'base64' ? Math.floor(((node.size ?? 0) * 3) / 4) : (node.size ?? 0);
  return isFile ? [{ name: name ?? node.type, size }] : [];
}

const carrierTime = (at: Date | string | undefined, now: Date) => {
  const ms = at === undefined ? NaN : new Date(at).getTime();
  return new Date(Number.isNaN(ms) ? now.getTime() : Math.min(ms, now.getTime())).toISOString();
};

/** One fetched email as it will be stored; what could not be read whole is said in the note. */
async function readEmail(fetched: { uid: number; size?: number; source?: Buffer; bodyStructure?: MessageStructureObject; internalDate?: Date | string }, validity: string, now: Date): Promise<Incoming> {
  const notes: string[] = [];
  const source = fetched.source ?? Buffer.alloc(0);
  if ((fetched.size ?? 0) > source.length) notes.push(`The message is ${kB(fetched.size ?? 0)}: only its first ${kB(source.length)} were read.`);
  let parsed: Awaited<ReturnType<typeof simpleParser>> | null = null;
  try {
    parsed = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    notes.push('The message could not be read whole; what could be read is shown.');
  }
  const from = parsed?.from?.value[0];
  if (!from?.address) notes.push('The message has no sender address.');
  let body = parsed ? (parsed.text ?? '').trim() : source.toString('utf8', 0, Math.min(source.length, MAX_BODY_CHARS));
  if (body.length > MAX_BODY_CHARS) {
    body = body.slice(0, MAX_BODY_CHARS);
    notes.push(`The text was cut to its first ${MAX_BODY_CHARS / 1000} kB; the whole message is in the mailbox.`);
  }
  const files = attachmentsOf(fetched.bodyStructure);
  if (files.length) notes.push(`Attachments left in the mailbox: ${files.map((f) => `${f.name} (${kB(f.size)})`).join(', ')}.`);
  const references = parsed?.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : parsed.references.split(/\s+/);
  const messageId = parsed?.messageId ?? null;
  return {
    channel: 'email',
    carrierKey: messageId ? `email:${messageId}` : `email:uid:${validity}:${fetched.uid}`,
    fromAddress: from?.address?.toLowerCase() ?? '',
    fromName: from?.name ?? '',
    subject: parsed?.subject ?? '',
    body,
    note: notes.length ? notes.join(' ') : null,
    receivedAt: carrierTime(fetched.internalDate, now),
    answers: [...(parsed?.inReplyTo ? [parsed.inReplyTo] : []), ...references.filter(Boolean).reverse()],
    messageId,
  };
}

/** The UIDs to read this run: after the cursor, or (first read, or the mailbox's UIDs were reset) the recent ones. */
async function uidsToRead(client: ImapFlow, cursor: Cursor, validity: string, now: Date): Promise<number[]> {
  const uids =
    cursor && cursor.uidValidity === validity
      ? await client.search({ uid: `${cursor.lastUid + 1}:*` }, { uid: true })
      : await client.search({ since: new Date(now.getTime() - FIRST_READ_DAYS * 86_400_000) }, { uid: true });
  const after = cursor && cursor.uidValidity === validity ? cursor.lastUid : 0;
  // "N:*" names the last message even when it is below N.
  return (uids || []).filter((uid) => uid > after).sort((a, b) => a - b);
}

async function fetchEmail(runtime: Runtime, settings: ImapSettings, secret: string): Promise<number> {
  const client = await openMailbox(settings, secret);
  try {
    const lock = await client.getMailboxLock(settings.mailbox, { readOnly: true });
    try {
      const mailbox = client.mailbox === false ? null : client.mailbox;
      const validity = String(mailbox?.uidValidity ?? '');
      const source = `imap:${settings.mailbox}`;
      const now = runtime.clock.now();
      const cursor = readCursor(runtime.sqlite, source);
      const pending = await uidsToRead(client, cursor, validity, now);
      const batch = pending.slice(0, BATCH);
      const messages: Incoming[] = [];
      if (batch.length) {
        const described = await client.fetchAll(batch.join(','), { uid: true, size: true, bodyStructure: true, internalDate: true }, { uid: true });
        const small = described.filter((m) => (m.size ?? 0) <= MAX_SOURCE_BYTES).map((m) => m.uid);
        const sources = new Map((small.length ? await client.fetchAll(small.join(','), { uid: true, source: true }, { uid: true }) : []).map((m) => [m.uid, m.source]));
        for (const message of described.sort((a, b) => a.uid - b.uid)) {
          // A large message: only its start (the text comes first); its attachments stay in the mailbox.
          const source = sources.get(message.uid) ?? (await client.fetchOne(String(message.uid), { uid: true, source: { maxLength: MAX_SOURCE_BYTES } }, { uid: true }) || undefined)?.source;
          messages.push(await readEmail({ ...message, source }, validity, now));
        }
      }
      // A first read starts after what is in the mailbox now, read or too old to read.
      const fresh = !cursor || cursor.uidValidity !== validity;
      const lastUid = Math.max(batch.at(-1) ?? 0, fresh && pending.length <= BATCH ? (mailbox?.uidNext ?? 1) - 1 : 0, fresh ? 0 : cursor.lastUid);
      if (!(await whenReady(runtime))) return 0;
      return store(runtime, messages, { source, uidValidity: validity, lastUid, lastAt: null });
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function fetchSms(runtime: Runtime, settings: SmsSettings, token: string): Promise<number> {
  const source = `sms:${settings.fromNumber}`;
  const now = runtime.clock.now();
  const cursor = readCursor(runtime.sqlite, source);
  const since = cursor?.lastAt ?? new Date(now.getTime() - FIRST_READ_DAYS * 86_400_000).toISOString();
  // The gateway filters by day: the messages of the cursor's day are listed again and kept once by their id.
  const listed = await listGatewayMessages(settings, token, { to: settings.fromNumber, sinceDate: since.slice(0, 10) });
  // Listed newest first; oldest first here (a stable sort keeps the gateway's order within a second).
  const inbound = listed
    .filter((m) => m.direction === 'inbound' && m.sid)
    .reverse()
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const messages: Incoming[] = inbound.map((m) => ({
    channel: 'sms',
    carrierKey: `sms:${m.sid}`,
    fromAddress: m.from,
    fromName: '',
    subject: '',
    body: m.body.slice(0, MAX_BODY_CHARS),
    note: null,
    receivedAt: carrierTime(m.createdAt || undefined, now),
    answers: [],
    messageId: null,
  }));
  const lastAt = inbound.reduce((latest, m) => (m.createdAt > latest ? m.createdAt : latest), since);
  if (!(await whenReady(runtime))) return 0;
  return store(runtime, messages, { source, uidValidity: null, lastUid: 0, lastAt });
}

/** The job writes beside calls on the same connection: it waits until no call's transaction is open. */
async function whenReady(runtime: Runtime): Promise<boolean> {
  await runtime.outsideTransaction();
  return runtime.isOpen && runtime.state === 'ready';
}

/** Reads one account's new replies and keeps the outcome on the account, in words. */
async function readAccount<K extends 'imap' | 'sms'>(
  runtime: Runtime,
  kind: K,
  read: (runtime: Runtime, settings: K extends 'imap' ? ImapSettings : SmsSettings, secret: string) => Promise<number>,
): Promise<string | null> {
  const account = loadAccount(runtime, kind);
  if (!account?.enabled) return null;
  let ok = false;
  let words: string;
  if (!account.secret) words = account.secretProblem ?? 'No password saved';
  else {
    try {
      const count = await read(runtime, account.settings as never, account.secret);
      ok = true;
      words = count ? `Read ${count} new repl${count === 1 ? 'y' : 'ies'}` : 'No new replies';
    } catch (error) {
      words = error instanceof GatewayError ? error.fault.words : describeCarrierError(error, account.secret).words;
    }
  }
  if (await whenReady(runtime)) recordAccountStatus(runtime.sqlite, kind, ok, words, runtime.clock.now());
  return `${kind === 'imap' ? 'Email' : 'SMS'}: ${words}`;
}

async function readReplies(runtime: Runtime): Promise<string> {
  if (!(await whenReady(runtime))) return 'The clinic is not open.';
  if (!runtime.clinicRow()) return 'No clinic yet.';
  const outcomes = [await readAccount(runtime, 'imap', fetchEmail), await readAccount(runtime, 'sms', fetchSms)].filter((o) => o !== null);
  return outcomes.length ? `${outcomes.join('. ')}.` : 'No mailbox or SMS gateway is set up.';
}

/** Patients' replies: email from the clinic's mailbox (IMAP), texts from the SMS gateway (polled: a desktop has no webhook). */
export const repliesJob: Job = {
  name: 'replies',
  label: 'Replies from the mailbox and the SMS gateway',
  nextRunAfter: (after) => new Date(after.getTime() + EVERY_MS),
  run: readReplies,
};
