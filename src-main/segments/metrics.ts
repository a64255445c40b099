import { rfmSegments, tiers, type ClinicMetrics, type RfmSegment, type Tier } from '../../src-shared/contract/segments';
import { divRound } from '../../src-shared/money';
import { addCalendarDays, calendarDaysBetween, localDate, startOfLocalDay } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { requirePatient } from '../patients/index';
import {
  acquisitionCostCents,
  churnAndRetention,
  engagementScore,
  leadScore,
  lifetimeValue,
  patientLifetimeValue,
  rfmOf,
  roundTo2,
  tierOf,
} from './formulas';
import { tierAndSegmentCounts } from './queries';
import { purchasesOf, todayOf } from './search';
import { segmentSettings } from './settings';

const PATIENT_SQL = `
  SELECT p.createdAt, p.doNotContact, p.referralSourceId, p.referredByPatientId, r.monthlyCostCents,
    pp.firstAt, pp.lastLocalDate, coalesce(pp.invoices, 0) AS visits, coalesce(pp.spentCents, 0) AS spentCents,
    EXISTS (SELECT 1 FROM patientConsent c WHERE c.patientId = p.id AND c.granted = 1) AS consent,
    EXISTS (SELECT 1 FROM appointment a WHERE a.patientId = p.id AND a.startsAt >= @now AND a.status IN ('booked', 'confirmed')) AS upcoming,
    EXISTS (SELECT 1 FROM appointment a JOIN appointmentService s ON s.appointmentId = a.id JOIN service v ON v.id = s.serviceId
            WHERE a.patientId = p.id AND a.status NOT IN ('cancelled', 'noShow') AND v.kind = 'consult') AS consultBooked,
    (SELECT count(*) FROM invoice i WHERE i.patientId = p.id AND i.status = 'issued' AND i.issuedAt >= @yearAgo) AS visitsLastYear,
    (SELECT count(*) FROM patient n WHERE n.referralSourceId = p.referralSourceId AND n.createdAt >= @yearAgo AND n.mergedIntoId IS NULL) AS sourceNewPatients
  FROM patient p LEFT JOIN patientPurchase pp ON pp.patientId = p.id LEFT JOIN referralSource r ON r.id = p.referralSourceId
  WHERE p.id = @patientId`;

interface PatientRow {
  createdAt: string;
  doNotContact: 0 | 1;
  referredByPatientId: number | null;
  monthlyCostCents: number | null;
  firstAt: string | null;
  lastLocalDate: string | null;
  visits: number;
  spentCents: number;
  consent: 0 | 1;
  upcoming: 0 | 1;
  consultBooked: 0 | 1;
  visitsLastYear: number;
  sourceNewPatients: number;
}

/** Patients active going into a day: an issued invoice in the active days before it. */
const ACTIVE_BETWEEN_SQL = `SELECT DISTINCT i.patientId FROM invoice i JOIN patient p ON p.id = i.patientId
  WHERE i.issuedAt >= @from AND i.issuedAt < @to AND i.status = 'issued' AND p.mergedIntoId IS NULL`;

const PERIOD_SALES_SQL = `
  SELECT count(*) AS invoices, count(DISTINCT i.patientId) AS patients,
    coalesce(sum(i.totalCents - coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = i.id), 0)), 0) AS revenueCents
  FROM invoice i WHERE i.issuedAt >= @from AND i.issuedAt < @to AND i.status = 'issued' AND i.patientId IS NOT NULL`;

const NEW_PATIENTS_SQL = `SELECT count(*) AS n FROM patientPurchase pp JOIN patient p ON p.id = pp.patientId
  WHERE pp.firstAt >= @from AND pp.firstAt < @to AND p.mergedIntoId IS NULL`;

const REFERRAL_COST_SQL = `SELECT coalesce(sum(monthlyCostCents), 0) AS n FROM referralSource WHERE active = 1`;

function emptyCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

