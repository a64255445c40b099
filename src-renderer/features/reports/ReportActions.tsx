import type { ReportDocument } from '../../../src-shared/reports/document';
import { documentCsv } from '../../../src-shared/reports/csv';
import { downloadText } from '../../lib/download';
import { exportName } from './paper';
import { useReportFormat } from './useReportFormat';

/** CSV, Print and Save as PDF of the document on screen (the print layout is the screen's own). */
export function ReportActions({ doc }: { doc: ReportDocument | undefined }) {
  const format = useReportFormat();
  return (
    <div className="actions no-print" data-testid="report-actions">
      <button type="button" className="btn" disabled={!doc} onClick={() => doc && downloadText(exportName(doc, 'csv'), documentCsv(doc, format), 'text/csv;charset=utf-8')} data-testid="report-csv">
        CSV
      </button>
      <button type="button" className="btn" disabled={!doc} onClick={() => window.print()} data-testid="report-print">
        Print
      </button>
    </div>
  );
}
