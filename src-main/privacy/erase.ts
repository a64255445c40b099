import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { ErasureBlocker } from '../../src-shared/contract/privacy';
import { fieldError, LumenError } from '../../src-shared/errors';
import type { Sqlite } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { PHOTO_FOLDER } from '../charts/index';
import { blockersOf } from './blockers';
import { familyOf } from './record';
import { recordConsent, sortNameOf } from '../patients/index';

const ERASED_FIRST_NAME = 'Erased';
const ERASED_LAST_NAME = 'patient';

/**
 * Free text about the patient in rows that name them, wiped by an erasure: the columns, by the column that names the
 * patient. Text that must stay (an invoice's notes, a credit note's reason, payment references) and rows that are facts
 * (ledger notes, photos' labels) are in KEPT with the reason.
 */
export const WIPED: Record<string, { by: string; columns: readonly string[] }> = {
  appointment: { by: 'patientId', columns: ['notes', 'cancelReason', 'overrideReason'] },
  chart: { by: 'patientId', columns: ['content', 'amendmentReason', 'changes'] },
  complaint: { by: 'patientId', columns: ['comment', 'managerNote'] },
  inboundMessage: { by: 'patientId', columns: ['fromAddress', 'fromName', 'subject', 'body', 'note'] },
  outbox: { by: 'patientId', columns: ['recipient', 'subject', 'body'] },
  outreach: { by: 'patientId', columns: ['note'] },
  surveyResponse: { by: 'patientId', columns: ['comment'] },
  task: { by: 'patientId', columns: ['title', 'note', 'outcomeNote'] },
  waitlistEntry: { by: 'patientId', columns: ['notes'] },
};

/** Rows that are about the patient alone and go whole: the clinical record, tags, search words, their referral code. */
export const REMOVED: Record<string, string> = { patientClinical: 'patientId', patientTag: 'patientId', patientSearch: 'patientId', referralCode: 'patientId' };

/**
 * Tables naming the patient whose rows an erasure leaves as they are, and why (tests/unit/privacy/coverage.test.ts
 * fails for a table naming a patient that is in none of WIPED, REMOVED or here).
 */
export const KEPT: Record<string, string> = {
  patient: 'the row stays, anonymised: invoices and signed records point at it',
  invoice: 'invoices are kept by law, with their amounts (the name shown on them is now "Erased patient")',
  creditNote: 'credit notes are kept by law with their invoices',
  payment: 'payments are kept by law with their invoices',
  couponRedemption: 'a fact of a kept invoice',
  couponCode: 'a code, not about the person',
  patientConsent: 'withdrawn by the erasure (each withdrawal recorded), not removed: proof of what was allowed when',
  patientPackage: 'a sold package, part of the kept sales',
  storedValueEntry: 'ledger facts (append-only); the balance must be zero to erase',
  pointsEntry: 'ledger facts (append-only); the balance must be zero to erase',
  referralReward: 'ledger facts of the referral program',
  stockMovement: 'stock ledger facts (which lot went into which visit, for a recall)',
  unmatchedLotUse: 'lot facts for a recall',
  photo: 'facts (which visit had photos, when); the files themselves are deleted',
  reviewRequest: 'which review site was asked, when: no text about the person',
  series: 'a recurrence rule: no text about the person',
  surveyRequest: 'when a survey was asked: no text about the person',
  erasedPatient: 'the mark of the erasure itself',
};

/** A chart keeps its form (template) so the visit still opens; what was written in it goes. */
const WIPED_VALUE: Record<string, string> = { 'chart.content': "json_object('template', json_extract(content, '$.template'))", 'task.title': `'${ERASED_FIRST_NAME} ${ERASED_LAST_NAME}'` };

function notNullColumns(sqlite: Sqlite, table: string): Set<string> {
  return new Set((sqlite.prepare('SELECT name FROM pragma_table_info(?) WHERE "notnull" = 1').pluck().all(table) as string[]));
}

/**
 * Wipes the free text of every row naming the patient and removes the rows about them alone. Writes under the
 * "applying" switch that the finality triggers (a signed chart, an outreach, a completed task) already honour for
 * sync: an erasure is the one other writer allowed to change those rows, and only their text.
 * Returns the rows changed per table.column.
 */
