import { valueOfPoints } from '../../src-shared/loyalty';
import { addCalendarDays, startOfLocalDay } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { TIER_KINDS, tierWindowStart } from './profile';
import { programOf, tierOf } from './program';

/** Per patient with points at the end of the day: the balance and what counted towards their tier then. */
export const LIABILITY_SQL = `SELECT patientId, sum(points) AS balance,
    sum(CASE WHEN at >= :from AND kind IN (SELECT value FROM json_each(:tierKinds)) THEN points ELSE 0 END) AS earned
  FROM pointsEntry WHERE at < :end GROUP BY patientId HAVING sum(points) <> 0`;

/** LIABILITY_SQL's parameters for the end of the clinic-local day `asOf`. */
export const liabilityParams = (asOf: string, timeZone: string) => ({
  from: tierWindowStart(asOf, timeZone),
  end: startOfLocalDay(addCalendarDays(asOf, 1), timeZone).toISOString(),
  tierKinds: JSON.stringify(TIER_KINDS),
});

export const liabilityHandlers: HandlerMap<'loyalty.liability'> = {
  /** Outstanding points as the ledger holds them at the end of `asOf` (points past their date count until written off). */
  'loyalty.liability': ({ asOf }, ctx) => {
    const { timeZone } = ctx.clinic();
    const program = programOf(ctx.sqlite);
    const rows = cached(ctx.sqlite, LIABILITY_SQL).all(liabilityParams(asOf, timeZone)) as { patientId: number; balance: number; earned: number }[];
    const byTier = new Map<string | null, { patients: number; points: number }>([[null, { patients: 0, points: 0 }], ...program.tiers.map((t) => [t.name, { patients: 0, points: 0 }] as const)]);
    for (const row of rows) {
      const group = byTier.get(tierOf(program, row.earned).tier?.name ?? null)!;
      group.patients += 1;
      group.points += row.balance;
    }
    const tiers = [...byTier].map(([tier, g]) => ({ tier, patients: g.patients, points: g.points, valueCents: valueOfPoints(program, g.points) }));
    const sum = (key: 'patients' | 'points' | 'valueCents') => tiers.reduce((total, t) => total + t[key], 0);
    return { asOf, points: sum('points'), valueCents: sum('valueCents'), patients: sum('patients'), byTier: tiers };
  },
};
