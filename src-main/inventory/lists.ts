import { sql } from 'kysely';
import type { RecallRow, StockRow } from '../../src-shared/contract/inventory';
import { addCalendarDays, calendarDaysBetween, localDate } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { clinicToday, requireProduct } from './ledger';
import { toProduct } from './products';
import { LOW_STOCK_SQL, ON_HAND_ALL_SQL, ON_HAND_SQL } from './queries';

type ProductRow = Parameters<typeof toProduct>[0];

/** What a recall caller needs of each patient: name, number, phone, email, and the channels they consented to. */
async function contactsOf(ctx: HandlerContext, patientIds: number[]) {
  if (!patientIds.length) return new Map<number, { name: string; number: string; phone: string | null; email: string | null; doNotContact: boolean; consents: string[] }>();
  const patients = await ctx.db.selectFrom('patient').select(['id', 'firstName', 'lastName', 'number', 'phone', 'email', 'doNotContact']).where('id', 'in', patientIds).execute();
  const consents = await ctx.db.selectFrom('patientConsent').select(['patientId', 'channel']).where('patientId', 'in', patientIds).where('granted', '=', 1).orderBy('channel').execute();
  return new Map(
    patients.map((p) => [
      p.id,
      { name: `${p.firstName} ${p.lastName}`, number: p.number, phone: p.phone, email: p.email, doNotContact: p.doNotContact === 1, consents: consents.filter((c) => c.patientId === p.id).map((c) => c.channel) },
    ]),
  );
}

export const listHandlers: HandlerMap<'stock.onHand' | 'stock.movements' | 'stock.low' | 'stock.expiring' | 'stock.recall'> = {
  'stock.onHand': ({ productId, includeEmpty }, ctx) =>
    (productId === undefined ? cached(ctx.sqlite, ON_HAND_ALL_SQL).all({ includeEmpty: includeEmpty ? 1 : 0 }) : cached(ctx.sqlite, ON_HAND_SQL).all({ productId, includeEmpty: includeEmpty ? 1 : 0 })) as StockRow[],

  'stock.low': (_input, ctx) => (cached(ctx.sqlite, LOW_STOCK_SQL).all() as ProductRow[]).map(toProduct),

  'stock.movements': async ({ productId, lotId, limit }, ctx) => {
    await requireProduct(ctx, productId);
    let query = ctx.db
      .selectFrom('stockMovement as m')
      .leftJoin('stockLot as l', 'l.id', 'm.lotId')
      .leftJoin('staff as s', 's.id', 'm.by')
      .leftJoin('stockReceipt as r', 'r.id', 'm.receiptId')
      .select(['m.id', 'l.lotNumber', 'm.kind', 'm.quantity', 'm.reason', 'm.at', 's.displayName as by', 'm.chartId', 'm.countId', 'r.supplier', 'r.reference'])
      .where('m.productId', '=', productId)
      .orderBy('m.at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(limit);
    if (lotId !== undefined) query = query.where('m.lotId', '=', lotId);
    return (await query.execute()).map(({ chartId, countId, supplier, reference, ...m }) => ({
      ...m,
      source: supplier !== null ? `Receipt from ${supplier}${reference ? ` (${reference})` : ''}` : chartId !== null ? 'Visit note' : countId !== null ? 'Stock count' : m.reason,
    }));
  },

  'stock.expiring': async ({ withinDays }, ctx) => {
    const today = clinicToday(ctx);
    const rows = cached(ctx.sqlite, ON_HAND_ALL_SQL).all({ includeEmpty: 0 }) as StockRow[];
    return rows
      .filter((row) => row.expiry !== null && row.onHand > 0 && row.expiry <= addCalendarDays(today, withinDays))
      .map((row) => ({ ...row, expired: row.expiry! < today, daysLeft: calendarDaysBetween(today, row.expiry!) }))
      .sort((a, b) => a.expiry!.localeCompare(b.expiry!) || a.productName.localeCompare(b.productName));
  },

  /**
   * Who received a lot (its net use on a visit's signed note, or an unmatched chart entry of that lot number in the
   * note's latest version) and who bought it (net of returns), with how to reach them.
   */
  'stock.recall': async ({ lotNumber }, ctx) => {
    const timeZone = ctx.clinic().timeZone;
    const used = await ctx.db
      .selectFrom('stockMovement as m')
      .innerJoin('stockLot as l', 'l.id', 'm.lotId')
      .innerJoin('product as p', 'p.id', 'l.productId')
      .leftJoin('appointment as a', 'a.id', 'm.appointmentId')
      .leftJoin('invoiceLine as il', 'il.id', 'm.invoiceLineId')
      .leftJoin('invoice as i', 'i.id', 'il.invoiceId')
      .select(['m.patientId', 'm.appointmentId', 'a.startsAt', 'i.number as invoiceNumber', 'i.issuedAt', 'p.name as productName', 'l.lotNumber'])
      .select((eb) => eb.fn.sum<number>('m.quantity').as('net'))
      .where('l.lotNumber', '=', lotNumber)
      .where('m.kind', 'in', ['used', 'sold', 'returned'])
      .where('m.patientId', 'is not', null)
      .groupBy(['m.lotId', 'm.patientId', 'm.appointmentId', 'i.id'])
      .having((eb) => eb.fn.sum('m.quantity'), '<', 0)
      .execute();
    const unmatched = await ctx.db
      .selectFrom('unmatchedLotUse as u')
      .innerJoin('chart as c', 'c.id', 'u.chartId')
      .innerJoin('appointment as a', 'a.id', 'u.appointmentId')
      .select(['u.patientId', 'u.appointmentId', 'a.startsAt', 'u.product', 'u.lotNumber'])
      .select((eb) => eb.fn.sum<number>('u.units').as('units'))
      .where('u.lotNumber', '=', lotNumber)
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM chart later WHERE later.amendsChartId = coalesce(c.amendsChartId, c.id) AND later.id > c.id)`)
      .groupBy(['u.chartId', 'u.product'])
      .execute();
    const contacts = await contactsOf(ctx, [...new Set([...used, ...unmatched].map((r) => r.patientId!))]);
    const rows: RecallRow[] = [];
    const push = (patientId: number, row: Omit<RecallRow, 'patientId' | 'patientName' | 'patientNumber' | 'phone' | 'email' | 'doNotContact' | 'consents'>) => {
      const c = contacts.get(patientId)!;
      rows.push({ patientId, patientName: c.name, patientNumber: c.number, phone: c.phone, email: c.email, doNotContact: c.doNotContact, consents: c.consents, ...row });
    };
    for (const r of used) {
      const via = r.invoiceNumber !== null ? 'invoice' : 'chart';
      const when = via === 'invoice' ? r.issuedAt : r.startsAt;
      push(r.patientId!, { via, date: localDate(when!, timeZone), appointmentId: r.appointmentId, invoiceNumber: r.invoiceNumber, productName: r.productName, lotNumber: r.lotNumber, units: -r.net, unmatched: false });
    }
    for (const r of unmatched) {
      push(r.patientId, { via: 'chart', date: localDate(r.startsAt, timeZone), appointmentId: r.appointmentId, invoiceNumber: null, productName: r.product, lotNumber: r.lotNumber, units: r.units, unmatched: true });
    }
    rows.sort((a, b) => b.date.localeCompare(a.date) || a.patientName.localeCompare(b.patientName));
    ctx.audit({ action: 'view', entity: 'stockLot', entityId: null, summary: `Lot recall for ${lotNumber}: ${rows.length} patient visit(s) or sale(s)`, details: { lotNumber, patients: [...contacts.keys()] } });
    return rows;
  },
};

