import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalDump } from '../../../src-main/sync/index';
import { openTestClinic, type TestClinic } from '../../support/clinic';
import { copyAsWorkstation, sendChanges, writeChanges } from '../../support/workstations';

const open: TestClinic[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((clinic) => clinic.close()));
});

async function twoWorkstations() {
  const reception = await openTestClinic({ now: '2026-03-02T09:00:00Z' });
  open.push(reception);
  const patient = await reception.call('patients.create', { firstName: 'Ana', lastName: 'Lima', phone: '030 1234567' });
  const room = await copyAsWorkstation(reception, 'Room 2', 'R');
  open.push(room);
  return { reception, room, patient };
}

const dumpOf = (clinic: TestClinic) => canonicalDump(clinic.lumen.runtime.sqlite);

describe('two workstations exchanging change files', () => {
  it('keeps both edits of different fields of the same patient, on both workstations', async () => {
    const { reception, room, patient } = await twoWorkstations();
    await reception.call('patients.update', { id: patient.id, patch: { phone: '030 7654321' } });
    room.clock.advance({ minutes: 1 });
    await room.call('patients.update', { id: patient.id, patch: { email: 'ana@example.com' } });

    expect(await sendChanges(reception, room)).toBeGreaterThan(0);
    expect(await sendChanges(room, reception)).toBeGreaterThan(0);

    for (const desk of [reception, room]) {
      const profile = await desk.call('patients.get', { id: patient.id });
      expect(profile.phone).toBe('+49307654321');
      expect(profile.email).toBe('ana@example.com');
    }
    expect(dumpOf(room)).toBe(dumpOf(reception));
  });

  it('numbers patients from each workstation\'s own series, and the ids never collide', async () => {
    const { reception, room } = await twoWorkstations();
    const here = await reception.call('patients.create', { firstName: 'Bo', lastName: 'Chen' });
    const there = await room.call('patients.create', { firstName: 'Cy', lastName: 'Dahl' });
    expect(there.id).not.toBe(here.id);
    await sendChanges(reception, room);
    await sendChanges(room, reception);
    const found = await reception.call('patients.search', { q: 'Dahl' });
    expect(found.map((p) => p.number)).toEqual(['R000001']);
    expect((await reception.call('patients.search', { q: 'Chen' })).map((p) => p.number)).toEqual(['P000002']);
    expect(dumpOf(room)).toBe(dumpOf(reception));
  });

  it('applies a file twice, or an old one late, without changing the result', async () => {
    const { reception, room, patient } = await twoWorkstations();
    await reception.call('patients.update', { id: patient.id, patch: { preferredName: 'Annie' } });
    const first = await writeChanges(reception, room);
    reception.clock.advance({ minutes: 5 });
    await reception.call('patients.update', { id: patient.id, patch: { preferredName: 'Nana' } });
    const second = await writeChanges(reception, room);

    // Reception has not heard from the room yet, so its files hold everything since the clinic was set up; the
    // second holds both edits, each with its audit entry.
    const both = await room.call('sync.import', { file: second });
    expect(both).toMatchObject({ applied: 4, from: 'Reception' });
    const late = await room.call('sync.import', { file: first });
    expect(late.applied).toBe(0);
    expect(late.alreadyHad).toBe(late.changes);
    expect((await room.call('patients.get', { id: patient.id })).preferredName).toBe('Nana');
    await sendChanges(room, reception);
    expect(dumpOf(room)).toBe(dumpOf(reception));
  });

  it('refuses a file of another clinic, an edited one and a cut-short one whole, changing nothing', async () => {
    const { reception, room, patient } = await twoWorkstations();
    await reception.call('patients.update', { id: patient.id, patch: { preferredName: 'Annie' } });
    const file = await writeChanges(reception, room);
    const before = dumpOf(room);

    const bytes = readFileSync(file);
    const edited = Buffer.from(bytes);
    edited[edited.length - 40] ^= 0xff;
    writeFileSync(`${file}.edited`, edited);
    writeFileSync(`${file}.cut`, bytes.subarray(0, bytes.length - 100));
    writeFileSync(`${file}.text`, 'firstName,lastName\nAna,Lima\n');

    const stranger = await openTestClinic();
    open.push(stranger);
    await stranger.call('patients.create', { firstName: 'Eve', lastName: 'Other' });
    const foreign = await writeChanges(stranger);

    const refusal = async (path: string) => {
      const error = await room.call('sync.import', { file: path }).then(
        () => null,
        (e: { code: string; message: string; details?: { reason?: string } }) => e,
      );
      return { code: error?.code, reason: error?.details?.reason, message: error?.message };
    };
    expect(await refusal(`${file}.edited`)).toMatchObject({ code: 'invalid_input', reason: 'altered' });
    expect(await refusal(`${file}.cut`)).toMatchObject({ code: 'invalid_input', reason: 'incomplete' });
    expect(await refusal(`${file}.text`)).toMatchObject({ code: 'invalid_input', reason: 'notChangeFile' });
    const other = await refusal(foreign);
    expect(other).toMatchObject({ code: 'invalid_input', reason: 'otherClinic' });
    expect(other.message).toContain('another clinic');
    expect(dumpOf(room)).toBe(before);
  });

  it('refuses every write on a copied database until it is given its own workstation name', async () => {
    const { reception } = await twoWorkstations();
    const { mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dataDir = mkdtempSync(join(tmpdir(), 'lumen-test-'));
    await reception.lumen.registry.exclusive(async () => reception.lumen.runtime.sqlite.exec(`VACUUM INTO '${join(dataDir, 'lumen.sqlite3')}'`));
    const copy = await openTestClinic({ dataDir });
    open.push(copy);
    expect((await copy.call('app.status')).state).toBe('needsWorkstation');
    await expect(copy.call('auth.signIn', { username: 'olivia', password: 'correct horse battery' })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(copy.call('workstations.claim', { name: 'Room 3', seriesPrefix: 'P', username: 'olivia', password: 'correct horse battery' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(copy.call('workstations.claim', { name: 'Room 3', seriesPrefix: 'T', username: 'olivia', password: 'wrong password!!' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await copy.call('workstations.claim', { name: 'Room 3', seriesPrefix: 'T', username: 'olivia', password: 'correct horse battery' });
    expect((await copy.call('app.status')).state).toBe('ready');
  });
});
