import type { loyalty } from '../../src-shared/contract/loyalty';
import type { HandlerMap } from '../core/registry';
import { dailyHandlers } from './daily';
import { liabilityHandlers } from './liability';
import { profileHandlers } from './profile';
import { programHandlers } from './program';

/** Loyalty: the program, the points ledger, a patient's standing, the liability and the daily expiry run. */
export const loyaltyHandlers: HandlerMap<keyof typeof loyalty> = {
  ...programHandlers,
  ...profileHandlers,
  ...liabilityHandlers,
  ...dailyHandlers,
};

export { loyaltyExpiryJob, runDaily } from './daily';
/** For referrals and reviews (and any domain that rewards): gives points, once per `refs.dedupeKey`. */
export { type Award, availablePoints, awardPoints, carryPoints } from './ledger';
/** For an import's opening balances: one entry, no audit of its own (the import audits its batch). */
export { addEntry as addPointsEntry } from './ledger';
/** The program as saved (referrals read its redeem rate and whether it is on). */
export { programOf as loyaltyProgramOf } from './program';
/** The day points credited now lapse (the bench's checkout floor writes the entry a paid invoice does). */
export { expiryOfCredit } from './program';
// What checkout calls: a paid invoice earns, a credit note takes back, points pay and come back.
export { type CreditedLine, onCreditNote, onInvoicePaid } from './earning';
export { pointsGivenBack, pointsTender, recordPointsPayments } from './tender';
/** The bench row's SQL. */
export { EARNING_INVOICE_SQL, EARNING_LINES_SQL, INSERT_ENTRY_SQL, PATIENT_ENTRIES_SQL, STATEMENT_SQL } from './queries';
export { PROGRAM_SQL } from './program';
export { LIABILITY_SQL, liabilityParams } from './liability';
export { type MemberDiscount, memberDiscountOf } from './profile';
