import type { ParsedSegmentQuery, SegmentSettings, segmentSorts } from '../../src-shared/contract/segments';
import { addCalendarDays, addCalendarMonths, startOfLocalDay } from '../../src-shared/time';
import { rfmRules } from './formulas';

/**
 * The universal search compiled to ONE parameterised SQL query over the patient and the purchase projection
 * (patientPurchase, patientCategoryPurchase; retention's triggers keep them exact). Values are only ever bound as named
 * parameters — lists as one JSON array read by json_each — so the text depends on which fields a query uses, never on
 * what was typed, and each shape is prepared once (`cached`). The bench times the same text as its raw-SQL floor.
 */

/** What a compiled query needs to know about "now": the clinic-local day and the zone. */
export interface Today {
  date: string;
  timeZone: string;
}

export interface CompiledSegment {
  /** FROM … WHERE …, without SELECT. */
  body: string;
  params: Record<string, unknown>;
}

class Binder {
  readonly params: Record<string, unknown> = {};
  private next = 0;
  /** A value as a fresh named parameter. */
  bind(value: unknown): string {
    const name = `v${++this.next}`;
    this.params[name] = value;
    return `@${name}`;
  }
  /** A list as one parameter, for `x IN ${list(...)}`. */
  list(values: readonly unknown[]): string {
    return `(SELECT value FROM json_each(${this.bind(JSON.stringify(values))}))`;
  }
}

/** An issued invoice line of the patient (`key`) not refunded whole by credit notes. */
const liveLine = (key: string) => `FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id
      WHERE i.patientId = ${key} AND i.status = 'issued'
        AND l.quantity > coalesce((SELECT sum(n.quantity) FROM creditNoteLine n WHERE n.invoiceLineId = l.id), 0)`;

/** The tier as SQL, the same rules as formulas.ts's tierOf (the new boundary is an instant: first purchase's local day). */
function tierSql(b: Binder, today: Today, s: SegmentSettings): string {
  const newSince = startOfLocalDay(addCalendarDays(today.date, -s.newDays), today.timeZone).toISOString();
  return `CASE WHEN coalesce(pp.invoices, 0) = 0 THEN 'lead'
    WHEN pp.firstAt >= ${b.bind(newSince)} THEN 'new'
    WHEN pp.lastLocalDate >= ${b.bind(addCalendarDays(today.date, -s.activeDays))} THEN 'active'
    WHEN pp.lastLocalDate >= ${b.bind(addCalendarDays(today.date, -s.sleepingDays))} THEN 'sleeping'
    ELSE 'deepSleep' END`;
}

/** The RFM segment as SQL, from the same rules table as formulas.ts's rfmSegmentOf. */
function rfmSegmentSql(b: Binder, today: Today, s: SegmentSettings): string {
  const recency = `(CASE ${s.recencyDays.map((days, i) => `WHEN pp.lastLocalDate >= ${b.bind(addCalendarDays(today.date, -days))} THEN ${5 - i}`).join(' ')} ELSE 1 END)`;
  const frequency = `(1 ${s.frequencyPurchases.map((least) => `+ (pp.invoices >= ${b.bind(least)})`).join(' ')})`;
  const monetary = `(1 ${s.monetaryCents.map((least) => `+ (pp.spentCents >= ${b.bind(least)})`).join(' ')})`;
  // Each score once per row, then the rules in order.
  const rules = rfmRules
    .map((r) => `WHEN r BETWEEN ${r.minR} AND ${r.maxR} AND f >= ${r.minF} AND m >= ${r.minM} THEN '${r.segment}'`)
    .join(' ');
  return `(SELECT CASE ${rules} ELSE 'lost' END FROM (SELECT ${recency} AS r, ${frequency} AS f, ${monetary} AS m))`;
}

/** any / all / never over a table keyed by (patientId, <column>), for the patient `key`. */
function picks(b: Binder, where: string[], key: string, table: string, column: string, pick: { any: number[]; all: number[]; never: number[] } | undefined): void {
  if (!pick) return;
  if (pick.any.length) where.push(`EXISTS (SELECT 1 FROM ${table} x WHERE x.patientId = ${key} AND x.${column} IN ${b.list(pick.any)})`);
  for (const id of pick.all) where.push(`EXISTS (SELECT 1 FROM ${table} x WHERE x.patientId = ${key} AND x.${column} = ${b.bind(id)})`);
  if (pick.never.length) where.push(`NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.patientId = ${key} AND x.${column} IN ${b.list(pick.never)})`);
}