async function clinicMetrics(ctx: HandlerContext, from: string, to: string): Promise<ClinicMetrics> {
  const settings = await segmentSettings(ctx.db);
  const today = todayOf(ctx);
  const zone = today.timeZone;
  const instant = (date: string) => startOfLocalDay(date, zone).toISOString();
  const patientsBetween = (start: string, end: string) =>
    new Set((cached(ctx.sqlite, ACTIVE_BETWEEN_SQL).all({ from: instant(start), to: instant(end) }) as { patientId: number }[]).map((row) => row.patientId));
  // Going in: a purchase in the active days before `from`. Still active at `to`: a purchase within the active days up to it.
  const activeAtStart = patientsBetween(addCalendarDays(from, -settings.activeDays), from);
  const activeAtEnd = patientsBetween(addCalendarDays(to, -settings.activeDays), addCalendarDays(to, 1));
  const lost = [...activeAtStart].filter((id) => !activeAtEnd.has(id)).length;

  const period = { from: instant(from), to: instant(addCalendarDays(to, 1)) };
  const sales = cached(ctx.sqlite, PERIOD_SALES_SQL).get(period) as { invoices: number; patients: number; revenueCents: number };
  const newPatients = (cached(ctx.sqlite, NEW_PATIENTS_SQL).get(period) as { n: number }).n;
  const days = calendarDaysBetween(from, to) + 1;
  const monthlyCost = (cached(ctx.sqlite, REFERRAL_COST_SQL).get() as { n: number }).n;
  // Aggregate CLV over the period: its average sale, purchases per patient a year (annualised), the expected lifespan,
  // less the referral sources' cost over the period per new patient.
  const value =
    sales.invoices === 0
      ? null
      : lifetimeValue({
          averagePurchaseCents: divRound(sales.revenueCents, sales.invoices),
          purchasesPerYear: roundTo2((sales.invoices / sales.patients) * (365 / days)),
          lifespanYears: settings.expectedLifespanYears,
          acquisitionCostCents: newPatients > 0 ? divRound(Math.round((monthlyCost * 12 * days) / 365), newPatients) : 0,
        });

  const counts = tierAndSegmentCounts(today, settings);
  const tierCounts = emptyCounts<Tier>(tiers);
  const rfmCounts = emptyCounts<RfmSegment>(rfmSegments);
  for (const row of cached(ctx.sqlite, counts.sql).all(counts.params) as { tier: Tier; segment: RfmSegment | null; n: number }[]) {
    tierCounts[row.tier] += row.n;
    if (row.segment) rfmCounts[row.segment] += row.n;
  }
  return { from, to, activeAtStart: activeAtStart.size, lost, ...churnAndRetention(activeAtStart.size, lost), newPatients, lifetimeValue: value, tierCounts, rfmCounts };
}

export const metricsHandlers: HandlerMap<'segments.patientMetrics' | 'segments.clinicMetrics'> = {
  'segments.patientMetrics': async ({ patientId }, ctx) => {
    await requirePatient(ctx, patientId, 'patientId');
    const settings = await segmentSettings(ctx.db);
    const today = todayOf(ctx);
    const yearAgo = startOfLocalDay(addCalendarDays(today.date, -365), today.timeZone).toISOString();
    const row = cached(ctx.sqlite, PATIENT_SQL).get({ patientId, now: ctx.now.toISOString(), yearAgo }) as PatientRow;
    const purchases = purchasesOf(row, today);
    const contactable = row.doNotContact === 0 && row.consent === 1;
    const tier = tierOf(purchases, settings);
    return {
      patientId,
      tier,
      firstVisitDate: row.firstAt && purchases.daysSinceFirst !== null ? localDate(row.firstAt, today.timeZone) : null,
      lastVisitDate: purchases.daysSinceLast === null ? null : row.lastLocalDate,
      daysSinceLastVisit: purchases.daysSinceLast,
      visits: row.visits,
      spentCents: row.spentCents,
      rfm: rfmOf(purchases, settings),
      lifetimeValue: patientLifetimeValue({
        spentCents: row.spentCents,
        purchases: row.visits,
        daysSinceFirst: purchases.daysSinceFirst ?? 0,
        lifespanYears: settings.expectedLifespanYears,
        acquisitionCostCents: acquisitionCostCents(row.monthlyCostCents ?? 0, row.sourceNewPatients),
      }),
      engagementScore: engagementScore({ daysSinceLast: purchases.daysSinceLast, visitsLastYear: row.visitsLastYear, hasUpcomingVisit: row.upcoming === 1, contactable }, settings),
      leadScore:
        tier === 'lead'
          ? leadScore({
              consultBooked: row.consultBooked === 1,
              referredByPatient: row.referredByPatientId !== null,
              contactable,
              daysSinceCreated: calendarDaysBetween(localDate(row.createdAt, today.timeZone), today.date),
            })
          : null,
    };
  },

  'segments.clinicMetrics': ({ from, to }, ctx) => clinicMetrics(ctx, from, to),
};
