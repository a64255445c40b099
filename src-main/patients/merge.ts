import { LumenError } from '../../src-shared/errors';
import { fold } from '../../src-shared/text';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { searchTokensOf, writeSearchTokens } from './derived';
import { loadPatient, type StoredPatient } from './row';

function unionBy<T>(a: T[], b: T[], key: (item: T) => string): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((item) => !seen.has(key(item)))];
}

const clinicalOf = (ctx: HandlerContext, patientId: number) => ctx.db.selectFrom('patientClinical').selectAll().where('patientId', '=', patientId).executeTakeFirst();

/** Both clinical records survive a merge: lists are united, free text is kept with a marker. Nothing clinical is lost. */
async function mergeClinical(ctx: HandlerContext, keep: StoredPatient, merge: StoredPatient): Promise<void> {
  const kept = await clinicalOf(ctx, keep.id);
  const moved = await clinicalOf(ctx, merge.id);
  if (!moved) return;
  if (!kept) {
    // A row's key never changes (sync knows rows by key): the kept patient gets a new row, the old one goes below.
    await ctx.db.insertInto('patientClinical').values({ ...moved, patientId: keep.id }).execute();
  } else {
    const parse = (text: string) => JSON.parse(text) as never[];
    const joinText = (a: string, b: string) => (b.trim() ? (a.trim() ? `${a}\n\n— from merged record ${merge.number} —\n${b}` : b) : a);
    const allergies = unionBy<{ substance: string }>(parse(kept.allergies), parse(moved.allergies), (x) => fold(x.substance));
    await ctx.db
      .updateTable('patientClinical')
      .set({
        allergies: JSON.stringify(allergies),
        medications: JSON.stringify(unionBy<{ name: string }>(parse(kept.medications), parse(moved.medications), (x) => fold(x.name))),
        medicalHistory: joinText(kept.medicalHistory, moved.medicalHistory),
        contraindications: JSON.stringify(unionBy<string>(parse(kept.contraindications), parse(moved.contraindications), fold)),
        expectationsNote: joinText(kept.expectationsNote, moved.expectationsNote),
        updatedAt: ctx.now.toISOString(),
      })
      .where('patientId', '=', keep.id)
      .execute();
  }
  await ctx.db.deleteFrom('patientClinical').where('patientId', '=', merge.id).execute();
  ctx.audit({ action: 'merge', entity: 'patientClinical', entityId: keep.id, summary: `Merged the clinical record of ${merge.number} into ${keep.number}`, details: { before: { kept, moved } } });
}

/** Fields the kept record lacks are taken from the merged one (a phone, an email, a birth date…). */
const FILLABLE = ['preferredName', 'dateOfBirth', 'gender', 'phone', 'phoneReversed', 'email', 'referralSourceId', 'referredByPatientId', 'emergencyContactName', 'emergencyContactPhone'] as const;

/**
 * Tables whose rows pointing at the merged patient are not moved: derived or merged separately, or facts (sync
 * refuses to change a fact; `tests/unit/patients/merge-ledgers.test.ts` checks every facts table is listed).
 */
export const NOT_MOVED: ReadonlySet<string> = new Set([
  'patientSearch',
  'patientClinical',
  // A photo is a fact, never changed: it stays as taken and follows its visit to the kept patient (photos.list).
  'photo',
  // Outreach is a record of a call or message as it happened (facts): it stays, and the kept record's history reads
  // the records merged into it (retention.outreachFor).
  'outreach',
  // Referral rewards are facts, and a code belongs to the record it was printed for: both stay, and the kept record
  // reads the records merged into it (referrals.forPatient); a code of a merged record names the kept one.
  'referralReward',
  'referralCode',
  // A patient's answer to a survey is theirs as given (facts); the complaint and review requests it set off move.
  'surveyResponse',
  // Money and stock as it happened: payments, credit notes, coupon uses and lots given stay on the record they were
  // taken for (an invoice moves; its payments keep the patient they were paid for).
  'payment',
  'creditNote',
  'couponRedemption',
  'stockMovement',
  'unmatchedLotUse',
  // Ledgers: their history stays, and what is left is carried over by the domains' `MergeCarrier`s.
  'storedValueEntry',
  'patientPackage',
  'pointsEntry',
]);

/**
 * What a domain carries from the merged record to the kept one: the balance of a ledger that stays where it is (stored
 * value, packages, points), written as new entries on both. Returns what it carried, for the audit entry.
 */
export type MergeCarrier = (ctx: HandlerContext, fromId: number, toId: number, note: string) => Promise<Record<string, number>>;

/**
 * Moves every row that points at the merged patient to the kept one. The tables are found from the schema's
 * foreign keys, so tables added by later features are covered without touching this code; that walk is raw SQL
 * because its table and column names come from PRAGMA foreign_key_list, not from the typed schema.
 */
