import { useState } from 'react';
import { rfmSegmentLabels, rfmSegments, tierLabels, tiers } from '../../../src-shared/contract/segments';
import { addCalendarDays, localDate } from '../../../src-shared/time';
import { money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Field } from '../../lib/ui';

const percent = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)} %`);

function Figure({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="segment-figure" data-testid={testId}>
      <span className="muted">{label}</span>
      <strong>{value}</strong>
      {hint && <span className="muted">{hint}</span>}
    </div>
  );
}

/** Churn and retention over a period, new patients, lifetime value, and how many patients are in each tier and segment. */
export function AnalyticsTab() {
  const { timeZone, currency } = useClinic();
  const today = localDate(new Date(), timeZone);
  const [from, setFrom] = useState(addCalendarDays(today, -90));
  const [to, setTo] = useState(today);
  const state = useCall('segments.clinicMetrics', from && to && from <= to ? { from, to } : null);
  return (
    <div className="panel" data-testid="segment-analytics">
      <div className="actions actions-start no-print">
        <Field label="From">
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="To">
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <button type="button" className="btn" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <Async state={state}>
        {(m) => (
          <>
            <div className="segment-figures">
              <Figure label="Churn" value={percent(m.churnRateBp)} hint={`${m.lost} of ${m.activeAtStart} active at the start lapsed`} testId="figure-churn" />
              <Figure label="Retention" value={percent(m.retentionRateBp)} hint="still active at the end" />
              <Figure label="New patients" value={m.newPatients.toLocaleString()} hint="first purchase in the period" />
              <Figure
                label="Lifetime value"
                value={m.lifetimeValue ? money(m.lifetimeValue.valueCents, currency) : '—'}
                hint={m.lifetimeValue ? `${money(m.lifetimeValue.averagePurchaseCents, currency)} × ${m.lifetimeValue.purchasesPerYear}/year × ${m.lifetimeValue.lifespanYears} years − ${money(m.lifetimeValue.acquisitionCostCents, currency)}` : 'no sales in the period'}
              />
            </div>
            <h2>Patients by tier (today)</h2>
            <div className="segment-figures">
              {tiers.map((t) => (
                <Figure key={t} label={tierLabels[t]} value={m.tierCounts[t].toLocaleString()} />
              ))}
            </div>
            <h2>Patients by RFM segment (today)</h2>
            <div className="segment-figures">
              {rfmSegments.map((s) => (
                <Figure key={s} label={rfmSegmentLabels[s]} value={m.rfmCounts[s].toLocaleString()} />
              ))}
            </div>
          </>
        )}
      </Async>
    </div>
  );
}
