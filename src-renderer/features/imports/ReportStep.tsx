import { useState } from 'react';
import type { Report } from '../../../src-shared/contract/imports';
import { ReportSummary } from './ReportSummary';
import { BatchActions } from './BatchActions';

/** Step 6: what the import did, its report as CSV, and undo. */
export function ReportStep({ report, fileName, onAnother }: { report: Report; fileName: string; onAnother: () => void }) {
  const [undone, setUndone] = useState(false);
  return (
    <div className="panel stack-page" data-testid="import-report-step">
      {undone ? (
        <div className="banner banner-info" data-testid="import-undone">
          This import was undone: nothing it created is left.
        </div>
      ) : (
        <div className="banner banner-ok">Import finished{report.batchId ? ` (batch #${report.batchId})` : ''}.</div>
      )}
      <ReportSummary report={report} testId="import-report" />
      <div className="actions actions-start">
        {report.batchId !== null && <BatchActions batchId={report.batchId} fileName={fileName} undone={undone} onUndone={() => setUndone(true)} />}
        <button type="button" className="btn" onClick={onAnother} data-testid="import-another">
          Import another file
        </button>
      </div>
    </div>
  );
}
