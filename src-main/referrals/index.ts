import type { referrals } from '../../src-shared/contract/referrals';
import type { HandlerMap } from '../core/registry';
import { boardHandlers } from './board';
import { patientHandlers } from './patient';
import { programHandlers } from './program';

/** Referrals: the program, codes and cards, who referred whom, rewards and the ambassador board. */
export const referralHandlers: HandlerMap<keyof typeof referrals> = {
  ...programHandlers,
  ...patientHandlers,
  ...boardHandlers,
};

// What checkout calls: a paid invoice may reward a referrer; a credit note may take the reward back.
export { onCreditNote as takeBackReferralReward, onInvoicePaid as rewardReferral } from './rewards';
/** The bench row's SQL; the demo's codes and its rule of a paid treatment. */
export { BOARD_SQL, PAID_TREATMENT, REWARD_INVOICE_SQL } from './queries';
export { PROGRAM_SQL as REFERRAL_PROGRAM_SQL } from './program';
export { namePart } from './codes';
