import type { prepaid } from '../../src-shared/contract/prepaid';
import type { HandlerMap } from '../core/registry';
import { cardHandlers } from './cards';
import { packageHandlers } from './packages';
import { planHandlers } from './plans';
import { storedValueHandlers } from './stored-value';

/** Prepaid: package plans and the packages patients hold, gift cards, stored-value top-ups. */
export const prepaidHandlers: HandlerMap<keyof typeof prepaid> = {
  ...planHandlers,
  ...packageHandlers,
  ...cardHandlers,
  ...storedValueHandlers,
};

// What checkout calls when it sells, issues, takes payment, refunds or voids.
export { prepaidLine } from './sale';
export { onInvoiceIssued, onInvoicePaid, onInvoiceWithdrawn } from './sale';
export { type PrepaidCredit, prepaidCredit } from './credits';
export { recordPrepaidPayments, resolveTenders, unitsGivenBack } from './tenders';
export { addGiftCardEntry, addPackageEntry, addStoredValueEntry, giftCardBalance, storedValueBalance, unitsLeft } from './ledgers';
export { carryPrepaid } from './packages';
export { SOLD_AHEAD_LINES_SQL } from './queries';
export { normalizeCode } from './codes';
