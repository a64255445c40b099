import type { CommissionStatement } from '../../../src-shared/contract/closing';
import { minorUnits } from '../../../src-shared/money';

/** An amount in minor units as a plain decimal a spreadsheet reads as a number ("-12.50"), never a float. */
export function decimalOf(cents: number, currency: string): string {
  const exponent = minorUnits(currency);
  const abs = Math.abs(cents);
  const text = exponent ? `${Math.trunc(abs / 10 ** exponent)}.${String(abs % 10 ** exponent).padStart(exponent, '0')}` : String(abs);
  return cents < 0 ? `-${text}` : text;
}

/** A text cell: quoted, with a leading ' on anything a spreadsheet would run as a formula. */
function textCell(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/** The statement as CSV: one row per line, then the totals. */
export function commissionCsv(statement: CommissionStatement): { filename: string; content: string } {
  const money = (cents: number) => decimalOf(cents, statement.currency);
  const header = ['Kind', 'Date', 'Invoice', 'Credit note', 'Patient', 'Item', 'Quantity', `Net (${statement.currency})`, 'Rate', `Commission (${statement.currency})`, `Invoice still owed (${statement.currency})`];
  const rows = statement.lines.map((l) =>
    [textCell(l.kind), l.date, textCell(l.invoiceNumber), textCell(l.creditNoteNumber), textCell(l.patientName), textCell(l.description), String(l.quantity), money(l.netCents), textCell(l.rate), money(l.commissionCents), money(l.invoiceDueCents)].join(','),
  );
  const totals = [
    ['Earned', money(statement.earnedCents)],
    ['Clawed back', money(statement.clawedBackCents)],
    ['Total', money(statement.totalCents)],
  ].map(([label, value]) => `${textCell(label)},,,,,,,,,${value},`);
  const slug = statement.staffName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'provider';
  return { filename: `commission-${slug}-${statement.from}-${statement.to}.csv`, content: [header.map(textCell).join(','), ...rows, ...totals].join('\r\n') + '\r\n' };
}
