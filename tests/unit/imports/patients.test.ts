import { afterEach, describe, expect, it } from 'vitest';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { addCsv, CLIENTS, domainCounts, importCsv } from './support';

let clinic: TestClinic;
afterEach(() => clinic?.close());

const open = () => openTestClinic({ now: '2026-03-02T09:00:00Z', timeZone: 'Europe/Berlin', country: 'DE' });
/** The profile of the patient with this last name, archived or not. */
const profileOf = async (lastName: string) => {
  const { rows } = await clinic.call('patients.list', { includeArchived: true, limit: 500 });
  const hit = rows.find((r) => r.lastName === lastName);
  if (!hit) throw new Error(`No patient ${lastName}`);
  return clinic.call('patients.get', { id: hit.id });
};

describe('importing patients', () => {
  it('guesses the mapping from vendor headers and creates patients with accents, E.164 phones, the allergy alert and the deceased archived', async () => {
    clinic = await open();
    const { file, report } = await importCsv(clinic, CLIENTS);
    expect(file.guesses.patients).toEqual(['legacyId', 'firstName', 'lastName', 'dateOfBirth', 'gender', 'mobilePhone', 'homePhone', 'email', 'postalCode', 'city', 'allergies', 'deceased', 'tags', 'storedValue', 'loyaltyPoints', 'emailMarketing']);
    expect(report).toMatchObject({ dryRun: false, totals: { create: 3, match: 0, skip: 0, already: 0 }, rows: [] });
    expect(report.batchId).toBeGreaterThan(0);

    const zoe = await profileOf('Müller');
    expect(zoe).toMatchObject({ firstName: 'Zoë', lastName: 'Müller', dateOfBirth: '1985-04-12', gender: 'female', phone: '+491712345678', email: 'zoe@example.de', allergyAlert: true, archivedAt: null });
    expect(zoe.address).toMatchObject({ postalCode: '10115', city: 'Berlin', country: 'DE' });
    expect(zoe.notes).toContain('Home phone: +49301234567');
    expect(zoe.tags.map((t) => t.name)).toEqual(['VIP']);
    expect(zoe.consents).toMatchObject([{ channel: 'email', granted: true, source: 'import' }]);
    expect((await clinic.call('storedValue.history', { patientId: zoe.id })).balanceCents).toBe(2550);
    expect((await clinic.call('loyalty.forPatient', { patientId: zoe.id })).balance).toBe(120);
    expect(await clinic.call('clinical.get', { patientId: zoe.id })).toMatchObject({ allergies: [{ substance: 'Penicillin' }, { substance: 'Latex' }] });

    const francois = await profileOf('Lefèvre');
    expect(francois).toMatchObject({ firstName: 'François', phone: '+33612345678', allergyAlert: false, consents: [{ channel: 'email', granted: false }] });

    const archived = await profileOf('Ødegård');
    expect(archived).toMatchObject({ firstName: 'Åsa', lastName: 'Ødegård', phone: '+49307654321', allergyAlert: true, archiveReason: 'Deceased 2021-06-01' });
    expect(archived.archivedAt).not.toBeNull();

    const [batch] = await clinic.call('imports.batches');
    expect(batch).toMatchObject({ id: report.batchId, kind: 'patients', fileName: 'clients.csv', imported: 3, undoneAt: null, by: 'Olivia Owner' });
    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT summary FROM audit WHERE entity = 'importBatch'").pluck().all();
    expect(audit).toEqual(['Imported patients from clients.csv: 3 new, 0 matched, 0 skipped, 0 already imported']);
  });

  it('skips bad rows naming each row and column, and imports the good ones', async () => {
    clinic = await open();
    const { report } = await importCsv(clinic, [
      'First Name,Last Name,Birth Date,Mobile Phone,Email Address',
      'Ana,Lima,1990-02-01,0171 1111111,ana@example.com',
      ',Costa,1990-02-30,6.1E+10,not-an-email',
      'Bruno,Diaz,,abc,',
    ]);
    expect(report.totals).toEqual({ create: 1, match: 0, skip: 2, already: 0 });
    const [costa, diaz] = report.rows;
    expect(costa).toMatchObject({ line: 3, outcome: 'skip' });
    expect(costa.problems.map((p) => p.column)).toEqual(['Birth Date', 'Mobile Phone', 'Email Address', null]);
    expect(costa.problems.at(-1)!.message).toBe('First name is empty.');
    expect(diaz.problems).toEqual([{ line: 4, column: 'Mobile Phone', message: expect.stringContaining('not a phone number') }]);
    expect(clinic.count('patient')).toBe(1);
  });

  it('a dry run changes nothing and reports exactly what the run then does', async () => {
    clinic = await open();
    await clinic.call('patients.create', { firstName: 'Zoe', lastName: 'Muller', phone: '0171 2345678' });
    const before = domainCounts(clinic);
    const file = await addCsv(clinic, CLIENTS);
    const selection = { fileId: file.fileId, kind: 'patients' as const, mapping: file.guesses.patients };
    const dry = await clinic.call('imports.run', { ...selection, dryRun: true });
    expect(domainCounts(clinic)).toEqual(before);
    expect(await clinic.call('imports.batches')).toEqual([]);
    expect(dry).toMatchObject({ batchId: null, dryRun: true, totals: { create: 2, match: 1 }, rows: [{ line: 2, outcome: 'match', matchedBy: ['phone'], merged: false }] });

    const preview = await clinic.call('imports.preview', { ...selection, outcome: 'match' });
    expect(preview).toMatchObject({ totals: dry.totals, total: 1, rows: [{ line: 2, patient: { name: 'Zoe Muller' } }] });

    const run = await clinic.call('imports.run', selection);
    expect({ ...run, batchId: null, dryRun: true, rows: run.rows.map((r) => ({ ...r, patient: null })) }).toEqual({ ...dry, rows: dry.rows.map((r) => ({ ...r, patient: null })) });
    expect(clinic.count('patient')).toBe(4);
  });

  it('importing the same file twice creates nothing twice, and says the file was imported before', async () => {
    clinic = await open();
    const first = await importCsv(clinic, CLIENTS);
    const again = await importCsv(clinic, CLIENTS);
    expect(again.file.importedBefore).toMatchObject([{ id: first.report.batchId, imported: 3 }]);
    expect(again.report.totals).toEqual({ create: 0, match: 0, skip: 0, already: 3 });
    // A second file overlapping the first (same legacy ids, one new row) adds only the new row.
    const overlap = await importCsv(clinic, [...CLIENTS.slice(0, 2), '1004,Ines,Ortiz,1970-05-05,F,,,,,,,,,,,']);
    expect(overlap.report.totals).toEqual({ create: 1, match: 0, skip: 0, already: 1 });
    expect(clinic.count('patient')).toBe(4);
    expect(clinic.count('storedValueEntry')).toBe(1);
  });

  it('refuses an ambiguous date order until the person chooses one, then reads the dates that way', async () => {
    clinic = await open();
    const file = await addCsv(clinic, ['First Name,Last Name,DOB', 'Ana,Lima,03/04/1990', 'Bruno,Costa,05/06/1985']);
    const selection = { fileId: file.fileId, kind: 'patients' as const, mapping: file.guesses.patients };
    await expect(clinic.call('imports.preview', selection)).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { 'options.dateOrder': ['Choose the date order'] }, detected: 'ambiguous' } });
    await expect(clinic.call('imports.run', selection)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(clinic.count('patient')).toBe(0);
    await clinic.call('imports.run', { ...selection, options: { dateOrder: 'dayFirst' } });
    expect((await profileOf('Lima')).dateOfBirth).toBe('1990-04-03');
    expect((await profileOf('Costa')).dateOfBirth).toBe('1985-06-05');
  });

  it('merges a matched row into the existing patient when told to, filling only what was empty', async () => {
    clinic = await open();
    const { id } = await clinic.call('patients.create', { firstName: 'Zoë', lastName: 'Müller', phone: '0171 2345678', notes: 'Prefers mornings' });
    const { report } = await importCsv(clinic, CLIENTS.slice(0, 2), { onMatch: 'merge' });
    expect(report).toMatchObject({ merged: 1, keptApart: 0, rows: [{ outcome: 'match', merged: true, patient: { id } }] });
    const zoe = await clinic.call('patients.get', { id });
    expect(zoe).toMatchObject({ email: 'zoe@example.de', dateOfBirth: '1985-04-12', phone: '+491712345678', allergyAlert: true, notes: 'Prefers mornings\nHome phone: +49301234567' });
    expect(clinic.count('patient')).toBe(1);
  });
});

