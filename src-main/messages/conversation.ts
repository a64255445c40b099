import type { InboxRow, ThreadItem } from '../../src-shared/contract/messages';
import { fieldError, LumenError } from '../../src-shared/errors';
import { cached, type Sqlite } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { InboundMessageTable } from '../core/schema-calendar';
import { requirePatient } from '../patients/index';
import { CLOSE_INBOUND_SQL, FIRST_PAGE, INBOUND_SQL, INBOX_COUNTS_SQL, INBOX_SQL, THREAD_PAGE_SQL, THREAD_PATIENT_SQL } from './conversation-queries';
import { applyOptOut, isOptOut } from './inbound';
import { queueDirect } from './outgoing';
import { type PatientContact, reachability, renderConversation, templateFieldErrors } from './render';

type ThreadPatient = PatientContact & { id: number; firstName: string; lastName: string; preferredName: string | null; mergedIntoId: number | null };
/** A thread item as SQLite gives it: `answered` is 0/1 until turned into a boolean in place. */
type PageRow = Omit<ThreadItem, 'answered'> & { answered: number | boolean | null };

function encodeCursor(item: { at: string; direction: string; id: number }): string {
  return Buffer.from(JSON.stringify([item.at, item.direction, item.id])).toString('base64url');
}

function decodeCursor(before: string | undefined): typeof FIRST_PAGE {
  if (before === undefined) return FIRST_PAGE;
  try {
    const [at, direction, id] = JSON.parse(Buffer.from(before, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && (direction === 'in' || direction === 'out') && Number.isInteger(id)) return { at, direction, id: id as number };
  } catch {
    // Falls through to the refusal.
  }
  throw fieldError('invalid_input', 'This page marker is not one Lumen gave out.', 'before');
}

export function loadThreadPatient(sqlite: Sqlite, patientId: number): ThreadPatient {
  const patient = cached(sqlite, THREAD_PATIENT_SQL).get(patientId) as ThreadPatient | undefined;
  if (!patient) throw fieldError('not_found', 'No such patient.', 'patientId', 'No such patient');
  return patient;
}

const reach = (patient: PatientContact, channel: 'email' | 'sms') => {
  const { reason } = reachability(patient, channel);
  return { ok: reason === null, why: reason };
};

function loadInbound(ctx: HandlerContext, id: number, field = 'inboundId'): InboundMessageTable {
  const row = cached(ctx.sqlite, INBOUND_SQL).get(id) as InboundMessageTable | undefined;
  if (!row) throw fieldError('not_found', 'No such message.', field, 'No such message');
  return row;
}

/** The patient a message belongs to, or that patient's kept record after a merge. */
function keptPatientOf(ctx: HandlerContext, patientId: number): number {
  return cached(ctx.sqlite, 'SELECT coalesce(mergedIntoId, id) FROM patient WHERE id = ?').pluck().get(patientId) as number;
}

/** The first line with text, cut to a preview. */
function previewOf(body: string): string {
  const line = body.split('\n').find((l) => l.trim()) ?? '';
  return line.trim().length > 120 ? `${line.trim().slice(0, 119)}…` : line.trim();
}

function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
}

export const conversationHandlers: HandlerMap<
  'messages.thread' | 'messages.send' | 'messages.inbox' | 'messages.assignPatient' | 'messages.setOwner' | 'messages.close' | 'messages.signature' | 'messages.saveSignature'
