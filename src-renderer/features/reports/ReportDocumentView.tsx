import type { ReactNode } from 'react';
import type { ReportDocument, ReportFigures, ReportSection } from '../../../src-shared/reports/document';
import { formatCell, formatInstantAt, formatPeriod, type FormatOptions } from '../../../src-shared/reports/format';
import { usePrintPage } from './usePrintPage';
import { hasRowsBehind, ReportTableView, type DrillCell } from './ReportTableView';
import { useReportFormat } from './useReportFormat';

/** Drill handlers of one document: per table (by title) and per headline figure (by label). */
export interface DocumentDrill {
  table?: (title: string) => DrillCell | undefined;
  figure?: (label: string) => (() => void) | undefined;
}

/**
 * Any report's print layout, which is also what the screen shows: a head with the clinic, the report, its period
 * and when it was made; the headline figures; `charts` (a picture where it beats a table); tables and notes in the
 * document's order. While it is shown the print takes its paper and orientation (a wide report prints in
 * landscape) and every page carries its number.
 */
export function ReportDocumentView({ doc, paper, drill, charts }: { doc: ReportDocument; paper: 'a4' | 'letter'; drill?: DocumentDrill; charts?: ReactNode }) {
  const format = useReportFormat();
  usePrintPage(paper, doc.orientation);
  const [figures, rest] = splitFigures(doc.sections);
  return (
    <article className="report-doc" data-testid="report-document" data-orientation={doc.orientation}>
      <header className="report-doc-head">
        <div className="report-doc-clinic" data-testid="report-clinic">
          {doc.clinicName}
        </div>
        <h2 data-testid="report-title">{doc.title}</h2>
        <p className="muted">
          <span data-testid="report-period">{formatPeriod(doc.from, doc.to, format.locale)}</span>
          {' · generated '}
          {formatInstantAt(doc.generatedAt, format)}
        </p>
      </header>
      {figures.map((section, i) => (
        <FiguresView key={i} figures={section} format={format} drill={drill?.figure} />
      ))}
      {charts && <div className="report-charts">{charts}</div>}
      {rest.map((section, i) =>
        section.kind === 'table' ? (
          <ReportTableView key={`${i}-${section.title}`} table={section} format={format} drill={drill?.table?.(section.title)} />
        ) : section.kind === 'note' ? (
          <p key={i} className="report-note" data-testid="report-note">
            {section.text}
          </p>
        ) : (
          <FiguresView key={i} figures={section} format={format} drill={drill?.figure} />
        ),
      )}
    </article>
  );
}

/** The figures that open the document go above the charts; everything after keeps its order. */
function splitFigures(sections: ReportSection[]): [ReportFigures[], ReportSection[]] {
  const lead: ReportFigures[] = [];
  let i = 0;
  for (; i < sections.length && sections[i].kind === 'figures'; i++) lead.push(sections[i] as ReportFigures);
  return [lead, sections.slice(i)];
}

function FiguresView({ figures, format, drill }: { figures: ReportFigures; format: FormatOptions; drill?: (label: string) => (() => void) | undefined }) {
  return (
    <dl className="report-figures" data-testid="report-figures">
      {figures.items.map((item) => {
        const text = formatCell(item.value, item.format, format);
        const open = hasRowsBehind(item.value) ? drill?.(item.label) : undefined;
        return (
          <div key={item.label} className="report-figure" data-testid="report-figure" data-label={item.label}>
            <dt>{item.label}</dt>
            <dd>
              {open ? (
                <button type="button" className="drill-button" onClick={open} title="Show the rows behind this figure">
                  {text}
                </button>
              ) : (
                text
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
