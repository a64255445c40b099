import { performance } from 'node:perf_hooks';
import { LumenError } from '../../src-shared/errors';
import { startBulkWriter } from '../core/bulk-writer';
import { type SnapshotRebuild, startSnapshotRebuild } from '../core/snapshot-rebuild';
import { writeIdentity } from '../core/workstation';
import { appendAudit } from '../core/audit';
import { hashPassword } from '../core/passwords';
import type { Runtime } from '../core/runtime';
import { seedMessageTemplates } from '../messages/index';
import { seedRolePermissions } from '../staff/index';
import { PURCHASE_PROJECTION, setAsidePurchaseTriggers } from '../retention/index';
import { SALES_PROJECTIONS, setAsideSalesProjectionTriggers } from '../reports/index';
import { installCapture, removeCapture } from '../sync/index';
import { type CalendarCounts, writeCalendar } from './appointments';
import { localDays } from './calendar';
import { writeCatalog } from './catalog';
import { DEMO_CLINIC_NAME, DEMO_TIME_ZONE, writeClinicRow, writeSettings, writeStaff } from './clinic';
import { demoContext } from './context';
import { writePatients } from './patients';
import { prepaidDemo } from './prepaid';
import { writeResources } from './resources';
import { writePromotions } from './promotions';
import { type SalesCounts, writeSales } from './sales';
import { ChartUses, writeProducts, writeStock } from './stock';
import { writeTeam, writeTimeOff } from './team';
import { writeWaitlist } from './waitlist';
import { writeOutreach } from './retention';
import { writeCloses } from './closes';
import { setAsideIndexes } from './indexes';
import { writeTasks } from './tasks';
import { writeSegments } from './segments';
import { writePipelineDemo } from './reports-pipeline';
import { writeLoyalty } from './loyalty';
import { writeReferrals } from './referrals';
import { writeSatisfaction } from './satisfaction';

/** Every demo account signs in with this. */
export const DEMO_PASSWORD = 'lumen-demo-2026';

const CHUNK_SIZE = 2000;
/** Calendar days simulated per transaction. */
const CHUNK_DAYS = 30;
/** Days past now the calendar reaches: 8 weeks of bookings, and laser courses booked to their end. */
const CALENDAR_DAYS_AHEAD = 400;
/** Indexes of the calendar's and sales' tables that nothing reads while they are written (the sales read visits by start). */
const BULK_INDEXES = `tbl_name IN ('appointment', 'appointmentService', 'invoice', 'invoiceLine', 'payment', 'creditNote', 'creditNoteLine')
  AND name <> 'appointment_startsAt'`;

/** Tables the generator fills, so a failed run can leave the folder empty again. The audit log keeps what it recorded: it is append-only. */
const WRITTEN_TABLES = [
  'dayClose', 'couponRedemption', 'couponCode', 'coupon', 'campaign', 'complaint', 'reviewRequest', 'outbox', 'surveyResponse', 'surveyRequest', 'satisfactionSettings',
  'referralReward', 'referralCode', 'referralProgram', 'taskRun', 'task', 'followUpRule', 'pointsEntry', 'loyaltyProgram',
  'outreachCategory', 'outreach', 'patientCategoryPurchase', 'patientPurchase', 'salesDay', 'invoiceSale', 'invoiceRedemption', 'serviceSale', 'serviceSalePending',
  'savedSegment', 'segmentSettings', 'awarenessEntry', 'monthlySalesTarget', 'pipelineSettings',
  'unmatchedLotUse', 'stockOnHand', 'stockMovement', 'stockCount', 'stockReceipt', 'stockLot', 'product',
  'packageEntry', 'giftCardEntry', 'storedValueEntry', 'payment', 'patientPackage', 'giftCard', 'creditNoteLine', 'creditNote', 'invoiceLine', 'invoice', 'packagePlan', 'topUpPlan',
  'productLot', 'chart', 'waitlistEntry', 'appointmentService', 'appointment', 'series', 'block', 'staffException', 'staffHours',
  'serviceProvider', 'deviceRoom', 'device', 'room', 'messageTemplate',
  'patientTag', 'patientConsent', 'patientClinical', 'patientSearch', 'patient', 'tag', 'referralSource', 'service', 'serviceCategory', 'staff', 'rolePermission', 'taxRate', 'openingHours',
];