> = {
  'messages.thread': ({ patientId, before, limit }, ctx) => {
    const patient = loadThreadPatient(ctx.sqlite, patientId);
    const cursor = decodeCursor(before);
    const rows = cached(ctx.sqlite, THREAD_PAGE_SQL).all({ patientId, ...cursor, limit: limit + 1 }) as PageRow[];
    const older = rows.length > limit;
    const page = older ? rows.slice(0, limit) : rows;
    for (const row of page) if (row.answered !== null) row.answered = row.answered === 1;
    return {
      patientId,
      patientName: `${patient.firstName} ${patient.lastName}`,
      email: patient.email,
      phone: patient.phone,
      canEmail: reach(patient, 'email'),
      canSms: reach(patient, 'sms'),
      before: older ? encodeCursor(page[page.length - 1]) : null,
      items: page.reverse() as ThreadItem[],
    };
  },

  'messages.send': ({ patientId, channel, subject, body, inReplyToId, urgent }, ctx) => {
    const session = ctx.requireSession();
    const patient = loadThreadPatient(ctx.sqlite, patientId);
    if (patient.mergedIntoId !== null) throw fieldError('not_found', 'This record was merged into another; write from that one.', 'patientId');
    const answered = inReplyToId === undefined ? null : loadInbound(ctx, inReplyToId, 'inReplyToId');
    if (answered && (answered.patientId === null || keptPatientOf(ctx, answered.patientId) !== keptPatientOf(ctx, patientId))) {
      throw fieldError('invalid_input', 'That message is not from this patient.', 'inReplyToId');
    }
    const { recipient, reason } = reachability(patient, channel);
    if (reason !== null) throw new LumenError('no_consent', `This patient cannot be written to by ${channel === 'sms' ? 'SMS' : 'email'}: ${reason}.`, { reason, channel });
    const wanted = channel === 'email' ? subject || (answered?.subject ? replySubject(answered.subject) : '') : '';
    if (channel === 'email' && !wanted) throw fieldError('invalid_input', 'An email needs a subject.', 'subject');
    const problems = templateFieldErrors({ subject: wanted, body }, 'conversation');
    if (problems) throw new LumenError('invalid_input', 'Check the highlighted fields.', problems);
    const rendered = renderConversation({ subject: wanted, body }, patient, ctx.clinic());
    const signature = (cached(ctx.sqlite, 'SELECT messageSignature FROM staff WHERE id = ?').pluck().get(session.staffId) as string).trim();
    const id = queueDirect(ctx.runtime, ctx.now, {
      patientId,
      kind: 'conversation',
      channel,
      recipient,
      subject: rendered.subject,
      body: signature ? `${rendered.body}\n\n${signature}` : rendered.body,
      urgent,
      staffId: session.staffId,
      inReplyToId: inReplyToId ?? null,
    })!;
    if (answered) cached(ctx.sqlite, CLOSE_INBOUND_SQL).run({ id: answered.id, reason: 'replied', at: ctx.now.toISOString(), staffId: session.staffId, outboxId: id });
    ctx.audit({
      action: 'create',
      entity: 'outbox',
      entityId: id,
      summary: `Wrote to patient #${patientId} by ${channel === 'sms' ? 'SMS' : 'email'}${answered ? ` in answer to message #${answered.id}` : ''}`,
      details: { patientId, channel, recipient, subject: rendered.subject, inReplyToId: inReplyToId ?? null, urgent },
    });
    return { outboxId: id };
  },

  'messages.inbox': ({ view, limit }, ctx) => {
    const me = ctx.requireSession().staffId;
    const replyTargetHours = cached(ctx.sqlite, 'SELECT replyTargetHours FROM clinic WHERE id = 1').pluck().get() as number;
    const targetMs = replyTargetHours * 3_600_000;
    const overdueBefore = new Date(ctx.now.getTime() - targetMs).toISOString();
    const rows = cached(ctx.sqlite, INBOX_SQL[view]).all({ me, limit }) as (Omit<InboxRow, 'preview' | 'dueAt' | 'overdue'> & { body: string })[];
    return {
      replyTargetHours,
      counts: cached(ctx.sqlite, INBOX_COUNTS_SQL).get({ me, overdueBefore }) as { unanswered: number; overdue: number; mine: number; unmatched: number },
      rows: rows.map(({ body, ...row }) => ({
        ...row,
        preview: previewOf(body),
        dueAt: new Date(new Date(row.receivedAt).getTime() + targetMs).toISOString(),
        overdue: row.receivedAt < overdueBefore,
      })),
    };
  },

  'messages.assignPatient': async ({ inboundId, patientId }, ctx) => {
    const message = loadInbound(ctx, inboundId);
    const patient = await requirePatient(ctx, patientId);
    if (message.patientId !== null) throw new LumenError('conflict', 'This message is already filed under a patient.', { patientId: message.patientId });
    cached(ctx.sqlite, `UPDATE inboundMessage SET patientId = ?, matchedBy = 'staff', updatedAt = ? WHERE id = ?`).run(patientId, ctx.now.toISOString(), inboundId);
    // A STOP from a number not on file counts once it is known whose it is.
    if (message.answeredAt === null && isOptOut(message.channel, message.subject, message.body)) applyOptOut(ctx.runtime, ctx.now, { id: inboundId, channel: message.channel, patientId });
    ctx.audit({
      action: 'update',
      entity: 'inboundMessage',
      entityId: inboundId,
      summary: `Filed a message from ${message.fromAddress} under ${patient.firstName} ${patient.lastName}`,
      details: { patientId },
    });
    return { ok: true as const };
  },

  'messages.setOwner': ({ inboundId, staffId }, ctx) => {
    const message = loadInbound(ctx, inboundId);
    const owner = staffId === null ? null : (cached(ctx.sqlite, 'SELECT displayName FROM staff WHERE id = ? AND active = 1').pluck().get(staffId) as string | undefined);
    if (owner === undefined) throw fieldError('not_found', 'No such staff member.', 'staffId', 'No such staff member');
    if (message.ownerStaffId === staffId) return { ok: true as const };
    cached(ctx.sqlite, 'UPDATE inboundMessage SET ownerStaffId = ?, updatedAt = ? WHERE id = ?').run(staffId, ctx.now.toISOString(), inboundId);
    ctx.audit({
      action: 'update',
      entity: 'inboundMessage',
      entityId: inboundId,
      summary: owner === null ? `Nobody owns the message from ${message.fromAddress} now` : `${owner} answers the message from ${message.fromAddress}`,
      details: { ownerStaffId: { from: message.ownerStaffId, to: staffId } },
    });
    return { ok: true as const };
  },

  'messages.close': ({ inboundId }, ctx) => {
    const message = loadInbound(ctx, inboundId);
    if (message.answeredAt !== null) throw new LumenError('invalid_transition', `This message is already closed (${message.closedReason === 'replied' ? 'answered' : message.closedReason === 'optOut' ? 'an opt-out' : 'no reply needed'}).`);
    cached(ctx.sqlite, CLOSE_INBOUND_SQL).run({ id: inboundId, reason: 'noReplyNeeded', at: ctx.now.toISOString(), staffId: ctx.requireSession().staffId, outboxId: null });
    ctx.audit({ action: 'update', entity: 'inboundMessage', entityId: inboundId, summary: `Closed the message from ${message.fromAddress}: no reply needed`, details: { closedReason: 'noReplyNeeded' } });
    return { ok: true as const };
  },

  'messages.signature': (_input, ctx) => ({
    signature: cached(ctx.sqlite, 'SELECT messageSignature FROM staff WHERE id = ?').pluck().get(ctx.requireSession().staffId) as string,
  }),

  'messages.saveSignature': ({ signature }, ctx) => {
    const { staffId } = ctx.requireSession();
    const before = cached(ctx.sqlite, 'SELECT messageSignature FROM staff WHERE id = ?').pluck().get(staffId) as string;
    if (before === signature) return { ok: true as const };
    cached(ctx.sqlite, 'UPDATE staff SET messageSignature = ?, updatedAt = ? WHERE id = ?').run(signature, ctx.now.toISOString(), staffId);
    ctx.audit({ action: 'update', entity: 'staff', entityId: staffId, summary: 'Changed their message signature', details: { messageSignature: { from: before, to: signature } } });
    return { ok: true as const };
  },
};
