import type { HandlerMap } from '../core/registry';
import { categoryHandlers } from './categories';
import { referralHandlers } from './referrals';
import { serviceHandlers } from './services';

export { seedStarterCategories, STARTER_CATEGORIES } from './categories';

/** Service categories, services and referral sources. */
export const catalogHandlers: HandlerMap<keyof typeof categoryHandlers | keyof typeof serviceHandlers | keyof typeof referralHandlers> = {
  ...categoryHandlers,
  ...serviceHandlers,
  ...referralHandlers,
};
