import { useMemo, useState } from 'react';
import type { ProjectedSales as Projection } from '../../../src-shared/contract/reports-pipeline';
import { projectedSalesDocument } from '../../../src-shared/reports/pipeline';
import { useCall, useDebounced } from '../../lib/hooks';
import { navigate, useClinic } from '../../lib/store';
import { AssumptionsPanel, type Overrides } from './AssumptionsPanel';
import { projectionByDayChart, projectionByCategoryChart } from './chartData';
import type { DrillRequest } from './DrillDialog';
import type { PeriodChoice } from './PeriodPicker';
import { ReportChart } from './ReportChart';
import type { DocumentDrill } from './ReportDocumentView';
import { ReportFrame } from './ReportFrame';
import { useDocumentMeta } from './useDocumentMeta';

type Key = Extract<DrillRequest, { method: 'reports.pipelineRows' }>['input']['key'];

/** Columns of the by-day, by-category and by-provider tables whose figures have bookings behind them. */
const bookedColumns = ['treatments', 'treatmentsCents', 'consults', 'consultsCents', 'expectedCents'];

/**
 * Projected sales, the weekly print: expected revenue for the period from what is booked (and open leads), by day,
 * category and provider, against last year and the target. The assumptions can be changed here for this report
 * only ("what if consult conversion were 60 %?"): the figures follow as soon as typing pauses.
 */
export function ProjectedSales({ period, onPeriod }: { period: PeriodChoice; onPeriod: (p: PeriodChoice) => void }) {
  const [overrides, setOverrides] = useState<Overrides>({});
  const [includeLeads, setIncludeLeads] = useState(true);
  const [saved, setSaved] = useState(0);
  const asked = useDebounced(overrides, 250);
  const input = { from: period.from, to: period.to, include: { leads: includeLeads }, ...(Object.keys(asked).length ? { overrides: asked } : {}) };
  const state = useCall('reports.projectedSales', input);
  const meta = useDocumentMeta(state.data);
  // The panel starts from the settings: the first answer's assumptions (again after saving them as defaults).
  const [settings, setSettings] = useState<Projection['assumptions'] | null>(null);
  if (state.data && !settings && Object.keys(asked).length === 0) setSettings(state.data.assumptions);

  const charts = (p: Projection) => <ProjectionCharts projection={p} />;
  return (
    <>
      <ReportFrame
        period={period}
        onPeriod={onPeriod}
        state={state}
        toDocument={(p) => projectedSalesDocument(p, meta)}
        before={
          settings && (
            <AssumptionsPanel
              key={saved}
              assumptions={settings}
              onChange={setOverrides}
              includeLeads={includeLeads}
              onIncludeLeads={setIncludeLeads}
              onSaved={() => {
                setOverrides({});
                setSettings(null);
                setSaved((n) => n + 1);
              }}
            />
          )
        }
        charts={charts}
        drill={(p, show) => projectionDrill(p, (title, key) => () => show({ method: 'reports.pipelineRows', title, input: { ...input, report: 'projectedSales', key } }))}
      />
      {state.data && state.data.target.gapCents > 0 && (
        <div className="gap-links no-print" data-testid="gap-links">
          <span>Close the gap:</span>
          <button type="button" className="btn-link" onClick={() => navigate('/retention')} data-testid="gap-delinquent">
            {state.data.gapClosers.delinquent.patients} overdue for maintenance
          </button>
          <button type="button" className="btn-link" onClick={() => navigate('/retention/soon')} data-testid="gap-due-soon">
            {state.data.gapClosers.dueSoon.patients} falling due in the period
          </button>
        </div>
      )}
    </>
  );
}

/**
 * Which figures of the projection open rows: the totals and each day, category and provider open their bookings
 * (asked with the same assumptions, so they add up to the figure), the leads open the leads, and the gap opens the
 * call lists that could close it.
 */
function projectionDrill(p: Projection, open: (title: string, key: Key) => () => void): DocumentDrill {
  return {
    figure: (label) => {
      if (label === 'Expected revenue' || label === 'Booked treatments' || label === 'Consults (expected)') return open('Bookings in the period', { kind: 'all' });
      if ((label === 'Open leads' || label === 'Open leads (expected)') && p.assumptions.includeLeads) return open('Open leads', { kind: 'leads' });
      if (label === 'Gap to target' && p.target.gapCents > 0) return () => navigate('/retention');
      return undefined;
    },
    table: (title) => {
      if (title === 'By day') return (row, column) => (bookedColumns.includes(column) && typeof row.date === 'string' ? open(`Bookings on ${row.date}`, { kind: 'day', date: row.date }) : undefined);
      if (title === 'By category') return (row, column) => (bookedColumns.includes(column) && typeof row.categoryId === 'number' ? open(`${row.categoryName} bookings`, { kind: 'category', categoryId: row.categoryId }) : undefined);
      if (title === 'By provider') return (row, column) => (bookedColumns.includes(column) && typeof row.staffId === 'number' ? open(`${row.staffName}’s bookings`, { kind: 'provider', staffId: row.staffId }) : undefined);
      if (title.startsWith('Closing the gap')) return (row, column) => (column === 'patients' ? () => navigate(String(row.list).startsWith('Overdue') ? '/retention' : '/retention/soon') : undefined);
      return undefined;
    },
  };
}

function ProjectionCharts({ projection }: { projection: Projection }) {
  const { currency } = useClinic();
  const byDay = useMemo(() => projectionByDayChart(projection, currency), [projection, currency]);
  const byCategory = useMemo(() => projectionByCategoryChart(projection, currency), [projection, currency]);
  if (!projection.byDay.length) return null;
  return (
    <>
      <ReportChart title="Expected revenue by day" config={byDay} testId="chart-projection-days" />
      <ReportChart title="Expected revenue by category" config={byCategory} testId="chart-projection-categories" />
    </>
  );
}
