import type { DealStatus } from '../../../src-shared/contract/promotions';
import { money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Badge } from '../../lib/ui';

export const dealStatusLabels: Record<DealStatus, string> = { never: 'Never bought', first: 'First deal', repeat: 'Repeat customer' };

/** A patient's tags from their sales, in one call: deal status and arrears (what they owe on issued invoices). */
export function StandingBadges({ patientId }: { patientId: number }) {
  const { currency } = useClinic();
  const standing = useCall('patients.standing', { patientId });
  if (!standing.data) return null;
  const { dealStatus, owedCents } = standing.data;
  return (
    <>
      <Badge kind={dealStatus === 'repeat' ? 'ok' : 'neutral'} testId="deal-badge">
        {dealStatusLabels[dealStatus]}
      </Badge>
      {owedCents > 0 && (
        <Badge kind="alert" testId="arrears-badge">
          Owes {money(owedCents, currency)}
        </Badge>
      )}
    </>
  );
}
