import type { Cell, CellFormat } from '../../../src-shared/reports/document';
import { formatDate, money } from '../../lib/format';

/** Formats whose cells are numbers: right-aligned, sorted high first. */
export function isNumericFormat(format: CellFormat): boolean {
  return format === 'money' || format === 'percent' || format === 'integer' || format === 'days';
}

/**
 * One cell as the reader sees it: money from minor units, a rate from basis points (6000 → "60.0 %"), a date from
 * YYYY-MM-DD. An empty cell (a rate with nothing to divide by) is a dash, never "NaN".
 */
export function cellText(cell: Cell, format: CellFormat, currency: string): string {
  if (cell === null || cell === '') return '—';
  if (typeof cell === 'string') return format === 'date' ? formatDate(cell) : cell;
  switch (format) {
    case 'money':
      return money(cell, currency);
    case 'percent':
      return `${(cell / 100).toFixed(1)} %`;
    case 'days':
      return `${cell} d`;
    case 'integer':
      return cell.toLocaleString();
    default:
      return String(cell);
  }
}
