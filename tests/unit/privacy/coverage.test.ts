import { afterEach, describe, expect, it } from 'vitest';
import { KEPT, REMOVED, WIPED } from '../../../src-main/privacy/erase';
import { openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic | undefined;
afterEach(async () => {
  await clinic?.close();
});

describe('what an erasure covers', () => {
  it('has decided every table that names a patient: its text wiped, its rows removed, or kept with a reason', async () => {
    clinic = await openTestClinic();
    const sqlite = clinic.lumen.runtime.sqlite;
    const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const naming = tables.filter((t) => (sqlite.prepare('SELECT count(*) FROM pragma_foreign_key_list(?) WHERE "table" = ?').pluck().get(t, 'patient') as number) > 0);
    const decided = new Set([...Object.keys(WIPED), ...Object.keys(REMOVED), ...Object.keys(KEPT)]);
    expect(naming.filter((t) => !decided.has(t))).toEqual([]);
    for (const [table, { columns }] of Object.entries(WIPED)) {
      const existing = sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
      expect(columns.filter((c) => !existing.includes(c)), table).toEqual([]);
    }
  });
});
