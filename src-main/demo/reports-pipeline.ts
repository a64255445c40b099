import { addCalendarMonths } from '../../src-shared/time';
import type { DemoContext } from './context';

/** Consults of the last 120 days; about a third of those patients left with a quote not yet bought. */
const QUOTE_LOOKBACK_DAYS = 120;
const QUOTE_SHARE = 0.35;

/**
 * What the pipeline reports need beyond the calendar and sales: the people each referral source reached per month
 * (the cascade's awareness, as a manager would have entered it), the projection's settings with month targets for the
 * months ahead, and quotes on the table (draft invoices of patients after a consult).
 */
export function writePipelineDemo(ctx: DemoContext): void {
  const { sqlite, nowIso } = ctx;
  const random = ctx.random('reports-pipeline');
  const sources = sqlite.prepare('SELECT id, channel FROM referralSource').all() as { id: number; channel: string }[];
  const insertAwareness = sqlite.prepare('INSERT INTO awarenessEntry (id, month, referralSourceId, reached, updatedAt) VALUES (?, ?, ?, ?, ?)');
  let awarenessId = 0;
  const lastMonth = nowIso.slice(0, 7);
  for (let day = ctx.historyStart.toISOString().slice(0, 8) + '01'; day.slice(0, 7) <= lastMonth; day = addCalendarMonths(day, 1)) {
    for (const source of sources) {
      // Referrals and walk-ins reach people no one counts: not measured.
      if (source.channel === 'referral' || source.channel === 'walk-in') continue;
      insertAwareness.run(++awarenessId, day.slice(0, 7), source.id, random.int(300, 4_000), nowIso);
    }
  }

  const weekly = sqlite.prepare('SELECT weeklySalesTargetCents FROM clinic').pluck().get() as number | undefined;
  sqlite.prepare('INSERT INTO pipelineSettings (id, openLeadDays, stallDays, updatedAt) VALUES (1, 90, 14, ?)').run(nowIso);
  const insertTarget = sqlite.prepare('INSERT INTO monthlySalesTarget (id, month, targetCents, updatedAt) VALUES (?, ?, ?, ?)');
  for (let m = 0; m < 3; m++) insertTarget.run(m + 1, addCalendarMonths(`${lastMonth}-01`, m).slice(0, 7), Math.round(((weekly ?? 0) * 30) / 7 / 100) * 110, nowIso);

  writeQuotes(ctx, random);
}

function writeQuotes(ctx: DemoContext, random: ReturnType<DemoContext['random']>): void {
  const { sqlite, nowIso } = ctx;
  const since = new Date(ctx.now.getTime() - QUOTE_LOOKBACK_DAYS * 86_400_000).toISOString();
  const consults = sqlite
    .prepare(
      `SELECT a.patientId, a.startsAt, x.staffId FROM appointment a JOIN appointmentService x ON x.appointmentId = a.id JOIN service s ON s.id = x.serviceId
       WHERE a.startsAt >= ? AND a.startsAt < ? AND a.status IN ('completed', 'checkedOut') AND s.kind = 'consult' ORDER BY a.startsAt`,
    )
    .all(since, nowIso) as { patientId: number; startsAt: string; staffId: number }[];
  const treatments = sqlite.prepare("SELECT id, name, priceCents FROM service WHERE kind = 'treatment' AND active = 1 AND priceCents > 0").all() as { id: number; name: string; priceCents: number }[];
  if (treatments.length === 0) return;
  let invoiceId = sqlite.prepare('SELECT coalesce(max(id), 0) FROM invoice').pluck().get() as number;
  let lineId = sqlite.prepare('SELECT coalesce(max(id), 0) FROM invoiceLine').pluck().get() as number;
  const insertInvoice = sqlite.prepare(
    `INSERT INTO invoice (id, number, patientId, appointmentId, status, pricesIncludeTax, taxRounding, grossCents, discountCents, netCents, taxCents, totalCents, createdBy, createdAt, updatedAt)
     VALUES (?, NULL, ?, NULL, 'draft', 0, 'line', ?, 0, ?, 0, ?, ?, ?, ?)`,
  );
  const insertLine = sqlite.prepare(
    `INSERT INTO invoiceLine (id, invoiceId, position, serviceId, description, staffId, quantity, unitPriceCents, taxRateMillipercent, grossCents, discountCents, netCents, taxCents, totalCents)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, 0, ?, 0, ?, 0, ?)`,
  );
  for (const consult of consults) {
    if (!random.chance(QUOTE_SHARE)) continue;
    const quoted = random.sample(treatments, random.int(1, 2));
    const value = quoted.reduce((sum, s) => sum + s.priceCents, 0);
    // Written up at the end of the consult.
    const at = new Date(Date.parse(consult.startsAt) + 30 * 60_000).toISOString();
    insertInvoice.run(++invoiceId, consult.patientId, value, value, value, consult.staffId, at, at);
    quoted.forEach((s, i) => insertLine.run(++lineId, invoiceId, i + 1, s.id, s.name, consult.staffId, s.priceCents, s.priceCents, s.priceCents, s.priceCents));
  }
}
