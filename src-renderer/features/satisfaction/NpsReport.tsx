import { useMemo, useState } from 'react';
import type { NpsRow } from '../../../src-shared/contract/satisfaction';
import { addCalendarDays, addCalendarMonths } from '../../../src-shared/time';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async, Empty, Field } from '../../lib/ui';
import { ReportChart } from '../reports/ReportChart';
import { clinicToday } from '../scheduling/time';
import { npsBarsChart, npsTrendChart } from './npsCharts';

function NpsTable({ title, rows, testId }: { title: string; rows: NpsRow[]; testId: string }) {
  return (
    <table className="table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{title.replace('By ', '')}</th>
          <th className="num">NPS</th>
          <th className="num">n</th>
          <th className="num">Promoters (9–10)</th>
          <th className="num">Passives (7–8)</th>
          <th className="num">Detractors (0–6)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.label}</td>
            <td className={`num nps-value ${(r.nps ?? 0) < 0 ? 'bad' : ''}`}>{r.nps ?? '—'}</td>
            <td className="num">{r.responses}</td>
            <td className="num">{r.promoters}</td>
            <td className="num">{r.passives}</td>
            <td className="num">{r.detractors}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** NPS over a period: by month, provider and service, as charts with their tables; prints as it shows. */
export function NpsReport() {
  const { timeZone, name } = useClinic();
  const today = clinicToday(timeZone);
  const [period, setPeriod] = useState({ from: addCalendarDays(addCalendarMonths(today, -12), 1), to: today });
  const state = useCall('satisfaction.nps', period.from <= period.to ? period : null);
  const charts = useMemo(() => state.data && { trend: npsTrendChart(state.data.byMonth), providers: npsBarsChart(state.data.byProvider), services: npsBarsChart(state.data.byService) }, [state.data]);
  return (
    <div data-testid="nps-report">
      <div className="row row-tight no-print">
        <Field label="From">
          <input type="date" value={period.from} onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))} data-testid="nps-from" />
        </Field>
        <Field label="To">
          <input type="date" value={period.to} onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))} data-testid="nps-to" />
        </Field>
        <button type="button" className="btn" onClick={() => window.print()} data-testid="nps-print">
          Print
        </button>
      </div>
      <h2 className="print-only">
        {name} — NPS {period.from} to {period.to}
      </h2>
      {period.from > period.to && <p className="form-error">The period ends before it starts.</p>}
      <Async state={state}>
        {(report) =>
          report.total.responses === 0 ? (
            <Empty>No scores were given in this period.</Empty>
          ) : (
            <>
              <p className="nps-headline" data-testid="nps-total">
                NPS <strong>{report.total.nps}</strong> from {report.total.responses} scores: {report.total.promoters} promoters, {report.total.passives} passives, {report.total.detractors} detractors.
              </p>
              <div className="nps-charts">
                <ReportChart title="NPS by month" config={charts!.trend} wide testId="nps-chart-month" />
                <ReportChart title="NPS by provider" config={charts!.providers} testId="nps-chart-provider" />
                <ReportChart title="NPS by service" config={charts!.services} testId="nps-chart-service" />
              </div>
              <NpsTable title="By month" rows={report.byMonth} testId="nps-by-month" />
              <NpsTable title="By provider" rows={report.byProvider} testId="nps-by-provider" />
              <NpsTable title="By service" rows={report.byService} testId="nps-by-service" />
              <p className="muted">NPS = % promoters (9–10) − % detractors (0–6), rounded; n is the number of scores behind each figure.</p>
            </>
          )
        }
      </Async>
    </div>
  );
}
