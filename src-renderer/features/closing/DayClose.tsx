import { useState } from 'react';
import { addCalendarDays } from '../../../src-shared/time';
import { useCall } from '../../lib/hooks';
import { navigate, useCan, useClinic } from '../../lib/store';
import { Async, Badge } from '../../lib/ui';
import { clinicToday } from '../scheduling/time';
import { CloseDayDialog } from './CloseDayDialog';
import { ZReportView } from './ZReportView';
import './closing.css';

const isDate = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** End of day, route #/closing/:date?: the till's Z report (or the clinic's total), the close, and its print. */
export function DayClose({ date: routeDate, scope = 'till' }: { date?: string; scope?: 'till' | 'clinic' }) {
  const can = useCan();
  const { timeZone } = useClinic();
  const date = isDate(routeDate) ? routeDate : clinicToday(timeZone);
  const report = useCall('closing.report', { date, scope });
  const [closing, setClosing] = useState(false);
  const go = (to: string, toScope = scope) => navigate(`/closing/${to}${toScope === 'clinic' ? '/clinic' : ''}`);

  return (
    <section className="page" data-testid="closing-page">
      <header className="page-head">
        <h1>End of day</h1>
        <div className="actions">
          <button type="button" className="btn" onClick={() => go(addCalendarDays(date, -1))} aria-label="Previous day" data-testid="closing-prev">←</button>
          <input type="date" value={date} max={clinicToday(timeZone)} onChange={(e) => isDate(e.target.value) && go(e.target.value)} aria-label="Day" data-testid="closing-date" />
          <button type="button" className="btn" onClick={() => go(addCalendarDays(date, 1))} aria-label="Next day" data-testid="closing-next">→</button>
          <div className="segmented" role="group" aria-label="Whose report">
            <button type="button" className={`btn ${scope === 'till' ? 'active' : ''}`} aria-pressed={scope === 'till'} onClick={() => go(date, 'till')} data-testid="closing-scope-till">This till</button>
            <button type="button" className={`btn ${scope === 'clinic' ? 'active' : ''}`} aria-pressed={scope === 'clinic'} onClick={() => go(date, 'clinic')} data-testid="closing-scope-clinic">Whole clinic</button>
          </div>
        </div>
      </header>
      <Async state={report} loadingLabel="Adding up the day…">
        {(r) => {
          const closed = r.scope === 'till' && r.closes.length > 0;
          return (
            <>
              <div className="actions actions-split">
                <p>
                  {r.scope === 'till' ? `${r.workstation?.name ?? 'This till'} · ` : 'All tills · '}
                  {closed ? <Badge kind="ok" testId="closing-state">Closed</Badge> : r.scope === 'till' ? <Badge kind="warn" testId="closing-state">Open</Badge> : `${r.closes.length} till(s) closed`}
                  {r.changedSinceClose && <Badge kind="alert" testId="closing-changed">Changes arrived after close: the figures as closed stand</Badge>}
                </p>
                <div className="actions">
                  <a className="btn" href={`#/closing/${date}/print${scope === 'clinic' ? '/clinic' : ''}`} data-testid="closing-print">Print</a>
                  {r.scope === 'till' && !closed && can('closing.close') && (
                    <button type="button" className="btn btn-primary" onClick={() => setClosing(true)} data-testid="closing-close">Count the drawer and close</button>
                  )}
                </div>
              </div>
              {r.scope === 'till' && !closed && !can('closing.close') && <p className="muted">A manager or the owner closes the day; count the drawer against the expected cash below.</p>}
              <ZReportView report={r} timeZone={timeZone} />
              {closing && (
                <CloseDayDialog
                  report={r}
                  onClose={() => setClosing(false)}
                  onDone={() => {
                    setClosing(false);
                    report.reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Async>
    </section>
  );
}
