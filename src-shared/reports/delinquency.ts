import type { OutputOf } from '../contract/index';
import { bandLabels, overdueBands } from '../contract/retention';
import { localDate } from '../time';
import type { ReportDocument, ReportTable } from './document';
import type { DocumentMeta } from './meta';

export type DelinquencyList = OutputOf<'retention.delinquency'>;

const columns: ReportTable['columns'] = [
  { key: 'patientName', label: 'Patient', format: 'text' },
  { key: 'patientNumber', label: 'No.', format: 'text' },
  { key: 'phone', label: 'Phone', format: 'text' },
  { key: 'categoryName', label: 'Category', format: 'text' },
  { key: 'lastServiceName', label: 'Last service', format: 'text' },
  { key: 'lastPurchaseDate', label: 'Last purchase', format: 'date' },
  { key: 'dueDate', label: 'Due', format: 'date' },
  { key: 'daysOverdue', label: 'Overdue', format: 'days' },
  { key: 'lastProviderName', label: 'Last provider', format: 'text' },
  { key: 'lastContact', label: 'Last contact', format: 'date' },
  { key: 'scheduled', label: 'Booked', format: 'text' },
  { key: 'lifetimeSpentCents', label: 'Lifetime spend', format: 'money' },
];

/**
 * Retention's delinquency list in the print family: the overdue count per band as figures, and the call list as one
 * table (patients the clinic may not contact are marked so, never hidden). Nothing clinical is shown.
 */
export function delinquencyDocument(list: DelinquencyList, meta: DocumentMeta): ReportDocument {
  const perBand = overdueBands.map((band) => ({ label: bandLabels[band], value: list.rows.filter((row) => row.band === band).length, format: 'integer' as const }));
  const table: ReportTable = {
    kind: 'table',
    title: 'Patients overdue for maintenance',
    columns,
    rows: list.rows.map((row) => ({
      patientId: row.patientId,
      patientName: row.doNotContact ? `${row.patientName} (do not contact)` : row.patientName,
      patientNumber: row.patientNumber,
      phone: row.phone,
      categoryName: row.categoryName,
      lastServiceName: row.lastServiceName,
      lastPurchaseDate: row.lastPurchaseDate,
      dueDate: row.dueDate,
      daysOverdue: row.daysOverdue,
      lastProviderName: row.lastProviderName,
      lastContact: row.lastContact ? localDate(row.lastContact.at, meta.timeZone) : null,
      scheduled: row.scheduled ? 'Yes' : '',
      lifetimeSpentCents: row.lifetimeSpentCents,
    })),
    emptyText: 'Nobody is overdue for a maintenance visit. Well done.',
  };
  return {
    title: 'Delinquency',
    clinicName: meta.clinicName,
    from: list.asOf,
    to: list.asOf,
    generatedAt: meta.generatedAt,
    orientation: 'landscape',
    sections: [
      { kind: 'figures', items: [{ label: 'Overdue', value: list.total, format: 'integer' }, ...perBand] },
      table,
      { kind: 'note', text: `Patients past the due date of a category’s maintenance (last purchase + the service’s interval) on ${list.asOf}, most overdue first.` },
    ],
  };
}
