import { afterEach, describe, expect, it } from 'vitest';
import { OWNER, openTestClinic, type TestClinic } from '../../support/clinic';
import { stockOf } from './stock';

let clinic: TestClinic | undefined;
afterEach(async () => {
  await clinic?.close();
  clinic = undefined;
});

/** A Berlin clinic on 2 March 2026 charging 19 % VAT, selling an SPF and a serum. */
async function shop() {
  clinic = await openTestClinic({ now: '2026-03-02T09:00:00Z', timeZone: 'Europe/Berlin' });
  await clinic.call('settings.saveTaxRate', { name: 'VAT', rateMillipercent: 19_000, isDefault: true });
  const stock = stockOf(clinic);
  const spf = await stock.product('SPF 50 sunscreen', { sku: 'SPF50', reorderLevel: 3 });
  const serum = await stock.product('Vitamin C serum', { priceCents: 8900, reorderLevel: 1 });
  return { clinic, stock, spf, serum };
}

/** Days later at the same desk (which locked while idle). */
async function travel(c: TestClinic, days: number) {
  c.clock.advance({ days });
  await c.call('auth.unlock', { password: OWNER.password });
}

const sell = async (c: TestClinic, lines: { productId: number; quantity?: number; lotId?: number }[], patientId?: number) => {
  const draft = await c.call('invoices.createDraft', { patientId, lines });
  return draft;
};

