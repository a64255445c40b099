import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentQuery } from '../../../src-shared/contract/segments';
import { type SegmentClinic, openSegmentClinic } from './clinic';

/**
 * One hand-checked clinic, today 2026-11-23 (Berlin). Prices: botox 300.00, filler 400.00, laser 500.00, peel 100.00.
 *  Ana   botox+laser ×3 (2025-02-01, 05-01, 08-01) = 2,400.00, never filler     → the example's one match
 *  Ben   botox+laser+filler, botox+laser, laser (2025) = 2,500.00              → bought filler
 *  Cleo  botox+laser ×3, the last 2026-10-20 = 2,400.00                        → seen a month ago
 *  Dora  botox+laser once (2025-04-01) = 800.00                                → spent too little
 *  Eva   botox ×7 (2025-01…07) = 2,100.00                                      → never laser
 *  Gus   peel 2026-10-01 (new), by Noah; Hugo peel 2026-01-10 (sleeping); Finn a lead (never bought).
 */
let s: SegmentClinic;
const ids: Record<string, number> = {};

beforeAll(async () => {
  s = await openSegmentClinic();
  const { botox, filler, laser, peel } = s.services;
  const { mia, noah } = s.providers;
  const source = (await s.clinic.call('catalog.saveReferralSource', { name: 'Instagram', channel: 'social', monthlyCostCents: 0 })).id;
  const vip = (await s.clinic.call('tags.save', { name: 'VIP', color: '#aa3366' })).id;
  const quiet = (await s.clinic.call('tags.save', { name: 'Quiet', color: '#336699' })).id;
  ids.vip = vip;
  ids.quiet = quiet;
  ids.source = source;
  ids.ana = await s.patient('Ana', { dateOfBirth: '1980-11-24', gender: 'female', referralSourceId: source });
  ids.ben = await s.patient('Ben', { dateOfBirth: '1980-11-23', gender: 'male' });
  ids.cleo = await s.patient('Cleo', { gender: 'female', doNotContact: true });
  ids.dora = await s.patient('Dora', { dateOfBirth: '2000-01-01', gender: 'female' });
  ids.eva = await s.patient('Eva', { gender: 'female' });
  ids.gus = await s.patient('Gus', { gender: 'male' });
  ids.hugo = await s.patient('Hugo');
  ids.finn = await s.patient('Finn', { referredByPatientId: ids.ana });
  await s.clinic.call('patients.setTags', { patientId: ids.ana, tagIds: [vip] });
  await s.clinic.call('patients.setTags', { patientId: ids.ben, tagIds: [vip, quiet] });
  await s.clinic.call('patients.setConsent', { patientId: ids.ana, channel: 'email', granted: true, source: 'form' });
  await s.clinic.call('patients.setConsent', { patientId: ids.cleo, channel: 'sms', granted: true, source: 'form' });
  await s.clinic.call('patients.setConsent', { patientId: ids.dora, channel: 'sms', granted: false, source: 'form' });

  for (let month = 1; month <= 7; month++) await s.sell(ids.eva, `2025-0${month}-15`, [botox]);
  await s.sell(ids.ana, '2025-02-01', [botox, laser], mia);
  await s.sell(ids.ben, '2025-03-01', [botox, laser, filler]);
  await s.sell(ids.cleo, '2025-03-01', [botox, laser]);
  await s.sell(ids.dora, '2025-04-01', [botox, laser]);
  await s.sell(ids.ana, '2025-05-01', [botox, laser]);
  await s.sell(ids.ben, '2025-06-01', [botox, laser]);
  await s.sell(ids.cleo, '2025-06-01', [botox, laser]);
  await s.sell(ids.ben, '2025-07-01', [laser]);
  await s.sell(ids.ana, '2025-08-01', [botox, laser]);
  await s.sell(ids.hugo, '2026-01-10', [peel]);
  await s.sell(ids.gus, '2026-10-01', [peel], noah);
  await s.sell(ids.cleo, '2026-10-20', [botox, laser]);
  await s.toToday();
});
afterAll(() => s.clinic.close());

