import type { SegmentQuery } from '../../src-shared/contract/segments';
import { defaultSegmentSettings } from '../segments/index';
import type { DemoCatalog } from './catalog';
import type { DemoContext } from './context';

/**
 * The tier and RFM thresholds (the defaults, so the settings screen shows a saved row) and the segments a manager of
 * this clinic would have saved: the example, lapsed neurotoxin patients, and two cross-marketing audiences.
 */
export function writeSegments(ctx: DemoContext, catalog: DemoCatalog): void {
  const { sqlite, nowIso } = ctx;
  const s = defaultSegmentSettings;
  sqlite
    .prepare('INSERT INTO segmentSettings (id, newDays, activeDays, sleepingDays, recencyDays, frequencyPurchases, monetaryCents, expectedLifespanYears, updatedAt) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(s.newDays, s.activeDays, s.sleepingDays, JSON.stringify(s.recencyDays), JSON.stringify(s.frequencyPurchases), JSON.stringify(s.monetaryCents), s.expectedLifespanYears, nowIso);
  const category = catalog.categoryIds;
  const saved: [string, SegmentQuery][] = [
    [
      'Toxin and laser, never filler, lapsed big spenders',
      { categories: { all: [category.neurotoxin, category.laserHair], never: [category.filler] }, spentCents: { min: 200_001 }, daysSinceLastVisit: { min: 183 } },
    ],
    ['Neurotoxin patients not seen in 4 months', { categories: { any: [category.neurotoxin] }, daysSinceLastVisit: { min: 120 }, contactableBy: ['email', 'sms', 'phone'] }],
    ['Filler without neurotoxin', { categories: { any: [category.filler], never: [category.neurotoxin] } }],
    ['Champions and loyal', { rfmSegments: ['champions', 'loyal'] }],
    ['Sleeping patients to win back', { tiers: ['sleeping'], doNotContact: false }],
  ];
  const insert = sqlite.prepare('INSERT INTO savedSegment (name, query, createdAt, updatedAt) VALUES (?, ?, ?, ?)');
  for (const [name, query] of saved) insert.run(name, JSON.stringify(query), nowIso, nowIso);
}
