import { bandLabels, channelLabels, outcomeLabels, overdueBands } from '../../../src-shared/contract/retention';
import { addCalendarDays } from '../../../src-shared/time';
import { formatDate, formatInstant, money } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { ErrorBox, Spinner } from '../../lib/ui';
import { clinicToday } from '../scheduling/time';

/**
 * The weekly delinquency report for managers, laid out for paper (A4 or Letter, @media print): overdue per band and the
 * week's outreach results; the browser's print dialog makes the PDF.
 */
export function DelinquencyReport() {
  const { timeZone, currency, name } = useClinic();
  const today = clinicToday(timeZone);
  const from = addCalendarDays(today, -6);
  const overdue = useCall('retention.delinquency', { limit: 1 });
  // One count per band, in the bands' order (a fixed number of calls, so hooks stay in order).
  const bandStates = [useBand('0-30'), useBand('31-90'), useBand('91-180'), useBand('180+')];
  const bands = overdueBands.map((band, i) => ({ band, state: bandStates[i] }));
  const results = useCall('retention.outreachResults', { from, to: today });
  if (overdue.error !== undefined) return <ErrorBox error={overdue.error} onRetry={overdue.reload} />;
  if (!overdue.data || !results.data) return <Spinner />;
  const sum = (key: 'outreaches' | 'converted' | 'revenueCents') => results.data!.reduce((n, r) => n + r[key], 0);
  return (
    <article className="report" data-testid="delinquency-report">
      <div className="actions no-print">
        <button type="button" className="btn" onClick={() => window.print()} data-testid="report-print">
          Print / PDF
        </button>
      </div>
      <header className="report-head">
        <h2>{name}: delinquency report</h2>
        <p>
          Week {formatDate(from)} – {formatDate(today)} · generated {formatInstant(new Date().toISOString(), timeZone)}
        </p>
      </header>
      <h3>Overdue maintenance</h3>
      <table className="table">
        <tbody>
          {bands.map(({ band, state }) => (
            <tr key={band}>
              <th>{bandLabels[band]}</th>
              <td className="num">{state.data?.total ?? '…'}</td>
            </tr>
          ))}
          <tr>
            <th>All</th>
            <td className="num" data-testid="report-total">
              {overdue.data.total}
            </td>
          </tr>
        </tbody>
      </table>
      <h3>Outreach this week</h3>
      <table className="table">
        <thead>
          <tr>
            <th>Channel</th>
            <th>Outcome</th>
            <th>By</th>
            <th className="num">Contacts</th>
            <th className="num">Converted</th>
            <th className="num">Revenue</th>
          </tr>
        </thead>
        <tbody>
          {results.data.map((r, i) => (
            <tr key={i}>
              <td>{channelLabels[r.channel]}</td>
              <td>{outcomeLabels[r.outcome]}</td>
              <td>{r.staffName ?? '—'}</td>
              <td className="num">{r.outreaches}</td>
              <td className="num">{r.converted}</td>
              <td className="num">{money(r.revenueCents, currency)}</td>
            </tr>
          ))}
          <tr>
            <th colSpan={3}>Total</th>
            <td className="num">{sum('outreaches')}</td>
            <td className="num">{sum('converted')}</td>
            <td className="num">{money(sum('revenueCents'), currency)}</td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}

/** One band's total (the list's count, first row only). */
function useBand(band: (typeof overdueBands)[number]) {
  return useCall('retention.delinquency', { bands: [band], limit: 1 });
}
