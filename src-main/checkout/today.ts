import { sql } from 'kysely';
import type { TodayRow } from '../../src-shared/contract/checkout';
import { localDate, localDayRange } from '../../src-shared/time';
import type { HandlerMap } from '../core/registry';
import { settlementOf } from './settlement';
import { creditedSql, invoiceSummaries, paidSql } from './view';

/** Reception's home: the day's visits in time order, each with its invoice and what its patient owes. */
export const todayHandlers: HandlerMap<'checkout.today'> = {
  'checkout.today': async ({ date, includeCancelled }, ctx) => {
    const timeZone = ctx.clinic().timeZone;
    const { start, end } = localDayRange(date ?? localDate(ctx.now, timeZone), timeZone);
    let query = ctx.db
      .selectFrom('appointment as a')
      .innerJoin('patient as p', 'p.id', 'a.patientId')
      .leftJoin('invoice', (join) => join.onRef('invoice.appointmentId', '=', 'a.id').on('invoice.status', '<>', 'void'))
      .select(['a.id as appointmentId', 'a.startsAt', 'a.endsAt', 'a.status', 'a.patientId', 'p.number as patientNumber', 'p.allergyAlert'])
      .select(sql<string>`p.firstName || ' ' || p.lastName`.as('patientName'))
      .select(['invoice.id as invoiceId', 'invoice.number as invoiceNumber', 'invoice.status as invoiceStatus', 'invoice.totalCents as invoiceTotal'])
      .select([creditedSql.as('credited'), paidSql.as('paid')])
      .where('a.startsAt', '>=', start.toISOString())
      .where('a.startsAt', '<', end.toISOString())
      .orderBy('a.startsAt')
      .orderBy('a.id');
    if (!includeCancelled) query = query.where('a.status', 'not in', ['cancelled', 'noShow']);
    const visits = await query.execute();
    const services = visits.length
      ? await ctx.db
          .selectFrom('appointmentService as s')
          .innerJoin('service', 'service.id', 's.serviceId')
          .innerJoin('staff', 'staff.id', 's.staffId')
          .select(['s.appointmentId', 'service.name', 'staff.displayName as providerName'])
          .where('s.appointmentId', 'in', visits.map((v) => v.appointmentId))
          .orderBy('s.appointmentId')
          .orderBy('s.position')
          .execute()
      : [];
    const owed = new Map<number, number>();
    for (const patientId of new Set(visits.map((v) => v.patientId))) {
      const open = await invoiceSummaries(ctx, { patientId, issuedOnly: true });
      owed.set(patientId, open.reduce((sum, invoice) => sum + Math.max(0, invoice.dueCents), 0));
    }
    return visits.map(
      (v): TodayRow => ({
        appointmentId: v.appointmentId,
        startsAt: v.startsAt,
        endsAt: v.endsAt,
        status: v.status,
        patientId: v.patientId,
        patientName: v.patientName,
        patientNumber: v.patientNumber,
        allergyAlert: v.allergyAlert === 1,
        services: services.filter((s) => s.appointmentId === v.appointmentId).map(({ name, providerName }) => ({ name, providerName })),
        invoice:
          v.invoiceId === null || v.invoiceStatus === null
            ? null
            : { id: v.invoiceId, number: v.invoiceNumber, status: v.invoiceStatus, ...settlementOf({ status: v.invoiceStatus, totalCents: v.invoiceTotal ?? 0 }, v.credited, v.paid) },
        owedCents: owed.get(v.patientId) ?? 0,
      }),
    );
  },
};
