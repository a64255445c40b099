import { randomInt } from 'node:crypto';
import type { Db } from '../core/db';

/** Letters and digits nobody misreads aloud or in print: no 0/O, 1/I/L. */
const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GENERATED_LENGTH = 12;

/** A code as stored and compared: upper case, letters and digits only ("abcd-efgh jkmn" is ABCDEFGHJKMN). */
export function normalizeCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A code as printed and shown: groups of four. */
export function formatCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** A new card code nobody holds yet (31^12 codes: a clash is all but impossible, but checked). */
export async function newGiftCardCode(db: Db, taken: ReadonlySet<string> = new Set()): Promise<string> {
  for (;;) {
    let code = '';
    for (let i = 0; i < GENERATED_LENGTH; i++) code += READABLE[randomInt(READABLE.length)];
    if (taken.has(code)) continue;
    if (!(await db.selectFrom('giftCard').select('id').where('code', '=', code).executeTakeFirst())) return code;
  }
}
