import type { checkout } from '../../src-shared/contract/checkout';
import type { HandlerMap } from '../core/registry';
import { balanceHandlers } from './balance';
import { creditHandlers } from './credits';
import { draftHandlers } from './drafts';
import { lifecycleHandlers } from './lifecycle';
import { paymentHandlers } from './payments';
import { todayHandlers } from './today';

/** Checkout: draft invoices, issuing, payments by tender, credit notes, balances and stored value. */
export const checkoutHandlers: HandlerMap<keyof typeof checkout> = {
  ...draftHandlers,
  ...lifecycleHandlers,
  ...paymentHandlers,
  ...creditHandlers,
  ...balanceHandlers,
  ...todayHandlers,
};
