import { z } from 'zod';
import { periodPresets } from '../reports/period';
import { method } from './method';
import { ClockTime, Id, Instant, OneLineText, Ok } from './common';

/** Every report the catalogue can run, export and schedule (src-main/reports/catalogue.ts). */
export const reportNames = ['projectedSales', 'salesByCategory', 'salesByProvider', 'couponRoi', 'referralRoi', 'conversionCascade', 'stalledConsults', 'openQuotes', 'delinquency', 'pointsLiability', 'ambassadorBoard'] as const;
export type ReportName = (typeof reportNames)[number];
export const ReportName = z.enum(reportNames);

export const reportLabels: Record<ReportName, string> = {
  projectedSales: 'Projected sales',
  salesByCategory: 'Sales by category',
  salesByProvider: 'Sales by provider',
  couponRoi: 'Coupon ROI',
  referralRoi: 'Referral-source ROI',
  conversionCascade: 'Conversion cascade',
  stalledConsults: 'Stalled consults',
  openQuotes: 'Quotes on the table',
  delinquency: 'Delinquency',
  pointsLiability: 'Points liability',
  ambassadorBoard: 'Ambassador board',
};

export const PaperSize = z.enum(['A4', 'Letter']);
export const ExportFormat = z.enum(['csv', 'pdf']);
export const PeriodPreset = z.enum(periodPresets);

/** A report's own input (checked against that report's method when it runs). */
const ReportInput = z.record(z.string(), z.unknown());

export const ExportInput = z.strictObject({ report: ReportName, input: ReportInput.default({}), format: ExportFormat });
export type ExportInput = z.input<typeof ExportInput>;

export const ExportedFile = z.object({
  /** Where the file was written, on this computer. */
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  /** The CSV text itself (null for a PDF), for the command line and the screen's download. */
  csv: z.string().nullable(),
});

export const ScheduleInput = z.strictObject({
  /** Absent: a new schedule. */
  id: Id.optional(),
  report: ReportName,
  /** The report's input without dates: the period preset gives them at each run. */
  input: ReportInput.default({}),
  period: PeriodPreset,
  /** 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  /** Clinic time. */
  time: ClockTime,
  /** An absolute folder on this computer; empty for <data dir>/reports/scheduled. */
  folder: OneLineText.max(500).default(''),
  /** Absent: the clinic's paper size. */
  paper: PaperSize.nullable().default(null),
  active: z.boolean().default(true),
});
export type ScheduleInput = z.input<typeof ScheduleInput>;

export const RunStatus = z.enum(['ok', 'failed']);

export const ReportRun = z.object({
  id: Id,
  scheduleId: Id.nullable(),
  report: ReportName,
  from: z.string(),
  to: z.string(),
  /** The occurrence it was generated for (Monday 07:00 clinic time). */
  dueAt: Instant,
  ranAt: Instant,
  status: RunStatus,
  attempts: z.number().int(),
  path: z.string().nullable(),
  error: z.string().nullable(),
});
export type ReportRun = z.infer<typeof ReportRun>;

export const ReportSchedule = z.object({
  id: Id,
  report: ReportName,
  input: ReportInput,
  period: PeriodPreset,
  weekday: z.number().int(),
  time: z.string(),
  /** As saved ('' = the default folder); `folderPath` is where files go. */
  folder: z.string(),
  folderPath: z.string(),
  paper: PaperSize.nullable(),
  active: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: Instant,
  /** The next occurrence after now (null when paused). */
  nextDueAt: Instant.nullable(),
  lastRun: ReportRun.nullable(),
});
export type ReportSchedule = z.infer<typeof ReportSchedule>;

export const OutputSettings = z.object({ paperSize: PaperSize, /** True when no one has chosen: the country's default. */ isDefault: z.boolean() });

/** How many times a failed scheduled run is tried (once a tick) before it is left failed. */
export const MAX_RUN_ATTEMPTS = 3;

export const reportsOutput = {
  'reports.export': method({
    summary: 'Run a report and write it as a CSV or PDF file in <data dir>/reports (the CSV is also returned as text). Audited with the report and period.',
    input: ExportInput,
    output: ExportedFile,
    permission: 'reports.export',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'forbidden', 'unavailable'],
  }),
  'reports.outputSettings': method({
    summary: 'The paper size of report PDFs (A4 or Letter; by default the country’s).',
    input: z.strictObject({}),
    output: OutputSettings,
    permission: 'reports.export',
    transaction: 'read',
    errors: [],
  }),
  'reports.saveOutputSettings': method({
    summary: 'Set the paper size of report PDFs.',
    input: z.strictObject({ paperSize: PaperSize }),
    output: OutputSettings,
    permission: 'reports.schedule',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'reports.schedules': method({
    summary: 'Scheduled reports: report, period preset, weekday and time, folder, next due time and last run.',
    input: z.strictObject({}),
    output: z.array(ReportSchedule),
    permission: 'reports.schedule',
    transaction: 'read',
    errors: [],
  }),
  'reports.saveSchedule': method({
    summary: 'Add or change a scheduled report (generated as a PDF every week at a clinic-local weekday and time).',
    input: ScheduleInput,
    output: ReportSchedule,
    permission: 'reports.schedule',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'forbidden'],
  }),
  'reports.deleteSchedule': method({
    summary: 'Remove a scheduled report; the files it generated stay listed.',
    input: z.strictObject({ id: Id }),
    output: Ok,
    permission: 'reports.schedule',
    transaction: 'write',
    errors: ['not_found'],
  }),
  'reports.runs': method({
    summary: 'The files scheduled reports generated, newest first, with their paths (or why they failed).',
    input: z.strictObject({ scheduleId: Id.optional(), limit: z.number().int().min(1).max(200).default(50), offset: z.number().int().min(0).default(0) }),
    output: z.object({ total: z.number().int(), rows: z.array(ReportRun) }),
    permission: 'reports.schedule',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'reports.runSchedules': method({
    summary: 'Generate every scheduled report that is due and not yet made (the latest occurrence of each, once), as the background job does.',
    input: z.strictObject({ /** Default now; never later than now. */ asOf: Instant.optional() }),
    output: z.object({ runs: z.array(ReportRun) }),
    permission: 'reports.schedule',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
} as const;