/**
 * The run's steps in order, each with its share of the time (per mille of a 50,000-patient run, measured), so the
 * bar moves at an even pace: 50,000 patients take a few seconds, the calendar takes minutes.
 */
const STEPS = {
  patients: ['Patients', 38],
  calendar: ['Calendar and visit notes', 314],
  sales: ['Invoices and payments', 263],
  indexes: ['Indexing the sales', 196],
  stock: ['Stock', 21],
  desk: ['Waitlist, day closes and segments', 27],
  outreach: ['Outreach', 72],
  projections: ['Sales reports and maintenance due dates', 9],
  followUps: ['Follow-up tasks, loyalty, referrals and reviews', 60],
} as const satisfies Record<string, readonly [label: string, share: number]>;
type Step = keyof typeof STEPS;
/** Where each step starts on the bar: the shares of the steps before it. */
const stepStart = new Map<Step, number>();
let STEP_TOTAL = 0;
for (const [step, [, share]] of Object.entries(STEPS) as [Step, (typeof STEPS)[Step]][]) {
  stepStart.set(step, STEP_TOTAL);
  STEP_TOTAL += share;
}

export interface DemoOptions {
  patients: number;
  years: number;
  seed: number;
  /** Progress over the whole run, in parts of `total` weighted by each step's time, and the step under way. */
  onProgress?(done: number, total: number, step: string): void;
}

export interface DemoResult extends CalendarCounts {
  patients: number;
  sales: SalesCounts;
  ms: number;
}

/** What a finished demo clinic records about its generation (in its setup audit entry). */
export interface DemoRecord {
  patients: number;
  years: number;
  seed: number;
  /** Absent in demos made before it was recorded. */
  generationMs: number | null;
  /** The patients alone (settings, staff, catalog, patients), before the calendar. */
  patientsMs: number | null;
}

/** The generation record of the demo clinic in this database, or null when it holds no finished demo clinic. */
export function demoRecordOf(runtime: Runtime): DemoRecord | null {
  if (runtime.state !== 'ready' || runtime.clinicRow()?.isDemo !== 1) return null;
  const details = runtime.sqlite.prepare("SELECT details FROM audit WHERE action = 'setup' AND entity = 'clinic' ORDER BY id LIMIT 1").pluck().get() as string | undefined;
  const parsed = details ? (JSON.parse(details) as Partial<DemoRecord> | null) : null;
  if (typeof parsed?.patients !== 'number' || typeof parsed.seed !== 'number' || typeof parsed.years !== 'number') return null;
  const ms = (value: unknown) => (typeof value === 'number' ? value : null);
  return { patients: parsed.patients, years: parsed.years, seed: parsed.seed, generationMs: ms(parsed.generationMs), patientsMs: ms(parsed.patientsMs) };
}

/**
 * Fills an empty data folder with "Lumière Aesthetics (demo)": settings, staff, catalog, patients, then the team's
 * growth, rooms and devices, and ten years of the calendar with visit notes.
 * Deterministic from the seed and `runtime.clock.now()` (only password salts differ between runs).
 * The clinic row and the audit entry are written last, in one transaction, so the folder reads as a clinic
 * only once everything is there; if anything fails the partial rows are removed again.
 */
