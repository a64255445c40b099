import { afterEach, describe, expect, it } from 'vitest';
import type { SegmentQuery } from '../../../src-shared/contract/segments';
import { type SegmentClinic, openSegmentClinic } from './clinic';

let s: SegmentClinic | undefined;
afterEach(async () => {
  await s?.clinic.close();
  s = undefined;
});

describe('saved segments, export, audience and cross-marketing', () => {
  it('a manager saves, renames and deletes a segment; counts are live; refusals change nothing', async () => {
    s = await openSegmentClinic();
    const c = s.clinic;
    const ana = await s.patient('Ana');
    const query: SegmentQuery = { categories: { any: [s.categories.neurotoxin], never: [s.categories.filler] } };
    const saved = await c.call('segments.save', { name: 'Toxin, no filler', query });
    expect(saved).toMatchObject({ name: 'Toxin, no filler', count: 0, query: { categories: { any: [s.categories.neurotoxin], all: [], never: [s.categories.filler] } } });
    await s.sell(ana, '2025-03-01', [s.services.botox]);
    expect((await c.call('segments.list', {})).map((x) => [x.name, x.count])).toEqual([['Toxin, no filler', 1]]);

    const rows = () => c.count('savedSegment');
    const audits = () => c.count('audit');
    const [before, auditsBefore] = [rows(), audits()];
    await expect(c.call('segments.save', { name: 'toxin, NO filler', query: {} })).rejects.toMatchObject({ code: 'conflict', details: { fieldErrors: { name: ['Already taken'] } } });
    await expect(c.call('segments.save', { name: 'Bad', query: { spentCents: { min: 5, max: 1 } } })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(c.call('segments.save', { name: 'Bad', query: { colour: 'red' } } as never)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(c.call('segments.save', { id: 999_999, name: 'Ghost', query: {} })).rejects.toMatchObject({ code: 'not_found' });
    await expect(c.call('segments.delete', { id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    expect([rows(), audits()]).toEqual([before, auditsBefore]);

    const desk = await c.as('frontDesk');
    expect(await desk.call('segments.count', { query })).toEqual({ count: 1 });
    expect(await desk.call('segments.list', {})).toHaveLength(1);
    await expect(desk.call('segments.save', { name: 'Mine', query })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(desk.call('segments.export', { query, format: 'csv' })).rejects.toMatchObject({ code: 'forbidden' });

    const renamed = await c.call('segments.save', { id: saved.id, name: 'Toxin buyers', query: { categories: { any: [s.categories.neurotoxin] } } });
    expect(renamed).toMatchObject({ id: saved.id, name: 'Toxin buyers', count: 1 });
    await c.call('segments.delete', { id: saved.id });
    expect(await c.call('segments.list', {})).toEqual([]);
  });

  it('exports spreadsheet-safe CSV and gives the contactable audience for e-coupons', async () => {
    s = await openSegmentClinic();
    const c = s.clinic;
    const formula = await s.patient('=HYPERLINK("x")', { phone: '+49 30 1234567', email: 'ana@example.com' });
    const quiet = await s.patient('Quiet', { doNotContact: true });
    await s.sell(formula, '2025-03-01', [s.services.botox]);
    await s.sell(quiet, '2025-03-02', [s.services.botox]);
    await s.toToday();
    const query: SegmentQuery = { categories: { any: [s.categories.neurotoxin] } };
    const csv = await c.call('segments.export', { query, format: 'csv' });
    expect(csv.count).toBe(2);
    expect(csv.filename).toBe('segment-2026-11-23.csv');
    const lines = csv.content.trim().split('\r\n');
    expect(lines[0]).toContain('"Phone","Email","Do not contact"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") Kunde"`);
    expect(lines[1]).toContain(`"'+49301234567"`);
    expect(lines[1]).toContain('"R1F1M1","Lost"');
    expect(lines[1]).toContain('"Deep sleep"');

    const audience = await c.call('segments.audience', { query });
    expect(audience).toEqual({ patientIds: [formula], total: 1 });
  });

  it('cross-marketing presets count "bought A, never B" per pair', async () => {
    s = await openSegmentClinic();
    const [ana, ben, cleo] = [await s.patient('Ana'), await s.patient('Ben'), await s.patient('Cleo')];
    await s.sell(ana, '2025-03-01', [s.services.botox]);
    await s.sell(ben, '2025-03-01', [s.services.botox, s.services.filler]);
    await s.sell(cleo, '2025-03-01', [s.services.filler]);
    await s.toToday();
    const pairs = await s.clinic.call('segments.crossSell', {});
    const pair = (a: number, b: number) => pairs.find((p) => p.boughtCategoryId === a && p.neverCategoryId === b)?.count;
    expect(pair(s.categories.neurotoxin, s.categories.filler)).toBe(1);
    expect(pair(s.categories.filler, s.categories.neurotoxin)).toBe(1);
    expect(pair(s.categories.neurotoxin, s.categories.laser)).toBe(2);
    expect(pairs[0].count).toBe(2);
    // The preset's own query gives the same count.
    const { count } = await s.clinic.call('segments.count', { query: { categories: { any: [s.categories.neurotoxin], never: [s.categories.filler] } } });
    expect(count).toBe(1);
  });
});
