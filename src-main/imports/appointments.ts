import { fold } from '../../src-shared/text';
import { localInstant, minutesOf } from '../../src-shared/time';
import type { HandlerContext } from '../core/registry';
import type { AppointmentTable } from '../core/schema-calendar';
import type { Writer } from './write';
import type { RowValues } from './values';

type Status = Extract<AppointmentTable['status'], 'booked' | 'completed' | 'noShow' | 'cancelled'>;

export interface ImportedVisit {
  startsAt: string;
  endsAt: string;
  serviceId: number;
  priceCents: number;
  staffId: number;
  status: Status;
  notes: string;
}

/** How old systems write a visit's outcome (Mindbody "Completed", Zenoti "Closed", Jane "Arrived", "DNA"…). */
const STATUS_WORDS: [RegExp, Status][] = [
  [/no[\s-]?show|missed|did not (arrive|attend)|^dna$/i, 'noShow'],
  [/cancel|deleted|late cancel/i, 'cancelled'],
  [/complet|closed|checked[\s-]?out|arrived|attended|done|finished|paid|show(ed)?$/i, 'completed'],
  [/book|confirm|schedul|pending|request|open|upcoming/i, 'booked'],
];

/** Services and staff by folded name, read once per call. */
export class VisitLookups {
  private services: Map<string, { id: number; durationMinutes: number; priceCents: number }> | null = null;
  private staff: Map<string, number> | null = null;

  constructor(private readonly ctx: HandlerContext) {}

  service(name: string) {
    this.services ??= new Map(this.ctx.sqlite.prepare('SELECT id, name, durationMinutes, priceCents FROM service').all().map((s) => [fold((s as { name: string }).name), s as { id: number; durationMinutes: number; priceCents: number }]));
    return this.services.get(fold(name));
  }

  provider(name: string): number | undefined {
    if (!this.staff) {
      const rows = this.ctx.sqlite.prepare('SELECT id, displayName, username FROM staff').all() as { id: number; displayName: string; username: string }[];
      this.staff = new Map(rows.flatMap((s) => [[fold(s.username), s.id] as const, [fold(s.displayName), s.id] as const]));
    }
    return this.staff.get(fold(name));
  }
}

/**
 * A row as a visit: clinic-local date and time turned into instants in the clinic's zone (right across DST), the end
 * from an end time, else the duration, else the service's; the service and provider by name (a visit needs both:
 * unknown names are problems, never guessed). No status: past visits are completed, visits to come are booked.
 */
export function visitOf(ctx: HandlerContext, lookups: VisitLookups, v: RowValues): ImportedVisit | { problems: string[] } {
  const problems: string[] = [];
  const start = v.dateTime('start');
  const time = v.text('startTime') ?? start?.time ?? null;
  if (!start) problems.push('The date is empty.');
  else if (!time) problems.push('The start time is empty.');
  const serviceName = v.text('service');
  const service = serviceName ? lookups.service(serviceName) : undefined;
  if (!serviceName) problems.push('The service is empty.');
  else if (!service) problems.push(`No service named “${serviceName}” (add it to the catalogue, or correct the name).`);
  const providerName = v.text('provider');
  const staffId = providerName ? lookups.provider(providerName) : undefined;
  if (!providerName) problems.push('The provider is empty.');
  else if (staffId === undefined) problems.push(`No staff member named “${providerName}”.`);
  const statusText = v.text('status');
  const status = statusText ? STATUS_WORDS.find(([pattern]) => pattern.test(statusText))?.[1] : undefined;
  if (statusText && !status) problems.push(`Status “${statusText}” is not completed, no-show, cancelled or booked.`);
  if (problems.length || !start || !time || !service || staffId === undefined) return { problems };

  const { timeZone } = ctx.clinic();
  const startMinutes = minutesOf(time);
  const startsAt = localInstant(start.date, startMinutes, timeZone);
  const endTime = v.text('endTime');
  const endMinutes = endTime ? minutesOf(endTime) : startMinutes + (v.number('durationMinutes') ?? service.durationMinutes);
  if (endMinutes <= startMinutes) return { problems: ['The visit ends before it starts.'] };
  const endsAt = localInstant(start.date, endMinutes, timeZone);
  return {
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    serviceId: service.id,
    priceCents: service.priceCents,
    staffId,
    status: status ?? (startsAt < ctx.now.getTime() ? 'completed' : 'booked'),
    notes: v.text('notes') ?? '',
  };
}

/** Writes a planned row's visit (the plan skipped rows with problems, in this same transaction). */
export async function importVisit(w: Writer, lookups: VisitLookups, patientId: number, v: RowValues): Promise<void> {
  const visit = visitOf(w.ctx, lookups, v);
  if ('problems' in visit) throw new Error(`A planned visit has problems: ${visit.problems.join(' ')}`);
  await insertVisit(w, patientId, visit);
}

/**
 * Writes the visit and its one segment as history: no conflict check (the old calendar held it), no reminders. A
 * cancelled or no-show visit's segment is not live, so it blocks no one's time.
 */
async function insertVisit(w: Writer, patientId: number, visit: ImportedVisit): Promise<void> {
  const { ctx } = w;
  const at = ctx.now.toISOString();
  const id = ctx.newId('appointment');
  const cancelled = visit.status === 'cancelled';
  await ctx.db
    .insertInto('appointment')
    .values({
      id,
      patientId,
      status: visit.status,
      visitType: 'return',
      startsAt: visit.startsAt,
      endsAt: visit.endsAt,
      notes: visit.notes,
      seriesId: null,
      seriesIndex: null,
      cancelReason: cancelled ? 'Imported as cancelled' : null,
      cancelledAt: cancelled ? at : null,
      lateCancel: 0,
      overrideReason: null,
      createdBy: ctx.session?.staffId ?? null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  w.journal.created('appointment', { id });
  const segmentId = ctx.newId('appointmentService');
  await ctx.db
    .insertInto('appointmentService')
    .values({ id: segmentId, appointmentId: id, position: 0, serviceId: visit.serviceId, staffId: visit.staffId, roomId: null, deviceId: null, startsAt: visit.startsAt, endsAt: visit.endsAt, priceCents: visit.priceCents, live: visit.status === 'cancelled' || visit.status === 'noShow' ? 0 : 1 })
    .execute();
  w.journal.created('appointmentService', { id: segmentId });
}
