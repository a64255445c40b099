import type { GiftCard, PatientPackage, StoredValueHistory } from '../../../src-shared/contract/prepaid';

export const packageStateLabels: Record<PatientPackage['state'], string> = { open: 'Open', usedUp: 'Used up', expired: 'Expired', closed: 'Closed' };
export const packageStateKinds = { open: 'ok', usedUp: 'muted', expired: 'warn', closed: 'muted' } as const;

export const packageEntryLabels: Record<PatientPackage['entries'][number]['kind'], string> = {
  sold: 'Sold',
  redeemed: 'Used',
  returned: 'Given back (visit refunded)',
  transferOut: 'Transferred away',
  transferIn: 'Transferred in',
  refunded: 'Refunded (unused)',
  voided: 'Taken back (invoice withdrawn)',
  expired: 'Expired',
};

export const giftCardEntryLabels: Record<GiftCard['entries'][number]['kind'], string> = {
  issued: 'Issued',
  spent: 'Spent',
  refunded: 'Refunded to the card',
  cancelled: 'Cancelled (refunded)',
  expired: 'Expired',
};

export const storedValueLabels: Record<StoredValueHistory['entries'][number]['kind'], string> = {
  topUp: 'Top-up',
  bonus: 'Bonus',
  spend: 'Spent',
  refund: 'Refund',
  storeCredit: 'Store credit',
  adjustment: 'Adjustment',
  topUpReversed: 'Top-up refunded',
  referralReward: 'Referral reward',
};

/** A card code as printed: groups of four ("ABCD-EFGH-JKMN"). */
export function formatCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}
