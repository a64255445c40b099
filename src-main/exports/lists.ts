import { join } from 'node:path';
import type { ExportList, ListFormat } from '../../src-shared/contract/exports';
import { exportListLabels } from '../../src-shared/contract/exports';
import { LumenError } from '../../src-shared/errors';
import { hhmm, localDate, localDayRange, wallMinutes } from '../../src-shared/time';
import type { Sqlite } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { PatientTable } from '../core/schema';
import { fileStamp, writeNewFile } from '../reports/index';
import { type ListColumn, type ListValue, writeList } from './files';

/** A list's columns and its rows as values in column order (money in minor units). */
export interface ListTable {
  columns: ListColumn[];
  rows: Iterable<ListValue[]>;
}

const text = (header: string): ListColumn => ({ header, kind: 'text' });
const money = (header: string): ListColumn => ({ header, kind: 'money' });
const integer = (header: string): ListColumn => ({ header, kind: 'integer' });
const yesNo = (flag: number | null) => (flag === null ? '' : flag ? 'Yes' : 'No');
/** Lists inside one cell, as the import reads them back. */
const joined = (items: string[]) => items.join('; ');

/** Patients who were erased on request are in no list (privacy/erase.ts). */
const NOT_ERASED = 'NOT EXISTS (SELECT 1 FROM erasedPatient e WHERE e.patientId = p.id)';

const PATIENTS_SQL = `
  SELECT p.number, p.firstName, p.lastName, p.preferredName, p.dateOfBirth, p.gender, p.email, p.phone,
         p.addressLine1, p.addressLine2, p.city, p.region, p.postalCode, p.country,
         (SELECT group_concat(t.name, '; ') FROM (SELECT t.name FROM patientTag pt JOIN tag t ON t.id = pt.tagId WHERE pt.patientId = p.id ORDER BY t.name) t) AS tags,
         rs.name AS referralSource,
         (SELECT granted FROM patientConsent WHERE patientId = p.id AND channel = 'email') AS emailConsent,
         (SELECT granted FROM patientConsent WHERE patientId = p.id AND channel = 'sms') AS smsConsent,
         p.archivedAt, p.archiveReason, c.allergies, c.medications, p.allergyAlert,
         (SELECT coalesce(sum(amountCents), 0) FROM storedValueEntry WHERE patientId = p.id) AS storedValueCents,
         (SELECT coalesce(sum(points), 0) FROM pointsEntry WHERE patientId = p.id) AS points,
         p.createdAt
  FROM patient p
  LEFT JOIN referralSource rs ON rs.id = p.referralSourceId
  LEFT JOIN patientClinical c ON c.patientId = p.id
  WHERE p.mergedIntoId IS NULL AND ${NOT_ERASED}
  ORDER BY p.number`;

/** A patient as the list reads them: their own columns, and what the query gathers from other tables. */
type PatientRow = Pick<
  PatientTable,
  'number' | 'firstName' | 'lastName' | 'preferredName' | 'dateOfBirth' | 'gender' | 'email' | 'phone' | 'addressLine1' | 'addressLine2' | 'city' | 'region' | 'postalCode' | 'country' | 'archivedAt' | 'archiveReason' | 'allergyAlert' | 'createdAt'
> & {
  tags: string | null;
  referralSource: string | null;
  emailConsent: number | null;
  smsConsent: number | null;
  allergies: string | null;
  medications: string | null;
  storedValueCents: number;
  points: number;
};

function allergiesText(json: string | null): string {
  const items = json ? (JSON.parse(json) as { substance: string; reaction: string; severity: string }[]) : [];
  return joined(
    items.map((a) => {
      const detail = [a.reaction, a.severity].filter(Boolean).join(', ');
      return detail ? `${a.substance} (${detail})` : a.substance;
    }),
  );
}

function medicationsText(json: string | null): string {
  const items = json ? (JSON.parse(json) as { name: string; dose: string }[]) : [];
  return joined(items.map((m) => [m.name, m.dose].filter(Boolean).join(' ')));
}

