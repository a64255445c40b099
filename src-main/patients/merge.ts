import { LumenError } from '../../src-shared/errors';
import { fold } from '../../src-shared/text';
import type { HandlerContext } from '../core/registry';
import { searchTokensOf, writeSearchTokens } from './derived';
import type { StoredPatient } from './write';

interface ClinicalRow {
  allergies: string;
  medications: string;
  medicalHistory: string;
  contraindications: string;
  expectationsNote: string;
}

function unionBy<T>(a: T[], b: T[], key: (item: T) => string): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((item) => !seen.has(key(item)))];
}

/** Both clinical records survive a merge: lists are united, free text is kept with a marker. Nothing clinical is lost. */
function mergeClinical(ctx: HandlerContext, keep: StoredPatient, merge: StoredPatient): void {
  const get = ctx.sqlite.prepare('SELECT * FROM patientClinical WHERE patientId = ?');
  const kept = get.get(keep.id) as ClinicalRow | undefined;
  const moved = get.get(merge.id) as ClinicalRow | undefined;
  if (!moved) return;
  if (!kept) {
    ctx.sqlite.prepare('UPDATE patientClinical SET patientId = ? WHERE patientId = ?').run(keep.id, merge.id);
  } else {
    const parse = (text: string) => JSON.parse(text) as never[];
    const joinText = (a: string, b: string) => (b.trim() ? (a.trim() ? `${a}\n\n— from merged record ${merge.number} —\n${b}` : b) : a);
    const allergies = unionBy<{ substance: string }>(parse(kept.allergies), parse(moved.allergies), (x) => fold(x.substance));
    ctx.sqlite
      .prepare(
        `UPDATE patientClinical SET allergies = @allergies, medications = @medications, medicalHistory = @medicalHistory,
         contraindications = @contraindications, expectationsNote = @expectationsNote, updatedAt = @updatedAt WHERE patientId = @patientId`,
      )
      .run({
        patientId: keep.id,
        allergies: JSON.stringify(allergies),
        medications: JSON.stringify(unionBy<{ name: string }>(parse(kept.medications), parse(moved.medications), (x) => fold(x.name))),
        medicalHistory: joinText(kept.medicalHistory, moved.medicalHistory),
        contraindications: JSON.stringify(unionBy<string>(parse(kept.contraindications), parse(moved.contraindications), fold)),
        expectationsNote: joinText(kept.expectationsNote, moved.expectationsNote),
        updatedAt: ctx.now.toISOString(),
      });
    ctx.sqlite.prepare('DELETE FROM patientClinical WHERE patientId = ?').run(merge.id);
  }
  ctx.audit({ action: 'merge', entity: 'patientClinical', entityId: keep.id, summary: `Merged the clinical record of ${merge.number} into ${keep.number}`, details: { before: { kept, moved } } });
}

/** Fields the kept record lacks are taken from the merged one (a phone, an email, a birth date…). */
const FILLABLE = ['preferredName', 'dateOfBirth', 'gender', 'phone', 'phoneReversed', 'email', 'referralSourceId', 'referredByPatientId', 'emergencyContactName', 'emergencyContactPhone'] as const;

/**
 * Moves every row that points at the merged patient to the kept one, found from the schema's foreign keys so
 * tables added by later features are covered without touching this code. One transaction (the registry's).
 */
export function mergePatients(ctx: HandlerContext, keep: StoredPatient, merge: StoredPatient): Record<string, number> {
  if (keep.id === merge.id) throw new LumenError('invalid_input', 'Choose two different patients.');
  if (keep.mergedIntoId || merge.mergedIntoId) throw new LumenError('conflict', 'One of these records was already merged.');
  const sqlite = ctx.sqlite;
  mergeClinical(ctx, keep, merge);

  const filled: Record<string, unknown> = {};
  for (const field of FILLABLE) {
    if (keep[field] == null && merge[field] != null && !(field === 'referredByPatientId' && merge[field] === keep.id)) filled[field] = merge[field];
  }
  if (Object.keys(filled).length) {
    sqlite.prepare(`UPDATE patient SET ${Object.keys(filled).map((f) => `${f} = @${f}`).join(', ')} WHERE id = @id`).run({ ...filled, id: keep.id });
  }

  const moved: Record<string, number> = {};
  const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const table of tables) {
    const keys = sqlite.prepare('SELECT "from" AS col FROM pragma_foreign_key_list(?) WHERE "table" = ?').all(table, 'patient') as { col: string }[];
    for (const { col } of keys) {
      if (table === 'patientSearch' || table === 'patientClinical') continue;
      // UPDATE OR IGNORE keeps the kept patient's row where both have one (a consent per channel, a tag).
      const changes = sqlite.prepare(`UPDATE OR IGNORE "${table}" SET "${col}" = ? WHERE "${col}" = ?`).run(keep.id, merge.id).changes;
      sqlite.prepare(`DELETE FROM "${table}" WHERE "${col}" = ?`).run(merge.id);
      if (changes) moved[`${table}.${col}`] = changes;
    }
  }
  // The kept patient must not end up referred by itself.
  sqlite.prepare('UPDATE patient SET referredByPatientId = NULL WHERE id = ? AND referredByPatientId = ?').run(keep.id, keep.id);
  const allergic = sqlite.prepare("SELECT allergies <> '[]' FROM patientClinical WHERE patientId = ?").pluck().get(keep.id) as number | undefined;
  sqlite.prepare('UPDATE patient SET allergyAlert = ?, updatedAt = ? WHERE id = ?').run(allergic ? 1 : 0, ctx.now.toISOString(), keep.id);
  sqlite
    .prepare('UPDATE patient SET mergedIntoId = ?, archivedAt = coalesce(archivedAt, ?), archiveReason = ?, updatedAt = ? WHERE id = ?')
    .run(keep.id, ctx.now.toISOString(), `Merged into ${keep.number}`, ctx.now.toISOString(), merge.id);
  sqlite.prepare('DELETE FROM patientSearch WHERE patientId = ?').run(merge.id);
  const kept = sqlite.prepare('SELECT firstName, lastName, preferredName, archivedAt FROM patient WHERE id = ?').get(keep.id) as StoredPatient;
  writeSearchTokens(sqlite, keep.id, searchTokensOf(kept), kept.archivedAt !== null);

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
