import type { reportsSales } from '../../../src-shared/contract/reports-sales';
import { LumenError } from '../../../src-shared/errors';
import type { HandlerMap } from '../../core/registry';
import { salesSettingsHandlers } from './settings';

const notYet = (): never => {
  throw new LumenError('unavailable', 'This report is being built.');
};

/** Sales reports: by category, by provider, coupon and referral ROI, the rows behind their figures, and their setting. */
export const reportSalesHandlers: HandlerMap<keyof typeof reportsSales> = {
  ...salesSettingsHandlers,
  'reports.salesByCategory': notYet,
  'reports.salesByProvider': notYet,
  'reports.couponRoi': notYet,
  'reports.referralRoi': notYet,
  'reports.salesRows': notYet,
};
