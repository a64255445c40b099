import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/core/audit';
import { canonicalDump } from '../../../src-main/sync/index';
import { berlin, openCalendar } from '../scheduling/calendar';
import { OWNER, type TestClinic } from '../../support/clinic';
import { copyAsWorkstation, sendChanges } from '../../support/workstations';

const open: TestClinic[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((clinic) => clinic.close()));
});

async function pair() {
  const calendar = await openCalendar();
  const reception = calendar.clinic;
  open.push(reception);
  const ana = await calendar.patient('Ana', 'Lima');
  const bo = await calendar.patient('Bo', 'Chen');
  const room = await copyAsWorkstation(reception, 'Room 2', 'R');
  open.push(room);
  room.clock.advance({ seconds: 30 });
  return { calendar, reception, room, ana, bo };
}

async function exchange(a: TestClinic, b: TestClinic) {
  await sendChanges(a, b);
  await sendChanges(b, a);
  expect(canonicalDump(b.lumen.runtime.sqlite)).toBe(canonicalDump(a.lumen.runtime.sqlite));
}

const clinicalRecord = (medicalHistory: string, allergies: { substance: string; reaction: string; severity: 'mild' }[] = []) => ({
  allergies,
  medications: [],
  medicalHistory,
  contraindications: [],
  expectationsNote: '',
});

describe('what sync merges by rule and lists for review', () => {
  it('two edits of the same clinical field: the later stands on both, the other is listed with both values', async () => {
    const { reception, room, ana } = await pair();
    await reception.call('clinical.update', { patientId: ana, ...clinicalRecord('Migraine', [{ substance: 'Latex', reaction: 'Rash', severity: 'mild' }]) });
    await room.call('clinical.update', { patientId: ana, ...clinicalRecord('Asthma') });
    await exchange(reception, room);

    for (const desk of [reception, room]) {
      expect((await desk.call('clinical.get', { patientId: ana })).medicalHistory).toBe('Asthma');
      const conflicts = await desk.call('sync.conflicts', {});
      const clinical = conflicts.filter((c) => c.kind === 'clinicalEdit');
      expect(clinical.map((c) => (c.details as { field: string }).field)).toContain('medicalHistory');
      const history = clinical.find((c) => (c.details as { field: string }).field === 'medicalHistory')!;
      expect(history.details).toMatchObject({ kept: { value: 'Asthma', workstation: 'Room 2' }, setAside: { value: 'Migraine', workstation: 'Reception' } });
    }
    // A manager reviews conflicts but may not read clinical values.
    const manager = await reception.as('manager');
    const seen = await manager.call('sync.conflicts', {});
    expect(JSON.stringify(seen)).not.toContain('Migraine');
  });

  it('two visits booked offline for the same provider at the same time are both kept and listed', async () => {
    const { calendar, reception, room, ana, bo } = await pair();
    const at = berlin('2026-03-03T10:00');
    const segment = { serviceId: calendar.services.consult, staffId: calendar.ben, startsAt: at };
    await reception.call('appointments.book', { patientId: ana, segments: [segment] });
    await room.call('appointments.book', { patientId: bo, segments: [segment] });
    await exchange(reception, room);

    for (const desk of [reception, room]) {
      const day = await desk.call('appointments.day', { date: '2026-03-03' });
      expect(day.appointments.filter((a) => a.startsAt === at)).toHaveLength(2);
      const double = (await desk.call('sync.conflicts', {})).filter((c) => c.kind === 'doubleBooking');
      expect(double).toHaveLength(1);
      expect(double[0].summary).toContain('provider');
    }
  });

  it('a patient merged on one workstation and edited on the other: the merge stands, the edit is kept and listed', async () => {
    const { reception, room, ana, bo } = await pair();
    await reception.call('patients.merge', { keepId: ana, mergeId: bo });
    await room.call('patients.update', { id: bo, patch: { notes: 'Prefers mornings' } });
    await exchange(reception, room);

    for (const desk of [reception, room]) {
      const merged = await desk.call('patients.get', { id: bo });
      expect(merged.mergedInto).toBe(ana);
      expect(merged.notes).toBe('Prefers mornings');
      const listed = (await desk.call('sync.conflicts', {})).filter((c) => c.kind === 'mergedPatientEdited');
      expect(listed).toHaveLength(1);
      expect(listed[0].summary).toContain('notes');
    }
  });

  it('two tags with the same name made offline both survive, the later renamed after its workstation', async () => {
    const { reception, room } = await pair();
    await reception.call('tags.save', { name: 'VIP', color: '#aa3366' });
    await room.call('tags.save', { name: 'VIP', color: '#3366aa' });
    await exchange(reception, room);
    for (const desk of [reception, room]) {
      expect((await desk.call('tags.list', {})).map((t) => t.name).sort()).toEqual(['VIP', 'VIP (Room 2)']);
      expect((await desk.call('sync.conflicts', {})).filter((c) => c.kind === 'duplicateName')).toHaveLength(1);
    }
  });

  it('warns when another workstation\'s clock runs far ahead', async () => {
    const { reception, room, ana } = await pair();
    room.clock.advance({ hours: 2 });
    await room.call('auth.unlock', { password: OWNER.password });
    await room.call('patients.update', { id: ana, patch: { notes: 'From the future' } });
    await sendChanges(room, reception);
    const status = await reception.call('workstations.status', {});
    expect(status.clockWarning).toContain("Room 2's clock is 2 hours ahead");
    expect(status.others.find((w) => w.name === 'Room 2')!.clockAheadMs).toBeGreaterThan(60 * 60_000);
    // The computer whose clock is wrong hears it from the next file the others send it, on every screen.
    await sendChanges(reception, room);
    expect((await room.call('app.status')).clockWarning).toContain("This computer's clock is 2 hours ahead of Reception's");
  });

  it('keeps every workstation\'s audit chain verifiable after the exchange, and reviewed conflicts leave the list', async () => {
    const { reception, room, ana } = await pair();
    await reception.call('patients.update', { id: ana, patch: { notes: 'A' } });
    await room.call('patients.update', { id: ana, patch: { notes: 'B' } });
    await room.call('tags.save', { name: 'Gold', color: '#aa9900' });
    await reception.call('tags.save', { name: 'Gold', color: '#aa9900' });
    await exchange(reception, room);
    for (const desk of [reception, room]) expect(verifyAuditChain(desk.lumen.runtime.sqlite)).toMatchObject({ ok: true });
    const [conflict] = await reception.call('sync.conflicts', {});
    await reception.call('sync.reviewConflict', { id: conflict.id });
    expect((await reception.call('sync.conflicts', {})).map((c) => c.id)).not.toContain(conflict.id);
    expect((await reception.call('sync.conflicts', { includeReviewed: true })).map((c) => c.id)).toContain(conflict.id);
  });
});
