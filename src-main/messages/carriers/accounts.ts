import { ImapSettings, type MessagingAccountKind, SmsSettings, SmtpSettings } from '../../../src-shared/contract/messages';
import { cached, type Sqlite } from '../../core/db';
import type { Runtime } from '../../core/runtime';
import { SealedElsewhere } from '../../core/secrets';
import type { MessagingAccountTable } from '../../core/schema-calendar';

const settingsSchemas = { smtp: SmtpSettings, imap: ImapSettings, sms: SmsSettings };
export interface AccountSettings {
  smtp: SmtpSettings;
  imap: ImapSettings;
  sms: SmsSettings;
}

export interface Account<K extends MessagingAccountKind> {
  settings: AccountSettings[K];
  /** The opened password or token; null when none is saved or it cannot be opened here (`secretProblem` says why). */
  secret: string | null;
  secretProblem: string | null;
  enabled: boolean;
}

export const ACCOUNT_SQL = 'SELECT * FROM messagingAccount WHERE kind = ?';

/** This workstation's account of one kind, its settings parsed by the contract and its secret opened; null if none. */
export function loadAccount<K extends MessagingAccountKind>(runtime: Runtime, kind: K): Account<K> | null {
  const row = cached(runtime.sqlite, ACCOUNT_SQL).get(kind) as MessagingAccountTable | undefined;
  if (!row) return null;
  const settings = settingsSchemas[kind].parse(JSON.parse(row.settings)) as AccountSettings[K];
  let secret: string | null = null;
  let secretProblem: string | null = null;
  if (row.sealedSecret !== null) {
    try {
      secret = runtime.secretBox.open(row.sealedSecret);
    } catch (error) {
      if (!(error instanceof SealedElsewhere)) throw error;
      secretProblem = error.message;
    }
  }
  return { settings, secret, secretProblem, enabled: row.enabled === 1 };
}

/** The last thing that happened with an account, in words, for Settings and the outbox's banner. */
export function recordAccountStatus(sqlite: Sqlite, kind: MessagingAccountKind, ok: boolean, words: string, at: Date): void {
  cached(sqlite, 'UPDATE messagingAccount SET lastStatus = ?, lastStatusOk = ?, lastStatusAt = ? WHERE kind = ?').run(words.slice(0, 500), ok ? 1 : 0, at.toISOString(), kind);
}
