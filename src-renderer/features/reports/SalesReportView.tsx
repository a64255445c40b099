import type { ReactNode } from 'react';
import type { SalesRowsInput } from '../../../src-shared/contract/reports-sales';
import type { ReportDocument } from '../../../src-shared/reports/document';
import type { DocumentMeta } from '../../../src-shared/reports/meta';
import type { CallState } from '../../lib/hooks';
import type { PeriodChoice } from './PeriodPicker';
import { ReportFrame } from './ReportFrame';
import { salesDrill, salesKeyOf, type SalesKey } from './salesDrill';
import { useDocumentMeta } from './useDocumentMeta';

/**
 * A sales report on the page: the frame, and every figure in `drillColumns` of a row standing for a category,
 * provider, coupon or source (`rowKeys`: per table title, each output row's key) opens the invoice lines, credit notes
 * or patients behind it.
 */
export function SalesReportView<T>({
  report,
  period,
  onPeriod,
  state,
  toDocument,
  rowKeys,
  drillColumns,
  nameCell,
  options,
  charts,
}: {
  report: SalesRowsInput['report'];
  period: PeriodChoice;
  onPeriod: (p: PeriodChoice) => void;
  state: CallState<T>;
  toDocument: (data: T, meta: DocumentMeta) => ReportDocument;
  rowKeys: (data: T) => Record<string, SalesKey[]>;
  drillColumns: readonly string[];
  /** The row's name, for the drill dialog's title. */
  nameCell: string;
  options?: ReactNode;
  charts?: (data: T) => ReactNode;
}) {
  const meta = useDocumentMeta(state.data);
  // The rows asked for are the period the report on screen was run for.
  const asked = { from: period.from, to: period.to };
  return (
    <ReportFrame
      period={period}
      onPeriod={onPeriod}
      state={state}
      options={options}
      toDocument={(data) => toDocument(data, meta)}
      charts={charts}
      drill={(data, open, doc) => ({
        table: (title) => (row, column) => {
          if (!drillColumns.includes(column)) return undefined;
          const key = salesKeyOf(doc, title, row, rowKeys(data));
          return key === undefined ? undefined : () => open(salesDrill(report, key, asked, `${String(row[nameCell] ?? '')}: the rows behind it`));
        },
      })}
    />
  );
}
