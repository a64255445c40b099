import { join } from 'node:path';
import { LumenError } from '../../../src-shared/errors';
import { documentCsv } from '../../../src-shared/reports/csv';
import type { HandlerMap } from '../../core/registry';
import { clinicPaper } from './paper';
import { documentPdf } from './pdf';
import { formatOptionsOf, reportDocument, reportFileName, writeNewFile } from './render';

export const exportHandlers: HandlerMap<'reports.export'> = {
  /** One report as a file in <data dir>/reports; audited with the report and its period, never its rows. */
  'reports.export': async ({ report, input, format }, ctx) => {
    const doc = await reportDocument(ctx, report, input);
    const clinic = ctx.clinic();
    const options = formatOptionsOf(clinic);
    const csv = format === 'csv' ? documentCsv(doc, options) : null;
    const bytes = csv !== null ? Buffer.from(csv, 'utf8') : await documentPdf(doc, { paper: clinicPaper(ctx.sqlite, clinic.country).paperSize, format: options });
    let written: { path: string; fileName: string };
    try {
      written = writeNewFile(join(ctx.runtime.dataDir, 'reports'), reportFileName(report, doc, ctx.now, clinic.timeZone, format), bytes);
    } catch (error) {
      throw new LumenError('unavailable', `The report could not be saved: ${(error as Error).message}`);
    }
    ctx.audit({
      action: 'export',
      entity: 'report',
      entityId: report,
      summary: `Exported ${doc.title} (${doc.from} to ${doc.to}) as ${format.toUpperCase()}`,
      details: { report, from: doc.from, to: doc.to, format, fileName: written.fileName },
    });
    return { ...written, bytes: bytes.length, csv };
  },
};
