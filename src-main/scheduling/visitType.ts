import type { VisitType } from '../../src-shared/contract/scheduling';
import { isoOf } from '../../src-shared/time';
import type { Db } from '../core/db';
import type { Planned } from './conflicts';

const RECHECK_WINDOW_MS = 30 * 24 * 60 * 60_000;

/**
 * What kind of visit this is, from the patient's history before it: a series occurrence is in-course; a free
 * visit within 30 days of a treatment in the same category is a recheck; no earlier completed visit makes it the
 * first; an earlier one in the same category a repurchase; anything else a return.
 */
export async function visitTypeOf(db: Db, patientId: number, planned: Planned[], inSeries: boolean): Promise<VisitType> {
  if (inSeries) return 'inCourse';
  const start = Math.min(...planned.map((p) => p.start));
  const categories = [...new Set(planned.map((p) => p.service.categoryId))];
  const history = await db
    .selectFrom('appointment as a')
    .innerJoin('appointmentService as s', 's.appointmentId', 'a.id')
    .innerJoin('service as sv', 'sv.id', 's.serviceId')
    .where('a.patientId', '=', patientId)
    .where('a.startsAt', '<', isoOf(start))
    .where('a.status', 'in', ['completed', 'checkedOut'])
    .select((eb) => [
      eb.fn.countAll<number>().as('visits'),
      eb.fn.max(eb.case().when('sv.categoryId', 'in', categories).then(eb.ref('a.startsAt')).end()).as('lastSameCategory'),
      eb.fn.max(eb.case().when(eb.and([eb('sv.categoryId', 'in', categories), eb('sv.kind', '=', 'treatment')])).then(eb.ref('a.startsAt')).end()).as('lastSameTreatment'),
    ])
    .executeTakeFirstOrThrow();
  if (history.visits === 0) return 'first';
  const free = planned.every((p) => p.service.priceCents === 0);
  if (free && history.lastSameTreatment !== null && Date.parse(history.lastSameTreatment) >= start - RECHECK_WINDOW_MS) return 'recheck';
  return history.lastSameCategory !== null ? 'repurchase' : 'return';
}
