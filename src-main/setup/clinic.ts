import { LumenError } from '../../src-shared/errors';
import type { HandlerMap } from '../core/registry';
import { LUMEN_VERSION, type Runtime } from '../core/runtime';
import { writeIdentity } from '../core/workstation';
import { clockWarningOf } from '../sync/index';
import { generateDemoClinic } from '../demo/index';
import { insertStaff, seedRolePermissions } from '../staff/index';
import { seedStarterCategories } from '../catalog/index';
import { seedMessageTemplates } from '../messages/index';
import { seedFollowUpRules } from '../tasks/index';

/** What state the data folder is in, and creating its clinic: a real one (first run) or the demo. */
export const clinicHandlers: HandlerMap<'app.status' | 'setup.createClinic' | 'setup.createDemo'> = {
  'app.status': (_input, ctx) => {
    const runtime = ctx.runtime;
    const clinic = runtime.isOpen && !runtime.demo.running ? runtime.clinicRow() : undefined;
    return {
      state: runtime.isOpen ? runtime.state : 'recovery',
      clinicName: clinic?.name ?? null,
      timeZone: clinic?.timeZone ?? null,
      currency: clinic?.currency ?? null,
      country: clinic?.country ?? null,
      version: LUMEN_VERSION,
      isDemo: clinic?.isDemo === 1,
      recoveryMessage: runtime.recoveryMessage,
      demo: { ...runtime.demo },
      workstationName: runtime.isOpen && !runtime.demo.running ? (runtime.workstation?.identity?.name ?? null) : null,
      clockWarning: runtime.state === 'ready' && !runtime.demo.running ? clockWarningOf(runtime.sqlite) : null,
    };
  },

  'setup.createClinic': async ({ clinic, owner, workstationName }, ctx) => {
    if (ctx.runtime.clinicRow()) throw new LumenError('conflict', 'This data folder already holds a clinic.');
    const at = ctx.now.toISOString();
    becomeFirstWorkstation(ctx.runtime, workstationName, ctx.now);
    await ctx.db
      .insertInto('clinic')
      .values({
        id: 1,
        name: clinic.name,
        addressLine1: clinic.address.line1,
        addressLine2: clinic.address.line2,
        city: clinic.address.city,
        region: clinic.address.region,
        postalCode: clinic.address.postalCode,
        country: clinic.address.country,
        phone: '',
        email: '',
        timeZone: clinic.timeZone,
        currency: clinic.currency,
        idleLockMinutes: 10,
        leadToConsultRateBp: 4000,
        consultToTreatmentRateBp: 6000,
        weeklySalesTargetCents: 0,
        backupFolder: '',
        backupKeepDaily: 7,
        backupKeepWeekly: 4,
        isDemo: 0,
        lateCancelHours: 24,
        calendarSlotMinutes: 15,
        pricesIncludeTax: 0,
        taxRounding: 'line',
        giftCardValidityMonths: 36,
        dealMinCents: 0,
        dealKinds: JSON.stringify(['treatment', 'product', 'package']),
        packageRevenue: 'sale',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    seedRolePermissions(ctx.sqlite);
    await seedStarterCategories(ctx);
    seedMessageTemplates(ctx.sqlite, ctx.now);
    seedFollowUpRules(ctx.sqlite, ctx.now);
    ctx.runtime.invalidateCaches();
    ctx.audit({ action: 'setup', entity: 'clinic', entityId: 1, summary: `Created the clinic ${clinic.name}`, details: { clinic } });
    await insertStaff(ctx, { ...owner, role: 'owner' });
    return { ok: true as const };
  },

  'setup.createDemo': ({ patients, seed }, ctx) => {
    const runtime = ctx.runtime;
    if (runtime.state !== 'needsSetup' || runtime.demo.running) throw new LumenError('conflict', 'This data folder already holds a clinic.');
    runtime.demo = { running: true, done: 0, total: patients, error: null };
    // Runs after this call returns; the registry answers only app.status until it is done.
    void generateDemoClinic(runtime, {
      patients,
      years: 10,
      seed,
      onProgress: (done, total) => {
        runtime.demo.done = done;
        runtime.demo.total = total;
      },
    })
      .then(() => {
        runtime.invalidateCaches();
        runtime.demo = { ...runtime.demo, running: false, done: runtime.demo.total };
      })
      .catch((error: unknown) => {
        runtime.logger.error('Demo clinic generation failed', error);
        runtime.demo = { ...runtime.demo, running: false, error: (error as Error).message };
      });
    return { ok: true as const };
  },
};

/** A new clinic's first workstation is number 0 and numbers patients P000001, P000002, … */
export function becomeFirstWorkstation(runtime: Runtime, name: string, now: Date): void {
  writeIdentity(runtime.sqlite, { number: 0, name, seriesPrefix: 'P', at: now, dbFile: runtime.dbFile });
  runtime.loadWorkstation();
  runtime.workstation?.stamp(now);
}