function wipeText(sqlite: Sqlite, patientId: number): Record<string, number> {
  const changed: Record<string, number> = {};
  sqlite.prepare('UPDATE syncApplying SET active = 1').run();
  try {
    for (const [table, { by, columns }] of Object.entries(WIPED)) {
      const notNull = notNullColumns(sqlite, table);
      const value = (c: string) => WIPED_VALUE[`${table}.${c}`] ?? (notNull.has(c) ? "''" : 'NULL');
      const differs = columns.map((c) => `"${c}" IS NOT ${value(c)}`).join(' OR ');
      const { changes } = sqlite.prepare(`UPDATE "${table}" SET ${columns.map((c) => `"${c}" = ${value(c)}`).join(', ')} WHERE "${by}" = ? AND (${differs})`).run(patientId);
      if (changes) changed[table] = changes;
    }
  } finally {
    sqlite.prepare('UPDATE syncApplying SET active = 0').run();
  }
  return changed;
}

/**
 * The change log keeps every value a row ever had, and would hand the old ones to a workstation that has not caught
 * up yet. Each earlier change of a wiped row gets the wiped value of each column it carried (json_replace touches only
 * the columns a change has), so the log folds to the same rows and holds nothing of what was erased.
 */
function scrubHistory(sqlite: Sqlite, patientId: number, patientColumns: readonly string[]): void {
  const replace = (table: string, columns: readonly string[], valueOf: (c: string) => string, rows: string) => {
    const paths = columns.map((c) => `'$.${c}', ${valueOf(c)}`).join(', ');
    sqlite.prepare(`UPDATE syncChange SET data = json_replace(data, ${paths}) WHERE tbl = '${table}' AND data IS NOT NULL AND pk IN (${rows})`).run({ patientId });
  };
  replace('patient', patientColumns, (c) => `(SELECT "${c}" FROM patient WHERE id = @patientId)`, 'SELECT json_array(id) FROM patient WHERE id = @patientId');
  for (const [table, { by, columns }] of Object.entries(WIPED)) {
    replace(table, columns, (c) => `(SELECT t."${c}" FROM "${table}" t WHERE json_array(t.id) = syncChange.pk)`, `SELECT json_array(id) FROM "${table}" WHERE "${by}" = @patientId`);
  }
  for (const [table, by] of Object.entries(REMOVED)) {
    const columns = (sqlite.prepare("SELECT name FROM pragma_table_info(?) WHERE type = 'TEXT'").pluck().all(table) as string[]);
    if (!columns.length) continue;
    // Removed rows are found by the patient their key names (the clinical record, tags) or their changes name.
    const keyed = (sqlite.prepare('SELECT pk FROM pragma_table_info(?) WHERE name = ?').pluck().get(table, by) as number) === 1;
    const rows = keyed ? "json_extract(pk, '$[0]') = @patientId" : `json_extract(data, '$.${by}') = @patientId`;
    sqlite.prepare(`UPDATE syncChange SET data = json_replace(data, ${columns.map((c) => `'$.${c}', NULL`).join(', ')}) WHERE tbl = '${table}' AND data IS NOT NULL AND ${rows}`).run({ patientId });
  }
}

/** The patient's own columns an erasure clears (names become "Erased patient"; the number, dates of record and links stay). */
const CLEARED = ['preferredName', 'dateOfBirth', 'gender', 'phone', 'phoneReversed', 'email', 'addressLine1', 'addressLine2', 'city', 'region', 'postalCode', 'country', 'emergencyContactName', 'emergencyContactPhone', 'photoConsentAt', 'notes'] as const;

/**
 * One patient record anonymised: consents withdrawn (each recorded), free text wiped, rows about them alone removed,
 * the row itself cleared and archived, the change log's old values replaced, the erasure marked. Counts what it
 * changed into `changed`; returns the photo files to delete once nothing can refuse any more.
 */