export async function generateDemoClinic(runtime: Runtime, opts: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const sqlite = runtime.sqlite;
  const leftovers = sqlite.prepare('SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM patient)').pluck().get() as number;
  if (runtime.state !== 'needsSetup' || leftovers > 0) {
    throw new LumenError('conflict', 'This data folder already holds a clinic; the demo clinic needs an empty folder.');
  }
  const now = runtime.clock.now();
  /** Reports `done` of `of` within a step, as the whole run's progress. */
  const progress = (step: Step, done: number, of: number) => {
    const [label, share] = STEPS[step];
    opts.onProgress?.(stepStart.get(step)! + Math.round((share * done) / of), STEP_TOTAL, label);
  };
  let calendar: CalendarCounts;
  let sales: SalesCounts;
  const ctx = demoContext(sqlite, { now, years: opts.years, seed: opts.seed, passwordHash: await hashPassword(DEMO_PASSWORD) });
  // Ten years of sales are written without the purchase projection's triggers and projected once at the end.
  const restorePurchaseTriggers = setAsidePurchaseTriggers(sqlite);
  // So are the sales reports' projections (per-day sums, what each invoice sold, the provider report's rebooking rows).
  const restoreSalesProjectionTriggers = setAsideSalesProjectionTriggers(sqlite);
  let restoreIndexes: ReturnType<typeof setAsideIndexes> = () => {};
  // The calendar's and sales' rows are written by a second thread while this one works out the next ones.
  const writer = startBulkWriter(runtime.dbFile);
  let projections: SnapshotRebuild | null = null;
  try {
    const { staff, catalog } = sqlite.transaction(() => {
      // The demo is the first workstation's data from before anyone else joined: written without capture triggers
      // (millions of rows), as the starting point every workstation copied from it shares. Its ids are SQLite's own
      // 1, 2, 3… of range 0.
      writeIdentity(sqlite, { number: 0, name: 'Reception', seriesPrefix: 'P', at: now, dbFile: runtime.dbFile });
      runtime.loadWorkstation();
      removeCapture(sqlite);
      seedRolePermissions(sqlite);
      writeSettings(ctx);
      return { staff: writeStaff(ctx), catalog: writeCatalog(ctx) };
    })();
    const days = localDays(ctx.historyStart, now, CALENDAR_DAYS_AHEAD);
    await writePatients(ctx, staff, catalog, { count: opts.patients, chunkSize: CHUNK_SIZE, onProgress: (done) => progress('patients', done, opts.patients) });
    const patientsMs = Math.round(performance.now() - started);
    // Later areas (invoices, outreach) go after the calendar, each from its own ctx.random(area) stream.
    while (sqlite.inTransaction) await new Promise(setImmediate);
    const { team, resources, timeOff } = sqlite.transaction(() => {
      const team = writeTeam(ctx, staff, days);
      const resources = writeResources(ctx, catalog, team);
      const timeOff = writeTimeOff(ctx, team, resources.devices.map((d) => d.id), days);
      seedMessageTemplates(sqlite, now);
      return { team, resources, timeOff };
    })();
    const chartUses = new ChartUses();
    // The calendar's and sales' tables keep only what their writers read (visits by start, services by visit) until
    // they are written; the rest are built once from the finished tables.
    restoreIndexes = setAsideIndexes(sqlite, BULK_INDEXES);
    calendar = await writeCalendar(ctx, { staff, catalog, team, resources, days, timeOff }, {
      chunkDays: CHUNK_DAYS,
      chartsFrom: null,
      chartUses,
      writer,
      onProgress: (doneDays, totalDays) => progress('calendar', doneDays, totalDays),
    });
    // The sales read the visits, and this connection writes the products, campaigns and plans: one writer at a time.
    await writer.drained();
    const productOf = writeProducts(ctx, catalog);
    sales = await writeSales(ctx, { staff, catalog, days, productOf, promotions: writePromotions(ctx, { catalog, days }, writer) }, {
      chunkDays: CHUNK_DAYS,
      writer,
      prepaid: sqlite.transaction(() => prepaidDemo(ctx, catalog, writer))(),
      onProgress: (doneDays, totalDays) => progress('sales', doneDays, totalDays),
    });
    await writer.drained();
    await writer.close();
    const buildIndexes = (which?: (name: string) => boolean) => restoreIndexes(which, (built, of) => progress('indexes', built, of));
    // The sales reports' projections and the purchase projection (maintenance due dates) are worked out by another
    // thread from here on, once the indexes they read are built: nothing below writes what they read (invoices,
    // payments, packages, visits).
    const derived = [SALES_PROJECTIONS, PURCHASE_PROJECTION];
    buildIndexes((name) => derived.some((projection) => projection.indexes.has(name)));
    projections = startSnapshotRebuild(runtime.dbFile, derived, DEMO_TIME_ZONE);
    buildIndexes();
    // The finishing steps, each in its transaction and then a turn for the event loop, so the app's status calls
    // are answered (the app makes the demo in its main process); those that need the clinic row come last, with it.
    const finish = async (step: Step, write: () => void) => {
      sqlite.transaction(write)();
      progress(step, 1, 1);
      await new Promise(setImmediate);
    };
    await finish('stock', () => writeStock(ctx, chartUses));
    await finish('desk', () => {
      writeWaitlist(ctx, staff, catalog, team);
      writeCloses(ctx, days);
      writeSegments(ctx, catalog);
    });
    await finish('outreach', () => writeOutreach(ctx, staff.frontDesk, DEMO_TIME_ZONE));
    await projections.write();
    progress('projections', 1, 1);
    sqlite.transaction(() => {
      writeClinicRow(ctx);
      // After the clinic row: month targets follow its weekly target.
      writePipelineDemo(ctx);
      restorePurchaseTriggers();
      restoreSalesProjectionTriggers();
      // After the purchase projection: the due-soon reminders read it.
      writeTasks(ctx);
      writeLoyalty(ctx, catalog, DEMO_TIME_ZONE);
      writeReferrals(ctx);
      writeSatisfaction(ctx, DEMO_TIME_ZONE);
      appendAudit(sqlite, now, { staffId: null, name: 'system' }, {
        action: 'setup',
        entity: 'clinic',
        entityId: 1,
        summary: `Created the demo clinic ${DEMO_CLINIC_NAME} with ${opts.patients} patients and ${calendar.appointments} appointments`,
        // The benchmark reads these back to reuse a finished demo instead of generating it again.
        details: { patients: opts.patients, years: opts.years, seed: opts.seed, appointments: calendar.appointments, invoices: sales.invoices, patientsMs, generationMs: Math.round(performance.now() - started) },
      });
      progress('followUps', 1, 1);
    })();
  } catch (error) {
    await writer.close();
    await projections?.close();
    while (sqlite.inTransaction) await new Promise(setImmediate);
    // Every row the demo wrote goes, so there is nothing for foreign keys to check, and checking costs a scan of the
    // referring table per deleted row where it has no index (a chart's amendments: a million charts squared).
    sqlite.pragma('foreign_keys = OFF');
    try {
      sqlite.transaction(() => {
        // Charts and issued invoices are never deleted in a clinic; a half-built demo is not one, so the guards step
        // aside for this (and those of an issued invoice's lines, as while sync applies a file).
        const guardOf = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck();
        const guards = ['chart_never_deleted', 'invoice_never_deleted', 'stockMovement_never_deleted', 'dayClose_never_deleted'].flatMap((name) => {
          const sql = guardOf.get(name) as string | undefined;
          if (sql) sqlite.exec(`DROP TRIGGER ${name}`);
          return sql ? [sql] : [];
        });
        sqlite.exec('UPDATE syncApplying SET active = 1');
        for (const table of [...WRITTEN_TABLES, 'thisWorkstation', 'workstation']) sqlite.exec(`DELETE FROM ${table}`);
        sqlite.exec('UPDATE syncApplying SET active = 0');
        for (const sql of guards) sqlite.exec(sql);
        restorePurchaseTriggers();
        restoreSalesProjectionTriggers();
        restoreIndexes();
      })();
    } finally {
      sqlite.pragma('foreign_keys = ON');
    }
    installCapture(sqlite);
    runtime.loadWorkstation();
    throw error;
  }
  installCapture(sqlite);
  runtime.loadWorkstation();
  runtime.invalidateCaches();
  return { patients: opts.patients, ...calendar!, sales: sales!, ms: Math.round(performance.now() - started) };
}
