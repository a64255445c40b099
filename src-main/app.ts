import { type Clock } from './core/clock';
import { type Logger } from './core/logger';
import { type HandlerMap, Registry } from './core/registry';
import { Runtime } from './core/runtime';
import type { SecretBox } from './core/secrets';
import { Scheduler } from './core/scheduler';
import { setupHandlers } from './setup/index';
import { authHandlers } from './auth/index';
import { staffHandlers } from './staff/index';
import { settingsHandlers } from './settings/index';
import { catalogHandlers } from './catalog/index';
import { mergeHandlersWith, patientHandlers } from './patients/index';
import { clinicalHandlers } from './clinical/index';
import { auditHandlers } from './audit/index';
import { backupHandlers, backupJob } from './backup/index';
import { schedulingHandlers } from './scheduling/index';
import { messageHandlers, outboxJob, reminderJob, repliesJob, replyReaders } from './messages/index';
import { chartHandlers } from './charts/index';
import { installCapture, sharedFolderJob, syncHandlers } from './sync/index';
import { checkoutHandlers } from './checkout/index';
import { carryPrepaid, prepaidHandlers } from './prepaid/index';
import { promotionsHandlers } from './promotions/index';
import { closingHandlers } from './closing/index';
import { retentionHandlers } from './retention/index';
import { inventoryHandlers } from './inventory/index';
import { followUpJob, taskHandlers } from './tasks/index';
import { segmentsHandlers } from './segments/index';
import { reportSalesHandlers } from './reports/index';
import { reportPipelineHandlers } from './reports/index';
import { reportOutputHandlers, reportSchedulesJob, serviceSaleJob } from './reports/index';
import { carryPoints, loyaltyExpiryJob, loyaltyHandlers } from './loyalty/index';
import { referralHandlers } from './referrals/index';
import { readSurveyReply, satisfactionHandlers, surveyJob } from './satisfaction/index';
import { importHandlers } from './imports/index';
import { exportHandlers } from './exports/index';
import { privacyHandlers } from './privacy/index';

// A patient's reply that answers a survey is read as their score (messaging knows its readers only as functions).
replyReaders.add(readSurveyReply);

/** Every method of the contract, from the domain that owns it. The compiler refuses a missing one. */
export const handlers: HandlerMap = {
  ...setupHandlers,
  ...authHandlers,
  ...staffHandlers,
  ...settingsHandlers,
  ...catalogHandlers,
  ...patientHandlers,
  // A merge carries the ledgers' balances to the kept record (their domains build on patients, so they are passed in).
  ...mergeHandlersWith([carryPrepaid, carryPoints]),
  ...clinicalHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...schedulingHandlers,
  ...messageHandlers,
  ...chartHandlers,
  ...syncHandlers,
  ...checkoutHandlers,
  ...prepaidHandlers,
  ...promotionsHandlers,
  ...closingHandlers,
  ...retentionHandlers,
  ...inventoryHandlers,
  ...taskHandlers,
  ...segmentsHandlers,
  ...reportSalesHandlers,
  ...reportPipelineHandlers,
  ...reportOutputHandlers,
  ...loyaltyHandlers,
  ...referralHandlers,
  ...satisfactionHandlers,
  ...importHandlers,
  ...exportHandlers,
  ...privacyHandlers,
};

export interface LumenOptions {
  dataDir: string;
  clock?: Clock;
  logger?: Logger;
  /** Validate every result against the contract (tests). */
  checkOutputs?: boolean;
  /** How messaging passwords are sealed (Electron: safeStorage); by default a key file in the data folder. */
  secretBox?: SecretBox;
  /** Start the background scheduler (the app does; tests and the CLI usually do not). */
  startScheduler?: boolean;
  /** Check a large clinic file in a worker after open (the app does; the CLI does not, see `RuntimeOptions`). */
  backgroundIntegrityCheck?: boolean;
}

export interface Lumen {
  runtime: Runtime;
  registry: Registry;
  scheduler: Scheduler;
  close(): Promise<void>;
}

/** Opens one clinic: database, registry, scheduler. The composition root every entry point uses. */
export async function openLumen(options: LumenOptions): Promise<Lumen> {
  const runtime = new Runtime({ ...options, prepareConnection: installCapture });
  await runtime.open();
  const registry = new Registry(runtime, handlers, { checkOutputs: options.checkOutputs });
  const scheduler = new Scheduler(runtime, registry, [backupJob, reminderJob, outboxJob, repliesJob, sharedFolderJob((fn) => registry.exclusive(fn)), followUpJob((fn) => registry.exclusive(fn)), reportSchedulesJob((fn) => registry.exclusive(fn)), serviceSaleJob((fn) => registry.exclusive(fn)), loyaltyExpiryJob((fn) => registry.exclusive(fn)), surveyJob((fn) => registry.exclusive(fn))]);
  runtime.jobs = scheduler;
  // Catch-up runs (a missed night's backup) happen in the background; the clinic opens at once.
  if (options.startScheduler) scheduler.start().catch((error: unknown) => runtime.logger.error('Scheduler failed to start', error));
  return {
    runtime,
    registry,
    scheduler,
    async close() {
      scheduler.stop();
      await scheduler.idle();
      await registry.exclusive(() => runtime.close());
    },
  };
}
