import { hhmm, localDate, wallMinutes } from '../../src-shared/time';
import { cached, flag } from '../core/db';
import { phoneReversedOf, searchTokensOf, sortNameOf, writeSearchTokens } from '../patients/index';
import { CONFLICT_SQL, overlapScan } from '../scheduling/index';
import { concurrent, type LoggedChange, type MergeContext, type Row, type RowRules } from './merge';

/** The patient columns its search words come from. */
const SEARCHED = ['firstName', 'lastName', 'preferredName', 'archivedAt'];

/** Fields a merge writes on the record it folds away; editing anything else of a merged record is an edit to review. */
const MERGE_FIELDS = new Set(['mergedIntoId', 'archivedAt', 'archiveReason', 'updatedAt']);

const patientLabel = (merge: MergeContext, id: unknown) => {
  const row = cached(merge.sqlite, 'SELECT number, firstName, lastName FROM patient WHERE id = ?').get(id) as { number: string; firstName: string; lastName: string } | undefined;
  return row ? `${row.firstName} ${row.lastName} (${row.number})` : `patient ${String(id)}`;
};

/**
 * The tables that need more than field-by-field merging. Everything a rule decides is the same on every workstation
 * that holds the same changes, so the databases stay identical; what a person should look at is listed as a conflict.
 */
export const rowRules: Record<string, RowRules> = {
  patient: {
    derive: (row) => ({ sortName: sortNameOf(String(row.firstName), String(row.lastName)), phoneReversed: phoneReversedOf(row.phone as string | null) }),
    async afterWrite(merge, row, history, changed) {
      if (!row) return;
      if (changed.some((column) => SEARCHED.includes(column))) await writeSearchTokens(merge.db, row.id as number, searchTokensOf(row as { firstName: string; lastName: string; preferredName: string | null }), row.archivedAt !== null);
      if (row.mergedIntoId != null) listEditsAfterMerge(merge, row, history);
    },
  },
  appointment: {
    async afterWrite(merge, row, history) {
      if (!row || !history.some((change) => change.op === 'insert')) return;
      const patient = cached(merge.sqlite, 'SELECT mergedIntoId FROM patient WHERE id = ?').get(row.patientId) as { mergedIntoId: number | null } | undefined;
      if (patient?.mergedIntoId == null) return;
      merge.conflict('appointment', JSON.stringify([row.id]), {
        kind: 'mergedPatientEdited',
        key: `mergedPatientBooked:${String(row.id)}`,
        summary: `A visit on ${localDate(String(row.startsAt), merge.timeZone)} was booked for ${patientLabel(merge, row.patientId)}, which another workstation merged into ${patientLabel(merge, patient.mergedIntoId)}. Move the visit to the kept record.`,
        details: { appointmentId: row.id, patientId: row.patientId, keptPatientId: patient.mergedIntoId },
      });
    },
  },
  appointmentService: {
    async afterWrite(merge, row) {
      if (row?.live === flag(true)) listDoubleBookings(merge, row);
    },
  },
  chart: {
    sealed: { when: (row) => row.status === 'signed', word: 'signed' },
  },
  invoice: {
    // An issued invoice only moves on: back to draft before a payment, or void.
    sealed: { when: (row) => row.status !== 'draft', stillChanging: ['status', 'updatedAt', 'voidedAt', 'voidedBy', 'voidReason'], word: 'issued' },
  },
};

function listEditsAfterMerge(merge: MergeContext, row: Row, history: LoggedChange[]): void {
  const mergeChange = [...history].reverse().find((change) => change.data && 'mergedIntoId' in JSON.parse(change.data));
  if (!mergeChange) return;
  for (const change of history) {
    if (change.op !== 'update' || !concurrent(change, mergeChange)) continue;
    const fields = Object.keys(JSON.parse(change.data ?? '{}')).filter((field) => !MERGE_FIELDS.has(field));
    if (!fields.length) continue;
    merge.conflict('patient', JSON.stringify([row.id]), {
      kind: 'mergedPatientEdited',
      key: `mergedPatientEdited:${String(row.id)}:${change.origin}.${change.seq}`,
      summary: `${patientLabel(merge, row.id)} was edited on ${merge.workstationName(change.origin)} (${fields.join(', ')}) while ${merge.workstationName(mergeChange.origin)} merged it into ${patientLabel(merge, row.mergedIntoId)}. The merge stands; copy the edit to the kept record if it is still needed.`,
      details: { patientId: row.id, keptPatientId: row.mergedIntoId, fields, edit: JSON.parse(change.data ?? '{}'), editedOn: merge.workstationName(change.origin) },
    });
  }
}

/** A visit that arrived from another workstation and overlaps one here for the same provider, room or device. */
function listDoubleBookings(merge: MergeContext, row: Row): void {
  const start = Date.parse(String(row.startsAt));
  const end = Date.parse(String(row.endsAt));
  for (const resource of ['staff', 'room', 'device'] as const) {
    const id = row[`${resource}Id`];
    if (id == null) continue;
    const others = cached(merge.sqlite, CONFLICT_SQL[resource]).all(overlapScan(id as number, start, end, row.appointmentId as number)) as { appointmentId: number; patientName: string }[];
    for (const other of others) {
      const pair = [row.appointmentId as number, other.appointmentId].sort((a, b) => a - b);
      const when = `${localDate(String(row.startsAt), merge.timeZone)} ${hhmm(wallMinutes(String(row.startsAt), merge.timeZone))}`;
      merge.conflict('appointment', JSON.stringify([pair[0]]), {
        kind: 'doubleBooking',
        key: `doubleBooking:${resource}:${String(id)}:${pair.join(':')}`,
        summary: `Two visits booked on different workstations overlap for the same ${resource === 'staff' ? 'provider' : resource} on ${when} (with ${other.patientName}). Both are kept; move one.`,
        details: { resource, resourceId: id, appointmentIds: pair },
      });
    }
  }
}
