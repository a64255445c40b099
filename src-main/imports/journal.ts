import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';

/** The tables an import writes, with their key columns: undo deletes and restores rows of these only. */
export const JOURNAL_TABLES = {
  patient: ['id'],
  patientClinical: ['patientId'],
  patientConsent: ['patientId', 'channel'],
  patientTag: ['patientId', 'tagId'],
  tag: ['id'],
  referralSource: ['id'],
  storedValueEntry: ['id'],
  pointsEntry: ['id'],
  appointment: ['id'],
  appointmentService: ['id'],
  invoice: ['id'],
  payment: ['id'],
  giftCard: ['id'],
  patientPackage: ['id'],
} as const;
export type JournalTable = keyof typeof JOURNAL_TABLES;
export type RowKey = Record<string, string | number>;

const INSERT_SQL = 'INSERT INTO importChange (id, batchId, tbl, pk, before) VALUES (?, ?, ?, ?, ?)';

/**
 * What one batch wrote, in order: a row it created (before = null), or the first state of a row it changed. Undo
 * walks it backwards, so a row changed twice in one batch returns to what it was before the batch.
 */
export class Journal {
  private readonly touched = new Set<string>();

  constructor(
    private readonly ctx: HandlerContext,
    readonly batchId: number,
  ) {}

  created(tbl: JournalTable, pk: RowKey): void {
    this.write(tbl, pk, null);
  }

  /** Call before changing a row; only its first state in the batch is kept. */
  changing(tbl: JournalTable, pk: RowKey, before: object): void {
    this.write(tbl, pk, before);
  }

  private write(tbl: JournalTable, pk: RowKey, before: object | null): void {
    const key = JSON.stringify(pk);
    if (this.touched.has(`${tbl}:${key}`)) return;
    this.touched.add(`${tbl}:${key}`);
    cached(this.ctx.sqlite, INSERT_SQL).run(this.ctx.newId('importChange'), this.batchId, tbl, key, before === null ? null : JSON.stringify(before));
  }
}
