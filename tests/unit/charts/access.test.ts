import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { note, openChartClinic, tinyPng, type ChartClinic } from './visits';

let setup: ChartClinic;
afterEach(async () => {
  await setup?.clinic.close();
});

/** A signed note, a draft note and a photo for one patient, written by the owner. */
async function chartedPatient(s: ChartClinic) {
  const visit = await s.book('2026-03-02T09:00:00Z', [s.services.botox]);
  const signed = await s.clinic.call('charts.saveDraft', { appointmentId: visit, content: note() });
  await s.clinic.call('charts.sign', { chartId: signed.id });
  const later = await s.book('2026-03-16T09:00:00Z', [s.services.botox]);
  const draft = await s.clinic.call('charts.saveDraft', { appointmentId: later, content: note() });
  const photo = await s.clinic.call('photos.add', { appointmentId: visit, label: 'before', mimeType: 'image/png', dataBase64: tinyPng().toString('base64') });
  return { visit, later, signed: signed.id, draft: draft.id, photo: photo.id };
}

function snapshot(s: ChartClinic) {
  const sqlite = s.clinic.lumen.runtime.sqlite;
  return {
    charts: sqlite.prepare('SELECT * FROM chart ORDER BY id').all(),
    photos: sqlite.prepare('SELECT * FROM photo ORDER BY id').all(),
    lots: sqlite.prepare('SELECT * FROM productLot').all(),
    files: readdirSync(join(s.clinic.dataDir, 'photos', String(s.patientId))),
  };
}

describe('who may read and write visit notes and photos', () => {
  it('refuses front desk every chart and photo method, and the refusal changes nothing', async () => {
    setup = await openChartClinic();
    const ids = await chartedPatient(setup);
    const frontDesk = await setup.clinic.as('frontDesk', 'fiona');
    const before = snapshot(setup);
    const attempts: [string, unknown][] = [
      ['charts.forAppointment', { appointmentId: ids.visit }],
      ['charts.forPatient', { patientId: setup.patientId }],
      ['charts.saveDraft', { appointmentId: ids.later, chartId: ids.draft, content: note({ plan: 'front desk edit' }) }],
      ['charts.sign', { chartId: ids.draft }],
      ['charts.amend', { chartId: ids.signed, content: note({ plan: 'front desk edit' }), reason: 'front desk' }],
      ['charts.lots', {}],
      ['photos.add', { appointmentId: ids.visit, label: 'after', mimeType: 'image/png', dataBase64: tinyPng(9).toString('base64') }],
      ['photos.list', { patientId: setup.patientId }],
      ['photos.get', { id: ids.photo }],
    ];

    for (const [name, input] of attempts) {
      await expect(setup.clinic.lumen.registry.call(name, input, frontDesk.conn), name).rejects.toMatchObject({ code: 'forbidden' });
    }

    expect(snapshot(setup)).toEqual(before);
    const denied = setup.clinic.lumen.runtime.sqlite.prepare("SELECT entityId FROM audit WHERE action = 'denied' AND staffName = 'frontDesk 1' ORDER BY id").pluck().all();
    expect(denied).toEqual(attempts.map(([name]) => name));
    // Nothing clinical was viewed on front desk's behalf.
    expect(setup.clinic.lumen.runtime.sqlite.prepare("SELECT count(*) FROM audit WHERE action = 'view' AND staffName = 'frontDesk 1'").pluck().get()).toBe(0);
  });

  it('audits every view of a note or photo, and shows its details only to clinical staff', async () => {
    setup = await openChartClinic();
    const ids = await chartedPatient(setup);
    const practitioner = await setup.clinic.as('practitioner', 'petra');
    const manager = await setup.clinic.as('manager', 'mona');

    await practitioner.call('charts.forAppointment', { appointmentId: ids.visit });
    await practitioner.call('charts.forPatient', { patientId: setup.patientId });
    await practitioner.call('photos.get', { id: ids.photo });

    const views = (await setup.clinic.call('audit.list', { action: 'view', staffId: practitioner.conn.session!.staffId })).reverse();
    expect(views.map((v) => [v.entity, v.entityId, v.summary])).toEqual([
      ['patientClinical', String(setup.patientId), expect.stringContaining(`appointment ${ids.visit}`)],
      ['patientClinical', String(setup.patientId), expect.stringContaining('visit notes')],
      ['patientClinical', String(setup.patientId), expect.stringContaining('before photo')],
    ]);
    expect(views[0].details).toEqual({ appointmentId: ids.visit, chartIds: [ids.signed] });

    // The changes (draft, sign, photo) are audited under the same entity, with their content for clinical staff only.
    const ownerView = await setup.clinic.call('audit.list', { entity: 'patientClinical' });
    const signing = ownerView.find((r) => r.summary.startsWith('Signed'))!;
    expect(signing.details).toMatchObject({ chartId: ids.signed, content: { injections: [expect.objectContaining({ lot: 'C1234A' })] } });
    const managerView = await manager.call('audit.list', { entity: 'patientClinical' });
    expect(managerView.map((r) => r.summary)).toEqual(ownerView.map((r) => r.summary));
    expect(managerView.every((r) => JSON.stringify(r.details).includes('redacted'))).toBe(true);
    expect(JSON.stringify(managerView)).not.toContain('C1234A');
    // A manager is not clinical staff: the notes themselves are refused too.
    await expect(manager.call('charts.forPatient', { patientId: setup.patientId })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