/**
 * The patients list with the fixed headers the import reads back. Allergies and medications only for a reader of
 * clinical details (else the columns are absent).
 */
export function patientsList(sqlite: Sqlite, timeZone: string, clinical: boolean): ListTable {
  const columns = [
    ...['Patient number', 'First name', 'Last name', 'Preferred name', 'Date of birth', 'Sex', 'Email', 'Phone', 'Address line 1', 'Address line 2', 'City', 'Region', 'Postal code', 'Country', 'Tags', 'Referral source', 'Email consent', 'SMS consent', 'Archived', 'Archive reason'].map(text),
    ...(clinical ? [text('Allergies'), text('Medications')] : []),
    text('Allergy alert'),
    money('Stored value balance'),
    integer('Points balance'),
    text('Created at'),
  ];
  const rows = function* () {
    for (const p of sqlite.prepare(PATIENTS_SQL).iterate() as IterableIterator<PatientRow>) {
      yield [
        p.number, p.firstName, p.lastName, p.preferredName, p.dateOfBirth, p.gender, p.email, p.phone,
        p.addressLine1, p.addressLine2, p.city, p.region, p.postalCode, p.country, p.tags ?? '', p.referralSource,
        yesNo(p.emailConsent), yesNo(p.smsConsent), yesNo(p.archivedAt === null ? 0 : 1), p.archiveReason,
        ...(clinical ? [allergiesText(p.allergies), medicationsText(p.medications)] : []),
        yesNo(p.allergyAlert), p.storedValueCents, p.points, localDate(new Date(p.createdAt), timeZone),
      ];
    }
  };
  return { columns, rows: rows() };
}

const SALES_SQL = `
  SELECT i.number, i.issuedAt, p.number AS patientNumber, p.firstName || ' ' || p.lastName AS patient,
         l.description, s.name AS service, st.displayName AS provider, l.quantity, l.unitPriceCents,
         l.discountCents, l.netCents, l.taxCents, l.totalCents
  FROM invoice i
  JOIN invoiceLine l ON l.invoiceId = i.id
  LEFT JOIN patient p ON p.id = i.patientId
  LEFT JOIN service s ON s.id = l.serviceId
  LEFT JOIN staff st ON st.id = l.staffId
  WHERE i.status = 'issued' AND i.issuedAt >= ? AND i.issuedAt < ?
  ORDER BY i.issuedAt, i.id, l.position`;

/** Invoice lines of issued invoices (drafts and voids are not sales) issued in the period. */
function salesList(sqlite: Sqlite, timeZone: string, range: [string, string]): ListTable {
  const columns = [text('Invoice number'), text('Issued on'), text('Patient number'), text('Patient'), text('Description'), text('Service'), text('Provider'), integer('Quantity'), money('Unit price'), money('Discount'), money('Net'), money('Tax'), money('Total')];
  const rows = function* () {
    for (const r of sqlite.prepare(SALES_SQL).iterate(...range) as IterableIterator<Record<string, string | number | null>>) {
      yield [r.number, localDate(new Date(r.issuedAt as string), timeZone), r.patientNumber, r.patient, r.description, r.service, r.provider, r.quantity, r.unitPriceCents, r.discountCents, r.netCents, r.taxCents, r.totalCents];
    }
  };
  return { columns, rows: rows() };
}

const APPOINTMENTS_SQL = `
  SELECT a.startsAt, a.endsAt, a.status, a.visitType, p.number AS patientNumber, p.firstName || ' ' || p.lastName AS patient,
         (SELECT group_concat(name, '; ') FROM (SELECT s.name FROM appointmentService x JOIN service s ON s.id = x.serviceId WHERE x.appointmentId = a.id ORDER BY x.position)) AS services,
         (SELECT group_concat(DISTINCT displayName) FROM (SELECT st.displayName FROM appointmentService x JOIN staff st ON st.id = x.staffId WHERE x.appointmentId = a.id ORDER BY x.position)) AS providers,
         a.notes, a.cancelReason
  FROM appointment a
  JOIN patient p ON p.id = a.patientId
  WHERE a.startsAt >= ? AND a.startsAt < ?
  ORDER BY a.startsAt, a.id`;

