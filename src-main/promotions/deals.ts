import { sql } from 'kysely';
import { type DealDefinition, type DealStatus, dealKinds } from '../../src-shared/contract/promotions';
import type { Db } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { requirePatient } from '../patients/index';

export async function dealDefinition(db: Db): Promise<DealDefinition> {
  const clinic = await db.selectFrom('clinic').select(['dealMinCents', 'dealKinds']).executeTakeFirstOrThrow();
  const kinds = (JSON.parse(clinic.dealKinds) as string[]).filter((kind): kind is DealDefinition['kinds'][number] => (dealKinds as readonly string[]).includes(kind));
  return { minCents: clinic.dealMinCents, kinds };
}

/**
 * How many deals a patient made: issued (not void) invoices of at least the least total, not refunded whole by credit
 * notes, with a line of a kind the definition names ('other': a line without a service).
 */
function dealCountSql(definition: DealDefinition, patientId: ReturnType<typeof sql.ref>) {
  return sql<number>`(SELECT count(*) FROM invoice i
    WHERE i.patientId = ${patientId} AND i.status = 'issued' AND i.totalCents >= ${definition.minCents}
      AND coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = i.id), 0) < i.totalCents
      AND EXISTS (SELECT 1 FROM invoiceLine l LEFT JOIN service s ON s.id = l.serviceId
                  WHERE l.invoiceId = i.id AND coalesce(s.kind, 'other') IN (SELECT value FROM json_each(${JSON.stringify(definition.kinds)}))))`;
}

export function dealStatusOf(dealCount: number): DealStatus {
  return dealCount === 0 ? 'never' : dealCount === 1 ? 'first' : 'repeat';
}

/** Deal counts of some patients, for other domains (the retention engine's segments). */
export async function dealCounts(db: Db, patientIds: number[]): Promise<Map<number, number>> {
  if (!patientIds.length) return new Map();
  const definition = await dealDefinition(db);
  const rows = await db.selectFrom('patient').select('id').select(dealCountSql(definition, sql.ref('patient.id')).as('deals')).where('id', 'in', patientIds).execute();
  return new Map(rows.map((row) => [row.id, row.deals]));
}

/** What a patient owes on issued invoices: their totals less credit notes and net payments, where still due. */
export async function owedCents(db: Db, patientId: number): Promise<number> {
  const { owed } = await db
    .selectFrom(
      sql<{ due: number }>`(SELECT i.totalCents
          - coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = i.id), 0)
          - coalesce((SELECT sum(p.amountCents) FROM payment p WHERE p.invoiceId = i.id), 0) AS due
        FROM invoice i WHERE i.patientId = ${patientId} AND i.status = 'issued')`.as('dues'),
    )
    .select(sql<number>`coalesce(sum(CASE WHEN due > 0 THEN due ELSE 0 END), 0)`.as('owed'))
    .executeTakeFirstOrThrow();
  return owed;
}

export const dealHandlers: HandlerMap<'deals.definition' | 'deals.saveDefinition' | 'deals.patients' | 'patients.standing'> = {
  'deals.definition': (_input, ctx) => dealDefinition(ctx.db),

  'deals.saveDefinition': async ({ minCents, kinds }, ctx) => {
    const before = await dealDefinition(ctx.db);
    const unique = dealKinds.filter((kind) => kinds.includes(kind));
    await ctx.db.updateTable('clinic').set({ dealMinCents: minCents, dealKinds: JSON.stringify(unique), updatedAt: ctx.now.toISOString() }).execute();
    ctx.audit({ action: 'update', entity: 'clinic', entityId: ctx.clinic().id, summary: 'Changed what counts as a deal', details: { before, after: { minCents, kinds: unique } } });
    return { minCents, kinds: unique };
  },

  'deals.patients': async ({ status, limit }, ctx) => {
    const deals = dealCountSql(await dealDefinition(ctx.db), sql.ref('patient.id'));
    const wanted = status === 'never' ? sql<boolean>`${deals} = 0` : status === 'first' ? sql<boolean>`${deals} = 1` : sql<boolean>`${deals} >= 2`;
    const rows = await ctx.db
      .selectFrom('patient')
      .select(['id', 'number', sql<string>`firstName || ' ' || lastName`.as('name'), deals.as('dealCount')])
      .where('archivedAt', 'is', null)
      .where('mergedIntoId', 'is', null)
      .where(wanted)
      .orderBy('sortName')
      .limit(limit)
      .execute();
    return rows;
  },

  'patients.standing': async ({ patientId }, ctx) => {
    await requirePatient(ctx, patientId, 'patientId');
    const dealCount = (await dealCounts(ctx.db, [patientId])).get(patientId) ?? 0;
    const { stored } = await ctx.db
      .selectFrom('storedValueEntry')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountCents'), eb.val(0)).as('stored'))
      .where('patientId', '=', patientId)
      .executeTakeFirstOrThrow();
    return { patientId, dealStatus: dealStatusOf(dealCount), dealCount, owedCents: await owedCents(ctx.db, patientId), storedValueCents: stored };
  },
};
