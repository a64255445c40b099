import { useState } from 'react';
import { formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Async } from '../../lib/ui';
import { ZReportView } from './ZReportView';
import './closing.css';

type Paper = 'page' | '80mm';

/** The Z report on paper, A4/Letter or an 80 mm roll. Route #/closing/:date/print[/clinic] */
export function ZReportPrint({ date, scope }: { date: string; scope: 'till' | 'clinic' }) {
  const { timeZone } = useClinic();
  const report = useCall('closing.report', { date, scope });
  const [paper, setPaper] = useState<Paper>('page');
  return (
    <section className="page print-page" data-testid="zreport-print-page">
      {paper === '80mm' && <style media="print">{'@page { size: 80mm 297mm; margin: 3mm; }'}</style>}
      <div className="actions actions-split no-print">
        <a href={`#/closing/${date}${scope === 'clinic' ? '/clinic' : ''}`} className="crumb">← End of day</a>
        <div className="actions">
          <label className="inline"><input type="radio" name="paper" checked={paper === 'page'} onChange={() => setPaper('page')} data-testid="paper-page" /> A4 / Letter</label>
          <label className="inline"><input type="radio" name="paper" checked={paper === '80mm'} onChange={() => setPaper('80mm')} data-testid="paper-80mm" /> 80 mm receipt</label>
          <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="zreport-print">Print</button>
        </div>
      </div>
      <Async state={report} loadingLabel="Adding up the day…">
        {(r) => (
          <article className={`zreport-paper ${paper === '80mm' ? 'print-80mm' : 'print-page-size'}`} data-testid="zreport-paper" data-paper={paper}>
            <header>
              <h1>{r.clinicName}</h1>
              <div>Z report · {r.date} · {r.scope === 'till' ? r.workstation?.name : 'All tills'}</div>
              <div className="muted">{r.closes.length && r.scope === 'till' ? `Closed ${formatInstant(r.closes[0].closedAt, timeZone)}` : `Not closed · printed ${formatInstant(new Date().toISOString(), timeZone)}`}</div>
            </header>
            <ZReportView report={r} timeZone={timeZone} />
          </article>
        )}
      </Async>
    </section>
  );
}
