import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, type TestClinic } from '../../support/clinic';
import { note, openChartClinic, tinyPng } from '../charts/visits';
import { openExportClinic } from '../exports/fixture';

let clinic: TestClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

/**
 * Every text cell of every table that contains one of these (case-insensitive), as table.column; but the audit log,
 * which keeps what it recorded (append-only, hash-chained), and its entries in the sync change log.
 */
function tracesOf(c: TestClinic, needles: string[]): string[] {
  const sqlite = c.lumen.runtime.sqlite;
  const found: string[] = [];
  const tables = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit'").pluck().all() as string[];
  for (const table of tables) {
    for (const column of sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]) {
      for (const needle of needles) {
        const auditEntries = table === 'syncChange' ? " AND tbl <> 'audit'" : '';
        const hits = sqlite.prepare(`SELECT count(*) FROM "${table}" WHERE typeof("${column}") = 'text' AND instr(lower("${column}"), lower(?)) > 0${auditEntries}`).pluck().get(needle) as number;
        if (hits) found.push(`${table}.${column} (${needle})`);
      }
    }
  }
  return found;
}

/** A digest of every row of the tables an erasure may touch (and their changes), to show a refusal changed nothing. */
function snapshot(c: TestClinic): string {
  const sqlite = c.lumen.runtime.sqlite;
  return createHash('sha256').update(JSON.stringify(['patient', 'patientClinical', 'patientConsent', 'patientTag', 'patientSearch', 'appointment', 'chart', 'erasedPatient'].map((t) => sqlite.prepare(`SELECT * FROM "${t}"`).all()))).update(JSON.stringify(sqlite.prepare("SELECT * FROM syncChange WHERE tbl <> 'audit'").all())).digest('hex');
}

