import type { MigrationContext } from './context';

/*
 * A patient's conversation (issue 18) reads the messages of the records merged into it too: a merge made on another
 * workstation arrives by sync, and this workstation's messages (local tables) stay with the record they were filed
 * under. "This patient or merged into it" was a scan of every patient (22 ms on the demo's 50,000, more than the
 * thread's 20 ms budget); with the merged records indexed it is two lookups. Few records are ever merged, hence the
 * partial index.
 */
export function up({ exec }: MigrationContext): void {
  exec(`CREATE INDEX patient_mergedInto ON patient(mergedIntoId) WHERE mergedIntoId IS NOT NULL;`);
}