async function anonymise(ctx: HandlerContext, patientId: number, changed: Record<string, number>): Promise<string[]> {
  const at = ctx.now.toISOString();
  const add = (what: string, n: number) => {
    if (n) changed[what] = (changed[what] ?? 0) + n;
  };
  for (const { channel } of ctx.sqlite.prepare('SELECT channel FROM patientConsent WHERE patientId = ? AND granted = 1').all(patientId) as { channel: 'email' | 'sms' | 'phone' | 'mail' }[]) {
    recordConsent(ctx.sqlite, ctx.now, ctx.actor, { patientId, channel, granted: false, source: 'form' });
  }
  for (const [table, n] of Object.entries(wipeText(ctx.sqlite, patientId))) add(table, n);
  for (const [table, by] of Object.entries(REMOVED)) add(table, ctx.sqlite.prepare(`DELETE FROM "${table}" WHERE "${by}" = ?`).run(patientId).changes);
  const notNull = notNullColumns(ctx.sqlite, 'patient');
  await ctx.db
    .updateTable('patient')
    .set({
      ...Object.fromEntries(CLEARED.map((c) => [c, notNull.has(c) ? '' : null])),
      firstName: ERASED_FIRST_NAME,
      lastName: ERASED_LAST_NAME,
      sortName: sortNameOf(ERASED_FIRST_NAME, ERASED_LAST_NAME),
      doNotContact: 1,
      photoConsent: 0,
      allergyAlert: 0,
      archivedAt: sql<string>`coalesce(archivedAt, ${at})`,
      archiveReason: 'Erased on request',
      updatedAt: at,
    })
    .where('id', '=', patientId)
    .execute();
  add('patient', 1);
  scrubHistory(ctx.sqlite, patientId, ['firstName', 'lastName', 'sortName', ...CLEARED]);
  await ctx.db.insertInto('erasedPatient').values({ patientId, erasedAt: at, erasedBy: ctx.session?.staffId ?? null }).execute();
  return ctx.sqlite.prepare('SELECT file FROM photo WHERE patientId = ?').pluck().all(patientId) as string[];
}

export const eraseHandlers: HandlerMap<'privacy.erase'> = {
  /**
   * Anonymises a patient in one transaction (the registry's), or refuses with every reason and changes nothing.
   * Kept: invoices, their lines, payments and credit notes (with amounts), ledger entries (facts), the patient row and
   * number (invoices point at it). Audited with the number and reason, never the name.
   */
  'privacy.erase': async ({ patientId, reason, confirm }, ctx) => {
    const patient = ctx.sqlite.prepare('SELECT id, number, mergedIntoId FROM patient WHERE id = ?').get(patientId) as { id: number; number: string; mergedIntoId: number | null } | undefined;
    if (!patient) throw new LumenError('not_found', 'There is no such patient.');
    if (patient.mergedIntoId !== null) throw new LumenError('conflict', 'This record was merged into another: erase the record it was merged into.', { mergedIntoId: patient.mergedIntoId });
    if (ctx.sqlite.prepare('SELECT 1 FROM erasedPatient WHERE patientId = ?').get(patientId)) throw new LumenError('conflict', `${patient.number} was already erased.`);
    if (confirm.trim().toUpperCase() !== patient.number.toUpperCase()) throw fieldError('invalid_input', `Type the patient’s number (${patient.number}) to confirm.`, 'confirm');
    // Records merged into this one are the same person: they go with it.
    const family = familyOf(ctx.sqlite, patientId);
    const blockers: ErasureBlocker[] = [];
    for (const id of family) blockers.push(...(await blockersOf(ctx, id)));
    if (blockers.length) throw new LumenError('conflict', `${patient.number} cannot be erased yet: ${blockers.map((b) => b.message).join(' ')}`, { blockers });

    const changed: Record<string, number> = {};
    const files: string[] = [];
    for (const id of family) files.push(...(await anonymise(ctx, id, changed)));
    if (files.length) changed['photo files'] = files.length;
    ctx.audit({ action: 'erase', entity: 'patient', entityId: patientId, summary: `Erased patient ${patient.number} on request: ${reason}`, details: { number: patient.number, reason, changed } });
    // Photo files go last, once nothing else can refuse; their rows are facts (which visit had photos, when) and stay.
    for (const file of files) rmSync(join(ctx.runtime.dataDir, file), { force: true });
    for (const id of family) rmSync(join(ctx.runtime.dataDir, PHOTO_FOLDER, String(id)), { recursive: true, force: true });
    return { patientId, number: patient.number, changed, kept: ['invoices, their lines, payments and credit notes', 'ledger entries (store credit, points, packages, gift cards)', 'the patient number and the dates of visits', 'audit log entries written before the erasure'] };
  },
};