function appointmentsList(sqlite: Sqlite, timeZone: string, range: [string, string]): ListTable {
  const columns = ['Date', 'Start', 'End', 'Patient number', 'Patient', 'Services', 'Providers', 'Status', 'Visit type', 'Notes', 'Cancel reason'].map(text);
  const rows = function* () {
    for (const r of sqlite.prepare(APPOINTMENTS_SQL).iterate(...range) as IterableIterator<Record<string, string | null>>) {
      const starts = new Date(r.startsAt as string);
      const ends = new Date(r.endsAt as string);
      yield [localDate(starts, timeZone), hhmm(wallMinutes(starts, timeZone)), hhmm(wallMinutes(ends, timeZone)), r.patientNumber, r.patient, r.services, (r.providers ?? '').replace(/,/g, '; '), r.status, r.visitType, r.notes, r.cancelReason];
    }
  };
  return { columns, rows: rows() };
}

/** The period's instants: from the start of `from` to the end of `to` in clinic time; open ends take everything. */
function rangeOf(from: string | undefined, to: string | undefined, timeZone: string): [string, string] {
  return [from ? localDayRange(from, timeZone).start.toISOString() : '', to ? localDayRange(to, timeZone).end.toISOString() : '9999'];
}

function listOf(ctx: HandlerContext, list: ExportList, from?: string, to?: string): ListTable {
  const { timeZone } = ctx.clinic();
  if (list === 'patients') return patientsList(ctx.sqlite, timeZone, ctx.can('clinical.read'));
  const range = rangeOf(from, to, timeZone);
  return list === 'sales' ? salesList(ctx.sqlite, timeZone, range) : appointmentsList(ctx.sqlite, timeZone, range);
}

function fileNameOf(list: ExportList, format: ListFormat, stamp: string, from?: string, to?: string): string {
  const period = list === 'patients' || (!from && !to) ? '' : `-${from ?? 'start'}_${to ?? 'end'}`;
  return `${list}${period}-${stamp}.${format}`;
}

export const listHandlers: HandlerMap<'exports.list'> = {
  /** Written into <data dir>/exports and returned for saving; audited with the list, period, format and row count. */
  'exports.list': async ({ list, format, from, to }, ctx) => {
    const clinic = ctx.clinic();
    const table = listOf(ctx, list, from, to);
    let reserved: { path: string; fileName: string };
    try {
      reserved = writeNewFile(join(ctx.runtime.dataDir, 'exports'), fileNameOf(list, format, fileStamp(ctx.now, clinic.timeZone), from, to), '');
    } catch (error) {
      throw new LumenError('unavailable', `The list could not be saved: ${(error as Error).message}`);
    }
    const file = await writeList(reserved, format, exportListLabels[list], table, clinic.currency);
    const clinical = list === 'patients' && ctx.can('clinical.read');
    ctx.audit({
      action: 'export',
      entity: 'list',
      entityId: list,
      summary: `Exported the ${exportListLabels[list].toLowerCase()} list${from || to ? ` (${from ?? 'start'} to ${to ?? 'end'})` : ''} as ${format.toUpperCase()}, ${file.rows} rows${clinical ? ', with allergies and medications' : ''}`,
      details: { list, format, from: from ?? null, to: to ?? null, rows: file.rows, fileName: reserved.fileName, clinical },
    });
    if (clinical) {
      ctx.audit({ action: 'view', entity: 'patientClinical', entityId: null, summary: `Viewed the allergies and medications of ${file.rows} patients (patients list export)`, details: { fileName: reserved.fileName } });
    }
    return { ...file, list };
  },
};
