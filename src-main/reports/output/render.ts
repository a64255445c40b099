import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../../../src-shared/contract/index';
import type { ReportName } from '../../../src-shared/contract/reports-output';
import { type FieldErrors, LumenError } from '../../../src-shared/errors';
import type { ReportDocument } from '../../../src-shared/reports/document';
import { type FormatOptions, reportLocale } from '../../../src-shared/reports/format';
import { hhmm, localDate, wallMinutes } from '../../../src-shared/time';
import type { HandlerContext } from '../../core/registry';
import type { ClinicTable } from '../../core/schema';
import { catalogueEntry } from '../catalogue';

/** The clinic's currency, locale and zone: how every cell of its reports is written. */
export function formatOptionsOf(clinic: ClinicTable): FormatOptions {
  return { currency: clinic.currency, locale: reportLocale(clinic.country), timeZone: clinic.timeZone };
}

/**
 * Runs a report from the catalogue in the caller's transaction and turns its output into a document. The input is
 * checked against the report's own method (errors name `input.<field>`), and a signed-in caller needs that method's
 * permission too: exporting a report is never a way round reading it. The background job runs with no session; the
 * manager who saved the schedule was checked when saving.
 */
export async function reportDocument(ctx: HandlerContext, report: ReportName, input: Record<string, unknown>): Promise<ReportDocument> {
  const entry = catalogueEntry(report);
  const def = contract[entry.method];
  if (ctx.session && def.permission && !ctx.can(def.permission)) throw new LumenError('forbidden', 'You do not have permission for this report.', { permission: def.permission });
  const parsed = def.input.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = { formErrors: [], fieldErrors: {} };
    for (const issue of parsed.error.issues) (errors.fieldErrors[['input', ...issue.path.map(String)].join('.')] ??= []).push(issue.message);
    throw new LumenError('invalid_input', 'Check the report’s settings.', errors);
  }
  const clinic = ctx.clinic();
  const output = await entry.run(parsed.data, ctx);
  return entry.document(output, { clinicName: clinic.name, generatedAt: ctx.now.toISOString(), timeZone: clinic.timeZone });
}

/** "projectedSales-2026-03-09_2026-03-15-20260309-070512.pdf": the report, its period and when it was made (clinic time). */
export function reportFileName(report: ReportName, doc: ReportDocument, now: Date, timeZone: string, extension: 'csv' | 'pdf'): string {
  return `${report}-${doc.from}_${doc.to}-${fileStamp(now, timeZone)}.${extension}`;
}

/** "20260309-070512": when a file was made, in clinic time, for its name. */
export function fileStamp(now: Date, timeZone: string): string {
  return `${localDate(now, timeZone).replace(/-/g, '')}-${hhmm(wallMinutes(now, timeZone)).replace(':', '')}${String(now.getUTCSeconds()).padStart(2, '0')}`;
}

/**
 * Writes a new file in `folder` (created if missing), never over an existing one: a second export in the same second
 * gets "-2". Returns the path written. Throws the file system's error (the caller says what it means).
 */
export function writeNewFile(folder: string, fileName: string, bytes: Buffer | string): { path: string; fileName: string } {
  mkdirSync(folder, { recursive: true });
  const dot = fileName.lastIndexOf('.');
  for (let n = 1; ; n++) {
    const name = n === 1 ? fileName : `${fileName.slice(0, dot)}-${n}${fileName.slice(dot)}`;
    const path = join(folder, name);
    try {
      writeFileSync(path, bytes, { flag: 'wx' });
      return { path, fileName: name };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw error;
    }
  }
}
