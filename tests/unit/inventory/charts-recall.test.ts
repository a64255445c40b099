import { afterEach, describe, expect, it } from 'vitest';
import { injection, note, openChartClinic, type ChartClinic } from '../charts/visits';
import { stockOf } from './stock';

let setup: ChartClinic | undefined;
afterEach(async () => {
  await setup?.clinic.close();
  setup = undefined;
});

/** A Berlin clinic with Botox in stock (lot C1234A, 100 U) and a retail serum (lot S-1). */
async function clinicWithStock() {
  setup = await openChartClinic();
  const { clinic } = setup;
  await clinic.call('settings.update', { idleLockMinutes: 240 });
  const stock = stockOf(clinic);
  const botox = await stock.product('Botox 100U', { kind: 'injectable', unit: 'U', unitsPerPackage: 100, priceCents: 1200, taxable: false, reorderLevel: 50 });
  const serum = await stock.product('Vitamin C serum', { priceCents: 8900 });
  await stock.receive([
    { productId: botox, lotNumber: 'C1234A', expiry: '2026-12-31', packages: 1, unitCostCents: 41_000 },
    { productId: serum, lotNumber: 'S-1', expiry: '2027-12-31', packages: 4, unitCostCents: 3000 },
  ], 'Allergan');
  return { ...setup, stock, botox, serum };
}

describe('stock used by visit notes', () => {
  it('leaves the named lot when a note is signed, and an amendment corrects it by the difference', async () => {
    const { clinic, stock, botox, services, book } = await clinicWithStock();
    const visit = await book('2026-03-02T09:00:00Z', [services.botox]);
    const { id } = await clinic.call('charts.saveDraft', { appointmentId: visit, content: note({ injections: [injection({ units: 20 }), injection({ site: 'Frontalis', units: 10 })] }) });
    expect(stock.onHand(botox)).toBe(100);
    await clinic.call('charts.sign', { chartId: id });
    expect(stock.onHand(botox, 'C1234A')).toBe(70);

    // The forehead took 14 units, not 10; then the forehead line is removed altogether.
    const first = await clinic.call('charts.amend', { chartId: id, content: note({ injections: [injection({ units: 20 }), injection({ site: 'Frontalis', units: 14 })] }), reason: 'Forehead was 14 units' });
    expect(stock.onHand(botox, 'C1234A')).toBe(66);
    await clinic.call('charts.amend', { chartId: first.id, content: note({ injections: [injection({ units: 20 })] }), reason: 'Forehead was not treated' });
    expect(stock.onHand(botox, 'C1234A')).toBe(80);
    expect((await clinic.call('stock.movements', { productId: botox })).map((m) => [m.kind, m.quantity, m.reason])).toEqual([
      ['used', 14, 'Visit note amended'],
      ['used', -4, 'Visit note amended'],
      ['used', -30, 'Visit note signed'],
      ['received', 100, '1 × 100 U'],
    ]);
  });

  it('matches a lot typed with another spelling of the product, keeps an unknown lot as an unmatched use, and may take a lot below zero', async () => {
    const { clinic, stock, botox, services, book } = await clinicWithStock();
    const visit = await book('2026-03-02T09:00:00Z', [services.botox]);
    const injections = [injection({ product: 'botox 100u', units: 60 }), injection({ product: 'Onabotulinum', site: 'Frontalis', units: 50 }), injection({ lot: 'ZZ-404', units: 8 })];
    const { id } = await clinic.call('charts.saveDraft', { appointmentId: visit, content: note({ injections }) });
    await clinic.call('charts.sign', { chartId: id });
    // The signature stands even though the lot ran out: the note is what was injected.
    expect(stock.onHand(botox, 'C1234A')).toBe(-10);
    expect(clinic.lumen.runtime.sqlite.prepare('SELECT product, lotNumber, units FROM unmatchedLotUse').all()).toEqual([{ product: 'Botox 100U', lotNumber: 'ZZ-404', units: 8 }]);
    expect((await clinic.call('stock.low', {})).map((p) => [p.name, p.onHand])).toEqual([['Botox 100U', -10]]);
  });
});

