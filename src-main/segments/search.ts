import { consentChannels } from '../../src-shared/contract/patients';
import type { ParsedSegmentQuery, SegmentMember, SegmentSettings, segmentSorts } from '../../src-shared/contract/segments';
import { tierLabels, rfmSegmentLabels } from '../../src-shared/contract/segments';
import { calendarDaysBetween, localDate } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { csvText } from '../../src-shared/csv';
import { type Purchases, rfmOf, tierOf } from './formulas';
import { type CompiledSegment, type Today, compileSegment, segmentCountSql, segmentRowsSql } from './queries';
import { segmentSettings } from './settings';

export function todayOf(ctx: HandlerContext): Today {
  const timeZone = ctx.clinic().timeZone;
  return { date: localDate(ctx.now, timeZone), timeZone };
}

export async function compileFor(ctx: HandlerContext, query: ParsedSegmentQuery): Promise<{ compiled: CompiledSegment; today: Today; settings: SegmentSettings }> {
  const settings = await segmentSettings(ctx.db);
  const today = todayOf(ctx);
  return { compiled: compileSegment(query, today, settings), today, settings };
}

export function countOf(ctx: HandlerContext, compiled: CompiledSegment): number {
  return (cached(ctx.sqlite, segmentCountSql(compiled)).get(compiled.params) as { count: number }).count;
}

interface MemberRow {
  id: number;
  number: string;
  name: string;
  preferredName: string | null;
  phone: string | null;
  email: string | null;
  doNotContact: 0 | 1;
  channels: string | null;
  firstAt: string | null;
  lastLocalDate: string | null;
  visits: number;
  spentCents: number;
  lastServiceName: string | null;
}

/** A patient's purchases as of today, for the tier and RFM formulas. */
export function purchasesOf(row: { firstAt: string | null; lastLocalDate: string | null; visits: number; spentCents: number }, today: Today): Purchases {
  const bought = row.visits > 0 && row.firstAt !== null && row.lastLocalDate !== null;
  return {
    daysSinceFirst: bought ? calendarDaysBetween(localDate(row.firstAt!, today.timeZone), today.date) : null,
    daysSinceLast: bought ? calendarDaysBetween(row.lastLocalDate!, today.date) : null,
    purchases: row.visits,
    spentCents: row.spentCents,
  };
}

function memberOf(row: MemberRow, today: Today, settings: SegmentSettings): SegmentMember {
  const purchases = purchasesOf(row, today);
  const granted = new Set((row.channels ?? '').split(','));
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    preferredName: row.preferredName,
    phone: row.phone,
    email: row.email,
    doNotContact: row.doNotContact === 1,
    contactable: row.doNotContact ? [] : consentChannels.filter((channel) => granted.has(channel)),
    tier: tierOf(purchases, settings),
    rfm: rfmOf(purchases, settings),
    lastVisitDate: purchases.daysSinceLast === null ? null : row.lastLocalDate,
    lastServiceName: row.lastServiceName,
    visits: row.visits,
    spentCents: row.spentCents,
  };
}

async function membersOf(ctx: HandlerContext, query: ParsedSegmentQuery, page: { sort: (typeof segmentSorts)[number]; descending: boolean; offset: number; limit: number }) {
  const { compiled, today, settings } = await compileFor(ctx, query);
  const rows = cached(ctx.sqlite, segmentRowsSql(compiled, page.sort, page.descending)).all({ ...compiled.params, limit: page.limit, offset: page.offset }) as MemberRow[];
  return { compiled, rows: rows.map((row) => memberOf(row, today, settings)) };
}

/** The most rows an export holds: every patient of a large clinic. */
const EXPORT_LIMIT = 200_000;

function membersCsv(rows: SegmentMember[]): string {
  const header = ['Number', 'Name', 'Preferred name', 'Phone', 'Email', 'Do not contact', 'Contactable by', 'Tier', 'RFM', 'RFM segment', 'Last visit', 'Last service', 'Visits', 'Spent (minor units)'];
  return csvText(
    header,
    rows.map((m) => [
      m.number,
      m.name,
      m.preferredName,
      m.phone,
      m.email,
      m.doNotContact ? 'yes' : 'no',
      m.contactable.join(' '),
      tierLabels[m.tier],
      m.rfm ? `R${m.rfm.recency}F${m.rfm.frequency}M${m.rfm.monetary}` : null,
      m.rfm ? rfmSegmentLabels[m.rfm.segment] : null,
      m.lastVisitDate,
      m.lastServiceName,
      m.visits,
      m.spentCents,
    ]),
  );
}

export const searchHandlers: HandlerMap<'segments.count' | 'segments.run' | 'segments.export' | 'segments.audience'> = {
  'segments.count': async ({ query }, ctx) => ({ count: countOf(ctx, (await compileFor(ctx, query)).compiled) }),

  'segments.run': async ({ query, ...page }, ctx) => {
    const { compiled, rows } = await membersOf(ctx, query, page);
    return { total: countOf(ctx, compiled), rows };
  },

  'segments.export': async ({ query }, ctx) => {
    const { rows } = await membersOf(ctx, query, { sort: 'name', descending: false, offset: 0, limit: EXPORT_LIMIT });
    ctx.audit({ action: 'export', entity: 'segment', entityId: null, summary: `Exported a segment of ${rows.length} patients as CSV`, details: { query, count: rows.length } });
    const stamp = todayOf(ctx).date;
    return { filename: `segment-${stamp}.csv`, content: membersCsv(rows), count: rows.length };
  },

  'segments.audience': async ({ query, limit }, ctx) => {
    const { compiled } = await compileFor(ctx, { ...query, doNotContact: false });
    const rows = cached(ctx.sqlite, `SELECT p.id ${compiled.body} ORDER BY p.id LIMIT @limit`).all({ ...compiled.params, limit }) as { id: number }[];
    return { patientIds: rows.map((row) => row.id), total: countOf(ctx, compiled) };
  },
};
