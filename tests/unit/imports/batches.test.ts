import { afterEach, describe, expect, it } from 'vitest';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { addCsv, CLIENTS, domainCounts, importCsv } from './support';

let clinic: TestClinic;
afterEach(() => clinic?.close());

const open = () => openTestClinic({ now: '2026-03-02T09:00:00Z', timeZone: 'Europe/Berlin', country: 'DE' });

describe('clinical details and balances for patients already in the clinic', () => {
  it('unites allergies, medications and conditions with the record, found by the legacy id of the earlier import', async () => {
    clinic = await open();
    await importCsv(clinic, CLIENTS);
    const [francois] = await clinic.call('patients.search', { q: 'Lefèvre' });
    await clinic.call('clinical.update', { patientId: francois.id, allergies: [{ substance: 'Latex', reaction: 'Rash', severity: 'mild' }], medications: [], medicalHistory: 'Asthma', contraindications: [], expectationsNote: '' });
    const { report } = await importCsv(
      clinic,
      ['Client ID,Allergies,Medications,Medical Conditions', '1002,latex; Nuts,Aspirin,Keloid history', '9999,Pollen,,', '1001,,Ibuprofen,'],
      { kind: 'clinical' },
    );
    expect(report.totals).toEqual({ create: 0, match: 2, skip: 1, already: 0 });
    expect(report.rows.find((r) => r.line === 3)!.problems[0].message).toBe('No patient with ID “9999”.');
    const record = await clinic.call('clinical.get', { patientId: francois.id });
    expect(record).toMatchObject({
      allergies: [{ substance: 'Latex', reaction: 'Rash', severity: 'mild' }, { substance: 'Nuts', severity: 'severe' }],
      medications: [{ name: 'Aspirin' }],
      contraindications: ['Keloid history'],
      medicalHistory: 'Asthma',
    });
    expect((await clinic.call('patients.get', { id: francois.id })).allergyAlert).toBe(true);
  });

  it('adds opening balances as ledger entries found by email, and undo takes them back', async () => {
    clinic = await open();
    const { id } = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima', email: 'ana@example.com' });
    const { report } = await importCsv(clinic, ['Email,Store Credit,Points Balance', 'ANA@example.com,"1.234,50",300'], { kind: 'balances', options: { numberStyle: 'commaDecimal' } });
    expect(report.rows).toMatchObject([{ outcome: 'match', matchedBy: ['email'], patient: { id } }]);
    expect((await clinic.call('storedValue.history', { patientId: id })).balanceCents).toBe(123_450);
    expect((await clinic.call('loyalty.forPatient', { patientId: id })).balance).toBe(300);
    await clinic.call('imports.undo', { batchId: report.batchId! });
    expect((await clinic.call('storedValue.history', { patientId: id })).balanceCents).toBe(0);
    expect((await clinic.call('loyalty.forPatient', { patientId: id })).balance).toBe(0);
    expect((await clinic.call('patients.get', { id })).archivedAt).toBeNull();
  });

  it('refuses an amount that fits both number styles until one is chosen', async () => {
    clinic = await open();
    await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima', email: 'ana@example.com' });
    const file = await addCsv(clinic, ['Email,Store Credit', 'ana@example.com,"1,250"']);
    await expect(clinic.call('imports.preview', { fileId: file.fileId, kind: 'balances', mapping: file.guesses.balances })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { 'options.numberStyle': ['Choose the number style'] } },
    });
  });
});

