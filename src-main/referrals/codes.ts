import { randomInt } from 'node:crypto';
import { fieldError, LumenError } from '../../src-shared/errors';
import { fold } from '../../src-shared/text';
import { cached, type Sqlite } from '../core/db';
import type { HandlerContext } from '../core/registry';
import { CODE_OF_PATIENT_SQL, PATIENT_OF_CODE_SQL, SURVIVOR_SQL } from './queries';

/** Digits and letters nobody misreads aloud or in print: no 0/O, 1/I/L. */
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const SUFFIX_LENGTH = 4;
const NAME_LENGTH = 6;

/** The name part of a code: the first name's plain letters, upper case (Ána → ANA), or FRIEND for a name without any. */
export function namePart(firstName: string): string {
  return fold(firstName).toUpperCase().replace(/[^A-Z]/g, '').slice(0, NAME_LENGTH) || 'FRIEND';
}

/** A code as stored: "anna 7k3q", "ANNA7K3Q" and "Anna-7K3Q" are all ANNA-7K3Q (the suffix is always the last four). */
export function canonicalCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return `${plain.slice(0, -SUFFIX_LENGTH)}-${plain.slice(-SUFFIX_LENGTH)}`;
}

/** The record a merged one lives on in (itself when it was never merged). */
export function survivorOf(sqlite: Sqlite, patientId: number): { id: number; archived: boolean } {
  const row = cached(sqlite, SURVIVOR_SQL).get(patientId) as { id: number; archivedAt: string | null } | undefined;
  if (!row) throw fieldError('not_found', 'No such patient.', 'patientId');
  return { id: row.id, archived: row.archivedAt !== null };
}

export const codeOf = (sqlite: Sqlite, patientId: number): string | null => (cached(sqlite, CODE_OF_PATIENT_SQL).pluck().get(patientId) as string | undefined) ?? null;

/** The patient's code, made on first ask: name part, a dash and four readable characters, unique (a clash draws again). */
export function ensureCode(ctx: HandlerContext, patientId: number): string {
  const patient = ctx.sqlite.prepare('SELECT firstName, preferredName, mergedIntoId FROM patient WHERE id = ?').get(patientId) as { firstName: string; preferredName: string | null; mergedIntoId: number | null } | undefined;
  if (!patient) throw fieldError('not_found', 'No such patient.', 'patientId');
  if (patient.mergedIntoId !== null) throw new LumenError('invalid_transition', 'This record was merged into another; make the code on the kept record.');
  const existing = codeOf(ctx.sqlite, patientId);
  if (existing) return existing;
  const prefix = namePart(patient.preferredName ?? patient.firstName);
  const taken = cached(ctx.sqlite, PATIENT_OF_CODE_SQL);
  let code: string;
  do {
    let suffix = '';
    for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += READABLE[randomInt(READABLE.length)];
    code = `${prefix}-${suffix}`;
  } while (taken.get(code));
  ctx.sqlite
    .prepare('INSERT INTO referralCode (id, patientId, code, createdAt, createdBy) VALUES (?, ?, ?, ?, ?)')
    .run(ctx.newId('referralCode'), patientId, code, ctx.now.toISOString(), ctx.session?.staffId ?? null);
  ctx.audit({ action: 'create', entity: 'referralCode', entityId: patientId, summary: `Made referral code ${code}`, details: { patientId, code } });
  return code;
}

/** The patient a typed code names (the kept record when its holder was merged); unknown: `not_found` beside `field`. */
export function holderOfCode(sqlite: Sqlite, typed: string, field: string): number {
  const holder = cached(sqlite, PATIENT_OF_CODE_SQL).pluck().get(canonicalCode(typed)) as number | undefined;
  if (holder === undefined) throw fieldError('not_found', 'No patient has this referral code. Check it with the card.', field);
  return survivorOf(sqlite, holder).id;
}
