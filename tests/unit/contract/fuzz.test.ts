import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../../src-shared/contract/index';
import { errorCodes, LumenError } from '../../../src-shared/errors';
import type { Sqlite } from '../../../src-main/core/db';
import { openTestClinic, type TestClinic } from '../../support/clinic';

/** Deterministic garbage: wrong types, unknown keys, hostile strings, huge and odd numbers, deep nesting. */
function garbageMaker(seed: number) {
  let state = seed >>> 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const strings = ['', ' ', 'a'.repeat(10_000), "'; DROP TABLE patient; --", '<script>alert(1)</script>', '\u0000', '💥', '2026-02-30', '../../etc/passwd', '__proto__', 'NaN', '{"a":1}', '%s%n', '\ud800'];
  const numbers = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 2 ** 60, 1e-300, -0];
  const keys = ['id', 'q', 'patientId', 'firstName', 'input', '__proto__', 'constructor', 'limit', 'password', 'zzz', 'patch', 'clinic'];
  const value = (depth: number): unknown => {
    switch (Math.floor(rand() * (depth > 3 ? 5 : 8))) {
      case 0: return pick(strings);
      case 1: return pick(numbers);
      case 2: return rand() < 0.5;
      case 3: return null;
      case 4: return undefined;
      case 5: return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      default: {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < 1 + Math.floor(rand() * 4); i++) out[pick(keys) + (rand() < 0.5 ? String(Math.floor(rand() * 9)) : '')] = value(depth + 1);
        return out;
      }
    }
  };
  /** Never a valid input: a non-object, or an object with at least one key no method accepts. */
  const invalidInput = (): unknown => {
    if (rand() < 0.3) return pick([...strings, ...numbers, true, null, [], [1, 2]]);
    const obj = value(3) as Record<string, unknown>;
    return { ...(typeof obj === 'object' && obj && !Array.isArray(obj) ? obj : {}), [`junk${Math.floor(rand() * 1000)}`]: value(2) };
  };
  return { rand, pick, invalidInput };
}

function checksum(sqlite: Sqlite): string {
  const hash = createHash('sha256');
  const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  for (const table of tables) {
    hash.update(table);
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

let clinic: TestClinic;
beforeAll(async () => {
  clinic = await openTestClinic();
  const { id } = await clinic.call('patients.create', { firstName: 'Fuzz', lastName: 'Target', phone: '030 1234567' });
  await clinic.call('clinical.update', { patientId: id, allergies: [], medications: [], medicalHistory: 'x', contraindications: [], expectationsNote: '' });
});
afterAll(async () => clinic?.close());

describe('bad input', () => {
  it('answers 10,000 garbage calls across every method with typed errors only, and changes nothing', async () => {
    const { rand, pick, invalidInput } = garbageMaker(20261126);
    const before = checksum(clinic.lumen.runtime.sqlite);
    const signedOut = clinic.desk();
    const codes = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const name = rand() < 0.03 ? pick(['', 'patients', 'patients.drop', '__proto__', 'constructor', 'toString']) : pick(methodNames);
      const desk = rand() < 0.15 ? signedOut : clinic;
      try {
        await desk.call(name as never, invalidInput() as never);
        throw new Error(`${name} accepted garbage`);
      } catch (error) {
        if (!(error instanceof LumenError)) throw error;
        expect(errorCodes).toContain(error.code);
        expect(error.code).not.toBe('internal');
        codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
      }
    }
    expect(checksum(clinic.lumen.runtime.sqlite)).toBe(before);
    expect(codes.get('invalid_input')).toBeGreaterThan(8000);
    // The clinic still answers normally afterwards.
    expect((await clinic.call('patients.search', { q: 'fuzz' })).map((p) => p.lastName)).toEqual(['Target']);
  }, 120_000);

  it('rolls back a multi-row write that fails half-way', async () => {
    const before = checksum(clinic.lumen.runtime.sqlite);
    const patient = (await clinic.call('patients.search', { q: 'fuzz' }))[0];
    // The first tag id exists, the second does not: nothing of the change may remain.
    const { id: tag } = await clinic.call('tags.save', { name: 'Temp', color: '#123456' });
    const afterTag = checksum(clinic.lumen.runtime.sqlite);
    await expect(clinic.call('patients.setTags', { patientId: patient.id, tagIds: [tag, 999_999] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(clinic.call('settings.setOpeningHours', { intervals: [{ weekday: 1, opensAt: '09:00', closesAt: '17:00' }, { weekday: 1, opensAt: '12:00', closesAt: '18:00' }] })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(checksum(clinic.lumen.runtime.sqlite)).toBe(afterTag);
    expect(before).not.toBe(afterTag);
  });
});