function moveReferences(ctx: HandlerContext, keepId: number, mergeId: number): Record<string, number> {
  const sqlite = ctx.sqlite;
  const moved: Record<string, number> = {};
  const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables.filter((t) => !NOT_MOVED.has(t))) {
    const keys = sqlite.prepare('SELECT "from" AS col FROM pragma_foreign_key_list(?) WHERE "table" = ?').all(table, 'patient') as { col: string }[];
    for (const { col } of keys) {
      const columns = sqlite.prepare('SELECT name, pk FROM pragma_table_info(?)').all(table) as { name: string; pk: number }[];
      const changes = columns.some((c) => c.name === col && c.pk > 0)
        ? moveKeyedRows(ctx, table, columns.map((c) => c.name), col, keepId, mergeId)
        : sqlite.prepare(`UPDATE "${table}" SET "${col}" = ? WHERE "${col}" = ?`).run(keepId, mergeId).changes;
      if (changes) moved[`${table}.${col}`] = changes;
    }
  }
  return moved;
}

/**
 * Rows whose key holds the patient (a consent per channel, a tag): a key never changes (sync knows rows by key), so
 * each moves as a new row with the kept patient's key, unless the kept patient has that row already, and the old
 * one is removed. Returns how many rows the kept patient gained.
 */
function moveKeyedRows(ctx: HandlerContext, table: string, columns: string[], col: string, keepId: number, mergeId: number): number {
  const names = columns.map((c) => `"${c}"`).join(', ');
  const values = columns.map((c) => (c === col ? '?' : `"${c}"`)).join(', ');
  const gained = ctx.sqlite.prepare(`INSERT OR IGNORE INTO "${table}" (${names}) SELECT ${values} FROM "${table}" WHERE "${col}" = ?`).run(keepId, mergeId).changes;
  ctx.sqlite.prepare(`DELETE FROM "${table}" WHERE "${col}" = ?`).run(mergeId);
  return gained;
}

/** Merges one patient record into another in one transaction (the registry's). */
async function mergePatients(ctx: HandlerContext, keep: StoredPatient, merge: StoredPatient, carriers: readonly MergeCarrier[]): Promise<Record<string, number>> {
  if (keep.id === merge.id) throw new LumenError('invalid_input', 'Choose two different patients.');
  if (keep.mergedIntoId || merge.mergedIntoId) throw new LumenError('conflict', 'One of these records was already merged.');
  await mergeClinical(ctx, keep, merge);

  const filled: Partial<Pick<StoredPatient, (typeof FILLABLE)[number]>> = {};
  for (const field of FILLABLE) {
    if (keep[field] == null && merge[field] != null && !(field === 'referredByPatientId' && merge[field] === keep.id)) Object.assign(filled, { [field]: merge[field] });
  }
  if (Object.keys(filled).length) await ctx.db.updateTable('patient').set(filled).where('id', '=', keep.id).execute();

  const at = ctx.now.toISOString();
  // Marked merged first: an issued invoice may change patient only to the record its patient was merged into.
  await ctx.db
    .updateTable('patient')
    .set((eb) => ({ mergedIntoId: keep.id, archivedAt: eb.fn.coalesce('archivedAt', eb.val(at)), archiveReason: `Merged into ${keep.number}`, updatedAt: at }))
    .where('id', '=', merge.id)
    .execute();
  const moved = moveReferences(ctx, keep.id, merge.id);
  for (const carry of carriers) Object.assign(moved, await carry(ctx, merge.id, keep.id, `Merged ${merge.number} into ${keep.number}`));
  // The kept patient must not end up referred by itself.
  await ctx.db.updateTable('patient').set({ referredByPatientId: null }).where('id', '=', keep.id).where('referredByPatientId', '=', keep.id).execute();
  const clinical = await clinicalOf(ctx, keep.id);
  await ctx.db
    .updateTable('patient')
    .set({ allergyAlert: flag(clinical !== undefined && clinical.allergies !== '[]'), updatedAt: at })
    .where('id', '=', keep.id)
    .execute();
  await ctx.db.deleteFrom('patientSearch').where('patientId', '=', merge.id).execute();
  const kept = await ctx.db.selectFrom('patient').select(['firstName', 'lastName', 'preferredName', 'archivedAt']).where('id', '=', keep.id).executeTakeFirstOrThrow();
  await writeSearchTokens(ctx.db, keep.id, searchTokensOf(kept), kept.archivedAt !== null);

  const demographic = (p: StoredPatient) => Object.fromEntries(Object.entries(p).filter(([k]) => !['sortName', 'phoneReversed'].includes(k)));
  ctx.audit({
    action: 'merge',
    entity: 'patient',
    entityId: keep.id,
    summary: `Merged ${merge.number} ${merge.firstName} ${merge.lastName} into ${keep.number} ${keep.firstName} ${keep.lastName}`,
    details: { kept: demographic(keep), merged: demographic(merge), filled, moved },
  });
  ctx.audit({ action: 'merge', entity: 'patient', entityId: merge.id, summary: `Merged into ${keep.number}`, details: { mergedInto: keep.id } });
  return moved;
}

/**
 * `patients.merge`, with the ledgers' carriers: the composition root (app.ts) passes them in, since the domains that
 * keep ledgers build on patients.
 */
export const mergeHandlersWith = (carriers: readonly MergeCarrier[]): HandlerMap<'patients.merge'> => ({
  'patients.merge': async ({ keepId, mergeId }, ctx) => {
    const moved = await mergePatients(ctx, await loadPatient(ctx, keepId), await loadPatient(ctx, mergeId), carriers);
    return { keepId, moved };
  },
});
