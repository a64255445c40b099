import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE, keyFileBox, SAFE_STORAGE_PREFIX } from '../../../src-main/core/secrets';
import { safeStorageBox } from '../../../src-main/electron/secrets';
import { describeCarrierError } from '../../../src-main/messages/carriers/errors';
import { GatewayError, listGatewayMessages } from '../../../src-main/messages/carriers/gateway';
import { findMessageIds, openMailbox } from '../../../src-main/messages/carriers/imap';
import { startMailSystem, type MailSystem } from '../../support/mail-server';
import { startSmsGateway, type SmsGateway } from '../../support/sms-gateway';
import { openTestClinic, type TestClinic } from '../../support/clinic';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lumen-secrets-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function mailSystem(): Promise<MailSystem> {
  const mail = await startMailSystem();
  cleanup.push(() => mail.close());
  return mail;
}

async function smsGateway(): Promise<SmsGateway> {
  const gateway = await startSmsGateway();
  cleanup.push(() => gateway.close());
  return gateway;
}

/** A closed local port: nothing listens there. */
async function closedPort(): Promise<number> {
  const mail = await startMailSystem();
  const port = mail.smtpPort;
  await mail.close();
  return port;
}

describe('sealed secrets', () => {
  it('seals with a key file only this user can read, and never keeps the password readable', () => {
    const dir = tempDir();
    const box = keyFileBox(dir);
    const sealed = box.seal('smtp-password-9');
    expect(sealed.startsWith('kf1:')).toBe(true);
    expect(sealed).not.toContain('smtp-password-9');
    expect(box.open(sealed)).toBe('smtp-password-9');
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, KEY_FILE)).size).toBe(32);
    // A second box on the same folder (the next start) reads the same key.
    expect(keyFileBox(dir).open(sealed)).toBe('smtp-password-9');
  });

  it('asks for the password again, without crashing, when it was sealed elsewhere or by the other kind', () => {
    const sealed = keyFileBox(tempDir()).seal('secret-1');
    const words = 'The password was saved on another kind of workstation: enter the password again.';
    expect(() => keyFileBox(tempDir()).open(sealed)).toThrow(words);
    expect(() => keyFileBox(tempDir()).open(`${SAFE_STORAGE_PREFIX}AAAA`)).toThrow(words);
    expect(() => keyFileBox(tempDir()).open('kf1:garbage')).toThrow(words);

    // Electron's safeStorage, played by a reversible stand-in: the prefix keeps the two kinds apart.
    const keychain = { isEncryptionAvailable: () => true, encryptString: (s: string) => Buffer.from([...s].reverse().join('')), decryptString: (b: Buffer) => [...b.toString()].reverse().join('') };
    const box = safeStorageBox(keychain)!;
    expect(box.open(box.seal('token-7'))).toBe('token-7');
    expect(() => box.open(sealed)).toThrow(words);
    expect(safeStorageBox({ ...keychain, isEncryptionAvailable: () => false })).toBeNull();
  });

  it('a backup never copies the key file', async () => {
    const clinic: TestClinic = await openTestClinic();
    cleanup.push(() => clinic.close());
    const sealed = clinic.lumen.runtime.secretBox.seal('mailbox-password-3');
    clinic.lumen.runtime.sqlite.prepare(`INSERT INTO messagingAccount (kind, settings, sealedSecret, updatedAt) VALUES ('imap', '{}', ?, '2026-03-02T09:00:00Z')`).run(sealed);
    const key = readFileSync(join(clinic.dataDir, KEY_FILE));

    await clinic.call('backup.run');
    while ((await clinic.call('backup.status')).running) await new Promise((r) => setTimeout(r, 5));

    const folder = join(clinic.dataDir, 'backups');
    const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.map((f) => f.name)).toEqual([expect.stringMatching(/^lumen-manual-.*\.sqlite3$/)]);
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath, f.name));
      expect(bytes.includes(key)).toBe(false);
      expect(bytes.includes(Buffer.from('mailbox-password-3'))).toBe(false);
      // The database in the backup holds the ciphertext only.
      expect(bytes.includes(Buffer.from(sealed))).toBe(true);
    }
  });
});

