import type { LoyaltySettingsInput } from '../../src-shared/contract/loyalty';
import type { DemoCatalog } from './catalog';
import type { DemoContext } from './context';
import { setAsideIndexes } from './indexes';
import { addCalendarDays, addCalendarMonths, localDate, startOfLocalDay } from '../../src-shared/time';

/** Months points stay usable in the demo program. */
const EXPIRY_MONTHS = 24;
/** The program began a little over two years ago: every balance and tier is as ten years would make them (older points would all have expired), at a quarter of the rows. */
const PROGRAM_MONTHS = 26;

/**
 * Every invoice paid in full with a patient since the program began earns a point per currency unit of its lines'
 * net (less credit notes), leaving out stored value sold (gift cards, top-ups) and the lines a package paid — the
 * rule of loyalty/earning.ts with the demo's program (no multipliers, no points tender), in one INSERT … SELECT
 * driven by `invoice_issuedAt`. An expiry date whose day overflows the month falls back to the month's last day, as
 * addCalendarMonths does. The rows carry no once-only key: nothing pays these invoices again.
 */
export const DEMO_EARNED_SQL = `INSERT INTO pointsEntry (patientId, kind, points, at, expiresOn, invoiceId, lines, note)
  SELECT patientId, 'earned', points, paidAt, CASE WHEN strftime('%d', date(day, '+${EXPIRY_MONTHS} months')) = strftime('%d', day) THEN date(day, '+${EXPIRY_MONTHS} months')
      ELSE date(day, 'start of month', '+${EXPIRY_MONTHS + 1} months', '-1 day') END,
    invoiceId, '[]', number
  FROM (
    SELECT *, lumen_local_date(paidAt, :timeZone) AS day FROM (
      SELECT i.id AS invoiceId, i.patientId, i.number, i.totalCents - coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = i.id), 0) AS billedCents,
        paid.cents AS paidCents, paid.at AS paidAt,
        (sum(l.netCents) - coalesce((SELECT sum(c.netCents) FROM creditNote c WHERE c.invoiceId = i.id), 0)) / 100 AS points
      FROM invoice i INDEXED BY invoice_issued
        JOIN (SELECT invoiceId, sum(amountCents) AS cents, max(takenAt) AS at FROM payment WHERE takenAt >= :since GROUP BY invoiceId) paid ON paid.invoiceId = i.id
        JOIN invoiceLine l ON l.invoiceId = i.id AND l.giftCard = 0 AND l.topUpPlanId IS NULL
      WHERE i.status = 'issued' AND i.issuedAt >= :since AND i.patientId IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM payment p JOIN patientPackage pp ON pp.id = p.patientPackageId JOIN packagePlan x ON x.id = pp.planId LEFT JOIN service s ON s.id = l.serviceId
          WHERE p.invoiceId = i.id AND p.patientPackageId IS NOT NULL AND p.amountCents > 0 AND (x.serviceId = l.serviceId OR x.categoryId = s.categoryId))
      GROUP BY i.id
    ) WHERE points > 0 AND paidCents >= billedCents
  )`;

/** Lots past their last day are written off whole (the demo spends no points), as the daily job would have the morning after. */
export const DEMO_EXPIRED_SQL = `INSERT INTO pointsEntry (patientId, kind, points, at, lotEntryId, dedupeKey, note)
  SELECT patientId, 'expired', -points, date(expiresOn, '+1 day') || 'T12:00:00.000Z', id, NULL, 'Expired after ' || expiresOn
  FROM pointsEntry WHERE kind = 'earned' AND expiresOn < :today`;

/**
 * The demo's loyalty program (a point per currency unit, 100 points pay 5.00, points last two years, three tiers)
 * and its points earned and expired since it began, from the invoices the generator wrote.
 */
export function writeLoyalty(ctx: DemoContext, catalog: DemoCatalog, timeZone: string): void {
  const { sqlite, nowIso } = ctx;
  const today = localDate(nowIso, timeZone);
  const since = startOfLocalDay(addCalendarDays(addCalendarMonths(today, -PROGRAM_MONTHS), 1), timeZone).toISOString();
  const category = catalog.categoryIds;
  const program: Required<Omit<LoyaltySettingsInput, 'enabled'>> = {
    pointsPerUnit: 1,
    categoryMultipliers: [],
    redeemPoints: 100,
    redeemCents: 500,
    minimumRedeemPoints: 100,
    expiryMonths: EXPIRY_MONTHS,
    tiers: [
      { name: 'Silver', thresholdPoints: 0, discountPercent: 0, categoryIds: [], birthdayPoints: 50 },
      { name: 'Gold', thresholdPoints: 1500, discountPercent: 5, categoryIds: [category.retail], birthdayPoints: 150 },
      { name: 'Platinum', thresholdPoints: 4000, discountPercent: 10, categoryIds: [category.retail, category.laserHair], birthdayPoints: 300 },
    ],
    reviewPoints: 200,
  };
  sqlite
    .prepare(`INSERT INTO loyaltyProgram (id, enabled, pointsPerUnit, categoryMultipliers, redeemPoints, redeemCents, minimumRedeemPoints, expiryMonths, tiers, reviewPoints, updatedAt)
      VALUES (1, 1, @pointsPerUnit, @categoryMultipliers, @redeemPoints, @redeemCents, @minimumRedeemPoints, @expiryMonths, @tiers, @reviewPoints, @updatedAt)`)
    .run({ ...program, categoryMultipliers: JSON.stringify(program.categoryMultipliers), tiers: JSON.stringify(program.tiers), updatedAt: nowIso });
  // Built once over the finished rows (a sort) rather than kept through every insert.
  const restoreIndexes = setAsideIndexes(sqlite, "tbl_name = 'pointsEntry'");
  sqlite.prepare(DEMO_EARNED_SQL).run({ timeZone, since });
  sqlite.prepare(DEMO_EXPIRED_SQL).run({ today });
  restoreIndexes();
}
