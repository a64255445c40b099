import { useMemo, useState } from 'react';
import { cascadeLinks, type CascadeLink, type CascadeStage, type ConversionCascade as Cascade } from '../../../src-shared/contract/reports-pipeline';
import { conversionCascadeDocument } from '../../../src-shared/reports/pipeline';
import { useCall, useDebounced } from '../../lib/hooks';
import { cascadeFunnelChart } from './chartData';
import type { DrillRequest } from './DrillDialog';
import type { PeriodChoice } from './PeriodPicker';
import { ReportChart } from './ReportChart';
import { ReportFrame } from './ReportFrame';
import { useDocumentMeta } from './useDocumentMeta';

const linkNames: Record<CascadeLink, string> = {
  lead: 'Awareness → lead',
  consult: 'Lead → consult',
  treatment: 'Consult → treatment',
  maintenance: 'Treatment → maintenance',
  crossServices: 'Maintenance → cross-services',
  ambassador: 'Treatment → ambassador',
};

/**
 * The conversion cascade of the patients added in the period: each link's rate against the 80 % rule of eights
 * (chart and table), the patients behind each stage, and a what-if: a few more points on one link and what that
 * is worth.
 */
export function ConversionCascade({ period, onPeriod }: { period: PeriodChoice; onPeriod: (p: PeriodChoice) => void }) {
  const [link, setLink] = useState<CascadeLink | ''>('treatment');
  const [points, setPoints] = useState('5');
  const whatIfPoints = Number(points);
  const whatIf = link && Number.isInteger(whatIfPoints) && whatIfPoints !== 0 ? { link, points: whatIfPoints } : undefined;
  const asked = useDebounced(whatIf, 250);
  const state = useCall('reports.conversionCascade', { from: period.from, to: period.to, ...(asked ? { whatIf: asked } : {}) });
  const meta = useDocumentMeta(state.data);
  const stageRows = (stage: CascadeStage, label: string): DrillRequest => ({ method: 'reports.pipelineRows', title: `${label}: the patients`, input: { report: 'conversionCascade', key: { kind: 'stage', stage }, from: period.from, to: period.to } });

  const options = (
    <div className="period-fields" data-testid="cascade-what-if">
      <label className="field">
        <span className="field-label">What if</span>
        <select value={link} onChange={(e) => setLink(e.target.value as CascadeLink | '')} data-testid="what-if-link">
          <option value="">No what-if</option>
          {cascadeLinks.map((l) => (
            <option key={l} value={l}>
              {linkNames[l]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">gained (points)</span>
        <input type="number" min={-100} max={100} step={1} value={points} onChange={(e) => setPoints(e.target.value)} disabled={!link} data-testid="what-if-points" />
      </label>
    </div>
  );
  return (
    <ReportFrame
      period={period}
      onPeriod={onPeriod}
      state={state}
      options={options}
      toDocument={(c) => conversionCascadeDocument(c, meta)}
      charts={(c) => <CascadeChart cascade={c} />}
      drill={(_data, open) => ({
        table: (title) =>
          title === 'Stages'
            ? (row, column) => (column === 'patients' && typeof row.stage === 'string' && row.stage !== 'awareness' ? () => open(stageRows(row.stage as CascadeStage, String(row.label))) : undefined)
            : undefined,
      })}
    />
  );
}

function CascadeChart({ cascade }: { cascade: Cascade }) {
  const config = useMemo(() => cascadeFunnelChart(cascade), [cascade]);
  if (!config) return null;
  return <ReportChart title="Each link against the 80 % rule of eights" config={config} wide testId="chart-cascade" />;
}
