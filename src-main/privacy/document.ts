import type { Cell, ReportColumn, ReportDocument, ReportSection } from '../../src-shared/reports/document';
import { localDate } from '../../src-shared/time';
import type { PatientRecord, Row } from './record';

/** Keys that mean nothing on paper (row ids, links, checksums): the JSON file keeps them. */
const UNREADABLE = /(^id$|Id$|By$|^by$|^hash$|^prevHash$|^sha256$|^dedupeKey$|^file$|Reversed$|^sortName$)/;
const MAX_CELL = 400;

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}

/** "storedValueEntry" → "Stored value entry". */
function titleOf(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function tableOf(title: string, rows: Row[]): ReportSection {
  const keys = Object.keys(rows[0] ?? {}).filter((key) => !UNREADABLE.test(key) && rows.some((r) => r[key] !== null && r[key] !== ''));
  const columns: ReportColumn[] = keys.map((key) => ({ key, label: titleOf(key), format: key.endsWith('Cents') ? 'money' : 'text' }));
  return { kind: 'table', title, columns, rows: rows.map((r) => Object.fromEntries(keys.map((k) => [k, k.endsWith('Cents') ? (r[k] as number | null) : cellOf(r[k])]))), emptyText: 'Nothing recorded.' };
}

/** The record as a readable document for the PDF: personal details first, then each table that holds rows. */
export function recordDocument(record: PatientRecord, clinic: { name: string; timeZone: string }, generatedAt: Date): ReportDocument {
  const patient = record.patient;
  const details = Object.entries(patient).filter(([key, value]) => !UNREADABLE.test(key) && value !== null && value !== '');
  return {
    title: `Patient record ${String(patient.number)}: ${String(patient.firstName)} ${String(patient.lastName)}`,
    clinicName: clinic.name,
    from: localDate(new Date(String(patient.createdAt)), clinic.timeZone),
    to: localDate(generatedAt, clinic.timeZone),
    generatedAt: generatedAt.toISOString(),
    orientation: 'landscape',
    sections: [
      { kind: 'note', text: `Everything ${clinic.name} holds about this patient, table by table. The JSON file made with it holds the same in full, for another system.` },
      { kind: 'table', title: 'Personal details', columns: [{ key: 'field', label: 'Field', format: 'text' }, { key: 'value', label: 'Value', format: 'text' }], rows: details.map(([key, value]) => ({ field: titleOf(key), value: cellOf(value) })), emptyText: '' },
      ...Object.entries(record.tables).map(([table, rows]) => tableOf(titleOf(table), rows)),
    ],
  };
}
