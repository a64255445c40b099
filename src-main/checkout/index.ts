import type { checkout } from '../../src-shared/contract/checkout';
import type { HandlerMap } from '../core/registry';
import { balanceHandlers } from './balance';
import { commitHandlers } from './commit';
import { creditHandlers } from './credits';
import { draftHandlers } from './drafts';
import { lifecycleHandlers } from './lifecycle';
import { paymentHandlers } from './payments';
import { todayHandlers } from './today';

/** The sums behind what an invoice owes, for queries that have the invoice as `invoice`, and the sale's SQL (the bench's floors). */
export { creditedSql, paidSql } from './view';
export * as saleSql from './queries';
export { draftInvoiceRow } from './drafts';

/** Checkout: draft invoices, issuing, payments by tender, credit notes, balances and stored value. */
export const checkoutHandlers: HandlerMap<keyof typeof checkout> = {
  ...draftHandlers,
  ...lifecycleHandlers,
  ...paymentHandlers,
  ...commitHandlers,
  ...creditHandlers,
  ...balanceHandlers,
  ...todayHandlers,
};
