import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { fold } from '../../src-shared/text';
import { commonPasswords } from './common-passwords';

const N = 16384;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: n, r: rr, p: pp, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$key`, parameters stored so they can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(rr), Number(pp));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** What is wrong with a new password, in words a person can act on; empty when it is acceptable. */
export function passwordProblems(password: string, ...names: string[]): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('Use at least 10 characters.');
  const folded = fold(password);
  const squeezed = folded.replace(/[^\p{L}\p{N}]/gu, '');
  for (const name of names) {
    const n = fold(name).replace(/[^\p{L}\p{N}]/gu, '');
    if (n.length >= 3 && squeezed.includes(n)) {
      problems.push('Do not use your name or username in the password.');
      break;
    }
  }
  if (commonPasswords.has(folded) || commonPasswords.has(squeezed) || commonPasswords.has(squeezed.replace(/\d+$/, ''))) {
    problems.push('This password is too common; choose another.');
  } else if (new Set(folded).size < 4) {
    problems.push('Use more different characters.');
  }
  return problems;
}
