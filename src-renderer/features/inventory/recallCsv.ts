import type { RecallRow } from '../../../src-shared/contract/inventory';

/** A spreadsheet cell: quoted when it holds a comma, quote or line break; a leading = + - @ is defused (CSV injection). */
function cell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const columns: [header: string, value: (r: RecallRow) => string | number | boolean | null][] = [
  ['Patient', (r) => r.patientName],
  ['Number', (r) => r.patientNumber],
  ['Phone', (r) => r.phone],
  ['Email', (r) => r.email],
  ['Do not contact', (r) => (r.doNotContact ? 'yes' : 'no')],
  ['Consents', (r) => r.consents.join(' ')],
  ['Date', (r) => r.date],
  ['How', (r) => (r.via === 'chart' ? 'Injected (visit note)' : `Bought (${r.invoiceNumber})`)],
  ['Product', (r) => r.productName],
  ['Lot', (r) => r.lotNumber],
  ['Units', (r) => r.units],
];

/** The recall call list as CSV (CRLF lines, as spreadsheets expect). */
export function recallCsv(rows: readonly RecallRow[]): string {
  return [columns.map(([header]) => header), ...rows.map((r) => columns.map(([, value]) => value(r)))].map((line) => line.map(cell).join(',')).join('\r\n') + '\r\n';
}
