import { afterEach, describe, expect, it } from 'vitest';
import { injection, note, openChartClinic, type ChartClinic } from './visits';

let setup: ChartClinic;
afterEach(async () => {
  await setup?.clinic.close();
});

const chartRows = (s: ChartClinic) => s.clinic.lumen.runtime.sqlite.prepare('SELECT id, status, content, updatedAt FROM chart ORDER BY id').all();

describe('visit notes', () => {
  it('drafts, signs and amends a note with a lot number; the original stays as signed and the change is recorded', async () => {
    setup = await openChartClinic();
    const { clinic, services } = setup;
    const visit = await setup.book('2026-03-02T09:00:00Z', [services.consult, services.botox]);
    const practitioner = await clinic.as('practitioner', 'petra');

    const { id } = await practitioner.call('charts.saveDraft', { appointmentId: visit, content: note({ injections: [injection({ units: 18 })] }) });
    clinic.clock.advance({ minutes: 10 });
    expect(await practitioner.call('charts.saveDraft', { appointmentId: visit, chartId: id, content: note() })).toEqual({ id });
    clinic.clock.advance({ minutes: 5 });
    await practitioner.call('charts.sign', { chartId: id });

    const signed = await practitioner.call('charts.forAppointment', { appointmentId: visit });
    expect(signed.charts).toEqual([
      expect.objectContaining({ id, status: 'signed', signedAt: '2026-03-02T08:15:00.000Z', signedBy: 'practitioner 1', authorName: 'practitioner 1', amendsChartId: null }),
    ]);
    expect(signed.charts[0].content.injections).toEqual([injection()]);
    const originalRow = chartRows(setup)[0];

    clinic.clock.advance({ hours: 2 });
    const amended = note({ injections: [injection(), injection({ site: 'Frontalis', units: 10 })], plan: 'Review in three weeks.' });
    const amendment = await practitioner.call('charts.amend', { chartId: id, content: amended, reason: 'Forgot the forehead injections' });

    expect(amendment.changes).toEqual({
      plan: { from: 'Review in two weeks.', to: 'Review in three weeks.' },
      'injections.Frontalis': { from: null, to: [injection({ site: 'Frontalis', units: 10 })] },
    });
    const after = await practitioner.call('charts.forAppointment', { appointmentId: visit });
    expect(after.charts.map((c) => [c.id, c.status, c.amendsChartId])).toEqual([
      [id, 'signed', null],
      [amendment.id, 'signed', id],
    ]);
    expect(after.charts[1]).toMatchObject({ amendmentReason: 'Forgot the forehead injections', signedAt: '2026-03-02T10:15:00.000Z', changes: amendment.changes });
    expect(after.charts[1].content.injections).toHaveLength(2);
    // The original row is exactly as it was signed.
    expect(chartRows(setup)[0]).toEqual(originalRow);

    // A second amendment is compared with the first one, not with the original.
    const second = await practitioner.call('charts.amend', { chartId: amendment.id, content: { ...amended, postCare: 'Ice if swollen.' }, reason: 'Post-care added' });
    expect(second.changes).toEqual({ postCare: { from: 'No massage for 24 h.', to: 'Ice if swollen.' } });
    // An older entry is not amended behind the newer one's back.
    await expect(practitioner.call('charts.amend', { chartId: amendment.id, content: note(), reason: 'again' })).rejects.toMatchObject({ code: 'conflict', details: { chartId: second.id } });
    expect((await practitioner.call('charts.forAppointment', { appointmentId: visit })).charts.map((c) => c.amendsChartId)).toEqual([null, id, id]);

    const history = await practitioner.call('charts.forPatient', { patientId: setup.patientId });
    expect(history.map((c) => c.id)).toEqual([second.id, amendment.id, id]);
  });

  it('refuses to change a signed note, by the method and by the database itself', async () => {
    setup = await openChartClinic();
    const visit = await setup.book('2026-03-02T09:00:00Z', [setup.services.botox]);
    const { id } = await setup.clinic.call('charts.saveDraft', { appointmentId: visit, content: note() });
    await setup.clinic.call('charts.sign', { chartId: id });
    const before = chartRows(setup);

    await expect(setup.clinic.call('charts.saveDraft', { appointmentId: visit, chartId: id, content: note({ plan: 'changed' }) })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/signed.*Amend/),
    });
    await expect(setup.clinic.call('charts.saveDraft', { appointmentId: visit, content: note() })).rejects.toMatchObject({ code: 'conflict', details: { chartId: id } });
    await expect(setup.clinic.call('charts.sign', { chartId: id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(setup.clinic.call('charts.amend', { chartId: id, content: note(), reason: 'no change' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(() => setup.clinic.lumen.runtime.sqlite.prepare("UPDATE chart SET content = '{}' WHERE id = ?").run(id)).toThrow(/signed chart cannot change/);
    expect(chartRows(setup)).toEqual(before);
  });

  it('refuses an expired lot on the injection’s expiry field, and a cancelled visit', async () => {
    setup = await openChartClinic();
    const visit = await setup.book('2026-03-02T09:00:00Z', [setup.services.botox]);
    const content = note({ injections: [injection(), injection({ site: 'Crow’s feet L', lot: 'OLD-1', expiry: '2026-03-01' })] });

    await expect(setup.clinic.call('charts.saveDraft', { appointmentId: visit, content })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { 'content.injections.1.expiry': [expect.stringContaining('OLD-1 expired on 2026-03-01')] } },
    });
    await expect(setup.clinic.call('charts.saveDraft', { appointmentId: visit, content: note({ injections: [injection({ units: 2.5 })] }) })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fieldErrors: { 'content.injections.0.units': expect.any(Array) } },
    });
    expect(setup.clinic.count('chart')).toBe(0);

    // Expiring on the day of the visit is still in date.
    const { id } = await setup.clinic.call('charts.saveDraft', { appointmentId: visit, content: note({ injections: [injection({ expiry: '2026-03-02' })] }) });
    await setup.clinic.call('charts.sign', { chartId: id });
    await expect(setup.clinic.call('charts.amend', { chartId: id, content, reason: 'Second lot' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(setup.clinic.count('chart')).toBe(1);

    const cancelled = await setup.book('2026-03-03T09:00:00Z', [setup.services.botox]);
    await setup.clinic.call('appointments.cancel', { id: cancelled, reason: 'Patient is ill' });
    await expect(setup.clinic.call('charts.saveDraft', { appointmentId: cancelled, content: note() })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('cancelled') });
    await expect(setup.clinic.call('charts.saveDraft', { appointmentId: 9999, content: note() })).rejects.toMatchObject({ code: 'not_found' });
    expect(setup.clinic.count('chart')).toBe(1);
  });

  it('chooses the form from the category of the visit’s first treatment', async () => {
    setup = await openChartClinic();
    const { services } = setup;
    const template = async (serviceIds: number[], day: number) =>
      (await setup.clinic.call('charts.forAppointment', { appointmentId: await setup.book(`2026-03-${10 + day}T09:00:00Z`, serviceIds) })).template;

    expect(await template([services.consult, services.botox, services.peel], 0)).toBe('injectable');
    expect(await template([services.laser], 1)).toBe('energy');
    expect(await template([services.peel, services.laser], 2)).toBe('skin');
    expect(await template([services.consult], 3)).toBe('general');
  });

  it('offers the unexpired lots in stock, first-expiring first, filtered by product; a signed note takes its units out', async () => {
    setup = await openChartClinic();
    const { clinic } = setup;
    const botox = (await clinic.call('products.save', { name: 'Botox 100U', kind: 'injectable', unit: 'U', unitsPerPackage: 100, priceCents: 1200, taxable: false })).id;
    const juvederm = (await clinic.call('products.save', { name: 'Juvederm Ultra', kind: 'injectable', unit: 'ml×0.1', unitsPerPackage: 10, priceCents: 6000, taxable: false })).id;
    await clinic.call('stock.receive', {
      supplier: 'Allergan',
      lines: [
        { productId: botox, lotNumber: 'C1234A', expiry: '2026-12-31', packages: 1, unitCostCents: 40000 },
        { productId: botox, lotNumber: 'C9999B', expiry: '2027-02-28', packages: 1, unitCostCents: 40000 },
        { productId: juvederm, lotNumber: 'J-77', expiry: '2027-01-31', packages: 1, unitCostCents: 25000 },
      ],
    });
    const sign = async (startsAt: string, injections: ReturnType<typeof injection>[]) => {
      const { id } = await clinic.call('charts.saveDraft', { appointmentId: await setup.book(startsAt, [setup.services.botox]), content: note({ injections }) });
      await clinic.call('charts.sign', { chartId: id });
      clinic.clock.advance({ hours: 3 });
    };
    await sign('2026-03-02T09:00:00Z', [injection(), injection({ product: 'Juvederm Ultra', unit: 'ml×0.1', units: 10, lot: 'J-77', expiry: '2027-01-31' })]);
    await sign('2026-03-03T09:00:00Z', [injection({ lot: 'C9999B', expiry: '2027-02-28' })]);
    // A draft is not a use of the product.
    await clinic.call('charts.saveDraft', { appointmentId: await setup.book('2026-03-04T09:00:00Z', [setup.services.botox]), content: note({ injections: [injection({ lot: 'C9999B', expiry: '2027-02-28', units: 50 })] }) });

    // The Juvéderm syringe is used up, so only Botox is offered; the lot that expires first comes first.
    expect(await clinic.call('charts.lots', {})).toEqual([
      { product: 'Botox 100U', lot: 'C1234A', expiry: '2026-12-31', unit: 'U', onHand: 80 },
      { product: 'Botox 100U', lot: 'C9999B', expiry: '2027-02-28', unit: 'U', onHand: 80 },
    ]);
    expect(await clinic.call('charts.lots', { product: 'juv' })).toEqual([]);
    expect(await clinic.call('charts.lots', { product: 'Botox_' })).toEqual([]);
  });
});
