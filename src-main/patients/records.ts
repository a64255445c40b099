import { LumenError } from '../../src-shared/errors';
import { changedFields } from '../core/audit';
import { flag } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { nextPatientNumber, searchTokensOf, writeSearchTokens } from './derived';
import { recordConsent } from './consent';
import { guardDuplicates } from './duplicates';
import { loadPatient, patientColumns } from './row';

/** Only the fields that identify a person are compared for duplicates when editing. */
const IDENTITY = ['firstName', 'lastName', 'dateOfBirth', 'phone', 'email'] as const;

export const recordHandlers: HandlerMap<'patients.create' | 'patients.update' | 'patients.archive' | 'patients.setConsent'> = {
  'patients.create': async ({ acceptDuplicateOf, ...fields }, ctx) => {
    const columns = await patientColumns(ctx, fields);
    await guardDuplicates(ctx, columns, acceptDuplicateOf);
    const at = ctx.now.toISOString();
    const number = nextPatientNumber(ctx);
    const id = ctx.newId('patient');
    await ctx.db
      .insertInto('patient')
      .values({ ...columns, id, number, allergyAlert: 0, archivedAt: null, archiveReason: null, mergedIntoId: null, createdAt: at, updatedAt: at })
      .execute();
    await writeSearchTokens(ctx.db, id, searchTokensOf(columns), false);
    ctx.audit({
      action: 'create',
      entity: 'patient',
      entityId: id,
      summary: `Added patient ${number} ${columns.firstName} ${columns.lastName}${acceptDuplicateOf ? ` (confirmed not the same as #${acceptDuplicateOf})` : ''}`,
      details: { after: fields, acceptDuplicateOf: acceptDuplicateOf ?? null },
    });
    return { id, number };
  },

  'patients.update': async ({ id, patch, acceptDuplicateOf }, ctx) => {
    const before = await loadPatient(ctx, id);
    if (before.mergedIntoId) throw new LumenError('conflict', `This record was merged into another; edit that one.`);
    const columns = await patientColumns(ctx, patch, before);
    if (IDENTITY.some((f) => columns[f] !== before[f])) await guardDuplicates(ctx, columns, acceptDuplicateOf, id);
    const diff = changedFields(before, columns);
    if (!Object.keys(diff).length) return { ok: true as const };
    await ctx.db
      .updateTable('patient')
      .set({ ...columns, updatedAt: ctx.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await writeSearchTokens(ctx.db, id, searchTokensOf(columns), before.archivedAt !== null);
    delete diff.sortName;
    delete diff.phoneReversed;
    ctx.audit({ action: 'update', entity: 'patient', entityId: id, summary: `Changed ${before.number}: ${Object.keys(diff).join(', ')}`, details: diff });
    return { ok: true as const };
  },

  'patients.archive': async ({ id, archived, reason }, ctx) => {
    const before = await loadPatient(ctx, id);
    if (before.mergedIntoId) throw new LumenError('conflict', 'A merged record stays archived.');
    if ((before.archivedAt !== null) === archived) return { ok: true as const };
    const at = ctx.now.toISOString();
    await ctx.db
      .updateTable('patient')
      .set({ archivedAt: archived ? at : null, archiveReason: archived ? (reason ?? '') : null, updatedAt: at })
      .where('id', '=', id)
      .execute();
    await ctx.db.updateTable('patientSearch').set({ archived: flag(archived) }).where('patientId', '=', id).execute();
    ctx.audit({ action: 'archive', entity: 'patient', entityId: id, summary: `${archived ? 'Archived' : 'Restored'} ${before.number} ${before.firstName} ${before.lastName}`, details: { archived, reason: reason ?? null } });
    return { ok: true as const };
  },

  'patients.setConsent': async (change, ctx) => {
    ctx.requireSession();
    await loadPatient(ctx, change.patientId);
    recordConsent(ctx.sqlite, ctx.now, ctx.actor, change);
    return { ok: true as const };
  },
};
