import { createHash } from 'node:crypto';
import type { ImportKind, Problem, RowOutcome } from '../../src-shared/contract/imports';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { findLikelyDuplicates, sortNameOf } from '../patients/index';
import type { ImportTable, TableRow } from './read/index';
import { VisitLookups, visitOf } from './appointments';
import { nextTurn, ROWS_PER_TURN } from './progress';
import { type MappedColumn, readRow, type RowValues, type Settled } from './values';
import type { PatientRef } from './write';

/**
 * What a row will do, worked out before anything is written: the preview shows it, the run carries it out (reading
 * the row's cells again rather than keeping 50,000 rows of values in memory meanwhile).
 */
export interface PlannedRow {
  /** Its index in the table's rows. */
  index: number;
  line: number;
  key: string;
  legacyId: string | null;
  outcome: RowOutcome;
  problems: Problem[];
  /** The matched patient (patients), or the patient the row is about (clinical, balances). */
  patient: PatientRef | null;
  matchedBy: string[];
}

/** A batch that imported this key and was not undone. */
const KEY_IMPORTED_SQL = `SELECT 1 FROM importRow r JOIN importBatch b ON b.id = r.batchId
  WHERE r.rowKey = ? AND r.outcome IN ('create','match') AND b.undoneAt IS NULL LIMIT 1`;
/** The patient an earlier patients import made (or matched) for this legacy id, followed through merges. */
const BY_LEGACY_ID_SQL = `SELECT r.patientId FROM importRow r JOIN importBatch b ON b.id = r.batchId
  WHERE r.legacyId = ? AND r.outcome IN ('create','match') AND b.undoneAt IS NULL AND b.kind = 'patients' ORDER BY b.at DESC, r.id DESC LIMIT 1`;
const PATIENT_SQL = 'SELECT id, number, firstName, lastName, mergedIntoId FROM patient WHERE id = ?';
const BY_NUMBER_SQL = 'SELECT id FROM patient WHERE number = ?';
const BY_EMAIL_SQL = 'SELECT id FROM patient WHERE email = ? AND mergedIntoId IS NULL LIMIT 2';
const BY_NAME_SQL = 'SELECT id FROM patient WHERE sortName = ? AND dateOfBirth = ? AND mergedIntoId IS NULL LIMIT 2';

/** The field holding the old system's id of what a row is: the patient's, or for appointments the visit's. */
const ID_FIELD: Record<ImportKind, string> = { patients: 'legacyId', clinical: 'legacyId', balances: 'legacyId', appointments: 'appointmentId' };

/** Kind + the old system's id when the row has one, else a hash of its mapped values: the same row in any file has the same key. */
function rowKey(kind: ImportKind, row: TableRow, columns: readonly MappedColumn[], id: string | undefined): string {
  if (id) return `${kind}:id:${id}`;
  const hash = createHash('sha256');
  for (const { index, field } of [...columns].sort((a, b) => a.field.key.localeCompare(b.field.key))) hash.update(`${field.key}\u0000${(row.cells[index] ?? '').normalize('NFC').toLowerCase()}\u0001`);
  return `${kind}:hash:${hash.digest('hex').slice(0, 32)}`;
}

function refOf(ctx: HandlerContext, id: number): PatientRef | null {
  let row = cached(ctx.sqlite, PATIENT_SQL).get(id) as { id: number; number: string; firstName: string; lastName: string; mergedIntoId: number | null } | undefined;
  // A record merged since is found as the record it was merged into.
  for (let hops = 0; row?.mergedIntoId && hops < 20; hops++) row = cached(ctx.sqlite, PATIENT_SQL).get(row.mergedIntoId) as typeof row;
  return row ? { id: row.id, number: row.number, name: `${row.firstName} ${row.lastName}` } : null;
}

/** Finds the patient a clinical or balances row is about: legacy id from an earlier import, else number, else email, else name + date of birth. */
function findPatient(ctx: HandlerContext, v: RowValues): { patient: PatientRef; by: string } | { problem: string } {
  const legacyId = v.text('legacyId');
  if (legacyId) {
    const id = cached(ctx.sqlite, BY_LEGACY_ID_SQL).pluck().get(legacyId) as number | undefined;
    const patient = id === undefined ? null : refOf(ctx, id);
    if (patient) return { patient, by: 'legacyId' };
  }
  const number = v.text('patientNumber');
  if (number) {
    const id = cached(ctx.sqlite, BY_NUMBER_SQL).pluck().get(number.toUpperCase()) as number | undefined;
    const patient = id === undefined ? null : refOf(ctx, id);
    if (patient) return { patient, by: 'number' };
  }
  const unique = (ids: number[], by: string, what: string) =>
    ids.length === 1 ? { patient: refOf(ctx, ids[0])!, by } : ids.length > 1 ? { problem: `Several patients have this ${what}; map the ID or patient number.` } : null;
  const email = v.text('email');
  const byEmail = email ? unique(cached(ctx.sqlite, BY_EMAIL_SQL).pluck().all(email) as number[], 'email', 'email') : null;
  if (byEmail) return byEmail;
  const first = v.text('firstName');
  const last = v.text('lastName');
  const born = v.text('dateOfBirth');
  const byName = first && last && born ? unique(cached(ctx.sqlite, BY_NAME_SQL).pluck().all(sortNameOf(first, last), born) as number[], 'nameAndBirthDate', 'name and date of birth') : null;
  if (byName) return byName;
  const tried = [legacyId && `ID “${legacyId}”`, number && `number ${number}`, email && `email ${email}`, first && last && born && `name ${first} ${last} born ${born}`].filter(Boolean);
  return { problem: tried.length ? `No patient with ${tried.join(', or ')}.` : 'No patient named: map an ID, patient number, email, or name and date of birth.' };
}

