import { afterEach, describe, expect, it } from 'vitest';
import { demoClinicForFile } from '../../support/demo-clinic';
import { openTestClinic, type TestClinic } from '../../support/clinic';

const demo = demoClinicForFile('round-trip');
let clinic: TestClinic;
afterEach(() => clinic?.close());

interface Person {
  name: string;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  allergyAlert: number;
  archived: boolean;
  storedValueCents: number;
  points: number;
}

/** Every patient of a clinic as a person would compare them: who, how to reach them, the alert and what they hold. */
function peopleOf(sqlite: TestClinic['lumen']['runtime']['sqlite']): Person[] {
  return (
    sqlite
      .prepare(
        `SELECT p.firstName || ' ' || p.lastName AS name, p.dateOfBirth, p.email, p.phone, p.allergyAlert, p.archivedAt IS NOT NULL AS archived,
                coalesce((SELECT sum(amountCents) FROM storedValueEntry s WHERE s.patientId = p.id), 0) AS storedValueCents,
                coalesce((SELECT sum(points) FROM pointsEntry e WHERE e.patientId = p.id), 0) AS points
         FROM patient p WHERE p.mergedIntoId IS NULL ORDER BY name, p.dateOfBirth, p.email`,
      )
      .all() as (Omit<Person, 'archived'> & { archived: number })[]
  ).map((p) => ({ ...p, archived: p.archived === 1 }));
}

describe('round trip of the patients list', () => {
  it('exports the demo clinic’s patients and imports them into an empty clinic: the same people, allergy alerts and balances', async () => {
    const { lumen, conn } = demo;
    const exported = await lumen.registry.call('exports.list', { list: 'patients', format: 'csv' }, conn);
    const zone = lumen.runtime.sqlite.prepare('SELECT timeZone, country FROM clinic').get() as { timeZone: string; country: string };

    clinic = await openTestClinic({ now: '2026-03-02T15:00:00Z', timeZone: zone.timeZone, country: zone.country });
    // Points come back only into a clinic whose program is on (an opening balance of a program that is off is refused).
    const { updatedAt: _saved, ...program } = await lumen.registry.call('loyalty.settings', {}, conn);
    await clinic.call('loyalty.saveSettings', { ...program, categoryMultipliers: [], tiers: [] });
    const file = await clinic.call('imports.addFile', { fileName: exported.fileName, dataBase64: exported.base64 });
    const report = await clinic.call('imports.run', { fileId: file.fileId, kind: 'patients', mapping: file.guesses.patients, options: { numberStyle: 'dotDecimal' } });

    const expected = peopleOf(lumen.runtime.sqlite);
    expect(report.totals).toMatchObject({ create: expected.length, skip: 0 });
    expect(peopleOf(clinic.lumen.runtime.sqlite)).toEqual(expected);
  }, 120_000);
});
