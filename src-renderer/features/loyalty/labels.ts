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

/** "+50", "-20" (or "−20") or "20" as a whole number of points; anything else is NaN, refused beside the field. */
export function readSignedPoints(text: string): number {
  const match = /^\s*([-+−]?)\s*(\d+)\s*$/.exec(text);
  if (!match) return NaN;
  return match[1] === '-' || match[1] === '−' ? -Number(match[2]) : Number(match[2]);
}

/** Points with their sign, as a statement shows a change: "+120", "−40". */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points.toLocaleString()}` : points < 0 ? `−${(-points).toLocaleString()}` : '0';
}
