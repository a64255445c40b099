import type { AddressInfo, Socket } from 'node:net';
import hoodiecrow from 'hoodiecrow-imap';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/**
 * A small real mail system for tests: an SMTP server (smtp-server) that accepts the clinic's mail and an IMAP server
 * (hoodiecrow-imap) holding the clinic's mailbox. Mail sent to the mailbox's own address (a Bcc copy) lands in its
 * INBOX, as a provider would file it; patients' replies are put there with `receive`.
 *
 * Faults are switched per test: wrong credentials are refused by both servers; `smtpFault` makes the next
 * transactions fail the way real servers do.
 */
export interface DeliveredMail {
  from: string;
  to: string[];
  raw: string;
  messageId: string | null;
  subject: string;
  text: string;
  inReplyTo: string | null;
}

export type SmtpFault =
  /** 550 on RCPT: a permanent refusal of the recipient. */
  | 'rejectRecipient'
  /** 451 after DATA: a temporary failure, to be retried. */
  | 'tempFailData'
  /** The connection is destroyed after the message was received, before the server's "250 OK" reaches the client. */
  | 'dropAfterData'
  /** The server never answers DATA (the client times out). */
  | 'hangOnData';

export interface MailSystem {
  smtpPort: number;
  imapPort: number;
  /** The clinic's mailbox (IMAP user) and its password; SMTP accepts the same credentials. */
  mailbox: { address: string; user: string; password: string };
  /** Every message the SMTP server accepted, in order (each recipient list as given in RCPT TO). */
  delivered: DeliveredMail[];
  /** Delivered messages addressed to `to` (a patient's address). */
  deliveredTo(to: string): DeliveredMail[];
  /** Puts a message (a patient's reply) into the mailbox's INBOX; returns its raw source. */
  receive(message: { from: string; to?: string; subject: string; text: string; messageId?: string; inReplyTo?: string; references?: string; extraHeaders?: string; date?: Date }): string;
  /** Raw messages currently in a mailbox folder. */
  mailboxMessages(folder?: string): string[];
  /** The server renumbers INBOX (a restore, a move to another server): a new UIDVALIDITY, UIDs from 1 again. */
  renumber(uidValidity: number): void;
  smtpFault: SmtpFault | null;
  /** How long the server holds its "250 OK" after taking a message in (the message is delivered already). */
  ackDelayMs: number;
  /** How many SMTP transactions reached DATA. */
  dataCount: number;
  close(): Promise<void>;
}

const MAILBOX = { address: 'clinic@lumen.test', user: 'clinic@lumen.test', password: 'mailbox-secret-1' };

function imapDate(date: Date): string {
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}-${month}-${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

export async function startMailSystem(options: { smtp?: Partial<SMTPServerOptions> } = {}): Promise<MailSystem> {
  const imap = hoodiecrow({
    plugins: ['ID', 'SASL-IR', 'AUTH-PLAIN', 'NAMESPACE', 'IDLE', 'ENABLE', 'UNSELECT', 'SPECIAL-USE', 'LITERALPLUS'],
    users: { [MAILBOX.user]: { password: MAILBOX.password } },
    storage: {
      INBOX: { messages: [] },
      '': { separator: '/', folders: { Sent: { 'special-use': '\\Sent', messages: [] } } },
    },
  });
  await new Promise<void>((resolve) => imap.listen(0, '127.0.0.1', resolve));
  const imapPort = (imap.server.address() as AddressInfo).port;

  const system: MailSystem = {
    smtpPort: 0,
    imapPort,
    mailbox: MAILBOX,
    delivered: [],
    deliveredTo: (to) => system.delivered.filter((m) => m.to.includes(to.toLowerCase())),
    receive(message) {
      const date = message.date ?? new Date();
      const headers = [
        `From: ${message.from}`,
        `To: ${message.to ?? MAILBOX.address}`,
        `Subject: ${message.subject}`,
        `Date: ${date.toUTCString()}`,
        `Message-ID: ${message.messageId ?? `<${Math.random().toString(36).slice(2)}@patient.test>`}`,
        ...(message.inReplyTo ? [`In-Reply-To: ${message.inReplyTo}`] : []),
        ...(message.references ? [`References: ${message.references}`] : []),
        'MIME-Version: 1.0',
        ...(message.extraHeaders ? [message.extraHeaders] : ['Content-Type: text/plain; charset=utf-8']),
      ];
      const raw = `${headers.join('\r\n')}\r\n\r\n${message.text.replace(/\r?\n/g, '\r\n')}`;
      imap.appendMessage('INBOX', [], imapDate(date), raw);
      return raw;
    },
    mailboxMessages: (folder = 'INBOX') => (imap.getMailbox(folder)?.messages ?? []).map((m) => m.raw),
    renumber(uidValidity) {
      const inbox = imap.getMailbox('INBOX')!;
      inbox.uidvalidity = uidValidity;
      inbox.messages.forEach((m, i) => (m.uid = i + 1));
      inbox.uidnext = inbox.messages.length + 1;
    },
    smtpFault: null,
    ackDelayMs: 0,
    dataCount: 0,
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => imap.close(() => resolve()));
    },
  };

  const smtp = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === MAILBOX.user && auth.password === MAILBOX.password) return callback(null, { user: auth.username });
      const error = new Error('Authentication credentials invalid') as Error & { responseCode: number };
      error.responseCode = 535;
      return callback(error);
    },
    onRcptTo(_address, _session, callback) {
      if (system.smtpFault === 'rejectRecipient') {
        const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      return callback();
    },
    onData(stream, session, callback) {
      system.dataCount++;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const fault = system.smtpFault;
        if (fault === 'hangOnData') return;
        if (fault === 'tempFailData') {
          const error = new Error('Try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        void simpleParser(raw).then((parsed) => {
          system.delivered.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to,
            raw,
            messageId: parsed.messageId ?? null,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            inReplyTo: typeof parsed.inReplyTo === 'string' ? parsed.inReplyTo : null,
          });
          if (to.includes(MAILBOX.address)) imap.appendMessage('INBOX', [], imapDate(new Date()), raw);
          if (fault === 'dropAfterData') {
            for (const socket of sockets) if (socket.remotePort === session.remotePort) socket.destroy();
            // The message is in; the client never hears so.
            return;
          }
          setTimeout(() => callback(), system.ackDelayMs);
        });
      });
    },
    ...options.smtp,
  });
  const sockets = new Set<Socket>();
  smtp.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  system.smtpPort = (smtp.server.address() as AddressInfo).port;
  return system;
}
