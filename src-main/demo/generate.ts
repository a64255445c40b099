import { performance } from 'node:perf_hooks';
import { LumenError } from '../../src-shared/errors';
import { appendAudit } from '../core/audit';
import { hashPassword } from '../core/passwords';
import type { Runtime } from '../core/runtime';
import { seedRolePermissions } from '../staff/index';
import { writeCatalog } from './catalog';
import { DEMO_CLINIC_NAME, writeClinicRow, writeSettings, writeStaff } from './clinic';
import { demoContext } from './context';
import { writePatients } from './patients';

/** Every demo account signs in with this. */
export const DEMO_PASSWORD = 'lumen-demo-2026';

const CHUNK_SIZE = 2000;

/** Tables the generator fills, children first, so a failed run can leave the folder empty again. */
const WRITTEN_TABLES = ['patientTag', 'patientConsent', 'patientClinical', 'patientSearch', 'patient', 'tag', 'referralSource', 'service', 'serviceCategory', 'staff', 'rolePermission', 'taxRate', 'openingHours'];

export interface DemoOptions {
  patients: number;
  years: number;
  seed: number;
  onProgress?(done: number, total: number): void;
}

/**
 * Fills an empty data folder with "Lumière Aesthetics (demo)": settings, staff, catalog, patients.
 * Deterministic from the seed and `runtime.clock.now()` (only password salts differ between runs).
 * The clinic row and the audit entry are written last, in one transaction, so the folder reads as a clinic
 * only once everything is there; if anything fails the partial rows are removed again.
 */
export async function generateDemoClinic(runtime: Runtime, opts: DemoOptions): Promise<{ patients: number; ms: number }> {
  const started = performance.now();
  const sqlite = runtime.sqlite;
  const leftovers = sqlite.prepare('SELECT (SELECT count(*) FROM staff) + (SELECT count(*) FROM patient)').pluck().get() as number;
  if (runtime.state !== 'needsSetup' || leftovers > 0) {
    throw new LumenError('conflict', 'This data folder already holds a clinic; the demo clinic needs an empty folder.');
  }
  const now = runtime.clock.now();
  const ctx = demoContext(sqlite, { now, years: opts.years, seed: opts.seed, passwordHash: await hashPassword(DEMO_PASSWORD) });
  try {
    const { staff, catalog } = sqlite.transaction(() => {
      seedRolePermissions(sqlite);
      writeSettings(ctx);
      return { staff: writeStaff(ctx), catalog: writeCatalog(ctx) };
    })();
    await writePatients(ctx, staff, catalog, { count: opts.patients, chunkSize: CHUNK_SIZE, onProgress: opts.onProgress });
    // Later areas (appointments, invoices, outreach) go here, each from its own ctx.random(area) stream.
    while (sqlite.inTransaction) await new Promise(setImmediate);
    sqlite.transaction(() => {
      writeClinicRow(ctx);
      appendAudit(sqlite, now, { staffId: null, name: 'system' }, {
        action: 'setup',
        entity: 'clinic',
        entityId: 1,
        summary: `Created the demo clinic ${DEMO_CLINIC_NAME} with ${opts.patients} patients`,
        details: { patients: opts.patients, years: opts.years, seed: opts.seed },
      });
    })();
  } catch (error) {
    while (sqlite.inTransaction) await new Promise(setImmediate);
    sqlite.transaction(() => {
      for (const table of WRITTEN_TABLES) sqlite.exec(`DELETE FROM ${table}`);
    })();
    throw error;
  }
  runtime.invalidateCaches();
  return { patients: opts.patients, ms: Math.round(performance.now() - started) };
}
