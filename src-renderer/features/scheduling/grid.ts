import type { Appointment, Block, DayView } from '../../../src-shared/contract/scheduling';
import { hhmm, localInstant, MINUTE_MS, wallMinutes } from '../../../src-shared/time';
import { clockLabel, dayLabel } from './time';

/** One appointment's part in one column (its segments for that provider or room, as one card). */
export interface Card {
  appt: Appointment;
  segmentIndexes: number[];
  start: number;
  end: number;
  lane: number;
  lanes: number;
}

export interface GridColumn {
  key: string;
  type: 'staff' | 'room';
  id: number;
  label: string;
  color: string;
  date: string;
  available: { start: number; end: number }[];
  cards: Card[];
  blocks: Block[];
  /** Minutes on this column's axis: elapsed since the local midnight (day view, so a 25-hour day has 25 hours) or wall-clock (week view). */
  toMin(instant: number): number;
  toInstant(minute: number): number;
  /** Length of the column's day on its axis. */
  length: number;
}

function cardsFor(appointments: Appointment[], type: 'staff' | 'room', id: number): Card[] {
  const cards: Card[] = [];
  for (const appt of appointments) {
    if (appt.status === 'cancelled') continue;
    const idx = appt.segments.flatMap((s, i) => ((type === 'staff' ? s.staffId : s.roomId) === id ? [i] : []));
    if (!idx.length) continue;
    const start = Math.min(...idx.map((i) => Date.parse(appt.segments[i].startsAt)));
    const end = Math.max(...idx.map((i) => Date.parse(appt.segments[i].endsAt)));
    cards.push({ appt, segmentIndexes: idx, start, end, lane: 0, lanes: 1 });
  }
  // Overlapping cards (double bookings) sit side by side: greedy lanes per cluster.
  cards.sort((a, b) => a.start - b.start || b.end - a.end);
  let cluster: Card[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((c) => c.lane + 1));
    for (const c of cluster) c.lanes = lanes;
  };
  for (const card of cards) {
    if (card.start >= clusterEnd) {
      close();
      cluster = [];
    }
    const laneEnds = new Map<number, number>();
    for (const c of cluster) laneEnds.set(c.lane, Math.max(laneEnds.get(c.lane) ?? 0, c.end));
    let lane = 0;
    while ((laneEnds.get(lane) ?? -Infinity) > card.start) lane++;
    card.lane = lane;
    cluster.push(card);
    clusterEnd = Math.max(clusterEnd, card.end);
  }
  close();
  return cards;
}

function blocksFor(blocks: Block[], type: 'staff' | 'room', id: number): Block[] {
  return blocks.filter((b) => (b.staffId === null && b.roomId === null && b.deviceId === null) || (type === 'staff' ? b.staffId === id : b.roomId === id));
}

/** Day view: one column per provider or room; the axis is elapsed time so DST days have 23 or 25 hours of rows. */
export function dayColumns(view: DayView): GridColumn[] {
  const dayStart = Date.parse(view.startsAt);
  const length = Math.round((Date.parse(view.endsAt) - dayStart) / MINUTE_MS);
  return view.columns.map((c) => ({
    key: `${c.type}-${c.id}`,
    type: c.type,
    id: c.id,
    label: c.name,
    color: c.color,
    date: view.date,
    available: c.available.map((a) => ({ start: Date.parse(a.startsAt), end: Date.parse(a.endsAt) })),
    cards: cardsFor(view.appointments, c.type, c.id),
    blocks: blocksFor(view.blocks, c.type, c.id),
    toMin: (t) => (t - dayStart) / MINUTE_MS,
    toInstant: (m) => dayStart + m * MINUTE_MS,
    length,
  }));
}

/** Week view: one column per day for one provider, on the wall clock so 09:00 lines up across a DST change. */
export function weekColumns(days: DayView[], staffId: number): GridColumn[] {
  return days.map((view) => {
    const c = view.columns.find((col) => col.type === 'staff' && col.id === staffId);
    const tz = view.timeZone;
    const dayStart = Date.parse(view.startsAt);
    return {
      key: `day-${view.date}`,
      type: 'staff' as const,
      id: staffId,
      label: dayLabel(view.date),
      color: c?.color ?? '#94a3b8',
      date: view.date,
      available: (c?.available ?? []).map((a) => ({ start: Date.parse(a.startsAt), end: Date.parse(a.endsAt) })),
      cards: cardsFor(view.appointments, 'staff', staffId),
      blocks: blocksFor(view.blocks, 'staff', staffId),
      // Instants after midnight of the next day (a card running past 24:00) keep counting up.
      toMin: (t) => (t >= Date.parse(view.endsAt) ? 1440 + (t - Date.parse(view.endsAt)) / MINUTE_MS : t <= dayStart ? 0 : wallMinutes(t, tz)),
      toInstant: (m) => localInstant(view.date, Math.min(m, 1439), tz) + Math.max(0, m - 1439) * MINUTE_MS,
      length: 1440,
    };
  });
}

/** The part of the day worth showing: from the first hour anything happens to the last, else 08:00–18:00. */
export function visibleRange(columns: GridColumn[]): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const col of columns) {
    const spans = [...col.available, ...col.cards, ...col.blocks.map((b) => ({ start: Date.parse(b.startsAt), end: Date.parse(b.endsAt) }))];
    for (const s of spans) {
      lo = Math.min(lo, Math.max(0, col.toMin(s.start)));
      hi = Math.max(hi, Math.min(col.length, col.toMin(s.end)));
    }
  }
  if (!Number.isFinite(lo) || hi - lo < 60) return { lo: 8 * 60, hi: 18 * 60 };
  // An hour either side, so booking just outside hours (with an override) is one click away.
  return { lo: Math.max(0, Math.floor(lo / 60) * 60 - 60), hi: Math.min(Math.ceil(hi / 60) * 60 + 60, columns[0]?.length ?? 1440) };
}

/** The label of a row: the clinic-local clock at that minute (day view) or the wall-clock minute (week view). */
export function rowLabel(mode: 'day' | 'week', col: GridColumn | undefined, minute: number, timeZone: string): string {
  if (mode === 'week' || !col) return hhmm(minute % 1440);
  return clockLabel(col.toInstant(minute), timeZone);
}

export function pxPerMinute(slotMinutes: number): number {
  return slotMinutes <= 5 ? 2.4 : slotMinutes <= 10 ? 2 : 1.6;
}