describe('products', () => {
  it('are added and edited by a manager, refused on a taken name or SKU, and only read by the front desk', async () => {
    const { clinic, stock, spf } = await shop();
    await expect(stock.product('spf 50 SUNSCREEN')).rejects.toMatchObject({ code: 'conflict', details: { fieldErrors: { name: [expect.any(String)] } } });
    await expect(stock.product('Another SPF', { sku: 'spf50' })).rejects.toMatchObject({ code: 'conflict', details: { fieldErrors: { sku: [expect.any(String)] } } });
    expect(clinic.count('product')).toBe(2);

    const desk = await clinic.as('frontDesk');
    expect((await desk.call('products.list', {})).map((p) => [p.name, p.onHand])).toEqual([['SPF 50 sunscreen', 0], ['Vitamin C serum', 0]]);
    await expect(desk.call('products.save', { name: 'Lip balm', kind: 'retail', unit: 'each', priceCents: 900 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(desk.call('stock.receive', { supplier: 'X', lines: [{ productId: spf, packages: 1, unitCostCents: 1 }] })).rejects.toMatchObject({ code: 'forbidden' });

    await clinic.call('products.save', { id: spf, name: 'SPF 50 sunscreen', kind: 'retail', unit: 'each', priceCents: 3100, active: false });
    expect((await clinic.call('products.list', {})).map((p) => p.name)).toEqual(['Vitamin C serum']);
    expect((await clinic.call('products.list', { includeInactive: true })).find((p) => p.id === spf)).toMatchObject({ priceCents: 3100, active: false });
  });

  it('keep their unit once stock was counted in it', async () => {
    const { clinic, stock, spf } = await shop();
    await stock.receive([{ productId: spf, packages: 2, unitCostCents: 1200 }]);
    await expect(clinic.call('products.save', { id: spf, name: 'SPF 50 sunscreen', kind: 'retail', unit: 'U', priceCents: 2900 })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('receiving', () => {
  it('brings packages in per lot at their cost, and refuses a lotless injectable, a lot without expiry, an expired lot or a changed expiry', async () => {
    const { clinic, stock, spf } = await shop();
    const botox = await stock.product('Botox 100U', { kind: 'injectable', unit: 'U', unitsPerPackage: 100, priceCents: 1200, taxable: false });
    const receipt = await stock.receive([
      { productId: botox, lotNumber: 'C1234A', expiry: '2026-12-31', packages: 2, unitCostCents: 41_000 },
      { productId: spf, packages: 12, unitCostCents: 1450 },
    ], 'Allergan');
    expect(receipt.totalCostCents).toBe(2 * 41_000 + 12 * 1450);
    expect(stock.onHand(botox, 'C1234A')).toBe(200);
    expect(stock.onHand(spf, null)).toBe(12);

    const before = { movements: stock.movements(), lots: clinic.count('stockLot'), receipts: clinic.count('stockReceipt') };
    const refused = [
      [{ productId: botox, packages: 1, unitCostCents: 1 }, 'lines.0.lotNumber'],
      [{ productId: spf, lotNumber: 'S-1', packages: 1, unitCostCents: 1 }, 'lines.0.expiry'],
      [{ productId: botox, lotNumber: 'OLD', expiry: '2026-03-01', packages: 1, unitCostCents: 1 }, 'lines.0.expiry'],
      [{ productId: botox, lotNumber: 'C1234A', expiry: '2027-01-31', packages: 1, unitCostCents: 1 }, 'lines.0.expiry'],
      [{ productId: 999, packages: 1, unitCostCents: 1 }, 'lines.0.productId'],
    ] as const;
    for (const [line, field] of refused) {
      await expect(stock.receive([{ productId: spf, packages: 1, unitCostCents: 1 }, line].slice(1))).rejects.toMatchObject({ details: { fieldErrors: { [field]: [expect.any(String)] } } });
    }
    expect({ movements: stock.movements(), lots: clinic.count('stockLot'), receipts: clinic.count('stockReceipt') }).toEqual(before);
  });
});

describe('selling products', () => {
  it('takes stock first-expiring first when the invoice is issued, never from an expired lot, and gives it back when it goes back to draft or is voided', async () => {
    const { clinic, stock, serum } = await shop();
    await stock.receive([
      { productId: serum, lotNumber: 'LATE', expiry: '2027-06-30', packages: 5, unitCostCents: 3000 },
      { productId: serum, lotNumber: 'SOON', expiry: '2026-05-31', packages: 2, unitCostCents: 3000 },
    ]);
    const draft = await sell(clinic, [{ productId: serum, quantity: 3 }]);
    expect(draft.lines[0]).toMatchObject({ productId: serum, description: 'Vitamin C serum', unitPriceCents: 8900, taxRateMillipercent: 19_000 });
    expect(stock.onHand(serum)).toBe(7);
    await clinic.call('invoices.issue', { id: draft.id });
    expect([stock.onHand(serum, 'SOON'), stock.onHand(serum, 'LATE')]).toEqual([0, 4]);

    await clinic.call('invoices.backToDraft', { id: draft.id });
    expect(stock.onHand(serum)).toBe(7);
    await clinic.call('invoices.issue', { id: draft.id });
    await clinic.call('invoices.void', { id: draft.id, reason: 'Entered twice' });
    expect([stock.onHand(serum, 'SOON'), stock.onHand(serum, 'LATE')]).toEqual([2, 5]);

    // Three months on, SOON has expired: a sale takes LATE only, and the list of expiring lots shows SOON as expired.
    await travel(clinic, 92);
    const later = await sell(clinic, [{ productId: serum, quantity: 2 }]);
    await clinic.call('invoices.issue', { id: later.id });
    expect([stock.onHand(serum, 'SOON'), stock.onHand(serum, 'LATE')]).toEqual([2, 3]);
    expect((await clinic.call('stock.expiring', {})).map((l) => [l.lotNumber, l.expired, l.daysLeft])).toEqual([['SOON', true, -2]]);
    expect((await clinic.call('stock.expiring', { withinDays: 400 })).map((l) => l.lotNumber)).toEqual(['SOON', 'LATE']);
  });

  it('sells from a named lot, and refuses an expired or foreign lot on the line', async () => {
    const { clinic, stock, spf, serum } = await shop();
    await stock.receive([
      { productId: serum, lotNumber: 'A', expiry: '2026-05-31', packages: 2, unitCostCents: 3000 },
      { productId: serum, lotNumber: 'B', expiry: '2027-05-31', packages: 2, unitCostCents: 3000 },
    ]);
    const draft = await sell(clinic, [{ productId: serum, lotId: stock.lotId(serum, 'B') }]);
    await clinic.call('invoices.issue', { id: draft.id });
    expect([stock.onHand(serum, 'A'), stock.onHand(serum, 'B')]).toEqual([2, 1]);
    await expect(sell(clinic, [{ productId: spf, lotId: stock.lotId(serum, 'A') }])).rejects.toMatchObject({ code: 'not_found', details: { fieldErrors: { 'lines.0.lotId': [expect.any(String)] } } });
    await travel(clinic, 100);
    await expect(sell(clinic, [{ productId: serum, lotId: stock.lotId(serum, 'A') }])).rejects.toMatchObject({ details: { fieldErrors: { 'lines.0.lotId': [expect.stringContaining('expired')] } } });
  });

  it('refuses to sell past the recorded stock, changing nothing, unless the seller confirms; a count then puts it right', async () => {
    const { clinic, stock, spf } = await shop();
    await stock.receive([{ productId: spf, packages: 2, unitCostCents: 1450 }]);
    const draft = await sell(clinic, [{ productId: spf, quantity: 2 }, { productId: spf, quantity: 1 }]);
    const movements = stock.movements();
    await expect(clinic.call('invoices.issue', { id: draft.id })).rejects.toMatchObject({
      code: 'conflict',
      details: { shortages: [{ line: 1, productName: 'SPF 50 sunscreen', wanted: 1, onHand: 0 }] },
    });
    expect((await clinic.call('invoices.get', { id: draft.id })).status).toBe('draft');
    expect(stock.movements()).toBe(movements);

    await clinic.call('invoices.issue', { id: draft.id, sellBeyondStock: true });
    expect(stock.onHand(spf)).toBe(-1);
    expect((await clinic.call('stock.low', {})).map((p) => [p.name, p.onHand])).toEqual([['SPF 50 sunscreen', -1], ['Vitamin C serum', 0]]);

    const counted = await clinic.call('stock.count', { productId: spf, lots: [{ lotId: null, counted: 4 }], note: 'Shelf count' });
    expect(counted.differences).toEqual([{ lotId: null, expected: -1, counted: 4 }]);
    expect(stock.onHand(spf)).toBe(4);
    expect((await clinic.call('stock.movements', { productId: spf })).map((m) => [m.kind, m.quantity, m.source])).toEqual([
      ['counted', 5, 'Stock count'],
      ['sold', -1, `Invoice ${(await clinic.call('invoices.get', { id: draft.id })).number}`],
      ['sold', -2, expect.stringMatching(/^Invoice INV-/)],
      ['received', 2, 'Receipt from SkinMed GmbH (LS-1)'],
    ]);
  });

  it('takes stock when the desk charges a sale in one step, refusing it whole past the stock unless confirmed', async () => {
    const { clinic, stock, spf } = await shop();
    await stock.receive([{ productId: spf, packages: 1, unitCostCents: 1450 }]);
    const sale = { lines: [{ productId: spf, quantity: 2 }], tenders: [{ tender: 'card' as const, amountCents: 6902 }] };
    const before = { invoices: clinic.count('invoice'), payments: clinic.count('payment'), movements: stock.movements() };
    await expect(clinic.call('checkout.commit', sale)).rejects.toMatchObject({ code: 'conflict', details: { shortages: [{ wanted: 2, onHand: 1 }] } });
    expect({ invoices: clinic.count('invoice'), payments: clinic.count('payment'), movements: stock.movements() }).toEqual(before);
    const { invoice } = await clinic.call('checkout.commit', { ...sale, sellBeyondStock: true });
    expect(invoice.paymentState).toBe('paid');
    expect(stock.onHand(spf)).toBe(-1);
  });

  it('puts credited units back into the lots they came from unless the credit note says they were damaged', async () => {
    const { clinic, stock, serum } = await shop();
    await stock.receive([
      { productId: serum, lotNumber: 'A', expiry: '2026-08-31', packages: 1, unitCostCents: 3000 },
      { productId: serum, lotNumber: 'B', expiry: '2027-08-31', packages: 3, unitCostCents: 3000 },
    ]);
    const patientId = (await clinic.call('patients.create', { firstName: 'Mia', lastName: 'Roth' })).id;
    const draft = await sell(clinic, [{ productId: serum, quantity: 3 }], patientId);
    const issued = await clinic.call('invoices.issue', { id: draft.id });
    await clinic.call('payments.take', { invoiceId: draft.id, tenders: [{ tender: 'card', amountCents: issued.totalCents }] });
    expect([stock.onHand(serum, 'A'), stock.onHand(serum, 'B')]).toEqual([0, 1]);

    const line = issued.lines[0].id;
    await clinic.call('creditNotes.create', { invoiceId: draft.id, lines: [{ invoiceLineId: line, quantity: 1 }], reason: 'Returned unopened', refundTo: 'originalTender' });
    expect([stock.onHand(serum, 'A'), stock.onHand(serum, 'B')]).toEqual([0, 2]);
    await clinic.call('creditNotes.create', { invoiceId: draft.id, lines: [{ invoiceLineId: line, quantity: 1 }], reason: 'Pump broken', refundTo: 'originalTender', restock: false });
    expect(stock.onHand(serum)).toBe(2);
    await clinic.call('creditNotes.create', { invoiceId: draft.id, lines: [{ invoiceLineId: line, quantity: 1 }], reason: 'Returned unopened', refundTo: 'originalTender' });
    expect([stock.onHand(serum, 'A'), stock.onHand(serum, 'B')]).toEqual([0, 3]);
  });
});

describe('counts and write-offs', () => {
  it('record each lot’s difference to the expected stock; a write-off beyond what is on hand is refused', async () => {
    const { clinic, stock, serum } = await shop();
    await stock.receive([
      { productId: serum, lotNumber: 'A', expiry: '2026-08-31', packages: 4, unitCostCents: 3000 },
      { productId: serum, lotNumber: 'B', expiry: '2027-08-31', packages: 3, unitCostCents: 3000 },
    ]);
    const a = stock.lotId(serum, 'A');
    const b = stock.lotId(serum, 'B');
    const { differences } = await clinic.call('stock.count', { productId: serum, lots: [{ lotId: a, counted: 3 }, { lotId: b, counted: 3 }] });
    expect(differences).toEqual([{ lotId: a, expected: 4, counted: 3 }, { lotId: b, expected: 3, counted: 3 }]);
    expect([stock.onHand(serum, 'A'), stock.onHand(serum, 'B')]).toEqual([3, 3]);

    const before = stock.movements();
    await expect(clinic.call('stock.count', { productId: serum, lots: [{ lotId: a, counted: 1 }, { lotId: a, counted: 2 }] })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(clinic.call('stock.writeOff', { productId: serum, lotId: a, quantity: 4, reason: 'Expired' })).rejects.toMatchObject({ code: 'conflict' });
    expect(stock.movements()).toBe(before);
    expect(clinic.count('stockCount')).toBe(1);
    expect(await clinic.call('stock.writeOff', { productId: serum, lotId: a, quantity: 2, reason: 'Dropped' })).toEqual({ onHand: 1 });
    expect((await clinic.call('stock.onHand', { productId: serum })).map((r) => [r.lotNumber, r.onHand])).toEqual([['A', 1], ['B', 3]]);
  });
});
