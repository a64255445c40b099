import { useState, type ReactNode } from 'react';
import type { ReportDocument } from '../../../src-shared/reports/document';
import type { CallState } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { ErrorBox, Spinner } from '../../lib/ui';
import { clinicToday } from '../scheduling/time';
import { DrillDialog, type DrillRequest } from './DrillDialog';
import { PeriodPicker, type PeriodChoice } from './PeriodPicker';
import { periodRefusal } from './periodRefusal';
import { ReportActions } from './ReportActions';
import { ReportDocumentView, type DocumentDrill } from './ReportDocumentView';
import { useReportPaper } from './useReportPaper';

/**
 * What every report view shares: the period (with the view's own options beside it), the export buttons, and the
 * document once it is there, with loading and error states. A refusal of the period shows beside the dates and
 * keeps the last answer on screen; any other failure replaces the report with a retry. A figure's drill handler
 * opens the dialog of the rows behind it.
 */
export function ReportFrame<T>({
  period,
  onPeriod,
  state,
  toDocument,
  options,
  before,
  charts,
  drill,
}: {
  /** Absent for reports "as of" today (the call lists). */
  period?: PeriodChoice;
  onPeriod?: (p: PeriodChoice) => void;
  state: CallState<T>;
  toDocument: (data: T) => ReportDocument;
  /** Controls beside the period (compare with, include leads). */
  options?: ReactNode;
  /** Shown above the document and not printed (the assumptions panel). */
  before?: ReactNode;
  charts?: (data: T) => ReactNode;
  drill?: (data: T, open: (request: DrillRequest) => void, doc: ReportDocument) => DocumentDrill;
}) {
  const [drilled, setDrilled] = useState<DrillRequest | null>(null);
  const paper = useReportPaper();
  const { timeZone } = useClinic();
  const refusal = periodRefusal(state.error);
  const doc = state.data === undefined ? undefined : toDocument(state.data);
  return (
    <div className="report-main" data-testid="report-frame" aria-busy={state.loading}>
      <div className="report-controls no-print">
        {period && onPeriod && <PeriodPicker value={period} today={clinicToday(timeZone)} onChange={onPeriod} error={state.error} />}
        {options}
        <ReportActions doc={refusal ? undefined : doc} paper={paper} />
      </div>
      {before}
      {state.error !== undefined && !refusal ? (
        <ErrorBox error={state.error} onRetry={state.reload} />
      ) : doc === undefined || state.data === undefined ? (
        refusal ? null : <Spinner label="Running the report…" />
      ) : (
        <ReportDocumentView doc={doc} paper={paper} charts={charts?.(state.data)} drill={drill?.(state.data, setDrilled, doc)} />
      )}
      {drilled && <DrillDialog request={drilled} onClose={() => setDrilled(null)} />}
    </div>
  );
}
