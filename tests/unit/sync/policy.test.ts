import { afterEach, describe, expect, it } from 'vitest';
import { syncPolicy } from '../../../src-main/sync/policy';
import { openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

describe('sync policy', () => {
  it('is declared for every table of the schema, and names no table that does not exist', async () => {
    clinic = await openTestClinic();
    const tables = clinic.lumen.runtime.sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const missing = tables.filter((table) => !(table in syncPolicy));
    expect(missing, `Declare how these tables sync in src-main/sync/policy.ts: ${missing.join(', ')}`).toEqual([]);
    expect(Object.keys(syncPolicy).filter((table) => !tables.includes(table))).toEqual([]);
  });

  it('names only columns that exist as derived or local', async () => {
    clinic = await openTestClinic();
    const sqlite = clinic.lumen.runtime.sqlite;
    for (const [table, policy] of Object.entries(syncPolicy)) {
      if (policy.sync !== 'fields') continue;
      const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
      for (const column of [...(policy.derived ?? []), ...(policy.local ?? [])]) expect(columns, `${table}.${column}`).toContain(column);
    }
  });

  it('captures a change in the same transaction as the write, and none when the write is refused', async () => {
    clinic = await openTestClinic();
    const changes = () => clinic!.count('syncChange');
    const before = changes();
    const { id } = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima' });
    const afterCreate = changes();
    expect(afterCreate).toBeGreaterThan(before);
    const row = clinic.lumen.runtime.sqlite.prepare("SELECT op, data FROM syncChange WHERE tbl = 'patient' AND pk = ?").get(JSON.stringify([id])) as { op: string; data: string };
    expect(row.op).toBe('insert');
    expect(JSON.parse(row.data)).toMatchObject({ firstName: 'Ana', lastName: 'Lima' });
    expect(JSON.parse(row.data)).not.toHaveProperty('sortName');

    clinic.clock.advance({ minutes: 1 });
    await clinic.call('patients.update', { id, patch: { address: { city: 'Berlin' } } });
    const update = clinic.lumen.runtime.sqlite.prepare("SELECT data FROM syncChange WHERE tbl = 'patient' AND pk = ? AND op = 'update'").pluck().get(JSON.stringify([id])) as string;
    expect(Object.keys(JSON.parse(update)).sort()).toEqual(['city', 'updatedAt']);

    const frontDesk = await clinic.as('frontDesk');
    const beforeRefusal = changes();
    await expect(frontDesk.call('patients.merge', { keepId: id, mergeId: id })).rejects.toMatchObject({ code: 'forbidden' });
    expect(changes()).toBe(beforeRefusal + 1); // only the audit entry of the refusal, which is kept on purpose
  });
});
