import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openChartClinic, tinyPng, type ChartClinic } from './visits';

let setup: ChartClinic;
afterEach(async () => {
  await setup?.clinic.close();
});

const base64 = (bytes: Buffer) => bytes.toString('base64');

describe('before/after photos', () => {
  it('stores a real PNG in the data folder, lists it under its visit’s local date and returns it as a data URL', async () => {
    setup = await openChartClinic();
    const { clinic, patientId } = setup;
    // 23:30 UTC on 2 March is 00:30 on 3 March in Berlin: the visit's date is the clinic's.
    const visit = await setup.book('2026-03-02T23:30:00Z', [setup.services.botox]);
    const png = tinyPng();

    const { id } = await clinic.call('photos.add', { appointmentId: visit, label: 'before', area: 'Forehead', mimeType: 'image/png', dataBase64: base64(png) });

    expect(await clinic.call('photos.list', { patientId })).toEqual([
      { id, patientId, appointmentId: visit, appointmentDate: '2026-03-03', label: 'before', area: 'Forehead', mimeType: 'image/png', sizeBytes: png.length, takenAt: '2026-03-02T08:00:00.000Z' },
    ]);
    expect(await clinic.call('photos.get', { id })).toEqual({ id, dataUrl: `data:image/png;base64,${base64(png)}` });
    const folder = join(clinic.dataDir, 'photos', String(patientId));
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.png$/)]);
    // The row points at the file; the image itself is not in the database.
    expect(clinic.lumen.runtime.sqlite.prepare('SELECT max(length(file)) FROM photo').pluck().get()).toBeLessThan(100);
  });

  it('lists the photos of a merged-away patient under the kept patient, with the visits they were taken at', async () => {
    setup = await openChartClinic();
    const { clinic, patientId } = setup;
    const duplicate = (await clinic.call('patients.create', { firstName: 'Anna', lastName: 'Lima', photoConsent: true, acceptDuplicateOf: patientId })).id;
    const visit = await setup.book('2026-03-02T09:00:00Z', [setup.services.botox], duplicate);
    const { id } = await clinic.call('photos.add', { appointmentId: visit, label: 'before', area: 'Forehead', mimeType: 'image/png', dataBase64: base64(tinyPng()) });

    await clinic.call('patients.merge', { keepId: patientId, mergeId: duplicate });

    expect(await clinic.call('photos.list', { patientId })).toMatchObject([{ id, patientId, appointmentId: visit }]);
    expect(await clinic.call('photos.list', { patientId: duplicate })).toEqual([]);
    expect((await clinic.call('photos.get', { id })).dataUrl).toBe(`data:image/png;base64,${base64(tinyPng())}`);
  });

  it('refuses a photo of a patient who has not consented to photos', async () => {
    setup = await openChartClinic();
    const { clinic, patientId } = setup;
    const visit = await setup.book('2026-03-02T09:00:00Z', [setup.services.botox]);
    await clinic.call('patients.update', { id: patientId, patch: { photoConsent: false } });
    await expect(clinic.call('photos.add', { appointmentId: visit, label: 'before', mimeType: 'image/png', dataBase64: base64(tinyPng()) })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('not consented to photos'),
    });
    expect(await clinic.call('photos.list', { patientId })).toEqual([]);
  });

  it('refuses bytes that are not the declared type, and changes nothing', async () => {
    setup = await openChartClinic();
    const { clinic } = setup;
    const visit = await setup.book('2026-03-02T09:00:00Z', [setup.services.botox]);
    const add = (mimeType: 'image/jpeg' | 'image/png' | 'image/webp', bytes: Buffer) =>
      clinic.call('photos.add', { appointmentId: visit, label: 'after', mimeType, dataBase64: base64(bytes) });

    await expect(add('image/jpeg', tinyPng())).rejects.toMatchObject({ code: 'invalid_input', details: { fieldErrors: { dataBase64: expect.any(Array) } } });
    await expect(add('image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(add('image/webp', Buffer.from('RIFF\0\0\0\0WAVEfmt data'))).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('photos.add', { appointmentId: 9999, label: 'after', mimeType: 'image/png', dataBase64: base64(tinyPng()) })).rejects.toMatchObject({ code: 'not_found' });
    expect(clinic.count('photo')).toBe(0);
    expect(existsSync(join(clinic.dataDir, 'photos'))).toBe(false);

    // What each declared type must start with.
    await add('image/png', tinyPng());
    await add('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1]));
    await add('image/webp', Buffer.from('RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0/\0\0\0\x10', 'latin1'));
    expect(clinic.count('photo')).toBe(3);
  });

  it('stores the same picture once on disk, whichever visit it is attached to', async () => {
    setup = await openChartClinic();
    const { clinic, patientId } = setup;
    const first = await setup.book('2026-03-02T09:00:00Z', [setup.services.botox]);
    const second = await setup.book('2026-03-16T09:00:00Z', [setup.services.botox]);
    const input = { appointmentId: first, label: 'before' as const, area: 'Face', mimeType: 'image/png' as const, dataBase64: base64(tinyPng()) };

    const a = await clinic.call('photos.add', input);
    // A retried upload to the same visit is the same photo.
    expect(await clinic.call('photos.add', input)).toEqual(a);
    const b = await clinic.call('photos.add', { ...input, appointmentId: second, label: 'progress' });

    expect(b.id).not.toBe(a.id);
    expect((await clinic.call('photos.list', { patientId })).map((p) => [p.appointmentId, p.label])).toEqual([
      [second, 'progress'],
      [first, 'before'],
    ]);
    expect(readdirSync(join(clinic.dataDir, 'photos', String(patientId)))).toHaveLength(1);
  });

  it('keeps photos through a backup: a lost file comes back on restore', async () => {
    setup = await openChartClinic();
    const { clinic, patientId } = setup;
    const visit = await setup.book('2026-03-02T09:00:00Z', [setup.services.botox]);
    const { id } = await clinic.call('photos.add', { appointmentId: visit, label: 'before', mimeType: 'image/png', dataBase64: base64(tinyPng(7)) });
    const original = await clinic.call('photos.get', { id });
    const photosCopiedByLastBackup = () =>
      JSON.parse(clinic.lumen.runtime.sqlite.prepare("SELECT details FROM audit WHERE action = 'backup' ORDER BY id DESC").pluck().get() as string).photosCopied;

    await clinic.call('backup.run');
    while ((await clinic.call('backup.status')).running) await new Promise((r) => setTimeout(r, 1));
    const [backup] = await clinic.call('backup.list');
    const [name] = readdirSync(join(clinic.dataDir, 'photos', String(patientId)));
    expect(existsSync(join(clinic.dataDir, 'backups', 'photos', String(patientId), name))).toBe(true);
    expect(photosCopiedByLastBackup()).toBe(1);

    rmSync(join(clinic.dataDir, 'photos'), { recursive: true });
    await expect(clinic.call('photos.get', { id })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('Restore it from a backup') });

    await clinic.call('backup.restore', { file: backup.file });
    expect(await clinic.call('photos.get', { id })).toEqual(original);
    const audit = clinic.lumen.runtime.sqlite.prepare("SELECT details FROM audit WHERE action = 'restore'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ photosRestored: 1, photoProblem: null });

    // The mirror is content-addressed: the next backup copies nothing it already holds.
    await clinic.call('backup.run');
    while ((await clinic.call('backup.status')).running) await new Promise((r) => setTimeout(r, 1));
    expect(photosCopiedByLastBackup()).toBe(0);
  });
});
