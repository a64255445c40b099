import { stalledConsultsDocument, openQuotesDocument } from '../../../src-shared/reports/pipeline';
import type { Cell } from '../../../src-shared/reports/document';
import { useCall } from '../../lib/hooks';
import { navigate, useCan } from '../../lib/store';
import type { DrillCell } from './ReportTableView';
import { ReportFrame } from './ReportFrame';
import { useDocumentMeta } from './useDocumentMeta';

/** The name on a call list opens the patient; a quote's value opens its draft invoice. */
function useLinks(): DrillCell {
  const can = useCan();
  return (row: Record<string, Cell>, column: string) => {
    if (column === 'patientName' && typeof row.patientId === 'number' && can('patients.read')) return () => navigate(`/patients/${row.patientId}`);
    if ((column === 'netCents' || column === 'totalCents') && typeof row.invoiceId === 'number' && can('checkout.sell')) return () => navigate(`/invoices/${row.invoiceId}`);
    return undefined;
  };
}

/** Consults with no treatment after the stall threshold: a call list as of today (threshold from the settings). */
export function StalledConsults() {
  const state = useCall('reports.stalledConsults', { limit: 500 });
  const meta = useDocumentMeta(state.data);
  const links = useLinks();
  return <ReportFrame state={state} toDocument={(s) => stalledConsultsDocument(s, meta)} drill={() => ({ table: () => links })} />;
}

/** Draft invoices not yet bought, with their value and age: a call list as of today. */
export function OpenQuotes() {
  const state = useCall('reports.openQuotes', { limit: 500 });
  const meta = useDocumentMeta(state.data);
  const links = useLinks();
  return <ReportFrame state={state} toDocument={(q) => openQuotesDocument(q, meta)} drill={() => ({ table: () => links })} />;
}
