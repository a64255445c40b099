import type { VisitType } from '../../src-shared/contract/scheduling';
import { cached, type Sqlite } from '../core/db';
import type { Planned } from './conflicts';

const RECHECK_WINDOW_MS = 30 * 24 * 60 * 60_000;

/**
 * What kind of visit this is, from the patient's history before it: a series occurrence is in-course; a free
 * visit within 30 days of a treatment in the same category is a recheck; no earlier completed visit makes it the
 * first; an earlier one in the same category a repurchase; anything else a return.
 */
export function visitTypeOf(sqlite: Sqlite, patientId: number, planned: Planned[], inSeries: boolean): VisitType {
  if (inSeries) return 'inCourse';
  const start = new Date(Math.min(...planned.map((p) => p.start))).toISOString();
  const history = cached(
    sqlite,
    `SELECT count(*) AS visits,
       max(CASE WHEN sv.categoryId IN (SELECT value FROM json_each(@categories)) THEN a.startsAt END) AS lastSameCategory,
       max(CASE WHEN sv.categoryId IN (SELECT value FROM json_each(@categories)) AND sv.kind = 'treatment' THEN a.startsAt END) AS lastSameTreatment
     FROM appointment a JOIN appointmentService s ON s.appointmentId = a.id JOIN service sv ON sv.id = s.serviceId
     WHERE a.patientId = @patientId AND a.startsAt < @start AND a.status IN ('completed', 'checkedOut')`,
  ).get({ patientId, start, categories: JSON.stringify([...new Set(planned.map((p) => p.service.categoryId))]) }) as {
    visits: number;
    lastSameCategory: string | null;
    lastSameTreatment: string | null;
  };
  if (history.visits === 0) return 'first';
  const free = planned.every((p) => p.service.priceCents === 0);
  if (free && history.lastSameTreatment !== null && Date.parse(history.lastSameTreatment) >= Date.parse(start) - RECHECK_WINDOW_MS) return 'recheck';
  return history.lastSameCategory !== null ? 'repurchase' : 'return';
}