describe('carrier errors in words', () => {
  it('wrong SMTP credentials: not retryable, and the password is not in the words', async () => {
    const mail = await mailSystem();
    const transport = createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false, ignoreTLS: true, auth: { user: mail.mailbox.user, pass: 'wrong-pass-1234' } });
    const error = await transport.sendMail({ from: mail.mailbox.address, to: 'a@example.com', text: 'x' }).catch((e: unknown) => e);
    transport.close();
    const fault = describeCarrierError(error, 'wrong-pass-1234');
    expect(fault).toEqual({ words: 'Wrong user name or password (535)', retryable: false, offline: false, uncertain: false, account: true });
  });

  it('a server nobody answers on: offline and retryable, nothing handed over', async () => {
    const port = await closedPort();
    const transport = createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, auth: { user: 'u', pass: 'p' } });
    const smtpError = await transport.sendMail({ from: 'a@b.test', to: 'c@d.test', text: 'x' }).catch((e: unknown) => e);
    expect(describeCarrierError(smtpError)).toEqual({ words: 'No network or server unreachable', retryable: true, offline: true, uncertain: false, account: false });
    const fetchError = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(describeCarrierError(fetchError)).toMatchObject({ offline: true, uncertain: false });
    const unknownHost = await fetch('http://no-such-host.invalid/').catch((e: unknown) => e);
    expect(describeCarrierError(unknownHost)).toMatchObject({ words: 'No network or server unreachable', offline: true });
  });

  it('temporary and permanent SMTP refusals', async () => {
    const mail = await mailSystem();
    const transport = createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: false, ignoreTLS: true, auth: { user: mail.mailbox.user, pass: mail.mailbox.password } });
    cleanup.push(() => transport.close());
    mail.smtpFault = 'tempFailData';
    const temporary = describeCarrierError(await transport.sendMail({ from: mail.mailbox.address, to: 'a@example.com', text: 'x' }).catch((e: unknown) => e));
    expect(temporary).toMatchObject({ retryable: true, offline: false, uncertain: false });
    expect(temporary.words).toMatch(/^The mail server refused for now, will try again \(451/);
    mail.smtpFault = 'rejectRecipient';
    const permanent = describeCarrierError(await transport.sendMail({ from: mail.mailbox.address, to: 'a@example.com', text: 'x' }).catch((e: unknown) => e));
    expect(permanent).toMatchObject({ retryable: false, offline: false });
    expect(permanent.words).toMatch(/^The mail server refused the message \(550/);
  });

  it('a TLS failure names the security setting and is not retried', async () => {
    const mail = await mailSystem();
    // The test server speaks plain SMTP: a client expecting TLS from the start fails the handshake.
    const transport = createTransport({ host: '127.0.0.1', port: mail.smtpPort, secure: true, connectionTimeout: 3000, auth: { user: 'u', pass: 'p' } });
    const fault = describeCarrierError(await transport.sendMail({ from: 'a@b.test', to: 'c@d.test', text: 'x' }).catch((e: unknown) => e));
    expect(fault).toMatchObject({ retryable: false, offline: false, account: true });
    expect(fault.words).toMatch(/^The secure connection failed: .*Check the security setting \(TLS, STARTTLS\) and port\.$/);
  });
});

describe('IMAP and gateway clients', () => {
  it('finds a sent message by its Message-ID in the mailbox, and says wrong credentials plainly', async () => {
    const mail = await mailSystem();
    mail.receive({ from: 'clinic@lumen.test', subject: 'Copy', text: 'hello', messageId: '<m-1@lumen.test>' });
    const settings = { host: '127.0.0.1', port: mail.imapPort, security: 'none' as const, user: mail.mailbox.user, mailbox: 'INBOX' };
    const client = await openMailbox(settings, mail.mailbox.password);
    try {
      expect(await findMessageIds(client, ['<m-1@lumen.test>', '<m-2@lumen.test>'])).toEqual(new Set(['<m-1@lumen.test>']));
    } finally {
      await client.logout();
    }
    const refused = await openMailbox(settings, 'not-the-password').catch((e: unknown) => e);
    expect(describeCarrierError(refused, 'not-the-password')).toEqual({ words: 'Wrong user name or password', retryable: false, offline: false, uncertain: false, account: true });
  });

  it('lists a number’s gateway messages across pages, and refuses a wrong token with words', async () => {
    const gateway = await smsGateway();
    for (let i = 0; i < 130; i++) gateway.receive({ from: '+4915100000001', body: `text ${i}` });
    gateway.receive({ from: '+4915100000002', body: 'someone else' });
    const settings = { baseUrl: gateway.baseUrl, accountId: gateway.account, fromNumber: gateway.clinicNumber };
    const listed = await listGatewayMessages(settings, gateway.token, { from: '+4915100000001', sinceDate: '2020-01-01' });
    expect(listed).toHaveLength(130);
    expect(new Set(listed.map((m) => m.body)).size).toBe(130);
    const refused = await listGatewayMessages(settings, 'wrong-token', { sinceDate: '2020-01-01' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatewayError);
    expect((refused as GatewayError).fault).toMatchObject({ words: 'Wrong account id or token (401)', retryable: false, account: true });
  });
});