describe('undoing an import', () => {
  it('leaves the clinic as it was: what it created removed, a merged patient’s fields restored', async () => {
    clinic = await open();
    const { id } = await clinic.call('patients.create', { firstName: 'Zoë', lastName: 'Müller', phone: '0171 2345678' });
    const before = domainCounts(clinic);
    const profileBefore = await clinic.call('patients.get', { id });
    const { report } = await importCsv(clinic, [...CLIENTS.slice(0, 3).map((l) => l.replace('"25.50",120', ',')), CLIENTS[3]], { onMatch: 'merge' });
    expect(report.totals).toMatchObject({ create: 2, match: 1 });
    clinic.clock.advance({ minutes: 1 });
    const undone = await clinic.call('imports.undo', { batchId: report.batchId! });
    expect(undone).toEqual({ removed: expect.any(Number), restored: 1, archived: 0 });
    expect(domainCounts(clinic)).toEqual(before);
    const profileAfter = await clinic.call('patients.get', { id });
    expect({ ...profileAfter, updatedAt: null }).toEqual({ ...profileBefore, updatedAt: null });
    expect((await clinic.call('imports.batches'))[0].undoneAt).not.toBeNull();
    // Undone rows no longer count as imported: the same file imports again.
    expect((await importCsv(clinic, CLIENTS.slice(0, 2))).report.totals.already).toBe(0);
  });

  it('reverses opening balances with opposite entries and archives the records carrying them', async () => {
    clinic = await open();
    const { report } = await importCsv(clinic, CLIENTS.slice(0, 2));
    const zoeId = (await profileOf('Müller')).id;
    const undone = await clinic.call('imports.undo', { batchId: report.batchId! });
    expect(undone.archived).toBe(1);
    expect((await clinic.call('storedValue.history', { patientId: zoeId })).balanceCents).toBe(0);
    expect((await clinic.call('loyalty.forPatient', { patientId: zoeId })).balance).toBe(0);
    expect(await clinic.call('patients.get', { id: zoeId })).toMatchObject({ archiveReason: 'Import of clients.csv undone' });
  });

  it('is refused when an imported patient has been used since, naming them, and changes nothing', async () => {
    clinic = await open();
    const { report } = await importCsv(clinic, CLIENTS.slice(0, 3).map((l) => l.replace('"25.50",120', ',')));
    const zoe = await profileOf('Müller');
    const [tag] = await clinic.call('tags.list');
    const newTag = await clinic.call('tags.save', { name: 'Regular', color: '#336699' });
    await clinic.call('patients.setTags', { patientId: zoe.id, tagIds: [tag.id, newTag.id] });
    const before = domainCounts(clinic);
    await expect(clinic.call('imports.undo', { batchId: report.batchId! })).rejects.toMatchObject({ code: 'conflict', details: { uses: [expect.stringContaining('Zoë Müller has tags added')] } });
    expect(domainCounts(clinic)).toEqual(before);
    expect((await clinic.call('imports.batches'))[0].undoneAt).toBeNull();
  });
});
