import { useState } from 'react';
import type { Report } from '../../../src-shared/contract/imports';
import { Pager } from '../../lib/Pager';
import { RowResults, TotalsLine } from './RowResults';

const PAGE = 100;

/** What an import did (or, dry, would do): the figures, then every row that was not simply created, with its reason. */
export function ReportSummary({ report, testId }: { report: Report; testId: string }) {
  const [offset, setOffset] = useState(0);
  const { totals } = report;
  return (
    <div className="stack-page" data-testid={testId}>
      <p data-testid={`${testId}-sentence`}>
        {report.dryRun ? 'Would import' : 'Imported'} <strong>{totals.create}</strong> new, matched <strong>{totals.match}</strong>
        {totals.match ? ` (${report.merged} merged, ${report.keptApart} kept apart)` : ''}, skipped <strong>{totals.skip}</strong>
        {totals.already ? `, ${totals.already} already imported before` : ''}.
      </p>
      <TotalsLine totals={totals} />
      {report.rows.length > 0 && (
        <>
          <h3>Rows not simply created</h3>
          <RowResults rows={report.rows.slice(offset, offset + PAGE)} testId={`${testId}-rows`} />
          {report.rows.length > PAGE && <Pager offset={offset} pageSize={PAGE} total={report.rows.length} onOffset={setOffset} small />}
        </>
      )}
    </div>
  );
}
