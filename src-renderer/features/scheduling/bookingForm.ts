import type { Resolver } from 'react-hook-form';
import { z } from 'zod';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { scheduling, SegmentInput } from '../../../src-shared/contract/scheduling';
import { contractResolver } from '../../lib/forms';
import type { ChosenPatient } from './PatientChoice';
import { devicesFor, eligibleProviders, roomsFor, type Refs } from './refs';
import { localInstant, MINUTE_MS, minutesOf } from '../../../src-shared/time';

export interface BookingPrefill {
  patient?: ChosenPatient;
  serviceIds?: number[];
  staffId?: number;
  roomId?: number;
  date: string;
  /** Clinic-local "HH:MM". */
  time?: string;
  waitlistEntryId?: number;
}

/** One service of the visit as the form holds it: nothing chosen yet is null. */
export interface SegmentDraft {
  serviceId: number | null;
  staffId: number | null;
  roomId: number | null;
  deviceId: number | null;
  durationMinutes: number;
}

export interface BookingValues {
  patient: ChosenPatient | null;
  date: string;
  time: string;
  segments: SegmentDraft[];
  /** Starts of each service when a "next available" slot was picked (slots may leave gaps between services). */
  slotStarts: string[] | null;
  notes: string;
  repeat: boolean;
  /** Weeks between visits and the number of visits. */
  rule: { every: number; count: number };
  /** Occurrences of the previewed series not to book (checkbox values). */
  skipIndexes: string[];
  waitlistEntryId?: number;
}

/** What submitting the form calls: a repeating visit is a series, any other one booking. */
export type BookingParsed = ParsedInputOf<'appointments.book'> | ParsedInputOf<'series.create'>;

/** A service's row with its defaults: the first eligible provider (or the prefilled one), its usual length. */
export function draftFor(refs: Refs, serviceId: number | null, prefill?: { staffId?: number; roomId?: number }): SegmentDraft {
  const service = refs.services.find((s) => s.id === serviceId);
  const providers = eligibleProviders(refs, serviceId);
  const staffId = prefill?.staffId && providers.some((p) => p.id === prefill.staffId) ? prefill.staffId : providers[0]?.id ?? null;
  const rooms = roomsFor(refs, serviceId);
  const roomId = prefill?.roomId && rooms.some((r) => r.id === prefill.roomId) ? prefill.roomId : null;
  return { serviceId, staffId, roomId, deviceId: devicesFor(refs, serviceId)[0]?.id ?? null, durationMinutes: service?.durationMinutes || 30 };
}

export function bookingDefaults(refs: Refs, prefill: BookingPrefill): BookingValues {
  return {
    patient: prefill.patient ?? null,
    date: prefill.date,
    time: prefill.time ?? '09:00',
    segments: (prefill.serviceIds?.length ? prefill.serviceIds : [refs.services[0]?.id ?? null]).map((id) => draftFor(refs, id, prefill)),
    slotStarts: null,
    notes: '',
    repeat: false,
    rule: { every: 4, count: 6 },
    skipIndexes: [],
    waitlistEntryId: prefill.waitlistEntryId,
  };
}

/** Each service's start: one after another from the chosen time, or where the picked slot put it. */
function startsOf(v: BookingValues, timeZone: string): string[] | null {
  if (!v.date || !/^\d\d:\d\d$/.test(v.time)) return null;
  let at = localInstant(v.date, minutesOf(v.time), timeZone);
  return v.segments.map((s, i) => {
    const startsAt = v.slotStarts?.[i] ?? new Date(at).toISOString();
    at = Date.parse(startsAt) + s.durationMinutes * MINUTE_MS;
    return startsAt;
  });
}

/** The segments as the contract takes them; what is not chosen yet is left out, so the schema names it. */
function segmentInputs(v: BookingValues, timeZone: string) {
  const starts = startsOf(v, timeZone);
  return v.segments.map((s, i) => ({
    serviceId: s.serviceId ?? undefined,
    staffId: s.staffId ?? undefined,
    roomId: s.roomId,
    deviceId: s.deviceId,
    startsAt: starts?.[i],
    durationMinutes: s.durationMinutes,
  }));
}

/** The segments once every service has a provider and a time: what the conflict check and the series preview take. */
export function completeSegments(v: BookingValues, timeZone: string): SegmentInput[] | null {
  const parsed = z.array(SegmentInput).safeParse(segmentInputs(v, timeZone));
  return parsed.success ? parsed.data : null;
}

/**
 * The form is checked by the schema its submit will meet: series.create's when the visit repeats,
 * appointments.book's otherwise (the override reason comes later, from the conflict dialog).
 */
export function bookingResolver(timeZone: string): Resolver<BookingValues, unknown, BookingParsed> {
  const visit = (v: BookingValues) => ({ patientId: v.patient?.id, segments: segmentInputs(v, timeZone), notes: v.notes });
  const book = contractResolver(scheduling['appointments.book'].input, (v: BookingValues) => ({ ...visit(v), waitlistEntryId: v.waitlistEntryId }));
  const series = contractResolver(scheduling['series.create'].input, (v: BookingValues) => ({ ...visit(v), rule: { ...v.rule, unit: 'week' }, skipIndexes: v.skipIndexes.map(Number) }));
  return (values, context, options) => (values.repeat ? series(values, context, options) : book(values, context, options));
}
