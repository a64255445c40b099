import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestClinic, type TestClinic } from '../../support/clinic';

let clinic: TestClinic;
afterEach(() => clinic?.close());

describe('importing a workbook', () => {
  it('reads the sheet with data (title above the header), formulas as their results, dates from date cells, a phone number kept whole', async () => {
    clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z', timeZone: 'Europe/Berlin', country: 'DE' });
    const data = readFileSync(join(__dirname, '../../fixtures/imports/patients.xlsx'));
    const file = await clinic.call('imports.addFile', { fileName: 'patients.xlsx', dataBase64: data.toString('base64') });
    expect(file).toMatchObject({ format: 'xlsx', sheet: 'Patients', sheets: ['Cover', 'Patients', 'Visits'], headerLine: 2, rowCount: 2 });
    expect(file.guesses.patients).toEqual(['firstName', 'lastName', 'dateOfBirth', 'homePhone', 'storedValue', 'email', null, null]);
    const report = await clinic.call('imports.run', { fileId: file.fileId, kind: 'patients', mapping: file.guesses.patients });
    expect(report.totals).toEqual({ create: 2, match: 0, skip: 0, already: 0 });
    const [zoe] = await clinic.call('patients.search', { q: 'Zoë' });
    const zoeProfile = await clinic.call('patients.get', { id: zoe.id });
    // The workbook holds the phone as the number 4917112345678: its "+" was lost, not its country.
    expect(zoeProfile).toMatchObject({ firstName: 'Zoë', lastName: 'Müller', dateOfBirth: '1985-03-14', email: 'zoe@example.com', phone: '+4917112345678' });
    expect((await clinic.call('storedValue.history', { patientId: zoe.id })).balanceCents).toBe(123_456);
    const [francois] = await clinic.call('patients.search', { q: 'Lefèvre' });
    expect(await clinic.call('patients.get', { id: francois.id })).toMatchObject({ dateOfBirth: '1990-11-02', phone: '+33612345678' });
    expect((await clinic.call('storedValue.history', { patientId: francois.id })).balanceCents).toBe(30);
  });
});
