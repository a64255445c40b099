import { useState } from 'react';
import type { PipelineRowsInput } from '../../../src-shared/contract/reports-pipeline';
import type { SalesRowsInput } from '../../../src-shared/contract/reports-sales';
import type { Cell } from '../../../src-shared/reports/document';
import { useCall } from '../../lib/hooks';
import { navigate, useCan } from '../../lib/store';
import { Pager } from '../../lib/Pager';
import { Async, Dialog } from '../../lib/ui';
import { ReportTableView } from './ReportTableView';
import { useReportFormat } from './useReportFormat';

/** A figure's rows: which report method answers, and its input without the page. */
export type DrillRequest = { title: string } & (
  | { method: 'reports.salesRows'; input: Omit<SalesRowsInput, 'limit' | 'offset'> }
  | { method: 'reports.pipelineRows'; input: Omit<PipelineRowsInput, 'limit' | 'offset'> }
);

const PAGE = 50;

/**
 * The rows behind one figure, a page at a time, each with a link to its patient and invoice. Escape or the close
 * button closes it (the native dialog keeps focus inside).
 */
export function DrillDialog({ request, onClose }: { request: DrillRequest; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const format = useReportFormat();
  const can = useCan();
  // One call site per method keeps the hooks' order fixed; the other is skipped with a null input.
  const sales = useCall('reports.salesRows', request.method === 'reports.salesRows' ? { ...request.input, limit: PAGE, offset } : null);
  const pipeline = useCall('reports.pipelineRows', request.method === 'reports.pipelineRows' ? { ...request.input, limit: PAGE, offset } : null);
  const state = request.method === 'reports.salesRows' ? sales : pipeline;
  const links = (row: Record<string, Cell>) => (
    <span className="drill-links">
      {typeof row.patientId === 'number' && can('patients.read') && (
        <button type="button" className="btn-link" onClick={() => navigate(`/patients/${row.patientId}`)} data-testid="drill-patient">
          Patient
        </button>
      )}
      {typeof row.invoiceId === 'number' && can('checkout.sell') && (
        <button type="button" className="btn-link" onClick={() => navigate(`/invoices/${row.invoiceId}`)} data-testid="drill-invoice">
          Invoice
        </button>
      )}
    </span>
  );
  return (
    <Dialog title={request.title} onClose={onClose} wide testId="drill-dialog">
      <Async state={state} loadingLabel="Finding the rows…">
        {({ table, total }) => (
          <>
            <ReportTableView table={table} format={format} rowEnd={{ label: 'Open', render: links }} />
            <div className="drill-pager">
              <span className="muted" data-testid="drill-count">
                {total === 0 ? 'No rows' : `Rows ${offset + 1}–${offset + table.rows.length} of ${total}`}
              </span>
              <Pager offset={offset} pageSize={PAGE} total={total} onOffset={setOffset} small nextTestId="drill-next" />
            </div>
          </>
        )}
      </Async>
    </Dialog>
  );
}