describe('erasing a patient', () => {
  it('anonymises them everywhere but keeps the invoice and its amounts; they leave search and lists', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const lena = setup.patient;
    await clinic.call('patients.update', { id: lena, patch: { email: 'lena.vogel@example.org', phone: '+49 170 5550199', notes: 'Lena Vogel prefers mornings', address: { line1: 'Vogelweg 3', city: 'Berlin' } } });
    await clinic.call('appointments.setNotes', { id: setup.appointmentId, notes: 'Lena Vogel asked for a quiet room' });
    await clinic.call('clinical.update', { patientId: lena, allergies: [{ substance: 'Vogelbeere', severity: 'mild' }], medications: [], medicalHistory: 'Lena Vogel: none', contraindications: [], expectationsNote: '' });
    await clinic.call('patients.setConsent', { patientId: lena, channel: 'email', granted: true, source: 'form' });
    // An older record of hers, merged into this one, is the same person and goes with it.
    const older = await clinic.call('patients.create', { firstName: 'Lena', lastName: 'Vogel-Alt', email: 'l.vogel@example.net', acceptDuplicateOf: lena });
    await clinic.call('patients.merge', { keepId: lena, mergeId: older.id });
    const { number } = await clinic.call('patients.get', { id: lena });
    const invoiceBefore = clinic.lumen.runtime.sqlite.prepare('SELECT * FROM invoice WHERE patientId = ?').all(lena);
    const linesBefore = clinic.count('invoiceLine');
    expect(tracesOf(clinic, ['Vogel'])).not.toEqual([]);

    const result = await clinic.call('privacy.erase', { patientId: lena, reason: 'Written request of 1 March 2026', confirm: number.toLowerCase() });
    expect(result).toMatchObject({ patientId: lena, number, changed: { patient: 2, appointment: 1, patientClinical: 1 } });

    expect(tracesOf(clinic, ['Vogel', 'Lena', 'lena.vogel@example.org', 'l.vogel@example.net', '5550199'])).toEqual([]);
    expect(clinic.lumen.runtime.sqlite.prepare('SELECT * FROM invoice WHERE patientId = ?').all(lena)).toEqual(invoiceBefore);
    expect(clinic.count('invoiceLine')).toBe(linesBefore);
    const erased = await clinic.call('patients.get', { id: lena });
    expect(erased).toMatchObject({ firstName: 'Erased', lastName: 'patient', email: null, phone: null, doNotContact: true });
    expect(await clinic.call('patients.search', { q: 'Vogel' })).toEqual([]);
    expect((await clinic.call('patients.list', {})).rows.map((r) => r.id)).not.toContain(lena);
    const list = await clinic.call('exports.list', { list: 'patients', format: 'csv' });
    expect(list.rows).toBe(1);
    expect(clinic.lumen.runtime.sqlite.prepare('SELECT granted FROM patientConsent WHERE patientId = ?').pluck().all(lena)).toEqual([0]);

    const [audit] = clinic.lumen.runtime.sqlite.prepare("SELECT summary, details FROM audit WHERE action = 'erase'").all() as { summary: string; details: string }[];
    expect(audit.summary).toBe(`Erased patient ${number} on request: Written request of 1 March 2026`);
    expect(audit.details).not.toMatch(/Vogel|Lena/);
    await expect(clinic.call('privacy.erase', { patientId: lena, reason: 'Again', confirm: number })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('refuses while the patient holds store credit or points, naming each, and changes nothing', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const { number } = await clinic.call('patients.get', { id: setup.zoe });
    const before = snapshot(clinic);
    await expect(clinic.call('privacy.erase', { patientId: setup.zoe, reason: 'Request by email', confirm: number })).rejects.toMatchObject({
      code: 'conflict',
      details: { blockers: [expect.objectContaining({ kind: 'storedValue', cents: 12345, message: expect.stringContaining('123.45') }), expect.objectContaining({ kind: 'points', points: 250 })] },
    });
    await expect(clinic.call('privacy.erase', { patientId: setup.zoe, reason: 'Request by email', confirm: 'P999999' })).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { confirm: expect.anything() } } });
    expect(snapshot(clinic)).toBe(before);
  });

  it('refuses while the patient owes money', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    await clinic.call('checkout.commit', { patientId: setup.patient, lines: [{ serviceId: setup.services.botox, staffId: setup.ana, quantity: 1 }] });
    const { number } = await clinic.call('patients.get', { id: setup.patient });
    await expect(clinic.call('privacy.erase', { patientId: setup.patient, reason: 'Request', confirm: number })).rejects.toMatchObject({ code: 'conflict', details: { blockers: [expect.objectContaining({ kind: 'owes' })] } });
  });

  it('is for owners and managers: front desk is refused', async () => {
    const setup = await openExportClinic();
    clinic = setup.clinic;
    const { number } = await clinic.call('patients.get', { id: setup.patient });
    const desk = await clinic.as('frontDesk');
    const before = snapshot(clinic);
    await expect(desk.call('privacy.erase', { patientId: setup.patient, reason: 'Request', confirm: number })).rejects.toMatchObject({ code: 'forbidden' });
    expect(snapshot(clinic)).toBe(before);
    const manager = await clinic.as('manager');
    await expect(manager.call('privacy.erase', { patientId: setup.patient, reason: 'Request', confirm: number })).resolves.toMatchObject({ number });
  });

  it('waits for signed visit notes’ retention period, says from when, then wipes the notes and photos', async () => {
    const setup = await openChartClinic('2026-03-02T08:00:00Z');
    clinic = setup.clinic;
    const visit = await setup.book('2026-03-02T09:00:00Z', [setup.services.botox]);
    const { id: chartId } = await clinic.call('charts.saveDraft', { appointmentId: visit, content: note({ plan: 'Ana Lima to return in two weeks' }) });
    await clinic.call('charts.sign', { chartId });
    await clinic.call('photos.add', { appointmentId: visit, label: 'before', mimeType: 'image/png', dataBase64: tinyPng().toString('base64') });
    const { number } = await clinic.call('patients.get', { id: setup.patientId });
    const before = snapshot(clinic);
    await expect(clinic.call('privacy.erase', { patientId: setup.patientId, reason: 'Request', confirm: number })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('2036-03-02'),
      details: { blockers: [{ kind: 'retention', possibleOn: '2036-03-02', message: expect.any(String) }] },
    });
    expect(snapshot(clinic)).toBe(before);

    expect(await clinic.call('privacy.settings', {})).toEqual({ clinicalRetentionYears: 10, updatedAt: null });
    await clinic.call('privacy.saveSettings', { clinicalRetentionYears: 2 });
    await expect(clinic.call('privacy.saveSettings', { clinicalRetentionYears: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    clinic.clock.set('2028-03-01T12:00:00Z');
    await clinic.call('auth.unlock', { password: OWNER.password });
    await expect(clinic.call('privacy.erase', { patientId: setup.patientId, reason: 'Request', confirm: number })).rejects.toMatchObject({ details: { blockers: [{ kind: 'retention', possibleOn: '2028-03-02' }] } });
    clinic.clock.set('2028-03-02T12:00:00Z');
    await clinic.call('auth.unlock', { password: OWNER.password });
    const [photo] = clinic.lumen.runtime.sqlite.prepare('SELECT file FROM photo').pluck().all() as string[];
    expect(existsSync(join(clinic.dataDir, photo))).toBe(true);
    await clinic.call('privacy.erase', { patientId: setup.patientId, reason: 'Request', confirm: number });
    expect(existsSync(join(clinic.dataDir, photo))).toBe(false);
    expect(tracesOf(clinic, ['Ana Lima', 'return in two weeks', 'Lima'])).toEqual([]);
    expect(clinic.count('chart')).toBe(1);
  });
});
