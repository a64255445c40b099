import type { RewardForm } from '../../src-shared/contract/referrals';

/** Column types of the referral tables (the Database map is in schema.ts). */
export interface ReferralProgramTable {
  id: number;
  enabled: 0 | 1;
  percent: number;
  form: RewardForm;
  bookingUrl: string | null;
  updatedAt: string;
  updatedBy: number | null;
}

export interface ReferralCodeTable {
  id: number;
  patientId: number;
  code: string;
  createdAt: string;
  createdBy: number | null;
}

export interface ReferralRewardTable {
  id: number;
  kind: 'reward' | 'reversal';
  referrerId: number;
  referredId: number;
  invoiceId: number;
  creditNoteId: number | null;
  form: RewardForm;
  percent: number;
  serviceNetCents: number;
  /** The value: store credit given (or taken back), or what the points were worth at the redeem rate. */
  cents: number;
  points: number;
  storedValueEntryId: number | null;
  pointsEntryId: number | null;
  note: string;
  at: string;
  by: number | null;
}
