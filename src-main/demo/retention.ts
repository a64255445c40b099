import { addCalendarDays, localDate } from '../../src-shared/time';
import type { DemoContext } from './context';

const DAY_MS = 86_400_000;
/** Share of lapsed maintenances the desk called about (the rest slipped through, as they do). */
const CALLED_WHEN_LATE = 0.45;
/** Share of patients overdue today who have been contacted since their due date. */
const CALLED_WHEN_OVERDUE = 0.4;
const LATE_OUTCOMES = ['noAnswer', 'leftMessage', 'notInterested', 'callBack', 'wrongNumber', 'noAnswer', 'leftMessage'] as const;

interface Purchase {
  patientId: number;
  categoryId: number;
  issuedAt: string;
  intervalDays: number;
}

/**
 * Outreach history: for each maintenance a patient came back to late, sometimes a call (or an SMS/email where they
 * consented) a few days after the due date — "booked" when the next purchase followed within a month, so the results
 * report credits it; for maintenances overdue today, a share contacted with mixed outcomes. Reads the sales as
 * written (one pass in patient, category, time order); writes rows with prepared statements.
 */
export function writeOutreach(ctx: DemoContext, deskStaff: number[], timeZone: string): number {
  const { sqlite } = ctx;
  const rng = ctx.random('outreach');
  const today = localDate(ctx.now, timeZone);
  const consents = new Map<number, Set<string>>();
  for (const row of sqlite.prepare("SELECT patientId, channel FROM patientConsent WHERE granted = 1 AND channel IN ('phone', 'sms', 'email')").iterate() as Iterable<{ patientId: number; channel: string }>) {
    if (!consents.has(row.patientId)) consents.set(row.patientId, new Set());
    consents.get(row.patientId)!.add(row.channel);
  }
  const purchases = sqlite.prepare(`
    SELECT i.patientId, s.categoryId, i.issuedAt, c.maintenanceIntervalDays AS intervalDays
    FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id JOIN service s ON s.id = l.serviceId JOIN serviceCategory c ON c.id = s.categoryId
    WHERE i.status = 'issued' AND i.patientId IS NOT NULL AND c.maintenanceIntervalDays IS NOT NULL
    ORDER BY i.patientId, s.categoryId, i.issuedAt`);
  const insertOutreach = sqlite.prepare('INSERT INTO outreach (id, patientId, channel, templateId, outcome, callBackOn, note, staffId, at) VALUES (?, ?, ?, NULL, ?, ?, \'\', ?, ?)');
  const insertAbout = sqlite.prepare('INSERT INTO outreachCategory (outreachId, categoryId, patientId, at) VALUES (?, ?, ?, ?)');
  let id = 0;

  // Written after the read: SQLite cannot insert while a statement of the same connection is still iterating.
  const contacts: [number, number, string, string, string | null, number, string, number][] = [];
  const contact = (p: Purchase, atMs: number, outcome: string) => {
    const at = new Date(atMs).toISOString();
    // Only on a channel the patient consented to (the rule the desk works by); by phone mostly, where they may be phoned.
    const channels = consents.get(p.patientId);
    const messages = [...(channels ?? [])].filter((c) => c !== 'phone');
    const phoned = channels?.has('phone') && (!messages.length || rng.chance(0.75));
    if (!phoned && !messages.length) return;
    const messaged = phoned ? null : rng.pick(messages);
    const callBackOn = phoned && outcome === 'callBack' ? addCalendarDays(localDate(at, timeZone), rng.int(2, 10)) : null;
    contacts.push([++id, p.patientId, messaged ?? 'phone', messaged ? 'sent' : outcome, callBackOn, rng.pick(deskStaff), at, p.categoryId]);
  };
  /** A contact a few days after the due date, at a desk hour. */
  const afterDue = (p: Purchase, days: number) => Date.parse(p.issuedAt) + (p.intervalDays + days) * DAY_MS;

  let previous: Purchase | undefined;
  const settle = (p: Purchase, next: Purchase | undefined) => {
    if (next) {
      const gapDays = (Date.parse(next.issuedAt) - Date.parse(p.issuedAt)) / DAY_MS;
      if (gapDays > p.intervalDays + 10 && rng.chance(CALLED_WHEN_LATE)) {
        const callMs = Math.min(afterDue(p, rng.int(3, 20)), Date.parse(next.issuedAt) - DAY_MS);
        const bookedSoon = Date.parse(next.issuedAt) - callMs < 30 * DAY_MS;
        contact(p, callMs, bookedSoon ? 'booked' : rng.pick(LATE_OUTCOMES));
      }
    } else if (addCalendarDays(localDate(p.issuedAt, timeZone), p.intervalDays) < today && rng.chance(CALLED_WHEN_OVERDUE)) {
      const callMs = afterDue(p, rng.int(3, 60));
      if (callMs < ctx.now.getTime()) contact(p, callMs, rng.pick(LATE_OUTCOMES));
    }
  };
  for (const p of purchases.iterate() as Iterable<Purchase>) {
    if (previous) settle(previous, previous.patientId === p.patientId && previous.categoryId === p.categoryId ? p : undefined);
    previous = p;
  }
  if (previous) settle(previous, undefined);
  for (const [outreachId, patientId, channel, outcome, callBackOn, staffId, at, categoryId] of contacts) {
    insertOutreach.run(outreachId, patientId, channel, outcome, callBackOn, staffId, at);
    insertAbout.run(outreachId, categoryId, patientId, at);
  }
  return contacts.length;
}
