import type { ClinicalRecord } from '../../src-shared/contract/clinical';
import { LumenError } from '../../src-shared/errors';
import type { HandlerContext, HandlerMap } from '../core/registry';

/** Audit entries about this entity carry clinical details; the audit viewer hides them from non-clinical staff. */
export const CLINICAL_ENTITY = 'patientClinical';

interface Row {
  patientId: number;
  allergies: string;
  medications: string;
  medicalHistory: string;
  contraindications: string;
  expectationsNote: string;
  updatedAt: string;
  updatedBy: string | null;
}

function patientNumber(ctx: HandlerContext, patientId: number): string {
  const number = ctx.sqlite.prepare('SELECT number FROM patient WHERE id = ?').pluck().get(patientId) as string | undefined;
  if (!number) throw new LumenError('not_found', 'No such patient.');
  return number;
}

function readRecord(ctx: HandlerContext, patientId: number): ClinicalRecord {
  const row = ctx.sqlite
    .prepare('SELECT c.*, s.displayName AS updatedBy FROM patientClinical c LEFT JOIN staff s ON s.id = c.updatedBy WHERE c.patientId = ?')
    .get(patientId) as Row | undefined;
  if (!row) return { patientId, allergies: [], medications: [], medicalHistory: '', contraindications: [], expectationsNote: '', updatedAt: null, updatedBy: null };
  return {
    patientId,
    allergies: JSON.parse(row.allergies),
    medications: JSON.parse(row.medications),
    medicalHistory: row.medicalHistory,
    contraindications: JSON.parse(row.contraindications),
    expectationsNote: row.expectationsNote,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

export const clinicalHandlers: HandlerMap<'clinical.get' | 'clinical.update'> = {
  'clinical.get': ({ patientId }, ctx) => {
    const number = patientNumber(ctx, patientId);
    const record = readRecord(ctx, patientId);
    ctx.audit({ action: 'view', entity: CLINICAL_ENTITY, entityId: patientId, summary: `Viewed the clinical record of ${number}` });
    return record;
  },

  'clinical.update': ({ patientId, ...record }, ctx) => {
    const number = patientNumber(ctx, patientId);
    const before = readRecord(ctx, patientId);
    const at = ctx.now.toISOString();
    ctx.sqlite
      .prepare(
        `INSERT INTO patientClinical (patientId, allergies, medications, medicalHistory, contraindications, expectationsNote, updatedAt, updatedBy)
         VALUES (@patientId, @allergies, @medications, @medicalHistory, @contraindications, @expectationsNote, @at, @by)
         ON CONFLICT (patientId) DO UPDATE SET allergies = excluded.allergies, medications = excluded.medications, medicalHistory = excluded.medicalHistory,
           contraindications = excluded.contraindications, expectationsNote = excluded.expectationsNote, updatedAt = excluded.updatedAt, updatedBy = excluded.updatedBy`,
      )
      .run({
        patientId,
        allergies: JSON.stringify(record.allergies),
        medications: JSON.stringify(record.medications),
        medicalHistory: record.medicalHistory,
        contraindications: JSON.stringify(record.contraindications),
        expectationsNote: record.expectationsNote,
        at,
        by: ctx.requireSession().staffId,
      });
    // Front desk sees only this flag: that there is an allergy to ask about.
    ctx.sqlite.prepare('UPDATE patient SET allergyAlert = ?, updatedAt = ? WHERE id = ?').run(record.allergies.length ? 1 : 0, at, patientId);
    const { patientId: _id, updatedAt: _at, updatedBy: _by, ...previous } = before;
    ctx.audit({ action: 'update', entity: CLINICAL_ENTITY, entityId: patientId, summary: `Updated the clinical record of ${number}`, details: { before: previous, after: record } });
    return { ok: true as const };
  },
};
