import { rfmSegmentLabels, suggestedActionLabels, tierLabels } from '../../../src-shared/contract/segments';
import { formatDate, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Badge } from '../../lib/ui';
import './segments.css';

/** A patient's computed tags on the profile: tier and RFM segment, with the figures behind them on demand. */
export function SegmentBadges({ patientId }: { patientId: number }) {
  const { currency } = useClinic();
  const { data: m } = useCall('segments.patientMetrics', { patientId });
  if (!m) return null;
  const clv = m.lifetimeValue;
  return (
    <details className="segment-metrics" data-testid="segment-badges">
      <summary>
        <Badge kind={m.tier === 'active' || m.tier === 'new' ? 'ok' : m.tier === 'lead' ? 'neutral' : 'warn'} testId="tier-badge">
          {tierLabels[m.tier]}
        </Badge>{' '}
        {m.rfm && <Badge kind="muted" testId="rfm-badge">{`${rfmSegmentLabels[m.rfm.segment]} · R${m.rfm.recency}F${m.rfm.frequency}M${m.rfm.monetary}`}</Badge>}
      </summary>
      <dl>
        {m.rfm && (
          <>
            <dt>Suggested</dt>
            <dd>{suggestedActionLabels[m.rfm.action]}</dd>
          </>
        )}
        <dt>Last visit</dt>
        <dd>{m.lastVisitDate ? `${formatDate(m.lastVisitDate)} (${m.daysSinceLastVisit} days)` : '—'}</dd>
        <dt>Visits / spent</dt>
        <dd>
          {m.visits} / {money(m.spentCents, currency)}
        </dd>
        {clv && (
          <>
            <dt>Lifetime value</dt>
            <dd title={`${money(clv.averagePurchaseCents, currency)} × ${clv.purchasesPerYear}/year × ${clv.lifespanYears} years − ${money(clv.acquisitionCostCents, currency)} acquisition`}>{money(clv.valueCents, currency)}</dd>
          </>
        )}
        <dt>Engagement</dt>
        <dd>{m.engagementScore} / 100</dd>
        {m.leadScore !== null && (
          <>
            <dt>Lead score</dt>
            <dd data-testid="lead-score">{m.leadScore} / 100</dd>
          </>
        )}
      </dl>
    </details>
  );
}
