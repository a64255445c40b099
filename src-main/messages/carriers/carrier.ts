import type { CarrierFault } from './errors';

/** One outbox row as a carrier sees it. */
export interface OutgoingMessage {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
  /** Email: the Message-ID fixed before the first attempt (reconciliation looks for it). */
  messageId: string | null;
  /** Email: the Message-ID of the patient's email this answers, if any. */
  inReplyTo: string | null;
  /** When this attempt was handed over (ISO). */
  sendingAt: string;
}

export type SendResult = { ok: true; carrierId: string } | ({ ok: false; retryAfterMs?: number } & CarrierFault);

/** Whether a send of unknown outcome went out: found (with the carrier's id), not found, or no way to tell. */
export type WasSent = { state: 'sent'; carrierId: string } | { state: 'notSent' } | { state: 'unknown' };

/**
 * A way out for one channel (email through SMTP, SMS through a gateway). A second SMS provider is a new
 * implementation of this, built from its account in drain.ts; nothing else changes.
 */
export interface MessageCarrier {
  channel: 'email' | 'sms';
  /** Only `ok` means the carrier acknowledged the message. Never throws: a failure is described. */
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Throws when the check itself cannot be made now (the mailbox is unreachable): the row waits for the next run. */
  wasSent(message: OutgoingMessage): Promise<WasSent>;
  close(): Promise<void>;
}
