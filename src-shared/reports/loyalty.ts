import type { OutputOf } from '../contract/index';
import { integerColumn, moneyColumn, textColumn, type ReportDocument } from './document';
import type { DocumentMeta } from './meta';

export type PointsLiability = OutputOf<'loyalty.liability'>;

/** Patients without a tier (no tiers set, or below the first threshold). */
export const NO_TIER = 'No tier';

/**
 * The points liability in the print family: what the outstanding points would pay at the desk, and by tier. A
 * manager prints it at a month's end for the books.
 */
export function pointsLiabilityDocument(liability: PointsLiability, meta: DocumentMeta): ReportDocument {
  return {
    title: 'Points liability',
    clinicName: meta.clinicName,
    from: liability.asOf,
    to: liability.asOf,
    generatedAt: meta.generatedAt,
    orientation: 'portrait',
    sections: [
      {
        kind: 'figures',
        items: [
          { label: 'Value of outstanding points', value: liability.valueCents, format: 'money' },
          { label: 'Outstanding points', value: liability.points, format: 'integer' },
          { label: 'Patients holding points', value: liability.patients, format: 'integer' },
        ],
      },
      {
        kind: 'table',
        title: 'By tier',
        columns: [textColumn('tier', 'Tier'), integerColumn('patients', 'Patients'), integerColumn('points', 'Points'), moneyColumn('valueCents', 'Value')],
        rows: liability.byTier.map((row) => ({ tier: row.tier ?? NO_TIER, patients: row.patients, points: row.points, valueCents: row.valueCents })),
        totals: { tier: 'Total', patients: liability.patients, points: liability.points, valueCents: liability.valueCents },
        emptyText: 'Nobody holds points.',
      },
      {
        kind: 'note',
        text: `Points on the ledger at the end of ${liability.asOf} and what they would pay at the desk at today’s redemption value, each tier’s rounded down. Points past their date count until the daily run writes them off; tiers are the patients’ tiers on that day.`,
      },
    ],
  };
}
