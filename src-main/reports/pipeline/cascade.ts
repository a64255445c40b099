import {
  CASCADE_TARGET_BP,
  type CascadeLink,
  cascadeLinkFrom,
  cascadeLinks,
  type CascadeStage,
  type ConversionCascade,
  stageLabels,
} from '../../../src-shared/contract/reports-pipeline';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { addCalendarDays } from '../../../src-shared/time';
import { cached } from '../../core/db';
import type { HandlerContext, HandlerMap } from '../../core/registry';
import { assumptionsOf } from './assumptions';
import { utcRange } from './period';
import { AWARENESS_SQL, CASCADE_SQL } from './queries';

/** A consult counts for the cohort when it happens by the period's end + 90 days. */
export const CONSULT_WINDOW_DAYS = 90;

/** The parameters of every cohort query. */
export function cohortParams(ctx: HandlerContext, from: string, to: string) {
  const zone = ctx.clinic().timeZone;
  return { ...utcRange(from, to, zone), zone, now: ctx.now.toISOString(), consultUntil: utcRange(from, addCalendarDays(to, CONSULT_WINDOW_DAYS), zone).end };
}

type Counts = Record<Exclude<CascadeStage, 'awareness'>, number> & Record<`${Exclude<CascadeStage, 'awareness'>}Cents`, number>;

/** Stages fed by each stage: the cascade's tree (treatment feeds both maintenance and ambassadors). */
const below: Partial<Record<CascadeStage, CascadeStage[]>> = {
  awareness: ['lead'],
  lead: ['consult'],
  consult: ['treatment'],
  treatment: ['maintenance', 'ambassador'],
  maintenance: ['crossServices'],
};
/** Stages where one more patient is one more sale. */
const selling = new Set<CascadeStage>(['treatment', 'maintenance', 'crossServices']);

const rateOf = (countIn: number | null, countOut: number): number | null => (countIn === null || countIn === 0 ? null : Math.round((countOut * 10_000) / countIn));

export function conversionCascade(ctx: HandlerContext, input: ParsedInputOf<'reports.conversionCascade'>): ConversionCascade {
  const { from, to } = input;
  const c = cached(ctx.sqlite, CASCADE_SQL).get(cohortParams(ctx, from, to)) as Counts;
  const { reached } = cached(ctx.sqlite, AWARENESS_SQL).get({ fromMonth: from.slice(0, 7), toMonth: to.slice(0, 7) }) as { reached: number | null };
  const patients = (stage: CascadeStage): number | null => (stage === 'awareness' ? reached : c[stage]);

  const links = cascadeLinks.map((link) => {
    const countIn = patients(cascadeLinkFrom[link]);
    const countOut = c[link];
    const rateBp = rateOf(countIn, countOut);
    return { link, from: cascadeLinkFrom[link], to: link, label: `${stageLabels[cascadeLinkFrom[link]]} → ${stageLabels[link]}`, countIn, countOut, rateBp, targetBp: CASCADE_TARGET_BP, belowTarget: rateBp === null ? null : rateBp < CASCADE_TARGET_BP };
  });
  const averageSaleCents = assumptionsOf(ctx, false, undefined).overallAverageSaleCents;
  return {
    from,
    to,
    stages: (['awareness', 'lead', 'consult', 'treatment', 'maintenance', 'crossServices', 'ambassador'] as const).map((stage) => ({
      stage,
      label: stageLabels[stage],
      patients: patients(stage),
      revenueCents: stage === 'awareness' ? 0 : c[`${stage}Cents`],
    })),
    links,
    averageSaleCents,
    whatIf: input.whatIf ? whatIf(input.whatIf.link, input.whatIf.points, patients, averageSaleCents) : null,
    emptyText: c.lead === 0 ? 'No patients were added in this period, so there is no cohort to follow: choose a longer or earlier period.' : null,
  };
}

/**
 * "+N points on one link": the link's extra patients (its count in × N %), passed down the cascade at each later
 * link's actual rate; every extra patient treated, maintained or cross-sold is one more average sale.
 */
function whatIf(link: CascadeLink, points: number, patients: (stage: CascadeStage) => number | null, averageSaleCents: number): NonNullable<ConversionCascade['whatIf']> {
  const countIn = patients(cascadeLinkFrom[link]);
  const rateBp = rateOf(countIn, patients(link) ?? 0);
  const extra = new Map<CascadeStage, number>();
  if (countIn !== null && rateBp !== null) {
    const newRateBp = Math.min(10_000, Math.max(0, rateBp + points * 100));
    const pass = (stage: CascadeStage, count: number) => {
      extra.set(stage, count);
      for (const next of below[stage] ?? []) {
        const nextIn = patients(stage) ?? 0;
        pass(next, nextIn === 0 ? 0 : Math.round((count * (patients(next) ?? 0)) / nextIn));
      }
    };
    pass(link, Math.round((countIn * (newRateBp - rateBp)) / 10_000));
  }
  const extraPatients = [...extra].map(([stage, n]) => ({ stage, patients: n }));
  const revenueEffectCents = extraPatients.filter((e) => selling.has(e.stage)).reduce((sum, e) => sum + e.patients * averageSaleCents, 0);
  return { link, points, rateBp: rateBp === null ? null : Math.min(10_000, Math.max(0, rateBp + points * 100)), extraPatients, revenueEffectCents };
}

export const cascadeHandlers: HandlerMap<'reports.conversionCascade'> = {
  'reports.conversionCascade': (input, ctx) => conversionCascade(ctx, input),
};
