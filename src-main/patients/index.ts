import type { PatientProfile } from '../../src-shared/contract/patients';
import { LumenError } from '../../src-shared/errors';
import { normalizePhone } from '../../src-shared/phone';
import { changedFields } from '../core/audit';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';
import { nextPatientNumber, searchTokensOf, writeSearchTokens } from './derived';
import { findLikelyDuplicates } from './duplicates';
import { mergePatients } from './merge';
import { listPage, PROFILE_SQL } from './queries';
import { searchPatients } from './search';
import { patientColumns, type StoredPatient } from './write';

export { formatPatientNumber, nextPatientNumber, phoneReversedOf, searchTokensOf, sortNameOf, writeSearchTokens } from './derived';
export { nameSearchSql, PHONE_SEARCH_SQL, EMAIL_SEARCH_SQL, NUMBER_SEARCH_SQL, LIST_SQL, LIST_COUNT_SQL, PROFILE_SQL } from './queries';
export { classifyQuery, nameSearchQuery } from './search';

function loadPatient(ctx: HandlerContext, id: number): StoredPatient {
  const row = ctx.sqlite.prepare('SELECT * FROM patient WHERE id = ?').get(id) as StoredPatient | undefined;
  if (!row) throw new LumenError('not_found', 'No such patient.');
  return row;
}

/** Refuses with the likely matches unless the person confirmed one of them is a different patient. */
function guardDuplicates(ctx: HandlerContext, columns: { firstName: string; lastName: string; dateOfBirth: string | null; phone: string | null; email: string | null }, acceptDuplicateOf: number | undefined, excludeId?: number): void {
  const likely = findLikelyDuplicates(ctx.sqlite, { ...columns, excludeId });
  if (likely.length && !likely.some((c) => c.id === acceptDuplicateOf)) {
    throw new LumenError('possible_duplicate', `This may be an existing patient: ${likely[0].name} (${likely[0].number}).`, { likely });
  }
}

/** Only the fields that identify a person are compared for duplicates when editing. */
const IDENTITY = ['firstName', 'lastName', 'dateOfBirth', 'phone', 'email'] as const;

