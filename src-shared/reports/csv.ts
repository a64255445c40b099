import { csvCell, csvText } from '../csv';
import type { ReportDocument, ReportTable } from './document';
import { type FormatOptions, formatCell, formatInstantAt, formatPeriod } from './format';

/**
 * A report as one CSV file: a heading (title, clinic, period), the headline figures, then each table after its title
 * with its totals line, a blank line between. Cells are written as the print shows them (formatCell), through
 * src-shared/csv's spreadsheet-safe quoting.
 */
export function documentCsv(doc: ReportDocument, options: FormatOptions): string {
  const parts: string[] = [line([doc.title, doc.clinicName, formatPeriod(doc.from, doc.to, options.locale), `Generated ${formatInstantAt(doc.generatedAt, options)}`])];
  for (const section of doc.sections) {
    if (section.kind === 'figures') {
      parts.push(csvText(['Figure', 'Value'], section.items.map((item) => [item.label, formatCell(item.value, item.format, options)])));
    } else if (section.kind === 'table') {
      parts.push(tableCsv(section, options));
    } else {
      parts.push(line([section.text]));
    }
  }
  return parts.join('\r\n');
}

function tableCsv(table: ReportTable, options: FormatOptions): string {
  const title = line([table.title]);
  if (table.rows.length === 0) return title + line([table.emptyText]);
  const rows = table.rows.map((row) => table.columns.map((column) => formatCell(row[column.key] ?? null, column.format, options)));
  const totals = table.totals;
  if (totals) rows.push(table.columns.map((column, i) => (i === 0 && totals[column.key] === undefined ? 'Total' : formatCell(totals[column.key] ?? null, column.format, options))));
  return title + csvText(table.columns.map((column) => column.label), rows);
}

const line = (cells: string[]): string => `${cells.map(csvCell).join(',')}\r\n`;
