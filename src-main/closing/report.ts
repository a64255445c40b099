import type { DayCloseRecord, ZReport, ZReportFigures } from '../../src-shared/contract/closing';
import { pointsTender, prepaidTenders, tenders } from '../../src-shared/contract/checkout';
import { cached } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { DayCloseTable } from '../core/schema-closing';
import { CLOSES_SQL, ISSUED_SQL, OPENING_FLOAT_SQL, REFUNDS_SQL, TAXES_SQL, TENDERS_SQL, VOIDS_SQL } from './queries';
import { type DayBounds, dayBounds, thisTill } from './till';

type Tender = (typeof tenders)[number];
type RefundTo = 'originalTender' | 'storeCredit';

interface TenderRow { tender: Tender; count: number; takenCents: number; refundedCents: number; changeCents: number }
interface RefundRow { number: string; invoiceNumber: string | null; reason: string; refundTo: RefundTo; totalCents: number; refundedCents: number }
interface IssuedRow { count: number; discountCents: number; netCents: number; taxCents: number; totalCents: number; owedCents: number }
export type CloseRow = DayCloseTable & { workstationName: string; closedByName: string | null };

const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);

/** The day's figures as the tables hold them now. `openingFloatCents` overrides the float the last close left. */
export function dayFigures(ctx: Pick<HandlerContext, 'sqlite'>, bounds: DayBounds, openingFloatCents?: number): ZReportFigures {
  const byTender = new Map((cached(ctx.sqlite, TENDERS_SQL).all(bounds) as TenderRow[]).map((row) => [row.tender, row]));
  // Every tender is listed, in the same order, so a printed report always reads the same way.
  const tenderRows = tenders.map((tender) => {
    const row = byTender.get(tender);
    const takenCents = row?.takenCents ?? 0;
    const refundedCents = row?.refundedCents ?? 0;
    return { tender, count: row?.count ?? 0, takenCents, refundedCents, netCents: takenCents - refundedCents };
  });
  const notes = cached(ctx.sqlite, REFUNDS_SQL).all(bounds) as RefundRow[];
  const voids = cached(ctx.sqlite, VOIDS_SQL).all(bounds) as { number: string | null; totalCents: number; reason: string }[];
  const issued = cached(ctx.sqlite, ISSUED_SQL).get(bounds) as IssuedRow;
  const taxes = cached(ctx.sqlite, TAXES_SQL).all(bounds) as { rateMillipercent: number; netCents: number; taxCents: number }[];
  const cash = tenderRows.find((row) => row.tender === 'cash')!;
  const float = openingFloatCents ?? (cached(ctx.sqlite, OPENING_FLOAT_SQL).pluck().get(bounds) as number);
  const refundTos: RefundTo[] = ['originalTender', 'storeCredit'];
  return {
    tenders: tenderRows,
    takingsCents: sum(tenderRows, (row) => (prepaidTenders.includes(row.tender) || row.tender === pointsTender ? 0 : row.netCents)),
    prepaidRedeemedCents: sum(tenderRows, (row) => (prepaidTenders.includes(row.tender) ? row.netCents : 0)),
    pointsRedeemedCents: sum(tenderRows, (row) => (row.tender === pointsTender ? row.netCents : 0)),
    changeGivenCents: byTender.get('cash')?.changeCents ?? 0,
    refunds: {
      count: notes.length,
      totalCents: sum(notes, (note) => note.totalCents),
      refundedCents: sum(notes, (note) => note.refundedCents),
      byRefundTo: refundTos.map((refundTo) => {
        const of = notes.filter((note) => note.refundTo === refundTo);
        return { refundTo, count: of.length, totalCents: sum(of, (note) => note.totalCents), refundedCents: sum(of, (note) => note.refundedCents) };
      }),
      notes,
    },
    voids: { count: voids.length, totalCents: sum(voids, (row) => row.totalCents), invoices: voids },
    discountsCents: issued.discountCents,
    issued: { count: issued.count, netCents: issued.netCents, taxCents: issued.taxCents, totalCents: issued.totalCents, taxes },
    owedCents: issued.owedCents,
    cash: { openingFloatCents: float, takenCents: cash.takenCents, refundedCents: cash.refundedCents, expectedCents: float + cash.netCents },
  };
}

export function closeRecord(row: CloseRow): DayCloseRecord {
  return {
    id: row.id,
    workstationNumber: row.workstationNumber,
    workstationName: row.workstationName,
    date: row.date,
    openingFloatCents: row.openingFloatCents,
    expectedCashCents: row.expectedCashCents,
    countedCents: row.countedCents,
    differenceCents: row.differenceCents,
    floatLeftCents: row.floatLeftCents,
    bankedCents: row.countedCents - row.floatLeftCents,
    denominations: JSON.parse(row.denominations) as DayCloseRecord['denominations'],
    note: row.note,
    closedBy: row.closedByName,
    closedAt: row.closedAt,
  };
}

export const closesOf = (ctx: Pick<HandlerContext, 'sqlite'>, bounds: DayBounds) => cached(ctx.sqlite, CLOSES_SQL).all(bounds) as CloseRow[];

/** What is still owed moves on after close (a payment on a later day for that day's invoice) without changing the day. */
const withoutOwed = (figures: ZReportFigures) => JSON.stringify({ ...figures, owedCents: 0 });

/**
 * The Z report of a date. A closed till reads the figures stored at its close, so nothing that arrives later (a
 * change file, a clock set wrong) can silently change a closed day; it also says when the day now reads differently.
 */
export function zReport(ctx: HandlerContext, date: string, scope: 'till' | 'clinic', openingFloatCents?: number): ZReport {
  const clinic = ctx.clinic();
  const till = thisTill(ctx);
  const bounds = dayBounds(date, clinic.timeZone, scope === 'till' ? till : 'all');
  const closes = closesOf(ctx, bounds);
  const stored = scope === 'till' && closes.length ? closes[0] : null;
  const live = dayFigures(ctx, bounds, stored ? stored.openingFloatCents : openingFloatCents);
  const name = ctx.runtime.workstation?.identity?.name ?? 'This workstation';
  return {
    date,
    scope,
    workstation: scope === 'till' ? { number: till, name } : null,
    clinicName: clinic.name,
    currency: clinic.currency,
    figures: stored ? (JSON.parse(stored.report) as ZReportFigures) : live,
    closes: closes.map(closeRecord),
    changedSinceClose: stored !== null && withoutOwed(JSON.parse(stored.report) as ZReportFigures) !== withoutOwed(live),
  };
}
