import { afterEach, describe, expect, it } from 'vitest';
import { firstIdOf } from '../../../src-main/core/workstation';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { becomeWorkstation } from '../../support/identity';

let clinic: TestClinic;
afterEach(async () => clinic?.close());

describe('patients.create and duplicates', () => {
  it('warns about a likely duplicate before saving, and saves when told to', async () => {
    clinic = await openTestClinic();
    const first = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima', phone: '030 1234567', dateOfBirth: '1990-04-01' });
    expect(first.number).toBe('P000001');

    await expect(clinic.call('patients.create', { firstName: 'Anna', lastName: 'Lima', phone: '+49 30 1234567' })).rejects.toMatchObject({
      code: 'possible_duplicate',
      details: { likely: [{ id: first.id, reasons: ['phone'] }] },
    });
    await expect(clinic.call('patients.create', { firstName: 'Anna', lastName: 'Lima', dateOfBirth: '1990-04-01' })).rejects.toMatchObject({
      code: 'possible_duplicate',
      details: { likely: [{ id: first.id, reasons: ['nameAndBirthDate'] }] },
    });
    expect(clinic.count('patient')).toBe(1);

    await clinic.call('patients.create', { firstName: 'Anna', lastName: 'Lima', dateOfBirth: '1990-04-01', acceptDuplicateOf: first.id });
    expect(clinic.count('patient')).toBe(2);
  });

  it('stores phones in E.164 from any format and rejects what is not a phone, saving nothing', async () => {
    clinic = await openTestClinic();
    const { id } = await clinic.call('patients.create', { firstName: 'Jörg', lastName: 'Müller', phone: '(030) 987-6543' });
    expect((await clinic.call('patients.get', { id })).phone).toBe('+49309876543');
    await expect(clinic.call('patients.create', { firstName: 'X', lastName: 'Y', phone: '12' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('patients.create', { firstName: 'X', lastName: 'Y', phone: 'call me maybe' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { phone: [expect.stringContaining('not a phone')] } },
    });
    await expect(clinic.call('patients.create', { firstName: '', lastName: 'Y' } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('patients.create', { firstName: 'A', lastName: 'B', shoeSize: 42 } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    expect(clinic.count('patient')).toBe(1);
  });

  it('checks duplicates on edit too, and records the change with before and after', async () => {
    clinic = await openTestClinic();
    const a = await clinic.call('patients.create', { firstName: 'Zoë', lastName: 'Ødegaard', email: 'zoe@example.com' });
    const b = await clinic.call('patients.create', { firstName: 'Mia', lastName: 'Stone' });
    await expect(clinic.call('patients.update', { id: b.id, patch: { email: 'ZOE@example.com' } })).rejects.toMatchObject({ code: 'possible_duplicate' });
    await clinic.call('patients.update', { id: b.id, patch: { preferredName: 'Mimi', phone: '0151 23456789' } });
    const profile = await clinic.call('patients.get', { id: b.id });
    expect(profile.preferredName).toBe('Mimi');
    const history = await clinic.call('audit.list', { entity: 'patient', entityId: String(b.id) });
    expect(history[0].details).toMatchObject({ preferredName: { from: null, to: 'Mimi' } });
    await clinic.call('patients.update', { id: b.id, patch: { preferredName: null } });
    expect((await clinic.call('patients.get', { id: b.id })).preferredName).toBeNull();
    expect(a.id).not.toBe(b.id);
  });
});

describe('patient numbers', () => {
  /** A patient row as it arrives in a change file from another workstation (written with capture off, like an import). */
  function arrive(id: number, patientNumber: string): void {
    const { runtime } = clinic.lumen;
    runtime.workstation?.setMode('off');
    runtime.sqlite
      .prepare(
        `INSERT INTO patient (id, number, firstName, lastName, addressLine1, addressLine2, city, region, postalCode, country, doNotContact, photoConsent, notes, allergyAlert, sortName, createdAt, updatedAt)
         VALUES (?, ?, 'Arrived', 'Elsewhere', '', '', '', '', '', 'DE', 0, 0, '', 0, 'elsewhere', '2026-03-02T09:00:00Z', '2026-03-02T09:00:00Z')`,
      )
      .run(id, patientNumber);
    runtime.workstation?.setMode('capture');
  }

  it('come from a series per workstation, gapless within each, and quick search finds a number of any series', async () => {
    clinic = await openTestClinic();
    expect((await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima' })).number).toBe('P000001');
    arrive(firstIdOf(3), 'PB000007');
    expect((await clinic.call('patients.create', { firstName: 'Ben', lastName: 'Berg' })).number).toBe('P000002');

    await becomeWorkstation(clinic, { number: 9, name: 'Treatment room', seriesPrefix: 'R' });
    const cleo = await clinic.call('patients.create', { firstName: 'Cleo', lastName: 'Roth' });
    expect(cleo).toEqual({ id: firstIdOf(9), number: 'R000001' });
    expect((await clinic.call('patients.create', { firstName: 'Dan', lastName: 'Roth' })).number).toBe('R000002');
    // The first workstation goes on with its own series; its next patient arrives here.
    arrive(3, 'P000003');
    expect((await clinic.call('patients.create', { firstName: 'Eli', lastName: 'Roth' })).number).toBe('R000003');

    const found = async (q: string) => (await clinic.call('patients.search', { q })).map((p) => p.number);
    expect(await found('R000001')).toEqual(['R000001']);
    expect(await found('r2')).toEqual(['R000002']);
    expect(await found('p1')).toEqual(['P000001']);
    expect(await found('pb7')).toEqual(['PB000007']);
  });
});

describe('patients.search', () => {
  it('finds by name prefix ignoring case and accents, by phone in any format or last digits, by email and number', async () => {
    clinic = await openTestClinic();
    const zoe = await clinic.call('patients.create', { firstName: 'Zoë', lastName: 'Ødegaard', phone: '+49 151 11112222', email: 'zoe.o@example.com' });
    const jose = await clinic.call('patients.create', { firstName: 'José', lastName: 'Núñez', preferredName: 'Pepe', phone: '030 5554321' });
    await clinic.call('patients.create', { firstName: 'Josephine', lastName: 'Baker' });

    const names = async (q: string) => (await clinic.call('patients.search', { q })).map((r) => r.lastName);
    expect(await names('zoe')).toEqual(['Ødegaard']);
    expect(await names('ODEG')).toEqual(['Ødegaard']);
    expect(await names('jos')).toEqual(['Núñez', 'Baker']);
    expect(await names('jose nun')).toEqual(['Núñez']);
    expect(await names('pepe')).toEqual(['Núñez']);
    expect(await names('4321')).toEqual(['Núñez']);
    expect(await names('+49 30 555 4321')).toEqual(['Núñez']);
    expect(await names('(030) 555-4321')).toEqual(['Núñez']);
    expect(await names('zoe.o@')).toEqual(['Ødegaard']);
    expect(await names(zoe.number.toLowerCase())).toEqual(['Ødegaard']);
    expect(await names('nobody')).toEqual([]);
    expect(jose.number).toBe('P000002');
  });

  it('hides archived patients unless asked, and returns distinct patients even when several words match', async () => {
    clinic = await openTestClinic();
    const ana = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Anaya' });
    await clinic.call('patients.archive', { id: ana.id, archived: true, reason: 'Moved away' });
    expect(await clinic.call('patients.search', { q: 'ana' })).toEqual([]);
    const found = await clinic.call('patients.search', { q: 'ana', includeArchived: true });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ id: ana.id, archived: true });
  });
});

describe('patients.list', () => {
  it('pages through patients in name order with a total, and filters by tag', async () => {
    clinic = await openTestClinic();
    for (const [first, last] of [['Carla', 'Zimmer'], ['Ben', 'Adams'], ['Dora', 'Maier'], ['Ali', 'Adams']]) {
      await clinic.call('patients.create', { firstName: first, lastName: last });
    }
    const page = await clinic.call('patients.list', { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.name)).toEqual(['Ben Adams', 'Dora Maier']);
    const { id: vip } = await clinic.call('tags.save', { name: 'VIP', color: '#aa3355' });
    await clinic.call('patients.setTags', { patientId: page.rows[1].id, tagIds: [vip] });
    const tagged = await clinic.call('patients.list', { tagId: vip });
    expect(tagged).toMatchObject({ total: 1, rows: [{ name: 'Dora Maier' }] });
    expect((await clinic.call('patients.get', { id: page.rows[1].id })).tags).toEqual([{ id: vip, name: 'VIP', color: '#aa3355' }]);
  });
});

describe('patients.merge', () => {
  it('moves tags, consents, referrals and clinical details to the kept record in one go, and keeps an audit trail', async () => {
    clinic = await openTestClinic();
    const keep = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima', email: 'ana@example.com' });
    const dup = await clinic.call('patients.create', { firstName: 'Anna', lastName: 'Lima', phone: '0170 1234567', acceptDuplicateOf: keep.id });
    const friend = await clinic.call('patients.create', { firstName: 'Rita', lastName: 'Voss', referredByPatientId: dup.id });
    const { id: tag } = await clinic.call('tags.save', { name: 'Bridal', color: '#ff8800' });
    await clinic.call('patients.setTags', { patientId: dup.id, tagIds: [tag] });
    await clinic.call('patients.setConsent', { patientId: dup.id, channel: 'sms', granted: true, source: 'form' });
    await clinic.call('clinical.update', { patientId: keep.id, allergies: [{ substance: 'Lidocaine', reaction: 'hives', severity: 'moderate' }], medications: [], medicalHistory: 'None', contraindications: [], expectationsNote: '' });
    await clinic.call('clinical.update', { patientId: dup.id, allergies: [{ substance: 'Latex', reaction: '', severity: 'severe' }], medications: [{ name: 'Aspirin', dose: '100 mg' }], medicalHistory: 'Migraine', contraindications: ['Anticoagulants'], expectationsNote: '' });

    const result = await clinic.call('patients.merge', { keepId: keep.id, mergeId: dup.id });
    expect(result.moved).toMatchObject({ 'patientTag.patientId': 1, 'patientConsent.patientId': 1, 'patient.referredByPatientId': 1 });

    const kept = await clinic.call('patients.get', { id: keep.id });
    expect(kept.phone).toBe('+491701234567');
    expect(kept.tags.map((t) => t.name)).toEqual(['Bridal']);
    expect(kept.consents).toMatchObject([{ channel: 'sms', granted: true }]);
    expect(kept.referralsMade).toBe(1);
    expect((await clinic.call('patients.get', { id: friend.id })).referredBy).toMatchObject({ id: keep.id });
    const record = await clinic.call('clinical.get', { patientId: keep.id });
    expect(record.allergies.map((a) => a.substance)).toEqual(['Lidocaine', 'Latex']);
    expect(record.medications).toEqual([{ name: 'Aspirin', dose: '100 mg' }]);
    expect(record.medicalHistory).toContain('Migraine');

    const gone = await clinic.call('patients.get', { id: dup.id });
    expect(gone).toMatchObject({ mergedInto: keep.id });
    expect(gone.archivedAt).not.toBeNull();
    expect(await clinic.call('patients.search', { q: 'anna', includeArchived: true })).toEqual([]);
    const trail = await clinic.call('audit.list', { action: 'merge' });
    expect(trail.some((e) => e.entityId === String(keep.id) && e.summary.includes(dup.number))).toBe(true);
    await expect(clinic.call('patients.merge', { keepId: keep.id, mergeId: dup.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('moves rows keyed by the patient as new rows, keeping the kept patient’s own where both have one', async () => {
    clinic = await openTestClinic();
    const keep = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima' });
    const dup = await clinic.call('patients.create', { firstName: 'Anna', lastName: 'Lima', acceptDuplicateOf: keep.id });
    const { id: vip } = await clinic.call('tags.save', { name: 'VIP', color: '#aa3355' });
    const { id: bridal } = await clinic.call('tags.save', { name: 'Bridal', color: '#ff8800' });
    await clinic.call('patients.setTags', { patientId: keep.id, tagIds: [vip] });
    await clinic.call('patients.setTags', { patientId: dup.id, tagIds: [vip, bridal] });
    await clinic.call('patients.setConsent', { patientId: keep.id, channel: 'email', granted: false, source: 'verbal' });
    await clinic.call('patients.setConsent', { patientId: dup.id, channel: 'email', granted: true, source: 'form' });
    await clinic.call('clinical.update', { patientId: dup.id, allergies: [{ substance: 'Latex', reaction: '', severity: 'severe' }], medications: [], medicalHistory: 'Migraine', contraindications: [], expectationsNote: '' });

    const { moved } = await clinic.call('patients.merge', { keepId: keep.id, mergeId: dup.id });

    expect(moved).toEqual({ 'patientTag.patientId': 1 });
    const kept = await clinic.call('patients.get', { id: keep.id });
    expect(kept.tags.map((t) => t.name).sort()).toEqual(['Bridal', 'VIP']);
    expect(kept.consents).toMatchObject([{ channel: 'email', granted: false }]);
    expect(kept.allergyAlert).toBe(true);
    expect(await clinic.call('clinical.get', { patientId: keep.id })).toMatchObject({ allergies: [{ substance: 'Latex' }], medicalHistory: 'Migraine' });
    expect(clinic.count('patientClinical')).toBe(1);
  });

  it('is refused to front desk and leaves both records untouched', async () => {
    clinic = await openTestClinic();
    const a = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima' });
    const b = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima', acceptDuplicateOf: a.id });
    const desk = await clinic.as('frontDesk');
    await expect(desk.call('patients.merge', { keepId: a.id, mergeId: b.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await clinic.call('patients.get', { id: b.id })).mergedInto).toBeNull();
  });
});
