import { isoOf } from '../../src-shared/time';
import { DAY_MS } from './calendar';
import type { DemoCatalog } from './catalog';
import type { DemoStaffIds } from './clinic';
import type { DemoContext } from './context';
import type { Practitioner } from './team';

/** A few patients waiting for an earlier slot, and some entries already booked or taken off. */
export function writeWaitlist(ctx: DemoContext, staff: DemoStaffIds, catalog: DemoCatalog, team: readonly Practitioner[]): number {
  const { sqlite } = ctx;
  const rng = ctx.random('waitlist');
  const patientIds = sqlite.prepare('SELECT id FROM patient WHERE archivedAt IS NULL ORDER BY id DESC LIMIT 2000').pluck().all() as number[];
  const treatments = catalog.services.filter((s) => s.kind === 'treatment');
  const insert = sqlite.prepare(
    `INSERT INTO waitlistEntry (patientId, serviceIds, staffIds, weekdays, timeFrom, timeTo, earliestDate, latestDate, notes, status, createdBy, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const count = Math.min(patientIds.length, 25);
  const nowMs = ctx.now.getTime();
  for (const patientId of rng.sample(patientIds, count)) {
    const service = rng.pick(treatments);
    const providers = team.filter((p) => p.active && service.providers.includes(p.title));
    const staffIds = providers.length && rng.chance(0.5) ? [rng.pick(providers).id] : [];
    const weekdays = rng.chance(0.5) ? [1, 2, 3, 4, 5, 6] : rng.sample([1, 2, 3, 4, 5, 6], rng.int(1, 3)).sort();
    const [timeFrom, timeTo] = rng.pick([['09:00', '12:00'], ['12:00', '17:00'], ['17:00', '21:00'], ['09:00', '21:00']] as const);
    const createdMs = nowMs - rng.int(1, 30) * DAY_MS;
    const status = rng.weighted([['waiting', 18], ['booked', 4], ['removed', 3]] as const);
    const latest = rng.chance(0.4) ? isoOf(nowMs + rng.int(7, 45) * DAY_MS).slice(0, 10) : null;
    insert.run(
      patientId, JSON.stringify([service.id]), JSON.stringify(staffIds), JSON.stringify(weekdays), timeFrom, timeTo, null, latest,
      rng.chance(0.3) ? 'Call first, can come on short notice' : '', status, rng.pick(staff.frontDesk), isoOf(createdMs),
      isoOf(status === 'waiting' ? createdMs : createdMs + rng.int(1, 20) * 3_600_000),
    );
  }
  return count;
}
