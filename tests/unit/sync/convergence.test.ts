import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalDump } from '../../../src-main/sync/index';
import { berlin, openCalendar } from '../scheduling/calendar';
import { OWNER, type TestClinic } from '../../support/clinic';
import { copyAsWorkstation, writeChanges } from '../../support/workstations';

/**
 * Three workstations edit offline and swap change files in random order, with repeats and files lost (whatever a
 * lost file held goes again in a later one). Once every workstation has applied everyone's latest file, all three
 * databases are identical, and each field holds the value of its last edit by the hybrid clock: no edit that
 * should survive is lost.
 */
const EDITABLE = ['preferredName', 'notes', 'emergencyContactName', 'city'] as const;

type Op =
  | { kind: 'create'; ws: number }
  | { kind: 'edit'; ws: number; patient: number; field: (typeof EDITABLE)[number] }
  | { kind: 'archive'; ws: number; patient: number; archived: boolean }
  | { kind: 'merge'; ws: number; keep: number; merge: number }
  | { kind: 'book'; ws: number; patient: number; slot: number }
  | { kind: 'write'; ws: number }
  | { kind: 'deliver'; file: number; to: number }
  | { kind: 'tick'; ws: number; seconds: number };

const ws = fc.integer({ min: 0, max: 2 });
const pick = fc.nat({ max: 1000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), ws }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), ws, patient: pick, field: fc.constantFrom(...EDITABLE) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('archive' as const), ws, patient: pick, archived: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), ws, keep: pick, merge: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('book' as const), ws, patient: pick, slot: fc.integer({ min: 0, max: 15 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('write' as const), ws }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), file: pick, to: ws }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ws, seconds: fc.integer({ min: 0, max: 600 }) }) },
);

const open: TestClinic[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((clinic) => clinic.close()));
});

const ownSeq = (clinic: TestClinic) =>
  clinic.lumen.runtime.sqlite.prepare('SELECT coalesce(max(seq), 0) FROM syncChange WHERE origin = ?').pluck().get(clinic.lumen.runtime.workstation!.identity!.number) as number;

/** The patient fields a workstation wrote since `afterSeq` (edits, and what a merge filled in), with their clock values. */
const patientWrites = (clinic: TestClinic, afterSeq: number) =>
  (
    clinic.lumen.runtime.sqlite
      .prepare("SELECT pk, data, hlc FROM syncChange WHERE origin = ? AND seq > ? AND tbl = 'patient' AND op <> 'delete'")
      .all(clinic.lumen.runtime.workstation!.identity!.number, afterSeq) as { pk: string; data: string; hlc: string }[]
  ).flatMap(({ pk, data, hlc }) => Object.entries(JSON.parse(data) as Record<string, unknown>).map(([field, value]) => ({ key: `${(JSON.parse(pk) as number[])[0]}:${field}`, value, hlc })));

describe('three workstations exchanging change files in any order', () => {
  it('end identical, with every field at its last edit', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 40, maxLength: 120 }), async (ops) => {
        run++;
        const calendar = await openCalendar();
        const reception = calendar.clinic;
        open.push(reception);
        const baseline = [await calendar.patient('Ada', `Base${run}`), await calendar.patient('Bea', `Base${run}`)];
        const desks = [reception, await copyAsWorkstation(reception, 'Room 2', 'R'), await copyAsWorkstation(reception, 'Office', 'O')];
        open.push(desks[1], desks[2]);
        // Each workstation's own clock drifts by its own ticks.
        desks[1].clock.advance({ seconds: 7 });
        desks[2].clock.advance({ seconds: 13 });

        const known: number[][] = desks.map(() => [...baseline]);
        const files: string[] = [];
        const lastWrite = new Map<string, { value: unknown; hlc: string }>();
        let serial = 0;

        for (const step of ops) {
          const desk = desks['ws' in step ? step.ws : step.to];
          const mine = known['ws' in step ? step.ws : step.to];
          desk.clock.advance({ seconds: 1 });
          const seqBefore = ownSeq(desk);
          try {
            switch (step.kind) {
              case 'create':
                mine.push((await desk.call('patients.create', { firstName: `P${++serial}`, lastName: `Run${run}x${serial}` })).id);
                break;
              case 'edit': {
                const patient = mine[step.patient % mine.length];
                const value = `${step.field}-${++serial}`;
                await desk.call('patients.update', { id: patient, patch: step.field === 'city' ? { address: { city: value } } : { [step.field]: value } });
                break;
              }
              case 'archive':
                await desk.call('patients.archive', { id: mine[step.patient % mine.length], archived: step.archived, reason: 'Moved away' });
                break;
              case 'merge': {
                const keep = mine[step.keep % mine.length];
                const merge = mine[step.merge % mine.length];
                if (keep !== merge) await desk.call('patients.merge', { keepId: keep, mergeId: merge });
                break;
              }
              case 'book':
                await desk.call('appointments.book', {
                  patientId: mine[step.patient % mine.length],
                  segments: [{ serviceId: calendar.services.consult, staffId: calendar.ben, startsAt: berlin(`2026-03-1${step.slot % 5}T${String(9 + (step.slot % 7)).padStart(2, '0')}:00`) }],
                  override: { reason: 'Test: booked offline' },
                });
                break;
              case 'write':
                files.push(await writeChanges(desk));
                break;
              case 'deliver':
                if (files.length) {
                  await desk.call('sync.import', { file: files[step.file % files.length] });
                  // What it learnt of, it may now edit too.
                  for (const id of desk.lumen.runtime.sqlite.prepare('SELECT id FROM patient').pluck().all() as number[]) if (!mine.includes(id)) mine.push(id);
                }
                break;
              case 'tick':
                desk.clock.advance({ seconds: step.seconds });
                await desk.call('auth.unlock', { password: OWNER.password }); // a desk left idle locks itself
                break;
            }
          } catch (error) {
            // Refusals a desk would show (a merged record, an archived one, a duplicate) change nothing; anything else is a failure.
            if (!(error && typeof error === 'object' && 'code' in error && ['conflict', 'invalid_transition', 'possible_duplicate', 'not_found'].includes(String(error.code)))) throw error;
          }
          for (const write of patientWrites(desk, seqBefore)) {
            if (!lastWrite.has(write.key) || write.hlc > lastWrite.get(write.key)!.hlc) lastWrite.set(write.key, write);
          }
        }

        // Everyone writes what the others lack and applies everyone's file, twice: a file is written for the
        // workstations its writer has heard from, so the first round introduces those that never sent one.
        for (let round = 0; round < 2; round++) {
          const finals = await Promise.all(desks.map((desk) => writeChanges(desk)));
          for (const [i, desk] of desks.entries()) for (const [j, file] of finals.entries()) if (i !== j) await desk.call('sync.import', { file });
        }

        const dumps = desks.map((desk) => canonicalDump(desk.lumen.runtime.sqlite));
        expect(dumps[1]).toBe(dumps[0]);
        expect(dumps[2]).toBe(dumps[0]);
        for (const [key, winner] of lastWrite) {
          const [id, field] = key.split(':');
          expect(reception.lumen.runtime.sqlite.prepare(`SELECT "${field}" FROM patient WHERE id = ?`).pluck().get(Number(id)), key).toBe(winner.value);
        }
        // Files are sealed: none of them shows a patient's name in clear.
        for (const file of files) expect(readFileSync(file).includes(Buffer.from(`Base${run}`))).toBe(false);
        await Promise.all(open.splice(0).map((clinic) => clinic.close()));
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
