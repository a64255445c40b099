import { join } from 'node:path';
import { LumenError } from '../../src-shared/errors';
import { LUMEN_VERSION } from '../core/runtime';
import type { HandlerMap } from '../core/registry';
import { savedFile } from '../exports/index';
import { clinicPaper, documentPdf, fileStamp, formatOptionsOf, writeNewFile } from '../reports/index';
import { recordDocument } from './document';
import { familyOf, patientRecord } from './record';

export const accessHandlers: HandlerMap<'privacy.access'> = {
  /**
   * A data access (and portability) request: the complete record as JSON for another system and as a readable PDF,
   * both in <data dir>/exports. The record holds clinical data, so clinical.read is needed too; audited as a
   * clinical view and as an export.
   */
  'privacy.access': async ({ patientId }, ctx) => {
    if (!ctx.can('clinical.read')) throw new LumenError('forbidden', 'A complete record holds clinical details: it needs permission to read them.', { permission: 'clinical.read' });
    const record = patientRecord(ctx.sqlite, patientId);
    if (!record) throw new LumenError('not_found', 'There is no such patient.');
    // Records merged into this one are the same person: what stayed on them (facts) is theirs too.
    const mergedRecords = familyOf(ctx.sqlite, patientId).slice(1).map((id) => patientRecord(ctx.sqlite, id));
    const clinic = ctx.clinic();
    const number = String(record.patient.number);
    const json = JSON.stringify({ format: 'lumen-patient-record', lumenVersion: LUMEN_VERSION, clinic: { name: clinic.name, timeZone: clinic.timeZone, currency: clinic.currency }, exportedAt: ctx.now.toISOString(), units: { money: 'integer minor units (cents)', instants: 'UTC ISO-8601', dates: 'YYYY-MM-DD in the clinic’s time zone' }, ...record, mergedRecords }, null, 2);
    const pdf = await documentPdf(recordDocument(record, clinic, ctx.now), { paper: clinicPaper(ctx.sqlite, clinic.country).paperSize, format: formatOptionsOf(clinic) });
    const folder = join(ctx.runtime.dataDir, 'exports');
    const stamp = fileStamp(ctx.now, clinic.timeZone);
    let files;
    try {
      files = { json: writeNewFile(folder, `patient-${number}-${stamp}.json`, json), pdf: writeNewFile(folder, `patient-${number}-${stamp}.pdf`, pdf) };
    } catch (error) {
      throw new LumenError('unavailable', `The record could not be saved: ${(error as Error).message}`);
    }
    const counts = Object.fromEntries(Object.entries(record.tables).map(([table, rows]) => [table, rows.length]));
    ctx.audit({ action: 'view', entity: 'patientClinical', entityId: patientId, summary: `Viewed the complete record of ${number} (data access request)` });
    ctx.audit({ action: 'export', entity: 'patient', entityId: patientId, summary: `Exported the complete record of ${number} as JSON and PDF`, details: { files: [files.json.fileName, files.pdf.fileName], counts } });
    return { patientId, json: savedFile(files.json, 'json'), pdf: savedFile(files.pdf, 'pdf'), counts };
  },
};
