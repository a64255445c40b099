import { describe, expect, it } from 'vitest';
import { pipelineClinics } from './clinic';

const open = pipelineClinics();

/**
 * Gap closers with a service's own maintenance interval and an archived patient, hand-built in New York time.
 * Botox forehead is due every 180 days (its category, Neurotoxin, every 90; laser every 42). Ann bought Botox on
 * 1 August 2025 (due 28 January: overdue on 1 March); Dan on 1 November 2025 (due 30 April by the service's interval,
 * though the category's would make it overdue); Bo laser on 1 December 2025 (due 12 January: overdue); Eve laser on
 * 20 January 2026 (due 3 March); Cy Botox on 1 August and laser on 25 January (due 8 March), then archived.
 * Average sales: Neurotoxin $400, laser $200.
 */
describe('projected sales: gap closers', () => {
  it('counts overdue and falling-due patients by each service’s own interval, leaving archived patients out', async () => {
    const c = await open('2025-08-01T10:00');
    const { services } = c;
    await c.clinic.call('catalog.saveService', {
      id: services.botox, categoryId: c.neurotoxin, name: 'Botox forehead', kind: 'treatment', priceCents: 30_000, durationMinutes: 30, taxable: false, intervalOverrideDays: 180,
    });
    const [ann, cy] = [await c.patient('Ann'), await c.patient('Cy')];
    await c.sell(ann, [services.botox]);
    await c.sell(cy, [services.botox]);
    await c.at('2025-11-01T10:00');
    await c.sell(await c.patient('Dan'), [services.botox]);
    await c.at('2025-12-01T10:00');
    await c.sell(await c.patient('Bo'), [services.laser]);
    await c.at('2026-01-20T10:00');
    await c.sell(await c.patient('Eve'), [services.laser]);
    await c.at('2026-01-25T10:00');
    await c.sell(cy, [services.laser]);
    await c.at('2026-02-20T10:00');
    const march = { from: '2026-03-01', to: '2026-03-31', include: { leads: false } };
    // Before Cy is archived: Ann, Bo and Cy overdue ($400 + $200 + $400); Eve and Cy fall due ($200 + $200).
    expect((await c.clinic.call('reports.projectedSales', march)).gapClosers).toEqual({
      delinquent: { patients: 3, potentialCents: 100_000 },
      dueSoon: { patients: 2, potentialCents: 40_000 },
    });
    await c.clinic.call('patients.archive', { id: cy, archived: true, reason: 'Moved away' });
    expect((await c.clinic.call('reports.projectedSales', march)).gapClosers).toEqual({
      delinquent: { patients: 2, potentialCents: 60_000 },
      dueSoon: { patients: 1, potentialCents: 20_000 },
    });
  });
});
