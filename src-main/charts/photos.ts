import type { Photo } from '../../src-shared/contract/charts';
import { LumenError } from '../../src-shared/errors';
import { localDate } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { CLINICAL_ENTITY } from '../clinical/index';
import { photoTypes, readPhoto, storePhoto } from './files';
import { patientNumberOf, visitOf } from './queries';

type PhotoRow = Omit<Photo, 'appointmentDate'> & { startsAt: string };

export const photoHandlers: HandlerMap<'photos.add' | 'photos.list' | 'photos.get'> = {
  'photos.add': ({ appointmentId, label, area, mimeType, dataBase64 }, ctx) => {
    const visit = visitOf(ctx, appointmentId);
    // Clinical photography needs the patient's written consent, recorded on the profile.
    if (!cached(ctx.sqlite, 'SELECT photoConsent FROM patient WHERE id = ?').pluck().get(visit.patientId)) {
      throw new LumenError('conflict', `${visit.patientNumber} has not consented to photos. Record photo consent on the profile first.`, { reason: 'noPhotoConsent' });
    }
    const bytes = Buffer.from(dataBase64, 'base64');
    if (!photoTypes[mimeType].matches(bytes)) {
      throw new LumenError('invalid_input', `This file is not a ${mimeType.slice(6).toUpperCase()} image.`, { formErrors: [], fieldErrors: { dataBase64: ['The file content does not match its type.'] } });
    }
    const { file, sha256 } = storePhoto(ctx.runtime.dataDir, visit.patientId, mimeType, bytes);
    // The same picture sent twice to the same visit (a double click, a retried upload) is one photo.
    const existing = cached(ctx.sqlite, 'SELECT id FROM photo WHERE appointmentId = ? AND sha256 = ? AND label = ? AND area = ?').pluck().get(appointmentId, sha256, label, area) as
      | number
      | undefined;
    if (existing) return { id: existing };
    const id = Number(
      cached(
        ctx.sqlite,
        'INSERT INTO photo (patientId, appointmentId, label, area, mimeType, sizeBytes, sha256, file, takenAt, createdBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(visit.patientId, appointmentId, label, area, mimeType, bytes.length, sha256, file, ctx.now.toISOString(), ctx.requireSession().staffId).lastInsertRowid,
    );
    ctx.audit({
      action: 'create',
      entity: CLINICAL_ENTITY,
      entityId: visit.patientId,
      summary: `Added a ${label} photo to the visit of ${visit.patientNumber} (appointment ${appointmentId})`,
      details: { photoId: id, appointmentId, label, area, mimeType, sizeBytes: bytes.length, sha256 },
    });
    return { id };
  },

  'photos.list': ({ patientId }, ctx) => {
    patientNumberOf(ctx, patientId);
    const timeZone = ctx.clinic().timeZone;
    const rows = cached(
      ctx.sqlite,
      `SELECT ph.id, ph.patientId, ph.appointmentId, a.startsAt, ph.label, ph.area, ph.mimeType, ph.sizeBytes, ph.takenAt
       FROM photo ph JOIN appointment a ON a.id = ph.appointmentId WHERE ph.patientId = ? ORDER BY a.startsAt DESC, ph.takenAt, ph.id`,
    ).all(patientId) as PhotoRow[];
    return rows.map(({ startsAt, ...photo }) => ({ ...photo, appointmentDate: localDate(startsAt, timeZone) }));
  },

  'photos.get': ({ id }, ctx) => {
    const row = cached(ctx.sqlite, 'SELECT ph.patientId, ph.appointmentId, ph.label, ph.mimeType, ph.file, p.number FROM photo ph JOIN patient p ON p.id = ph.patientId WHERE ph.id = ?').get(id) as
      | { patientId: number; appointmentId: number; label: string; mimeType: string; file: string; number: string }
      | undefined;
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
