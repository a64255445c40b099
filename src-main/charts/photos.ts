import { fieldError, LumenError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import type { HandlerMap } from '../core/registry';
import { CLINICAL_ENTITY } from '../clinical/index';
import { patientNumberOf } from '../patients/index';
import { photoTypes, readPhoto, storePhoto } from './files';
import { visitOf } from './lookup';

export const photoHandlers: HandlerMap<'photos.add' | 'photos.list' | 'photos.get'> = {
  'photos.add': async ({ appointmentId, label, area, mimeType, dataBase64 }, ctx) => {
    const visit = await visitOf(ctx, appointmentId);
    // Clinical photography needs the patient's written consent, recorded on the profile.
    if (!visit.photoConsent) {
      throw new LumenError('conflict', `${visit.patientNumber} has not consented to photos. Record photo consent on the profile first.`, { reason: 'noPhotoConsent' });
    }
    const bytes = Buffer.from(dataBase64, 'base64');
    if (!photoTypes[mimeType].matches(bytes)) {
      throw fieldError('invalid_input', `This file is not a ${mimeType.slice(6).toUpperCase()} image.`, 'dataBase64', 'The file content does not match its type.');
    }
    const { file, sha256 } = storePhoto(ctx.runtime.dataDir, visit.patientId, mimeType, bytes);
    // The same picture sent twice to the same visit (a double click, a retried upload) is one photo.
    const existing = await ctx.db
      .selectFrom('photo')
      .select('id')
      .where('appointmentId', '=', appointmentId)
      .where('sha256', '=', sha256)
      .where('label', '=', label)
      .where('area', '=', area)
      .executeTakeFirst();
    if (existing) return { id: existing.id };
    const id = ctx.newId('photo');
    await ctx.db
      .insertInto('photo')
      .values({ id, patientId: visit.patientId, appointmentId, label, area, mimeType, sizeBytes: bytes.length, sha256, file, takenAt: ctx.now.toISOString(), createdBy: ctx.requireSession().staffId })
      .execute();
    ctx.audit({
      action: 'create',
      entity: CLINICAL_ENTITY,
      entityId: visit.patientId,
      summary: `Added a ${label} photo to the visit of ${visit.patientNumber} (appointment ${appointmentId})`,
      details: { photoId: id, appointmentId, label, area, mimeType, sizeBytes: bytes.length, sha256 },
    });
    return { id };
  },

  'photos.list': async ({ patientId }, ctx) => {
    await patientNumberOf(ctx, patientId);
    const timeZone = ctx.clinic().timeZone;
    const rows = await ctx.db
      .selectFrom('photo as ph')
      .innerJoin('appointment as a', 'a.id', 'ph.appointmentId')
      .select(['ph.id', 'a.patientId', 'ph.appointmentId', 'a.startsAt', 'ph.label', 'ph.area', 'ph.mimeType', 'ph.sizeBytes', 'ph.takenAt'])
      // Through the visit: a merged patient's photos stay as taken and follow their visits to the kept patient.
      .where('a.patientId', '=', patientId)
      .orderBy('a.startsAt', 'desc')
      .orderBy('ph.takenAt')
      .orderBy('ph.id')
      .execute();
    return rows.map(({ startsAt, ...photo }) => ({ ...photo, appointmentDate: localDate(startsAt, timeZone) }));
  },

  'photos.get': async ({ id }, ctx) => {
    const row = await ctx.db
      .selectFrom('photo as ph')
      .innerJoin('patient as p', 'p.id', 'ph.patientId')
      .select(['ph.patientId', 'ph.appointmentId', 'ph.label', 'ph.mimeType', 'ph.file', 'p.number'])
      .where('ph.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new LumenError('not_found', 'No such photo.');
    const bytes = readPhoto(ctx.runtime.dataDir, row.file);
    if (!bytes) throw new LumenError('not_found', 'The photo file is missing from the data folder. Restore it from a backup.');
    ctx.audit({
      action: 'view',
      entity: CLINICAL_ENTITY,
      entityId: row.patientId,
      summary: `Viewed a ${row.label} photo of ${row.number} (appointment ${row.appointmentId})`,
      details: { photoId: id, appointmentId: row.appointmentId },
    });
    return { id, dataUrl: `data:${row.mimeType};base64,${bytes.toString('base64')}` };
  },
};
