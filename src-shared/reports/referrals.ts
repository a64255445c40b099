import type { AmbassadorBoard } from '../contract/referrals';
import { integerColumn, moneyColumn, type ReportDocument, textColumn } from './document';
import type { DocumentMeta } from './meta';

/** The ambassador board as a document: figures, the page of ambassadors shown (by revenue) with the period's totals. */
export function ambassadorBoardDocument(b: AmbassadorBoard, meta: DocumentMeta): ReportDocument {
  const columns = [
    textColumn('name', 'Ambassador'),
    textColumn('number', 'Patient no.'),
    integerColumn('referred', 'Referred'),
    integerColumn('converted', 'Converted'),
    moneyColumn('revenueCents', 'Revenue from referred'),
    moneyColumn('rewardCents', 'Rewards'),
    integerColumn('rewardPoints', 'Reward points'),
  ];
  return {
    title: 'Ambassador board',
    clinicName: meta.clinicName,
    from: b.from,
    to: b.to,
    generatedAt: meta.generatedAt,
    orientation: 'portrait',
    sections: [
      {
        kind: 'figures',
        items: [
          { label: 'Ambassadors', value: b.total, format: 'integer' },
          { label: 'Patients referred', value: b.totals.referred, format: 'integer' },
          { label: 'Converted', value: b.totals.converted, format: 'integer' },
          { label: 'Revenue from referred patients', value: b.totals.revenueCents, format: 'money' },
          { label: 'Rewards given', value: b.totals.rewardCents, format: 'money' },
        ],
      },
      {
        kind: 'table',
        title: b.total > b.rows.length ? `Ambassadors (${b.rows.length} of ${b.total})` : 'Ambassadors',
        columns,
        rows: b.rows.map((r) => ({ name: r.patient.name, number: r.patient.number, referred: r.referred, converted: r.converted, revenueCents: r.revenueCents, rewardCents: r.rewardCents, rewardPoints: r.rewardPoints })),
        totals: { name: 'All ambassadors', number: null, ...b.totals },
        emptyText: 'Nobody referred a patient, brought revenue or earned a reward in this period.',
      },
      {
        kind: 'note',
        text: 'Referred: patients added in the period naming the ambassador. Converted: of those, who paid a treatment in full by the period’s end. Revenue: net (after discounts, before tax) of invoices issued in the period and paid in full, to every patient the ambassador ever referred, less their credit notes in the period. Rewards: given less taken back in the period (points rewards at their value when given).',
      },
    ],
  };
}