/** Whether only patients who bought can match (then the projection drives the join). */
function needsPurchase(q: ParsedSegmentQuery): boolean {
  return Boolean(
    q.categories?.any.length || q.categories?.all.length || q.services?.any.length || q.services?.all.length || q.rfmSegments || q.treated || q.providerIds ||
      q.daysSinceLastVisit || (q.spentCents?.min ?? 0) > 0 || (q.visits?.min ?? 0) > 0 || (q.tiers && !q.tiers.includes('lead')),
  );
}

/**
 * The driving table decides the speed on 50,000 patients. A query only buyers can match starts from the projection —
 * from the buyers of its first "all of" category by their index when it has one, else from every patientPurchase row —
 * and tests what the projection and its keys answer before it reads the (wide) patient row: CROSS JOIN keeps that
 * order, and every lookup is keyed on pp.patientId so it runs at the projection's loop. Other queries scan patients.
 */
export function compileSegment(q: ParsedSegmentQuery, today: Today, s: SegmentSettings): CompiledSegment {
  const b = new Binder();
  const buyersOnly = needsPurchase(q);
  const key = buyersOnly ? 'pp.patientId' : 'p.id';
  const [first, ...restAll] = q.categories?.all ?? [];
  const where: string[] = [];
  let from: string;
  // A first "all of" category makes the query buyers-only (needsPurchase), and drives it.
  if (first !== undefined) {
    from = 'FROM patientCategoryPurchase c0 CROSS JOIN patientPurchase pp ON pp.patientId = c0.patientId CROSS JOIN patient p ON p.id = pp.patientId';
    where.push(`c0.categoryId = ${b.bind(first)}`);
  } else if (buyersOnly) from = 'FROM patientPurchase pp CROSS JOIN patient p ON p.id = pp.patientId';
  else from = 'FROM patient p LEFT JOIN patientPurchase pp ON pp.patientId = p.id';

  // The projection's own columns first, then lookups by primary key, then the patient row, then invoice reads.
  if (q.spentCents?.min !== undefined) where.push(`coalesce(pp.spentCents, 0) >= ${b.bind(q.spentCents.min)}`);
  if (q.spentCents?.max !== undefined) where.push(`coalesce(pp.spentCents, 0) <= ${b.bind(q.spentCents.max)}`);
  if (q.visits?.min !== undefined) where.push(`coalesce(pp.invoices, 0) >= ${b.bind(q.visits.min)}`);
  if (q.visits?.max !== undefined) where.push(`coalesce(pp.invoices, 0) <= ${b.bind(q.visits.max)}`);
  if (q.daysSinceLastVisit?.min !== undefined) where.push(`pp.lastLocalDate <= ${b.bind(addCalendarDays(today.date, -q.daysSinceLastVisit.min))}`);
  if (q.daysSinceLastVisit?.max !== undefined) where.push(`pp.lastLocalDate >= ${b.bind(addCalendarDays(today.date, -q.daysSinceLastVisit.max))}`);
  if (q.tiers) where.push(`${tierSql(b, today, s)} IN ${b.list(q.tiers)}`);
  if (q.rfmSegments) where.push(`coalesce(pp.invoices, 0) > 0`, `${rfmSegmentSql(b, today, s)} IN ${b.list(q.rfmSegments)}`);
  picks(b, where, key, 'patientCategoryPurchase', 'categoryId', q.categories && { ...q.categories, all: restAll });
  picks(b, where, key, 'patientTag', 'tagId', q.tags);

  where.push('p.archivedAt IS NULL', 'p.mergedIntoId IS NULL');
  if (q.age?.min !== undefined) where.push(`p.dateOfBirth <= ${b.bind(addCalendarMonths(today.date, -12 * q.age.min))}`);
  if (q.age?.max !== undefined) where.push(`p.dateOfBirth > ${b.bind(addCalendarMonths(today.date, -12 * (q.age.max + 1)))}`);
  if (q.genders) where.push(`p.gender IN ${b.list(q.genders)}`);
  if (q.referralSourceIds) where.push(`p.referralSourceId IN ${b.list(q.referralSourceIds)}`);
  if (q.doNotContact !== undefined) where.push(`p.doNotContact = ${b.bind(q.doNotContact ? 1 : 0)}`);
  if (q.contactableBy) {
    where.push(`p.doNotContact = 0`, `EXISTS (SELECT 1 FROM patientConsent c WHERE c.patientId = p.id AND c.granted = 1 AND c.channel IN ${b.list(q.contactableBy)})`);
  }

  const line = liveLine(key);
  if (q.services) {
    if (q.services.any.length) where.push(`EXISTS (SELECT 1 ${line} AND l.serviceId IN ${b.list(q.services.any)})`);
    for (const id of q.services.all) where.push(`EXISTS (SELECT 1 ${line} AND l.serviceId = ${b.bind(id)})`);
    if (q.services.never.length) where.push(`NOT EXISTS (SELECT 1 ${line} AND l.serviceId IN ${b.list(q.services.never)})`);
  }
  if (q.providerIds) where.push(`EXISTS (SELECT 1 ${line} AND l.staffId IN ${b.list(q.providerIds)})`);
  if (q.treated) {
    const range = [
      q.treated.from ? `AND i.issuedAt >= ${b.bind(startOfLocalDay(q.treated.from, today.timeZone).toISOString())}` : '',
      q.treated.to ? `AND i.issuedAt < ${b.bind(startOfLocalDay(addCalendarDays(q.treated.to, 1), today.timeZone).toISOString())}` : '',
      q.treated.categoryIds.length ? `AND l.serviceId IN (SELECT id FROM service WHERE categoryId IN ${b.list(q.treated.categoryIds)})` : 'AND l.serviceId IS NOT NULL',
    ];
    where.push(`EXISTS (SELECT 1 ${line} ${range.join(' ')})`);
  }
  return { body: `${from}\nWHERE ${where.join('\n  AND ')}`, params: b.params };
}

