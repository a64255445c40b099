import type { PointsEntryKind } from '../../../src-shared/contract/loyalty';

/** A statement line's kind in words. */
export const pointsEntryLabels: Record<PointsEntryKind, string> = {
  earned: 'Earned on a purchase',
  redeemed: 'Paid with points',
  reversed: 'Taken back (purchase refunded)',
  returned: 'Given back (points payment refunded)',
  referral: 'Referral reward',
  review: 'Review reward',
  birthday: 'Birthday points',
  expired: 'Expired',
  adjustment: 'Adjusted by hand',
};

/** Points with their sign, as a statement shows a change: "+120", "−40". */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points.toLocaleString()}` : points < 0 ? `−${(-points).toLocaleString()}` : '0';
}