function profileOf(ctx: HandlerContext, id: number): PatientProfile {
  const p = cached(ctx.sqlite, PROFILE_SQL.patient).get({ id }) as
    | (StoredPatient & { referralSourceName: string | null; referredByName: string | null; referredByNumber: string | null; referralsMade: number })
    | undefined;
  if (!p) throw new LumenError('not_found', 'No such patient.');
  const consents = cached(ctx.sqlite, PROFILE_SQL.consents).all({ id }) as { channel: 'email'; granted: number; source: 'form'; recordedAt: string; recordedBy: string }[];
  return {
    id: p.id,
    number: p.number,
    firstName: p.firstName,
    lastName: p.lastName,
    preferredName: p.preferredName,
    dateOfBirth: p.dateOfBirth,
    gender: p.gender as PatientProfile['gender'],
    phone: p.phone,
    email: p.email,
    address: { line1: p.addressLine1, line2: p.addressLine2, city: p.city, region: p.region, postalCode: p.postalCode, country: p.country },
    referralSource: p.referralSourceId !== null ? { id: p.referralSourceId, name: p.referralSourceName ?? '' } : null,
    referredBy: p.referredByPatientId !== null ? { id: p.referredByPatientId, name: p.referredByName ?? '', number: p.referredByNumber ?? '' } : null,
    referralsMade: p.referralsMade,
    doNotContact: p.doNotContact === 1,
    emergencyContactName: p.emergencyContactName,
    emergencyContactPhone: p.emergencyContactPhone,
    photoConsent: p.photoConsent === 1,
    photoConsentAt: p.photoConsentAt,
    notes: p.notes,
    allergyAlert: p.allergyAlert === 1,
    tags: cached(ctx.sqlite, PROFILE_SQL.tags).all({ id }) as PatientProfile['tags'],
    consents: consents.map((c) => ({ ...c, granted: c.granted === 1 })),
    archivedAt: p.archivedAt,
    archiveReason: p.archiveReason,
    mergedInto: p.mergedIntoId,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export const patientHandlers: HandlerMap<
  | 'patients.create'
  | 'patients.update'
  | 'patients.findDuplicates'
  | 'patients.get'
  | 'patients.search'
  | 'patients.list'
  | 'patients.archive'
  | 'patients.merge'
  | 'patients.setConsent'
  | 'patients.setTags'
  | 'tags.list'
  | 'tags.save'
> = {
  'patients.create': ({ acceptDuplicateOf, ...fields }, ctx) => {
    const columns = patientColumns(ctx, fields);
    guardDuplicates(ctx, columns, acceptDuplicateOf);
    const at = ctx.now.toISOString();
    const number = nextPatientNumber(ctx.sqlite);
    const row = { ...columns, number, allergyAlert: 0, archivedAt: null, archiveReason: null, mergedIntoId: null, createdAt: at, updatedAt: at };
    const names = Object.keys(row);
    const id = Number(ctx.sqlite.prepare(`INSERT INTO patient (${names.join(', ')}) VALUES (${names.map((n) => '@' + n).join(', ')})`).run(row).lastInsertRowid);
    writeSearchTokens(ctx.sqlite, id, searchTokensOf(columns), false);
    ctx.audit({
      action: 'create',
      entity: 'patient',
      entityId: id,
      summary: `Added patient ${number} ${columns.firstName} ${columns.lastName}${acceptDuplicateOf ? ` (confirmed not the same as #${acceptDuplicateOf})` : ''}`,
      details: { after: fields, acceptDuplicateOf: acceptDuplicateOf ?? null },
    });
    return { id, number };
  },

  'patients.update': ({ id, patch, acceptDuplicateOf }, ctx) => {
    const before = loadPatient(ctx, id);
    if (before.mergedIntoId) throw new LumenError('conflict', `This record was merged into another; edit that one.`);
    const columns = patientColumns(ctx, patch, before);
    if (IDENTITY.some((f) => columns[f] !== before[f])) guardDuplicates(ctx, columns, acceptDuplicateOf, id);
    const diff = changedFields(before as unknown as Record<string, unknown>, columns as unknown as Record<string, unknown>);
    if (!Object.keys(diff).length) return { ok: true as const };
    const names = Object.keys(columns);
    ctx.sqlite.prepare(`UPDATE patient SET ${names.map((n) => `${n} = @${n}`).join(', ')}, updatedAt = @updatedAt WHERE id = @id`).run({ ...columns, updatedAt: ctx.now.toISOString(), id });
    writeSearchTokens(ctx.sqlite, id, searchTokensOf(columns), before.archivedAt !== null);
    delete diff.sortName;
    delete diff.phoneReversed;
    ctx.audit({ action: 'update', entity: 'patient', entityId: id, summary: `Changed ${before.number}: ${Object.keys(diff).join(', ')}`, details: diff });
    return { ok: true as const };
  },

  'patients.findDuplicates': (input, ctx) =>
    findLikelyDuplicates(ctx.sqlite, {
      ...input,
      phone: input.phone ? normalizePhone(input.phone, ctx.clinic().country) : null,
      email: input.email || null,
    }),

  'patients.get': ({ id }, ctx) => profileOf(ctx, id),

  'patients.search': ({ q, limit, includeArchived }, ctx) => searchPatients(ctx.sqlite, { q, limit, includeArchived, defaultRegion: ctx.clinic().country }),

  'patients.list': (input, ctx) => listPage(ctx.sqlite, input),

  'patients.archive': ({ id, archived, reason }, ctx) => {
    const before = loadPatient(ctx, id);
    if (before.mergedIntoId) throw new LumenError('conflict', 'A merged record stays archived.');
    if ((before.archivedAt !== null) === archived) return { ok: true as const };
    ctx.sqlite.prepare('UPDATE patient SET archivedAt = ?, archiveReason = ?, updatedAt = ? WHERE id = ?').run(archived ? ctx.now.toISOString() : null, archived ? (reason ?? '') : null, ctx.now.toISOString(), id);
    ctx.sqlite.prepare('UPDATE patientSearch SET archived = ? WHERE patientId = ?').run(archived ? 1 : 0, id);
    ctx.audit({ action: 'archive', entity: 'patient', entityId: id, summary: `${archived ? 'Archived' : 'Restored'} ${before.number} ${before.firstName} ${before.lastName}`, details: { archived, reason: reason ?? null } });
    return { ok: true as const };
  },

  'patients.merge': ({ keepId, mergeId }, ctx) => {
    const moved = mergePatients(ctx, loadPatient(ctx, keepId), loadPatient(ctx, mergeId));
    return { keepId, moved };
  },

  'patients.setConsent': ({ patientId, channel, granted, source }, ctx) => {
    const patient = loadPatient(ctx, patientId);
    const before = ctx.sqlite.prepare('SELECT granted, source, recordedAt FROM patientConsent WHERE patientId = ? AND channel = ?').get(patientId, channel) ?? null;
    ctx.sqlite
      .prepare(
        `INSERT INTO patientConsent (patientId, channel, granted, source, recordedAt, recordedBy) VALUES (@patientId, @channel, @granted, @source, @at, @by)
         ON CONFLICT (patientId, channel) DO UPDATE SET granted = excluded.granted, source = excluded.source, recordedAt = excluded.recordedAt, recordedBy = excluded.recordedBy`,
      )
      .run({ patientId, channel, granted: granted ? 1 : 0, source, at: ctx.now.toISOString(), by: ctx.requireSession().staffId });
    ctx.audit({
      action: 'update',
      entity: 'patient',
      entityId: patientId,
      summary: `${granted ? 'Recorded' : 'Withdrew'} ${channel} consent for ${patient.number} (${source})`,
      details: { consent: { channel, before, after: { granted, source } } },
    });
    return { ok: true as const };
  },

  'patients.setTags': ({ patientId, tagIds }, ctx) => {
    const patient = loadPatient(ctx, patientId);
    const unique = [...new Set(tagIds)];
    const known = ctx.sqlite.prepare(`SELECT count(*) FROM tag WHERE id IN (${unique.map(() => '?').join(',') || 'NULL'})`).pluck().get(...unique) as number;
    if (known !== unique.length) throw new LumenError('not_found', 'One of these tags does not exist.');
    const before = ctx.sqlite.prepare('SELECT tagId FROM patientTag WHERE patientId = ? ORDER BY tagId').pluck().all(patientId);
    ctx.sqlite.prepare('DELETE FROM patientTag WHERE patientId = ?').run(patientId);
    const insert = ctx.sqlite.prepare('INSERT INTO patientTag (patientId, tagId) VALUES (?, ?)');
    for (const tagId of unique) insert.run(patientId, tagId);
    ctx.audit({ action: 'update', entity: 'patient', entityId: patientId, summary: `Changed the tags of ${patient.number}`, details: { tags: { from: before, to: unique.sort((a, b) => a - b) } } });
    return { ok: true as const };
  },

  'tags.list': (_input, ctx) =>
    ctx.sqlite
      .prepare('SELECT t.id, t.name, t.color, (SELECT count(*) FROM patientTag pt WHERE pt.tagId = t.id) AS patientCount FROM tag t ORDER BY t.name')
      .all() as { id: number; name: string; color: string; patientCount: number }[],

  'tags.save': async ({ id, name, color }, ctx) => {
    await assertNameFree(ctx, 'tag', name, id);
    return saveRow(ctx, 'tag', 'tag', id, { name, color });
  },
};
