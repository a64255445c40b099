import type { ClinicalRecord } from '../../src-shared/contract/clinical';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { patientNumberOf } from '../patients/index';

/** Audit entries about this entity carry clinical details; the audit viewer hides them from non-clinical staff. */
export const CLINICAL_ENTITY = 'patientClinical';

async function readRecord(ctx: HandlerContext, patientId: number): Promise<ClinicalRecord> {
  const row = await ctx.db
    .selectFrom('patientClinical as c')
    .leftJoin('staff as s', 's.id', 'c.updatedBy')
    .select(['c.allergies', 'c.medications', 'c.medicalHistory', 'c.contraindications', 'c.expectationsNote', 'c.updatedAt', 's.displayName as updatedBy'])
    .where('c.patientId', '=', patientId)
    .executeTakeFirst();
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

export const recordHandlers: HandlerMap<'clinical.get' | 'clinical.update'> = {
  'clinical.get': async ({ patientId }, ctx) => {
    const number = await patientNumberOf(ctx, patientId);
    const record = await readRecord(ctx, patientId);
    ctx.audit({ action: 'view', entity: CLINICAL_ENTITY, entityId: patientId, summary: `Viewed the clinical record of ${number}` });
    return record;
  },

  'clinical.update': async ({ patientId, ...record }, ctx) => {
    const number = await patientNumberOf(ctx, patientId);
    const before = await readRecord(ctx, patientId);
    const at = ctx.now.toISOString();
    const columns = {
      allergies: JSON.stringify(record.allergies),
      medications: JSON.stringify(record.medications),
      medicalHistory: record.medicalHistory,
      contraindications: JSON.stringify(record.contraindications),
      expectationsNote: record.expectationsNote,
      updatedAt: at,
      updatedBy: ctx.requireSession().staffId,
    };
    await ctx.db
      .insertInto('patientClinical')
      .values({ patientId, ...columns })
      .onConflict((oc) => oc.column('patientId').doUpdateSet(columns))
      .execute();
    // Front desk sees only this flag: that there is an allergy to ask about.
    await ctx.db
      .updateTable('patient')
      .set({ allergyAlert: flag(record.allergies.length > 0), updatedAt: at })
      .where('id', '=', patientId)
      .execute();
    const { patientId: _id, updatedAt: _at, updatedBy: _by, ...previous } = before;
    ctx.audit({ action: 'update', entity: CLINICAL_ENTITY, entityId: patientId, summary: `Updated the clinical record of ${number}`, details: { before: previous, after: record } });
    return { ok: true as const };
  },
};