/** Patients per tier and RFM segment (null for leads), as of today. */
export function tierAndSegmentCounts(today: Today, s: SegmentSettings): { sql: string; params: Record<string, unknown> } {
  const b = new Binder();
  const sql = `SELECT ${tierSql(b, today, s)} AS tier,
      CASE WHEN coalesce(pp.invoices, 0) = 0 THEN NULL ELSE ${rfmSegmentSql(b, today, s)} END AS segment, count(*) AS n
    FROM patient p LEFT JOIN patientPurchase pp ON pp.patientId = p.id
    WHERE p.archivedAt IS NULL AND p.mergedIntoId IS NULL
    GROUP BY 1, 2`;
  return { sql, params: b.params };
}

export function segmentCountSql(compiled: CompiledSegment): string {
  return `SELECT count(*) AS count ${compiled.body}`;
}

const ORDER: Record<(typeof segmentSorts)[number], string> = {
  name: 'p.sortName',
  lastVisit: 'pp.lastLocalDate',
  spent: 'coalesce(pp.spentCents, 0)',
  visits: 'coalesce(pp.invoices, 0)',
};

/** The columns a call list needs; `limit`/`offset` are bound by the caller (null limit: every row, for export). */
export function segmentRowsSql(compiled: CompiledSegment, sort: (typeof segmentSorts)[number], descending: boolean): string {
  const direction = descending ? 'DESC' : 'ASC';
  return `SELECT p.id, p.number, p.firstName || ' ' || p.lastName AS name, p.preferredName, p.phone, p.email, p.doNotContact,
    (SELECT group_concat(c.channel) FROM patientConsent c WHERE c.patientId = p.id AND c.granted = 1) AS channels,
    pp.firstAt, pp.lastLocalDate, coalesce(pp.invoices, 0) AS visits, coalesce(pp.spentCents, 0) AS spentCents,
    (SELECT s.name FROM patientCategoryPurchase x JOIN service s ON s.id = x.lastServiceId WHERE x.patientId = p.id ORDER BY x.lastAt DESC LIMIT 1) AS lastServiceName
  ${compiled.body}
  ORDER BY ${ORDER[sort]} ${direction}, p.id ${direction}
  LIMIT @limit OFFSET @offset`;
}

/**
 * Cross-marketing reads who bought which category once, in key order (patient, category), leaving out archived and
 * merged patients (a small set, read once); the pairs are counted in memory, which beats a self-join grouped in SQL.
 */
export const CROSS_SELL_ROWS_SQL = `
  SELECT x.patientId, x.categoryId FROM patientCategoryPurchase x
  WHERE x.patientId NOT IN (SELECT id FROM patient WHERE archivedAt IS NOT NULL OR mergedIntoId IS NOT NULL)`;

export const CROSS_SELL_CATEGORIES_SQL = 'SELECT id, name, active FROM serviceCategory ORDER BY sortOrder, id';
