import type { z } from 'zod';
import type { ProjectedSales, ProjectionOverrides } from '../../../src-shared/contract/reports-pipeline';
import { fieldError } from '../../../src-shared/errors';
import { cached } from '../../core/db';
import type { HandlerContext } from '../../core/registry';
import { CATEGORIES_SQL } from './queries';
import { pipelineWindows } from './settings';

type Overrides = z.output<typeof ProjectionOverrides>;

/** What a projection assumes: the settings, with this answer's overrides applied (the settings are unchanged). */
export interface Assumptions {
  leadToConsultBp: number;
  consultToTreatmentBp: number;
  openLeadDays: number;
  includeLeads: boolean;
  /** Category id → average sale, as the SQL's @asp reads it. */
  aspByCategory: Record<string, number>;
  /**
   * Category id → what a consult of the category leads to: its average sale, or, for a category of consults only
   * (a "Consultations" category), the overall average sale.
   */
  consultAspByCategory: Record<string, number>;
  overallAverageSaleCents: number;
  /** One lead's expected value: overall ASP × lead→consult × consult→treatment, rounded half up to the cent. */
  perLeadCents: number;
  shown: ProjectedSales['assumptions'];
}

interface CategoryRow {
  id: number;
  name: string;
  averageSaleCents: number;
  active: number;
  sellsTreatments: number;
}

export function assumptionsOf(ctx: HandlerContext, includeLeads: boolean, overrides: Overrides | undefined): Assumptions {
  const clinic = ctx.clinic();
  const categories = cached(ctx.sqlite, CATEGORIES_SQL).all() as CategoryRow[];
  const overridden: string[] = [];
  const aspOverrides = overrides?.averageSaleCents ?? {};
  for (const id of Object.keys(aspOverrides)) {
    if (!categories.some((c) => String(c.id) === id)) throw fieldError('not_found', 'No such service category.', `overrides.averageSaleCents.${id}`);
  }
  const leadToConsultBp = overrides?.leadToConsultBp ?? clinic.leadToConsultRateBp;
  const consultToTreatmentBp = overrides?.consultToTreatmentBp ?? clinic.consultToTreatmentRateBp;
  if (overrides?.leadToConsultBp !== undefined) overridden.push('leadToConsultBp');
  if (overrides?.consultToTreatmentBp !== undefined) overridden.push('consultToTreatmentBp');
  const aspByCategory: Record<string, number> = {};
  const shownCategories = categories.map((c) => {
    const override = aspOverrides[String(c.id)];
    if (override !== undefined) overridden.push(`averageSaleCents.${c.id}`);
    aspByCategory[String(c.id)] = override ?? c.averageSaleCents;
    return { categoryId: c.id, categoryName: c.name, averageSaleCents: override ?? c.averageSaleCents, overridden: override !== undefined };
  });
  // The overall average sale: the mean over active categories that sell treatments and have an average sale.
  const priced = categories.filter((c) => c.active === 1 && c.sellsTreatments === 1 && aspByCategory[String(c.id)] > 0).map((c) => aspByCategory[String(c.id)]);
  const overallAverageSaleCents = priced.length === 0 ? 0 : Math.round(priced.reduce((a, b) => a + b, 0) / priced.length);
  const consultAspByCategory = Object.fromEntries(categories.map((c) => [String(c.id), c.sellsTreatments === 1 ? aspByCategory[String(c.id)] : overallAverageSaleCents]));
  const { openLeadDays } = pipelineWindows(ctx.sqlite);
  const perLeadCents = Number((BigInt(overallAverageSaleCents) * BigInt(leadToConsultBp) * BigInt(consultToTreatmentBp) + 50_000_000n) / 100_000_000n);
  return {
    leadToConsultBp,
    consultToTreatmentBp,
    openLeadDays,
    includeLeads,
    aspByCategory,
    consultAspByCategory,
    overallAverageSaleCents,
    perLeadCents,
    shown: {
      leadToConsultBp,
      consultToTreatmentBp,
      openLeadDays,
      includeLeads,
      overallAverageSaleCents,
      categories: shownCategories.filter((c) => c.averageSaleCents > 0 || c.overridden || categories.find((k) => k.id === c.categoryId)?.active === 1),
      overridden,
    },
  };
}