describe('lot recall', () => {
  it('lists every patient who received the lot on a signed note or bought it, with how to reach them; only managers see it, and it is audited', async () => {
    const { clinic, serum, services, book } = await clinicWithStock();
    const patientId = (await clinic.call('patients.create', { firstName: 'Rita', lastName: 'Kern', phone: '030 1234567', email: 'rita@example.com' })).id;
    await clinic.call('patients.setConsent', { patientId, channel: 'sms', granted: true, source: 'form' });
    const buyer = (await clinic.call('patients.create', { firstName: 'Ben', lastName: 'Otto', email: 'ben@example.com' })).id;

    const signed = await book('2026-03-02T09:00:00Z', [services.botox], patientId);
    const { id } = await clinic.call('charts.saveDraft', { appointmentId: signed, content: note({ injections: [injection({ units: 20 }), injection({ site: 'Frontalis', lot: 'ZZ-404', units: 4 })] }) });
    await clinic.call('charts.sign', { chartId: id });
    // A draft note is not a use.
    const other = (await clinic.call('patients.create', { firstName: 'Cleo', lastName: 'Draft' })).id;
    await clinic.call('charts.saveDraft', { appointmentId: await book('2026-03-03T09:00:00Z', [services.botox], other), content: note({ injections: [injection()] }) });

    const sale = await clinic.call('invoices.createDraft', { patientId: buyer, lines: [{ productId: serum, quantity: 2 }] });
    const issued = await clinic.call('invoices.issue', { id: sale.id });

    expect(await clinic.call('stock.recall', { lotNumber: 'c1234a' })).toEqual([
      expect.objectContaining({ patientId, patientName: 'Rita Kern', phone: expect.stringContaining('1234567'), email: 'rita@example.com', consents: ['sms'], via: 'chart', date: '2026-03-02', appointmentId: signed, productName: 'Botox 100U', lotNumber: 'C1234A', units: 20, unmatched: false }),
    ]);
    expect(await clinic.call('stock.recall', { lotNumber: 'S-1' })).toEqual([
      expect.objectContaining({ patientId: buyer, patientName: 'Ben Otto', via: 'invoice', invoiceNumber: issued.number, units: 2, date: '2026-03-02' }),
    ]);
    expect(await clinic.call('stock.recall', { lotNumber: 'ZZ-404' })).toEqual([expect.objectContaining({ patientId, units: 4, unmatched: true, productName: 'Botox 100U' })]);

    // Returned in full: no longer a holder of the lot. An amendment that corrects the typed lot drops it from that recall.
    await clinic.call('creditNotes.create', { invoiceId: sale.id, lines: [{ invoiceLineId: issued.lines[0].id, quantity: 2 }], reason: 'Returned unopened', refundTo: 'originalTender' });
    expect(await clinic.call('stock.recall', { lotNumber: 'S-1' })).toEqual([]);
    await clinic.call('charts.amend', { chartId: id, content: note({ injections: [injection({ units: 20 }), injection({ site: 'Frontalis', units: 4 })] }), reason: 'Typo in lot number' });
    expect(await clinic.call('stock.recall', { lotNumber: 'ZZ-404' })).toEqual([]);
    expect((await clinic.call('stock.recall', { lotNumber: 'C1234A' }))[0]).toMatchObject({ units: 24 });

    const desk = await clinic.as('frontDesk');
    await expect(desk.call('stock.recall', { lotNumber: 'C1234A' })).rejects.toMatchObject({ code: 'forbidden' });
    const audited = clinic.lumen.runtime.sqlite.prepare("SELECT summary FROM audit WHERE entity = 'stockLot' ORDER BY id").pluck().all();
    expect(audited[0]).toBe('Lot recall for c1234a: 1 patient visit(s) or sale(s)');
  });
});
