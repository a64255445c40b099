import type { PipelineSettings } from '../../../src-shared/contract/reports-pipeline';
import { fieldError } from '../../../src-shared/errors';
import { addCalendarDays, addCalendarMonths, localDate } from '../../../src-shared/time';
import { utcRange } from './period';
import { cached, type Sqlite } from '../../core/db';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import { ACTUAL_ASP_SQL, TARGETS_SQL, WINDOWS_SQL } from './queries';

/** Until a manager sets them: leads of the last 90 days are open; a consult stalls 14 days after it. */
export const DEFAULT_OPEN_LEAD_DAYS = 90;
export const DEFAULT_STALL_DAYS = 14;

interface Windows {
  openLeadDays: number;
  stallDays: number;
}

export function pipelineWindows(sqlite: Sqlite): Windows {
  const row = cached(sqlite, WINDOWS_SQL).get() as Windows | undefined;
  return row ?? { openLeadDays: DEFAULT_OPEN_LEAD_DAYS, stallDays: DEFAULT_STALL_DAYS };
}

/** Month targets by month (YYYY-MM). */
export function monthlyTargets(sqlite: Sqlite): Map<string, number> {
  const rows = cached(sqlite, TARGETS_SQL).all() as { month: string; targetCents: number }[];
  return new Map(rows.map((r) => [r.month, r.targetCents]));
}

interface ClinicRates {
  timeZone: string;
  leadToConsultRateBp: number;
  consultToTreatmentRateBp: number;
  weeklySalesTargetCents: number;
}

export function pipelineSettingsOf(ctx: HandlerContext): PipelineSettings {
  // Read again, not ctx.clinic(): a change made earlier in this call must show.
  const clinic = cached(ctx.sqlite, 'SELECT timeZone, leadToConsultRateBp, consultToTreatmentRateBp, weeklySalesTargetCents FROM clinic').get() as ClinicRates;
  const today = localDate(ctx.now, clinic.timeZone);
  // The last 12 months, today included.
  const actual = cached(ctx.sqlite, ACTUAL_ASP_SQL).all(utcRange(addCalendarDays(addCalendarMonths(today, -12), 1), today, clinic.timeZone)) as {
    categoryId: number;
    categoryName: string;
    averageSaleCents: number;
    sales: number;
    netCents: number;
  }[];
  return {
    leadToConsultBp: clinic.leadToConsultRateBp,
    consultToTreatmentBp: clinic.consultToTreatmentRateBp,
    ...pipelineWindows(ctx.sqlite),
    weeklyTargetCents: clinic.weeklySalesTargetCents,
    monthlyTargets: [...monthlyTargets(ctx.sqlite)].map(([month, targetCents]) => ({ month, targetCents })),
    categories: actual.map((c) => ({
      categoryId: c.categoryId,
      categoryName: c.categoryName,
      averageSaleCents: c.averageSaleCents,
      actualAverageSaleCents: c.sales === 0 ? null : Math.round(c.netCents / c.sales),
      actualSales: c.sales,
    })),
  };
}

export const settingsHandlers: HandlerMap<'reports.pipelineSettings' | 'reports.updatePipelineSettings' | 'reports.awareness' | 'reports.setAwareness'> = {
  'reports.pipelineSettings': (_input, ctx) => pipelineSettingsOf(ctx),

  'reports.updatePipelineSettings': async (input, ctx) => {
    const before = pipelineSettingsOf(ctx);
    const at = ctx.now.toISOString();
    for (const [i, c] of (input.categories ?? []).entries()) {
      if (!before.categories.some((k) => k.categoryId === c.categoryId)) throw fieldError('not_found', 'No such service category.', `categories.${i}.categoryId`);
    }
    const clinicChange = {
      ...(input.leadToConsultBp === undefined ? {} : { leadToConsultRateBp: input.leadToConsultBp }),
      ...(input.consultToTreatmentBp === undefined ? {} : { consultToTreatmentRateBp: input.consultToTreatmentBp }),
      ...(input.weeklyTargetCents === undefined ? {} : { weeklySalesTargetCents: input.weeklyTargetCents }),
    };
    if (Object.keys(clinicChange).length > 0) await ctx.db.updateTable('clinic').set({ ...clinicChange, updatedAt: at }).execute();
    if (input.openLeadDays !== undefined || input.stallDays !== undefined) {
      const row = { openLeadDays: input.openLeadDays ?? before.openLeadDays, stallDays: input.stallDays ?? before.stallDays, updatedAt: at, updatedBy: ctx.actor.staffId };
      await ctx.db.insertInto('pipelineSettings').values({ id: 1, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
    }
    for (const { month, targetCents } of input.monthlyTargets ?? []) {
      if (targetCents === null) await ctx.db.deleteFrom('monthlySalesTarget').where('month', '=', month).execute();
      else {
        await ctx.db
          .insertInto('monthlySalesTarget')
          .values({ id: ctx.newId('monthlySalesTarget'), month, targetCents, updatedAt: at })
          .onConflict((oc) => oc.column('month').doUpdateSet({ targetCents, updatedAt: at }))
          .execute();
      }
    }
    for (const c of input.categories ?? []) await ctx.db.updateTable('serviceCategory').set({ averageSaleCents: c.averageSaleCents }).where('id', '=', c.categoryId).execute();
    const after = pipelineSettingsOf(ctx);
    ctx.audit({ action: 'update', entity: 'pipelineSettings', entityId: '1', summary: 'Changed the sales projection’s assumptions', details: { before: withoutActuals(before), after: withoutActuals(after) } });
    return after;
  },

  'reports.awareness': (input, ctx) =>
    cached(
      ctx.sqlite,
      `SELECT a.month, a.referralSourceId, s.name AS referralSourceName, a.reached FROM awarenessEntry a JOIN referralSource s ON s.id = a.referralSourceId
       WHERE a.month BETWEEN @from AND @to ORDER BY a.month, s.name`,
    ).all(input) as { month: string; referralSourceId: number; referralSourceName: string; reached: number }[],

  'reports.setAwareness': async (input, ctx) => {
    const source = await ctx.db.selectFrom('referralSource').select('name').where('id', '=', input.referralSourceId).executeTakeFirst();
    if (!source) throw fieldError('not_found', 'No such referral source.', 'referralSourceId');
    const at = ctx.now.toISOString();
    if (input.reached === null) {
      await ctx.db.deleteFrom('awarenessEntry').where('month', '=', input.month).where('referralSourceId', '=', input.referralSourceId).execute();
    } else {
      await ctx.db
        .insertInto('awarenessEntry')
        .values({ id: ctx.newId('awarenessEntry'), month: input.month, referralSourceId: input.referralSourceId, reached: input.reached, updatedAt: at })
        .onConflict((oc) => oc.columns(['month', 'referralSourceId']).doUpdateSet({ reached: input.reached ?? 0, updatedAt: at }))
        .execute();
    }
    const what = input.reached === null ? 'not measured' : `${input.reached} reached`;
    ctx.audit({ action: 'update', entity: 'awarenessEntry', entityId: `${input.month}/${input.referralSourceId}`, summary: `Awareness ${input.month}, ${source.name}: ${what}`, details: input });
    return { ok: true as const };
  },
};

/** The audit keeps what a manager set, not the actual sales beside it. */
function withoutActuals(s: PipelineSettings) {
  return { ...s, categories: s.categories.map((c) => ({ categoryId: c.categoryId, averageSaleCents: c.averageSaleCents })) };
}
