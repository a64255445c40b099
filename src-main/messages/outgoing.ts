import { cached } from '../core/db';
import type { Runtime } from '../core/runtime';
import { newId } from '../core/workstation';
import { loadAccount } from './carriers/accounts';
import { newMessageId } from './carriers/smtp';
import { INSERT_DIRECT_SQL } from './conversation-queries';

export interface DirectMessage {
  patientId: number;
  kind: 'conversation' | 'optOut';
  channel: 'email' | 'sms';
  recipient: string | null;
  subject: string;
  body: string;
  urgent: boolean;
  /** Who wrote it; null: Lumen (an opt-out confirmation). */
  staffId: number | null;
  inReplyToId: number | null;
  /** What makes it once only; a person's message is always new. */
  dedupeKey?: string;
}

/**
 * Queues a message with no template and no appointment, due at once: what a person writes in a thread, and an opt-out
 * confirmation. An email's Message-ID is fixed now, at the clinic's sending address (replies quote it). Returns the
 * outbox id, or null when the dedupe key was used before.
 */
export function queueDirect(runtime: Runtime, now: Date, message: DirectMessage): number | null {
  const id = newId(runtime.sqlite, 'outbox');
  const fromAddress = message.channel === 'email' ? (loadAccount(runtime, 'smtp')?.settings.fromAddress ?? 'clinic@lumen.local') : null;
  const { changes } = cached(runtime.sqlite, INSERT_DIRECT_SQL).run({
    ...message,
    id,
    urgent: message.urgent ? 1 : 0,
    messageId: fromAddress === null ? null : newMessageId(id, fromAddress),
    dedupeKey: message.dedupeKey ?? `${message.kind}:${id}`,
    now: now.toISOString(),
  });
  return changes ? id : null;
}