function balanceProblems(v: RowValues): string[] {
  const problems: string[] = [];
  if ((v.number('storedValue') ?? 0) < 0) problems.push('A stored-value balance cannot be negative.');
  if ((v.number('loyaltyPoints') ?? 0) < 0) problems.push('Loyalty points cannot be negative.');
  return problems;
}

/** What a patients row needs before it can be a record. */
function patientRowProblems(v: RowValues): string[] {
  const problems: string[] = [];
  if (!v.text('firstName')) problems.push('First name is empty.');
  if (!v.text('lastName')) problems.push('Last name is empty.');
  const country = v.text('country');
  if (country && !/^[A-Za-z]{2}$/.test(country)) problems.push(`Country “${country}”: use a two-letter code like DE or US.`);
  return [...problems, ...balanceProblems(v)];
}

function balanceRowProblems(v: RowValues): string[] {
  return v.number('storedValue') || v.number('loyaltyPoints') ? balanceProblems(v) : ['No balance on this row.'];
}

function clinicalRowProblems(v: RowValues): string[] {
  return v.list('allergies').length || v.list('medications').length || v.list('alerts').length ? [] : ['No allergies, medications or conditions on this row.'];
}

/** What a row of each kind needs beyond its cells' types (appointments: see `visitOf`). */
const rowProblems: Record<ImportKind, (v: RowValues) => string[]> = {
  patients: patientRowProblems,
  clinical: clinicalRowProblems,
  balances: balanceRowProblems,
  appointments: () => [],
};

/**
 * Every row's outcome, read-only. A row with problems is skipped whole (each problem named by line and column); a row
 * whose key a batch already imported is "already imported"; a row repeating an earlier line's key is skipped. Patients
 * are matched against the clinic's records as the patient form does (same phone, same email, or similar name with
 * the same birth date); rows of one file are not matched with each other except by key.
 */
export async function planRows(ctx: HandlerContext, kind: ImportKind, table: ImportTable, columns: readonly MappedColumn[], settled: Settled, onProgress?: (done: number, total: number) => void): Promise<PlannedRow[]> {
  const seen = new Map<string, number>();
  const lookups = new VisitLookups(ctx);
  const clinicHasPatients = cached(ctx.sqlite, 'SELECT EXISTS (SELECT 1 FROM patient)').pluck().get() === 1;
  const planned: PlannedRow[] = [];
  for (const row of table.rows) {
    if (planned.length % ROWS_PER_TURN === 0 && planned.length) {
      onProgress?.(planned.length, table.rows.length);
      await nextTurn();
    }
    const read = readRow(row, columns, settled);
    const v = read.values;
    const oldId = v.text(ID_FIELD[kind]);
    // Only a patients import gives a legacy id that later imports find the patient by.
    const legacyId = kind === 'patients' ? (oldId ?? null) : null;
    const key = rowKey(kind, row, columns, oldId);
    const result: PlannedRow = { index: planned.length, line: row.line, key, legacyId, outcome: 'skip', problems: read.problems.map((p) => ({ line: row.line, ...p })), patient: null, matchedBy: [] };
    planned.push(result);
    const problem = (message: string) => result.problems.push({ line: row.line, column: null, message });
    rowProblems[kind](v).forEach(problem);
    const earlierLine = seen.get(key);
    if (earlierLine !== undefined) problem(oldId ? `ID “${oldId}” is also on line ${earlierLine}.` : `Repeats line ${earlierLine}.`);
    else seen.set(key, row.line);
    if (result.problems.length) continue;
    if (cached(ctx.sqlite, KEY_IMPORTED_SQL).get(key)) {
      result.outcome = 'already';
      continue;
    }
    if (kind !== 'patients') {
      const found = findPatient(ctx, v);
      const visit = kind === 'appointments' ? visitOf(ctx, lookups, v) : null;
      if ('problem' in found) problem(found.problem);
      if (visit && 'problems' in visit) visit.problems.forEach(problem);
      if (!result.problems.length && 'patient' in found) Object.assign(result, { outcome: 'match', patient: found.patient, matchedBy: [found.by] });
      continue;
    }
    const likely = clinicHasPatients
      ? await findLikelyDuplicates(ctx.db, {
          firstName: v.text('firstName')!,
          lastName: v.text('lastName')!,
          dateOfBirth: v.text('dateOfBirth'),
          phone: v.text('mobilePhone') ?? v.text('homePhone') ?? v.text('workPhone'),
          email: v.text('email'),
        })
      : [];
    if (likely.length) Object.assign(result, { outcome: 'match', patient: { id: likely[0].id, number: likely[0].number, name: likely[0].name }, matchedBy: likely[0].reasons });
    else result.outcome = 'create';
  }
  return planned;
}