describe('who may import, and what a refused call changes', () => {
  it('front desk is refused every import method (audited); a practitioner too', async () => {
    clinic = await open();
    const file = await addCsv(clinic, CLIENTS);
    const before = domainCounts(clinic);
    for (const role of ['frontDesk', 'practitioner'] as const) {
      const desk = await clinic.as(role);
      await expect(desk.call('imports.run', { fileId: file.fileId, kind: 'patients', mapping: file.guesses.patients })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(desk.call('imports.addFile', { fileName: 'x.csv', dataBase64: 'YSxiCjEsMgo=' })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(clinic.count('patient')).toBe(before.patient);
    const denied = clinic.lumen.runtime.sqlite.prepare("SELECT count(*) FROM audit WHERE action = 'denied' AND entityId = 'imports.run'").pluck().get();
    expect(denied).toBe(2);
  });

  it('a manager imports', async () => {
    clinic = await open();
    const manager = await clinic.as('manager');
    expect((await importCsv(manager, CLIENTS)).report.totals.create).toBe(3);
  });

  it('refuses a mapping that does not fit the file, a field mapped twice, and a file that is not a table, changing nothing', async () => {
    clinic = await open();
    const file = await addCsv(clinic, CLIENTS);
    const selection = { fileId: file.fileId, kind: 'patients' as const };
    await expect(clinic.call('imports.run', { ...selection, mapping: ['firstName'] })).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { mapping: [expect.stringContaining('16 columns')] } } });
    const twice = file.guesses.patients.map((f, i) => (i === 2 ? 'firstName' : f));
    await expect(clinic.call('imports.run', { ...selection, mapping: twice })).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'mapping.2': [expect.stringContaining('already mapped')] } } });
    await expect(clinic.call('imports.run', { ...selection, mapping: file.guesses.patients.map((f, i) => (i === 0 ? 'treatment' : f)) })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('imports.run', { fileId: 'f'.repeat(64), kind: 'patients', mapping: [] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(clinic.call('imports.run', { ...selection, mapping: file.guesses.patients, dryRun: 'yes' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');
    await expect(clinic.call('imports.addFile', { fileName: 'photo.csv', dataBase64: png })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(clinic.count('patient')).toBe(0);
    expect(await clinic.call('imports.batches')).toEqual([]);
  });
});

describe('progress, reports and saved mappings', () => {
  it('answers progress while a run is going', async () => {
    clinic = await open();
    const rows = Array.from({ length: 3_000 }, (_, i) => `${i},First${i},Last${i}`);
    const file = await addCsv(clinic, ['Client ID,First Name,Last Name', ...rows]);
    const run = clinic.call('imports.run', { fileId: file.fileId, kind: 'patients', mapping: file.guesses.patients });
    let finished = false;
    void run.finally(() => (finished = true));
    const seen: { running: boolean; done: number; total: number }[] = [];
    while (!finished) {
      seen.push(await clinic.call('imports.progress'));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(seen).toContainEqual(expect.objectContaining({ running: true, total: 3_000, done: expect.any(Number) }));
    expect(seen.filter((p) => p.running && p.done > 0 && p.done < 3_000).length).toBeGreaterThan(0);
    expect((await run).totals.create).toBe(3_000);
    expect(await clinic.call('imports.progress')).toMatchObject({ running: false, phase: 'idle' });
  });

  it('gives the report as CSV, one line per row with its reason', async () => {
    clinic = await open();
    const { report } = await importCsv(clinic, ['First Name,Last Name,Email', 'Ana,Lima,ana@example.com', 'Bruno,,=cmd']);
    const { csv, fileName } = await clinic.call('imports.report', { batchId: report.batchId!, format: 'csv' });
    expect(fileName).toBe(`import-${report.batchId}-report.csv`);
    expect(csv!.split('\r\n')).toEqual([
      '"Line","Outcome","Merged","Patient number","Patient","Matched by","Reason"',
      '"2","Imported","","P000001","Ana Lima","",""',
      `"3","Skipped","","","","","Email: “=cmd” is not an email address. | Last name is empty."`,
      '',
    ]);
  });

  it('saves a named mapping by header text, replaces it under the same name, and deletes it', async () => {
    clinic = await open();
    const { id } = await clinic.call('imports.saveMapping', { name: 'Mindbody', kind: 'patients', columns: { 'Client ID': 'legacyId', 'First Name': 'firstName' } });
    const again = await clinic.call('imports.saveMapping', { name: 'mindbody', kind: 'patients', columns: { 'Client ID': 'legacyId' } });
    expect(again.id).toBe(id);
    expect(await clinic.call('imports.mappings', { kind: 'patients' })).toMatchObject([{ id, columns: { 'Client ID': 'legacyId' } }]);
    await expect(clinic.call('imports.saveMapping', { name: 'Bad', kind: 'patients', columns: { X: 'treatment' } })).rejects.toMatchObject({ code: 'invalid_input' });
    await clinic.call('imports.deleteMapping', { id });
    expect(await clinic.call('imports.mappings', {})).toEqual([]);
  });
});
