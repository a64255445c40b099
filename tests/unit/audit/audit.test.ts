import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/audit';
import { openTestClinic, type TestClinic } from '../../support/clinic';

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
    sqlite.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
    sqlite.prepare("UPDATE audit SET summary = 'nothing happened' WHERE id = 3").run();
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, firstBadId: 3 });
    const original = sqlite.prepare('SELECT * FROM audit WHERE id = 4').get() as Record<string, unknown>;
    sqlite.prepare('DELETE FROM audit WHERE id = 3').run();
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: false, firstBadId: 4, message: expect.stringContaining('missing') });
    expect(original).toBeDefined();
  });
});
