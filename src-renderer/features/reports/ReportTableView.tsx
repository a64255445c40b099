import { useState, type ReactNode } from 'react';
import type { Cell, ReportTable } from '../../../src-shared/reports/document';
import { alignOf, formatCell, type FormatOptions } from '../../../src-shared/reports/format';
import { nextSort, sortRows, type SortState } from './tableSort';

/** Which cells open the rows behind them: a handler for a drillable cell, undefined for the others. */
export type DrillCell = (row: Record<string, Cell>, columnKey: string) => (() => void) | undefined;

/**
 * One table of a report, as on screen and on paper: headers sort it (click or Enter; the sorted column says so to
 * screen readers), figures with rows behind them are buttons, the totals line stays at the foot, and an empty
 * table says why instead. On paper the header repeats on every page and no row is split.
 */
/** A zero or a dash has no rows behind it: only other figures become buttons. */
export function hasRowsBehind(cell: Cell | undefined): boolean {
  return cell !== null && cell !== undefined && cell !== 0 && cell !== '';
}

/** An extra last column not in the document (links to the patient and invoice of a drill row); never printed. */
export interface RowEnd {
  label: string;
  render: (row: Record<string, Cell>) => ReactNode;
}

export function ReportTableView({ table, format, drill, rowEnd }: { table: ReportTable; format: FormatOptions; drill?: DrillCell; rowEnd?: RowEnd }) {
  const [sort, setSort] = useState<SortState | null>(null);
  if (!table.rows.length) {
    return (
      <section className="report-section">
        <h3>{table.title}</h3>
        <p className="report-empty" data-testid="report-empty">
          {table.emptyText}
        </p>
      </section>
    );
  }
  const rows = sortRows(table.rows, sort);
  return (
    <section className="report-section">
      <h3>{table.title}</h3>
      <table className="table table-compact report-table" data-testid="report-table" data-title={table.title}>
        <thead>
          <tr>
            {table.columns.map((column) => {
              const numeric = alignOf(column.format) === 'right';
              const sorted = sort?.key === column.key ? sort.direction : undefined;
              return (
                <th key={column.key} className={numeric ? 'num' : undefined} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                  <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, column.key, numeric))} data-testid={`sort-${column.key}`}>
                    {column.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                    </span>
                  </button>
                </th>
              );
            })}
            {rowEnd && <th className="no-print">{rowEnd.label}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} data-testid="report-row">
              {table.columns.map((column) => {
                const text = formatCell(row[column.key] ?? null, column.format, format);
                const open = hasRowsBehind(row[column.key]) ? drill?.(row, column.key) : undefined;
                return (
                  <td key={column.key} className={alignOf(column.format) === 'right' ? 'num' : undefined} data-col={column.key}>
                    {open ? (
                      <button type="button" className="drill-button" onClick={open} title="Show the rows behind this figure" data-testid={`drill-${column.key}`}>
                        {text}
                      </button>
                    ) : (
                      text
                    )}
                  </td>
                );
              })}
              {rowEnd && <td className="no-print">{rowEnd.render(row)}</td>}
            </tr>
          ))}
        </tbody>
        {table.totals && (
          <tfoot>
            <tr className="report-totals" data-testid="report-totals">
              {table.columns.map((column, i) => (
                <th key={column.key} className={alignOf(column.format) === 'right' ? 'num' : undefined} scope={i === 0 ? 'row' : undefined}>
                  {column.key in table.totals! ? formatCell(table.totals![column.key] ?? null, column.format, format) : i === 0 ? 'Total' : ''}
                </th>
              ))}
              {rowEnd && <th className="no-print" />}
            </tr>
          </tfoot>
        )}
      </table>
    </section>
  );
}