const names = async (query: SegmentQuery) => {
  const { rows, total } = await s.clinic.call('segments.run', { query, limit: 500 });
  const { count } = await s.clinic.call('segments.count', { query });
  expect(count).toBe(total);
  expect(rows).toHaveLength(total);
  return rows.map((row) => row.name.split(' ')[0]).sort();
};

describe('the universal search', () => {
  it('finds "bought neurotoxin and laser hair removal but never filler, spent > 2,000, not seen in 6 months"', async () => {
    const query: SegmentQuery = {
      categories: { all: [s.categories.neurotoxin, s.categories.laser], never: [s.categories.filler] },
      spentCents: { min: 200_001 },
      daysSinceLastVisit: { min: 183 },
    };
    expect(await names(query)).toEqual(['Ana']);
    const [ana] = (await s.clinic.call('segments.run', { query })).rows;
    expect(ana).toMatchObject({ visits: 3, spentCents: 240_000, lastVisitDate: '2025-08-01', tier: 'deepSleep', contactable: ['email'], lastServiceName: expect.any(String) });
    expect(ana.rfm).toMatchObject({ recency: 1, frequency: 2, monetary: 3, segment: 'lost', action: 'personalCall' });
  });

  it('any / all / never of categories and services', async () => {
    const { neurotoxin, laser, filler, peel } = s.categories;
    expect(await names({ categories: { any: [filler, peel] } })).toEqual(['Ben', 'Gus', 'Hugo']);
    expect(await names({ categories: { all: [neurotoxin, laser] } })).toEqual(['Ana', 'Ben', 'Cleo', 'Dora']);
    expect(await names({ categories: { never: [neurotoxin] } })).toEqual(['Finn', 'Gus', 'Hugo']);
    expect(await names({ services: { any: [s.services.filler] } })).toEqual(['Ben']);
    expect(await names({ services: { all: [s.services.botox], never: [s.services.laser] } })).toEqual(['Eva']);
  });

  it('a service refunded whole no longer counts as bought', async () => {
    const invoice = await s.sell(ids.dora, '2026-11-23', [s.services.filler]);
    expect(await names({ services: { any: [s.services.filler] } })).toEqual(['Ben', 'Dora']);
    await s.clinic.call('creditNotes.create', { invoiceId: invoice.id, lines: [{ invoiceLineId: invoice.lineIds[0], quantity: 1 }], reason: 'Not done', refundTo: 'storeCredit' });
    expect(await names({ services: { any: [s.services.filler] } })).toEqual(['Ben']);
    expect(await names({ categories: { any: [s.categories.filler] } })).toEqual(['Ben']);
    await s.toToday();
  });

  it('age (whole years today), gender, referral source, tags any / all / never', async () => {
    // Ben turns 46 today, Ana tomorrow; Dora is 26.
    expect(await names({ age: { min: 46 } })).toEqual(['Ben']);
    expect(await names({ age: { min: 45, max: 45 } })).toEqual(['Ana']);
    expect(await names({ age: { max: 30 } })).toEqual(['Dora']);
    expect(await names({ genders: ['male'] })).toEqual(['Ben', 'Gus']);
    expect(await names({ referralSourceIds: [ids.source] })).toEqual(['Ana']);
    expect(await names({ tags: { any: [ids.vip] } })).toEqual(['Ana', 'Ben']);
    expect(await names({ tags: { all: [ids.vip, ids.quiet] } })).toEqual(['Ben']);
    expect(await names({ tags: { any: [ids.vip], never: [ids.quiet] } })).toEqual(['Ana']);
  });

  it('spend, visits, days since the last visit, treatments between dates, provider', async () => {
    expect(await names({ spentCents: { min: 200_000, max: 240_000 } })).toEqual(['Ana', 'Cleo', 'Eva']);
    expect(await names({ spentCents: { max: 10_000 } })).toEqual(['Finn', 'Gus', 'Hugo']);
    expect(await names({ visits: { min: 4 } })).toEqual(['Eva']);
    expect(await names({ visits: { max: 0 } })).toEqual(['Finn']);
    expect(await names({ daysSinceLastVisit: { max: 60 } })).toEqual(['Cleo', 'Gus']);
    expect(await names({ treated: { from: '2025-05-01', to: '2025-05-31' } })).toEqual(['Ana', 'Eva']);
    expect(await names({ treated: { from: '2026-01-01', categoryIds: [s.categories.peel] } })).toEqual(['Gus', 'Hugo']);
    expect(await names({ providerIds: [s.providers.mia, s.providers.noah] })).toEqual(['Ana', 'Gus']);
  });

  it('consent and do-not-contact', async () => {
    expect(await names({ contactableBy: ['email', 'sms'] })).toEqual(['Ana']);
    expect(await names({ doNotContact: true })).toEqual(['Cleo']);
  });

  it('tiers and RFM segments filter as the rows say', async () => {
    expect(await names({ tiers: ['lead'] })).toEqual(['Finn']);
    expect(await names({ tiers: ['new'] })).toEqual(['Gus']);
    expect(await names({ tiers: ['active'] })).toEqual(['Cleo']);
    expect(await names({ tiers: ['sleeping'] })).toEqual(['Hugo']);
    expect(await names({ tiers: ['deepSleep'] })).toEqual(['Ana', 'Ben', 'Dora', 'Eva']);
    expect(await names({ rfmSegments: ['cantLose'] })).toEqual(['Eva']);
    expect(await names({ rfmSegments: ['hibernating'] })).toEqual(['Hugo']);
    expect(await names({ rfmSegments: ['promising'] })).toEqual(['Cleo', 'Gus']);
    // Every row's own tier and segment agree with the SQL that filtered it.
    const { rows } = await s.clinic.call('segments.run', { query: {}, limit: 500 });
    for (const row of rows) {
      expect(await names({ tiers: [row.tier] })).toContain(row.name.split(' ')[0]);
      if (row.rfm) expect(await names({ rfmSegments: [row.rfm.segment] })).toContain(row.name.split(' ')[0]);
    }
  });

  it('sorts and pages', async () => {
    const page = (sort: 'spent' | 'lastVisit', offset: number) => s.clinic.call('segments.run', { query: { visits: { min: 1 } }, sort, descending: true, offset, limit: 2 });
    expect((await page('spent', 0)).rows.map((r) => r.spentCents)).toEqual([250_000, 240_000]);
    expect((await page('spent', 0)).total).toBe(7);
    expect((await page('lastVisit', 0)).rows.map((r) => r.lastVisitDate)).toEqual(['2026-10-20', '2026-10-01']);
    expect((await page('lastVisit', 6)).rows.map((r) => r.name)).toHaveLength(1);
  });

  it('refuses malformed queries with the field path', async () => {
    const refused = async (query: unknown) => {
      const error = await s.clinic.call('segments.count', { query } as never).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'invalid_input' });
      return Object.keys((error as { details: { fieldErrors: Record<string, string[]> } }).details.fieldErrors);
    };
    expect(await refused({ height: { min: 1 } })).toEqual(['query']);
    expect(await refused({ spentCents: { min: '2000' } })).toEqual(['query.spentCents.min']);
    expect(await refused({ spentCents: { min: 300, max: 200 } })).toEqual(['query.spentCents.max']);
    expect(await refused({ age: { min: -1 } })).toEqual(['query.age.min']);
    expect(await refused({ categories: { sometimes: [1] } })).toEqual(['query.categories']);
    expect(await refused({ tiers: ['asleep'] })).toEqual(['query.tiers.0']);
    expect(await refused({ treated: { from: '2026-02-01', to: '2026-01-01' } })).toEqual(['query.treated.to']);
  });
});
