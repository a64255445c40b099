import { ImapFlow } from 'imapflow';
import type { ImapSettings } from '../../../src-shared/contract/messages';

/** Connecting, the greeting and a silent socket each give up after this long: a desk must not wait minutes. */
export const IMAP_TIMEOUT_MS = 10_000;

/** A signed-in connection to the clinic's mailbox. `starttls` refuses a server that cannot upgrade. */
export async function openMailbox(settings: ImapSettings, secret: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS: settings.security === 'starttls',
    auth: { user: settings.user, pass: secret },
    logger: false,
    connectionTimeout: IMAP_TIMEOUT_MS,
    greetingTimeout: IMAP_TIMEOUT_MS,
    socketTimeout: IMAP_TIMEOUT_MS,
  });
  // A connection that drops later emits 'error'; without a listener that would end the process.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Which of these Message-IDs are in the mailbox: its INBOX (a Bcc copy lands there) or the folder marked \Sent. */
export async function findMessageIds(client: ImapFlow, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (!ids.length) return found;
  const folders = ['INBOX', ...(await client.list()).filter((f) => f.specialUse === '\\Sent').map((f) => f.path)];
  for (const folder of folders) {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      for (const id of ids) {
        if (found.has(id)) continue;
        const uids = await client.search({ header: { 'message-id': id } }, { uid: true });
        if (uids && uids.length) found.add(id);
      }
    } finally {
      lock.release();
    }
  }
  return found;
}
