import { CANDIDATE, DAYS, INSERT_TASKS, inCategories, key } from './queries';

/**
 * Due-soon repurchase reminders, from the retention projection (`patientCategoryPurchase`, kept exact by triggers):
 * the category's maintenance interval (or the last service's override) after the last purchase is the due date; the
 * task falls due `:lead` days before it. The due date is the occurrence, so buying again starts a new one. A patient
 * already booked for the category is not chased.
 */
export const DUE_SOON_SQL = `
  WITH ${DAYS}, ${CANDIDATE} AS (
    SELECT ${key(`'patient:' || pc.patientId || '|category:' || pc.categoryId || '|due:' || date(pc.lastLocalDate, '+' || coalesce(v.intervalOverrideDays, c.maintenanceIntervalDays) || ' days')`)},
      pc.patientId, NULL, pc.lastInvoiceId, pc.lastStaffId, c.name, d.dueOn, d.dueAt
    FROM patientCategoryPurchase pc
    JOIN serviceCategory c ON c.id = pc.categoryId
    LEFT JOIN service v ON v.id = pc.lastServiceId
    JOIN day d ON d.dueOn = date(pc.lastLocalDate, '+' || (coalesce(v.intervalOverrideDays, c.maintenanceIntervalDays) - :lead) || ' days')
    WHERE coalesce(v.intervalOverrideDays, c.maintenanceIntervalDays) > 0 AND ${inCategories('pc.categoryId')}
      AND NOT EXISTS (SELECT 1 FROM appointment a JOIN appointmentService s ON s.appointmentId = a.id JOIN service w ON w.id = s.serviceId
        WHERE a.patientId = pc.patientId AND a.status IN ('booked', 'confirmed') AND a.startsAt >= :now AND w.categoryId = pc.categoryId))
  ${INSERT_TASKS}`;
