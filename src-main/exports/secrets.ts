/** What the clinic archive leaves out on purpose, and why (said in its manifest). */
export interface Omission {
  table: string;
  /** null: the whole table. */
  column: string | null;
  reason: string;
}

/** Secrets: never in an export, whoever asks. A new secret column is added here. */
export const OMITTED_COLUMNS: readonly Omission[] = [
  { table: 'staff', column: 'passwordHash', reason: 'password hashes are secrets; staff set new passwords in the next system' },
  { table: 'messagingAccount', column: 'sealedSecret', reason: 'messaging passwords and tokens are secrets (sealed with this computer’s key)' },
  { table: 'thisWorkstation', column: 'clinicKey', reason: 'the key that seals change files between workstations is a secret' },
  { table: 'thisWorkstation', column: 'binding', reason: 'ties the database to this computer’s disk; meaningless elsewhere' },
];

export const OMITTED_TABLES: readonly Omission[] = [
  {
    table: 'syncChange',
    column: null,
    reason: 'the sync change log repeats every change of every other table (password hashes among them); the tables hold the current data',
  },
];

export function omittedColumnsOf(table: string): Omission[] {
  return OMITTED_COLUMNS.filter((o) => o.table === table);
}
