import type { ReportDocument } from '../../../src-shared/reports/document';
import { documentCsv } from '../../../src-shared/reports/csv';
import { downloadText } from '../../lib/download';
import { errorMessage } from '../../lib/client';
import { useAction } from '../../lib/hooks';
import { pdfFileName, printToPdf } from '../../lib/print';
import { useUi } from '../../lib/store';
import { exportName } from './paper';
import { useReportFormat } from './useReportFormat';

/**
 * CSV, Print and Save as PDF of the document on screen (the print layout is the screen's own). Save as PDF writes
 * the file through the Electron window's printToPDF; in browser mode it opens the print dialog, where saving as PDF
 * is one of the printers.
 */
export function ReportActions({ doc, paper }: { doc: ReportDocument | undefined; paper: 'a4' | 'letter' }) {
  const format = useReportFormat();
  const saving = useAction();
  const savePdf = (d: ReportDocument) =>
    saving.run(async () => {
      const result = await printToPdf({ fileName: pdfFileName(exportName(d, 'pdf').replace(/\.pdf$/, '')), landscape: d.orientation === 'landscape', pageSize: paper === 'a4' ? 'A4' : 'Letter' });
      if (result.saved) useUi.getState().notify(`Saved ${result.path}`);
      else if (result.reason === 'refused' || result.reason === 'failed') useUi.getState().notify(result.message ?? 'The PDF could not be saved.');
    });
  return (
    <div className="actions no-print" data-testid="report-actions">
      <button type="button" className="btn" disabled={!doc} onClick={() => doc && downloadText(exportName(doc, 'csv'), documentCsv(doc, format), 'text/csv;charset=utf-8')} data-testid="report-csv">
        CSV
      </button>
      <button type="button" className="btn" disabled={!doc} onClick={() => window.print()} data-testid="report-print">
        Print
      </button>
      <button type="button" className="btn" disabled={!doc || saving.busy} onClick={() => doc && void savePdf(doc)} data-testid="report-save-pdf">
        Save as PDF
      </button>
      {saving.error !== undefined && (
        <span className="field-error" role="alert">
          {errorMessage(saving.error)}
        </span>
      )}
    </div>
  );
}
