import { randomBytes } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { ImapFlow } from 'imapflow';
import type { Account } from './accounts';
import type { MessageCarrier, OutgoingMessage } from './carrier';
import { describeCarrierError } from './errors';
import { findMessageIds, openMailbox } from './imap';

export const SMTP_TIMEOUT_MS = 10_000;

/** A Message-ID of ours: the outbox row and a random part (a copied database reuses row ids), at the sender's domain. */
export function newMessageId(outboxId: number, fromAddress: string): string {
  return `<lumen.${outboxId}.${randomBytes(6).toString('hex')}@${fromAddress.split('@')[1] ?? 'lumen.local'}>`;
}

/** The clinic's mailbox address, when the IMAP user is one: a Bcc copy there lets a send cut short be confirmed. */
function mailboxAddress(imap: Account<'imap'> | null): string | null {
  return imap?.enabled && /^[^@\s]+@[^@\s]+$/.test(imap.settings.user) ? imap.settings.user : null;
}

/**
 * Email through the clinic's SMTP account: one pooled connection for the whole drain. Each message carries its fixed
 * Message-ID, threads under the patient's email it answers, and is copied (Bcc, in the same SMTP transaction) to
 * the clinic's mailbox, where `wasSent` looks for it after a send of unknown outcome.
 */
export function smtpCarrier(smtp: Account<'smtp'>, imap: Account<'imap'> | null, timeoutMs = SMTP_TIMEOUT_MS): MessageCarrier {
  const { settings, secret } = smtp;
  const transport = createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.user ? { user: settings.user, pass: secret ?? '' } : undefined,
    pool: true,
    maxConnections: 1,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const bcc = mailboxAddress(imap);
  const unsubscribe = `<mailto:${settings.fromAddress}?subject=unsubscribe>`;
  let mailbox: Promise<ImapFlow> | null = null;

  return {
    channel: 'email',
    async send(message: OutgoingMessage) {
      try {
        const info = await transport.sendMail({
          from: { name: settings.fromName, address: settings.fromAddress },
          to: message.recipient,
          ...(bcc ? { bcc } : {}),
          ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
          subject: message.subject,
          text: message.body,
          messageId: message.messageId ?? undefined,
          ...(message.inReplyTo ? { inReplyTo: message.inReplyTo, references: message.inReplyTo } : {}),
          headers: { 'List-Unsubscribe': unsubscribe },
        });
        return { ok: true, carrierId: String(info.response ?? info.messageId).slice(0, 200) };
      } catch (error) {
        return { ok: false, ...describeCarrierError(error, secret) };
      }
    },
    async wasSent(message: OutgoingMessage) {
      if (!bcc || !imap?.secret || !message.messageId) return { state: 'unknown' };
      const imapSecret = imap.secret;
      mailbox ??= openMailbox(imap.settings, imapSecret);
      let client: ImapFlow;
      try {
        client = await mailbox;
      } catch (error) {
        mailbox = null;
        throw error;
      }
      const found = await findMessageIds(client, [message.messageId]);
      return found.has(message.messageId) ? { state: 'sent', carrierId: message.messageId } : { state: 'notSent' };
    },
    async close() {
      transport.close();
      const open = mailbox;
      mailbox = null;
      if (open) await open.then((client) => client.logout()).catch(() => undefined);
    },
  };
}
