import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/audit';
import { DATABASE_FILE } from '../../../src-main/core/db';
import { firstIdOf } from '../../../src-main/core/workstation';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { becomeWorkstation } from '../../support/identity';

let clinic: TestClinic;
afterEach(async () => clinic?.close());

const record = {
  allergies: [{ substance: 'Hyaluronidase', reaction: 'swelling', severity: 'severe' as const }],
  medications: [{ name: 'Warfarin', dose: '5 mg' }],
  medicalHistory: 'Keloid scarring',
  contraindications: ['Anticoagulants'],
  expectationsNote: 'Wants a natural look',
};

describe('clinical record', () => {
  it('is read and written by practitioners; front desk sees only the allergy alert; every view is audited', async () => {
    clinic = await openTestClinic();
    const practitioner = await clinic.as('practitioner', 'pia');
    const desk = await clinic.as('frontDesk', 'fred');
    const { id } = await desk.call('patients.create', { firstName: 'Hana', lastName: 'Sato' });
    await practitioner.call('clinical.update', { patientId: id, ...record });

    expect(await practitioner.call('clinical.get', { patientId: id })).toMatchObject({ ...record, updatedBy: 'practitioner 1' });
    const profile = await desk.call('patients.get', { id });
    expect(profile.allergyAlert).toBe(true);
    expect(JSON.stringify(profile)).not.toContain('Hyaluronidase');
    await expect(desk.call('clinical.get', { patientId: id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(desk.call('clinical.update', { patientId: id, ...record, medicalHistory: '' })).rejects.toMatchObject({ code: 'forbidden' });

    const views = await clinic.call('audit.list', { action: 'view' });
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ staffName: 'practitioner 1', entity: 'patientClinical', entityId: String(id) });
    const denials = await clinic.call('audit.list', { action: 'denied' });
    expect(denials.map((d) => d.entityId)).toEqual(['clinical.update', 'clinical.get']);

    await practitioner.call('clinical.update', { patientId: id, ...record, allergies: [] });
    expect((await desk.call('patients.get', { id })).allergyAlert).toBe(false);
  });

  it('keeps clinical before/after out of the audit log for managers without clinical access', async () => {
    clinic = await openTestClinic();
    const { id } = await clinic.call('patients.create', { firstName: 'Hana', lastName: 'Sato' });
    await clinic.call('clinical.update', { patientId: id, ...record });
    const manager = await clinic.as('manager');
    const seenByManager = await manager.call('audit.list', { entity: 'patientClinical' });
    expect(JSON.stringify(seenByManager)).not.toContain('Warfarin');
    expect(seenByManager[0].summary).toContain('Updated the clinical record');
    const exported = await manager.call('audit.export', { format: 'csv' });
    expect(exported.content).not.toContain('Warfarin');
    const seenByOwner = await clinic.call('audit.list', { entity: 'patientClinical' });
    expect(JSON.stringify(seenByOwner)).toContain('Warfarin');
  });
});

describe('audit log', () => {
  it('exports as CSV that spreadsheets cannot execute, and logs the export', async () => {
    clinic = await openTestClinic();
    await clinic.call('patients.create', { firstName: '=HYPERLINK("x")', lastName: 'Test' });
    const file = await clinic.call('audit.export', { format: 'csv' });
    expect(file.filename).toMatch(/^lumen-audit-\d{8}-\d{6}\.csv$/);
    expect(file.content.split('\r\n')[0]).toBe('id,at,staffId,staffName,action,entity,entityId,summary,details');
    expect(file.content).not.toMatch(/(^|,)"=/m);
    expect((await clinic.call('audit.list', { action: 'export' }))[0].summary).toContain('Exported');
  });

  it('is append-only, and the hash chain finds an edited or deleted entry', async () => {
    clinic = await openTestClinic();
    await clinic.call('patients.create', { firstName: 'Eva', lastName: 'Berg' });
    await clinic.call('patients.create', { firstName: 'Ida', lastName: 'Holm' });
    expect(await clinic.call('audit.verify', {})).toMatchObject({ ok: true, firstBadId: null });
    const sqlite = clinic.lumen.runtime.sqlite;
    expect(() => sqlite.prepare("UPDATE audit SET summary = 'nothing happened' WHERE id = 3").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('DELETE FROM audit WHERE id = 3').run()).toThrow(/append-only/);

    // Someone with the file and a SQLite shell can drop the triggers; the chain still tells.
    const shell = new BetterSqlite3(join(clinic.dataDir, DATABASE_FILE));
    shell.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    shell.prepare("UPDATE audit SET summary = 'nothing happened' WHERE id = 3").run();
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, firstBadId: 3 });
    shell.prepare('DELETE FROM audit WHERE id = 3').run();
    shell.close();
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, firstBadId: 4, message: expect.stringContaining('missing') });
  });

  it('keeps one chain per workstation, each verifiable with the entries of the other, and lists entries by time', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
    clinic.clock.set('2026-03-02T09:06:00Z');
    await clinic.call('patients.create', { firstName: 'Eva', lastName: 'Berg' });
    const firstChain = clinic.count('audit');
    await becomeWorkstation(clinic, { number: 5, name: 'Treatment room', seriesPrefix: 'T' });
    // Written earlier than Eva's entry but in the second range, as entries arrive from a workstation that wrote them earlier.
    clinic.clock.set('2026-03-02T09:03:00Z');
    await clinic.call('patients.create', { firstName: 'Ida', lastName: 'Holm' });
    clinic.clock.set('2026-03-02T09:09:00Z');
    await clinic.call('patients.create', { firstName: 'Ola', lastName: 'Lund' });

    expect(await clinic.call('audit.verify', {})).toEqual({ ok: true, checked: firstChain + 2, firstBadId: null, message: `All ${firstChain + 2} entries are intact. Every ledger balances.`, ledgerProblems: [] });
    const sqlite = clinic.lumen.runtime.sqlite;
    const rangeStarts = sqlite.prepare('SELECT id, prevHash FROM audit WHERE id IN (1, ?) ORDER BY id').all(firstIdOf(5));
    expect(rangeStarts).toEqual([{ id: 1, prevHash: '0'.repeat(64) }, { id: firstIdOf(5), prevHash: '0'.repeat(64) }]);
    // Newest first by time, whichever range an entry's id is in; the next page continues in that order.
    const listed = await clinic.call('audit.list', { action: 'create', entity: 'patient' });
    expect(listed.map((e) => e.summary)).toEqual([expect.stringContaining('Ola Lund'), expect.stringContaining('Eva Berg'), expect.stringContaining('Ida Holm')]);
    expect((await clinic.call('audit.list', { entity: 'patient', beforeId: listed[1].id })).map((e) => e.summary)).toEqual([expect.stringContaining('Ida Holm')]);

    const shell = new BetterSqlite3(join(clinic.dataDir, DATABASE_FILE));
    shell.exec('DROP TRIGGER audit_no_update;');
    shell.prepare("UPDATE audit SET summary = 'nothing happened' WHERE id = ?").run(firstIdOf(5) + 1);
    shell.close();
    expect(await clinic.call('audit.verify', {})).toMatchObject({ ok: false, firstBadId: firstIdOf(5) + 1, message: 'Entry 2 in the log of “Treatment room” was changed after it was written.' });
  });
});
