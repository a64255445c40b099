import { useMemo, useState } from 'react';
import { pointsLiabilityDocument, type PointsLiability as Liability } from '../../../src-shared/reports/loyalty';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Field } from '../../lib/ui';
import { liabilityByTierChart } from '../reports/chartData';
import { ReportChart } from '../reports/ReportChart';
import { ReportFrame } from '../reports/ReportFrame';
import { useDocumentMeta } from '../reports/useDocumentMeta';
import { clinicToday } from '../scheduling/time';

/** Reports → Points liability: what the points patients hold would pay, at the end of a day (today unless chosen). */
export function PointsLiability() {
  const { timeZone } = useClinic();
  const [typed, setTyped] = useState(() => clinicToday(timeZone));
  // The report stays on the last whole date while the field is being changed.
  const [asOf, setAsOf] = useState(typed);
  const state = useCall('loyalty.liability', { asOf });
  const meta = useDocumentMeta(state.data);
  const options = (
    <Field label="As of the end of" error={typed ? undefined : 'Choose a day'}>
      <input
        type="date"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          if (e.target.value) setAsOf(e.target.value);
        }}
        data-testid="liability-as-of"
      />
    </Field>
  );
  return <ReportFrame state={state} toDocument={(l) => pointsLiabilityDocument(l, meta)} options={options} charts={(l) => <TierChart liability={l} />} />;
}

function TierChart({ liability }: { liability: Liability }) {
  const { currency } = useClinic();
  const config = useMemo(() => liabilityByTierChart(liability, currency), [liability, currency]);
  return config && <ReportChart title="Value by tier" config={config} testId="chart-liability-tiers" />;
}
