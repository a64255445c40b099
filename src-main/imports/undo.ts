import { LumenError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { addPointsEntry } from '../loyalty/index';
import { searchTokensOf, writeSearchTokens } from '../patients/index';
import { addStoredValueEntry } from '../prepaid/index';
import { JOURNAL_TABLES, type JournalTable, type RowKey } from './journal';

interface Change {
  tbl: JournalTable;
  pk: RowKey;
  before: Record<string, unknown> | null;
}

/** Ledger entries are facts: undo answers each with an opposite entry, and the record carrying them stays (archived). */
const LEDGERS = new Set<JournalTable>(['storedValueEntry', 'pointsEntry']);
/** Search words are derived from the patient row and go with it. */
const REMOVED_WITH_PATIENT = new Set(['patientSearch']);
/** How many uses a refusal names. */
const NAMED_USES = 5;

const what: Record<string, string> = {
  appointment: 'an appointment',
  invoice: 'an invoice',
  payment: 'a payment',
  chart: 'a visit note',
  storedValueEntry: 'stored value used',
  pointsEntry: 'points used',
  patient: 'records pointing at it (merged or referred)',
  patientTag: 'tags added',
  patientConsent: 'consents recorded',
  patientClinical: 'clinical details recorded',
};

function keyClause(tbl: JournalTable): string {
  return JOURNAL_TABLES[tbl].map((column) => `"${column}" = @${column}`).join(' AND ');
}

/** Tables with a foreign key to `target`, from the schema itself (so tables added later are checked without edits here). */
function referencesTo(ctx: HandlerContext, target: string): { table: string; column: string }[] {
  const tables = cached(ctx.sqlite, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  return tables.flatMap((table) =>
    (ctx.sqlite.pragma(`foreign_key_list("${table}")`) as { table: string; from: string }[]).filter((fk) => fk.table === target && !REMOVED_WITH_PATIENT.has(table)).map((fk) => ({ table, column: fk.from })),
  );
}

/** Records a batch creates that other rows may come to point at (a visit booked for an imported patient, an invoice for an imported visit). */
const REFERENCED = ['patient', 'appointment'] as const;

/**
 * What has happened since the batch to what it wrote: a record it created now has a visit, an invoice, stored value
 * spent…; a record it created or changed was edited since; a ledger it added to has moved since. Each a sentence.
 */
function usesSince(ctx: HandlerContext, batch: { id: number; at: string }, changes: Change[]): string[] {
  const uses: string[] = [];
  const nameOf = (id: number) => {
    const row = cached(ctx.sqlite, 'SELECT number, firstName, lastName FROM patient WHERE id = ?').get(id) as { number: string; firstName: string; lastName: string } | undefined;
    return row ? `${row.number} ${row.firstName} ${row.lastName}` : `#${id}`;
  };
  const patientOfVisit = (id: number) => cached(ctx.sqlite, 'SELECT patientId FROM appointment WHERE id = ?').pluck().get(id) as number;
  const whose = (target: (typeof REFERENCED)[number], id: number) => (target === 'patient' ? nameOf(id) : `The visit of ${nameOf(patientOfVisit(id))}`);
  for (const target of REFERENCED) {
    const created = changes.filter((c) => c.tbl === target && c.before === null).map((c) => Number(c.pk.id));
    const ids = JSON.stringify(created);
    for (const { table, column } of created.length ? referencesTo(ctx, target) : []) {
      // Rows the batch wrote itself are not uses (a journal key is the JSON object of the row's key columns, in order).
      const keyColumns = table in JOURNAL_TABLES ? JOURNAL_TABLES[table as JournalTable] : [];
      const ownRows = keyColumns.length ? `AND json_object(${keyColumns.map((c) => `'${c}', "${c}"`).join(', ')}) NOT IN (SELECT pk FROM importChange WHERE batchId = @batch AND tbl = @table)` : '';
      const used = ctx.sqlite.prepare(`SELECT DISTINCT "${column}" FROM "${table}" WHERE "${column}" IN (SELECT value FROM json_each(@ids)) ${ownRows} LIMIT ${NAMED_USES}`).pluck().all({ ids, batch: batch.id, table }) as number[];
      for (const id of used) uses.push(`${whose(target, id)} has ${what[table] ?? `${table} records`} since the import.`);
      if (uses.length >= NAMED_USES) return uses;
    }
  }
  const ownEntries = {
    storedValueEntry: new Set(changes.filter((c) => c.tbl === 'storedValueEntry').map((c) => Number(c.pk.id))),
    pointsEntry: new Set(changes.filter((c) => c.tbl === 'pointsEntry').map((c) => Number(c.pk.id))),
  };
  for (const change of changes) {
    if (uses.length >= NAMED_USES) break;
    if (change.tbl === 'patient' || change.tbl === 'appointment') {
      const updatedAt = cached(ctx.sqlite, `SELECT updatedAt FROM "${change.tbl}" WHERE id = ?`).pluck().get(change.pk.id) as string | undefined;
      if (updatedAt && updatedAt > batch.at) uses.push(`${whose(change.tbl, Number(change.pk.id))} was changed since the import.`);
    } else if (change.tbl === 'patientClinical' && change.before) {
      const updatedAt = cached(ctx.sqlite, 'SELECT updatedAt FROM patientClinical WHERE patientId = ?').pluck().get(change.pk.patientId) as string | undefined;
      if (updatedAt && updatedAt > batch.at) uses.push(`The clinical record of ${nameOf(Number(change.pk.patientId))} was changed since the import.`);
    } else if (LEDGERS.has(change.tbl)) {
      // Entries of that patient's ledger since the batch (index on patientId, at), other than the batch's own.
      const ledger = change.tbl as 'storedValueEntry' | 'pointsEntry';
      const patientId = cached(ctx.sqlite, `SELECT patientId FROM "${ledger}" WHERE id = ?`).pluck().get(change.pk.id) as number;
      const since = cached(ctx.sqlite, `SELECT id FROM "${ledger}" WHERE patientId = ? AND at >= ?`).pluck().all(patientId, batch.at) as number[];
      if (since.some((id) => !ownEntries[ledger].has(id))) uses.push(`${nameOf(patientId)} has ${what[ledger]} since the import.`);
    }
  }
  return [...new Set(uses)].slice(0, NAMED_USES);
}

/**
 * Undoes a batch in one transaction: walks its journal backwards, removing what it created and restoring what it
 * changed. Refused (nothing changed) when anything it wrote has been used since.
 */
export async function undoBatch(ctx: HandlerContext, batchId: number): Promise<{ removed: number; restored: number; archived: number }> {
  const batch = await ctx.db.selectFrom('importBatch').select(['id', 'at', 'fileName', 'undoneAt', 'kind']).where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw new LumenError('not_found', 'There is no such import.');
  if (batch.undoneAt) throw new LumenError('invalid_transition', 'This import was already undone.');
  const changes: Change[] = (await ctx.db.selectFrom('importChange').select(['tbl', 'pk', 'before']).where('batchId', '=', batchId).orderBy('id', 'desc').execute()).map((c) => ({
    tbl: c.tbl as JournalTable,
    pk: JSON.parse(c.pk),
    before: c.before === null ? null : JSON.parse(c.before),
  }));
  const uses = usesSince(ctx, batch, changes);
  if (uses.length) throw new LumenError('conflict', `This import cannot be undone: ${uses[0]}`, { uses });

  const note = `Import of ${batch.fileName} undone`;
  const keep = new Set<number>();
  const counts = { removed: 0, restored: 0, archived: 0 };
  const at = ctx.now.toISOString();
  for (const { tbl, pk, before } of changes) {
    if (LEDGERS.has(tbl)) {
      const entry = cached(ctx.sqlite, `SELECT * FROM "${tbl}" WHERE id = ?`).get(pk.id) as { patientId: number; amountCents?: number; points?: number };
      if (tbl === 'storedValueEntry') await addStoredValueEntry(ctx, entry.patientId, 'adjustment', -entry.amountCents!, { note });
      else addPointsEntry(ctx, { patientId: entry.patientId, kind: 'adjustment', points: -entry.points!, note });
      keep.add(entry.patientId);
    } else if (tbl === 'patient' && before === null && keep.has(Number(pk.id))) {
      await ctx.db.updateTable('patient').set({ archivedAt: at, archiveReason: note, updatedAt: at }).where('id', '=', Number(pk.id)).execute();
      await ctx.db.updateTable('patientSearch').set({ archived: 1 }).where('patientId', '=', Number(pk.id)).execute();
      counts.archived++;
    } else if (before === null) {
      if (tbl === 'patient') await ctx.db.deleteFrom('patientSearch').where('patientId', '=', Number(pk.id)).execute();
      if ((tbl === 'tag' || tbl === 'referralSource') && stillUsed(ctx, tbl, Number(pk.id))) continue;
      cached(ctx.sqlite, `DELETE FROM "${tbl}" WHERE ${keyClause(tbl)}`).run(pk);
      counts.removed++;
    } else {
      const columns = Object.keys(before).filter((c) => !(JOURNAL_TABLES[tbl] as readonly string[]).includes(c));
      cached(ctx.sqlite, `UPDATE "${tbl}" SET ${columns.map((c) => `"${c}" = @${c}`).join(', ')} WHERE ${keyClause(tbl)}`).run({ ...before, ...pk });
      if (tbl === 'patient') await writeSearchTokens(ctx.db, Number(pk.id), searchTokensOf(before as { firstName: string; lastName: string; preferredName: string | null }), before.archivedAt !== null);
      counts.restored++;
    }
  }
  await ctx.db.updateTable('importBatch').set({ undoneAt: at, undoneBy: ctx.session?.staffId ?? null }).where('id', '=', batchId).execute();
  ctx.audit({ action: 'import', entity: 'importBatch', entityId: batchId, summary: `Undid the import of ${batch.fileName} (${batch.kind})`, details: { fileName: batch.fileName, ...counts } });
  return counts;
}

/** A tag or referral source the batch created stays when someone has used it since (it is theirs now too). */
function stillUsed(ctx: HandlerContext, tbl: 'tag' | 'referralSource', id: number): boolean {
  const sql = tbl === 'tag' ? 'SELECT 1 FROM patientTag WHERE tagId = ? LIMIT 1' : 'SELECT 1 FROM patient WHERE referralSourceId = ? LIMIT 1';
  return cached(ctx.sqlite, sql).get(id) !== undefined;
}
