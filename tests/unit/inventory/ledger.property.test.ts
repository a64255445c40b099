import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedgers } from '../../../src-main/core/ledgers';
import { injection, note, openChartClinic, type ChartClinic } from '../charts/visits';
import { stockOf } from './stock';

/**
 * Random receipts, sales (some past the stock, confirmed or not), chart uses, counts, voids and credit notes (restocked
 * or not), checked step by step against a model of every lot: the first-expiring lot goes first, a sale past the stock
 * is refused and changes nothing unless confirmed, a count leaves the lot at what was counted, and what every list
 * shows (and audit-verify checks) is the sum of the movements.
 */
let setup: ChartClinic;
const LOTS = [
  { lotNumber: 'L1', expiry: '2027-01-31' },
  { lotNumber: 'L2', expiry: '2027-09-30' },
] as const;
type Bucket = 'L1' | 'L2' | null;
const ORDER: Bucket[] = ['L1', 'L2', null];

beforeAll(async () => {
  setup = await openChartClinic();
  await setup.clinic.call('settings.update', { idleLockMinutes: 240 });
});
afterAll(() => setup.clinic.close());

const step = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('receive' as const), product: fc.nat(2), lot: fc.constantFrom<Bucket>('L1', 'L2', 'L1', 'L2', null), packages: fc.integer({ min: 1, max: 6 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('sell' as const), product: fc.nat(1), quantity: fc.integer({ min: 1, max: 5 }), confirm: fc.boolean() }), weight: 3 },
  fc.record({ kind: fc.constant('inject' as const), units: fc.integer({ min: 1, max: 30 }), lot: fc.constantFrom('L1', 'L2', 'UNKNOWN') }),
  fc.record({ kind: fc.constant('count' as const), product: fc.nat(2), lot: fc.constantFrom<Bucket>('L1', 'L2', null), counted: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ kind: fc.constant('credit' as const), sale: fc.nat(), quantity: fc.integer({ min: 1, max: 6 }), restock: fc.boolean() }),
  fc.record({ kind: fc.constant('void' as const), sale: fc.nat() }),
);

describe('stock ledger', () => {
  it('keeps every lot equal to the model and to the sum of its movements', async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), async (steps) => {
        const { clinic, book, services } = setup;
        const stock = stockOf(clinic);
        round++;
        // Fresh products each run, so the model starts from nothing.
        const retail = [await stock.product(`Serum ${round}`), await stock.product(`Cream ${round}`)];
        const toxin = await stock.product(`Toxin ${round}`, { kind: 'injectable', unit: 'U', unitsPerPackage: 10, taxable: false });
        const products = [...retail, toxin];
        const unitsPer = [1, 1, 10];
        const model = products.map(() => new Map<Bucket, number>(ORDER.map((b) => [b, 0])));
        const sales: { invoiceId: number; lineId: number; product: number; quantity: number; credited: number; voided: boolean; out: Map<Bucket, number> }[] = [];
        let visitHour = 0;

        for (const s of steps) {
          if (s.kind === 'receive') {
            if (s.product === 2 && s.lot === null) continue; // an injectable is always received by lot
            const lot = LOTS.find((l) => l.lotNumber === s.lot);
            await stock.receive([{ productId: products[s.product], lotNumber: lot?.lotNumber, expiry: lot?.expiry, packages: s.packages, unitCostCents: 500 }]);
            model[s.product].set(s.lot, model[s.product].get(s.lot)! + s.packages * unitsPer[s.product]);
          } else if (s.kind === 'sell') {
            const lots = model[s.product];
            const available = ORDER.reduce((sum, b) => sum + Math.max(0, lots.get(b)!), 0);
            const draft = await clinic.call('invoices.createDraft', { patientId: setup.patientId, lines: [{ productId: products[s.product], quantity: s.quantity }] });
            const issuing = clinic.call('invoices.issue', { id: draft.id, sellBeyondStock: s.confirm });
            if (available < s.quantity && !s.confirm) {
              await expect(issuing).rejects.toMatchObject({ code: 'conflict' });
              await clinic.call('invoices.void', { id: (await clinic.call('invoices.issue', { id: draft.id, sellBeyondStock: true })).id, reason: 'Test clean-up' });
              continue;
            }
            const issued = await issuing;
            const out = new Map<Bucket, number>();
            let left = s.quantity;
            for (const b of ORDER) {
              const take = Math.min(left, Math.max(0, lots.get(b)!));
              if (take > 0) out.set(b, take);
              left -= take;
            }
            if (left > 0) out.set(null, (out.get(null) ?? 0) + left);
            for (const [b, q] of out) lots.set(b, lots.get(b)! - q);
            sales.push({ invoiceId: draft.id, lineId: issued.lines[0].id, product: s.product, quantity: s.quantity, credited: 0, voided: false, out });
          } else if (s.kind === 'inject') {
            const visit = await book(new Date(Date.parse('2026-03-02T09:00:00Z') + visitHour++ * 3_600_000).toISOString(), [services.botox]);
            const { id } = await clinic.call('charts.saveDraft', { appointmentId: visit, content: note({ injections: [injection({ product: `Toxin ${round}`, lot: s.lot, expiry: '2027-09-30', units: s.units })] }) });
            await clinic.call('charts.sign', { chartId: id });
            if (s.lot !== 'UNKNOWN' && clinic.lumen.runtime.sqlite.prepare('SELECT 1 FROM stockLot WHERE productId = ? AND lotNumber = ?').get(toxin, s.lot)) {
              model[2].set(s.lot as Bucket, model[2].get(s.lot as Bucket)! - s.units);
            }
          } else if (s.kind === 'count') {
            const lotId = s.lot === null ? null : (stock.lotId(products[s.product], s.lot) ?? undefined);
            if (lotId === undefined) continue;
            await clinic.call('stock.count', { productId: products[s.product], lots: [{ lotId, counted: s.counted }] });
            model[s.product].set(s.lot, s.counted);
            expect(stock.onHand(products[s.product], s.lot)).toBe(s.counted);
          } else if (sales.length) {
            const sale = sales[s.sale % sales.length];
            if (sale.voided) continue;
            if (s.kind === 'void') {
              if (sale.credited) continue;
              await clinic.call('invoices.void', { id: sale.invoiceId, reason: 'Random void' });
              sale.voided = true;
              for (const [b, q] of sale.out) model[sale.product].set(b, model[sale.product].get(b)! + q);
              sale.out.clear();
              continue;
            }
            const quantity = Math.min(s.quantity, sale.quantity - sale.credited);
            if (quantity <= 0) continue;
            await clinic.call('creditNotes.create', { invoiceId: sale.invoiceId, lines: [{ invoiceLineId: sale.lineId, quantity }], reason: 'Random return', refundTo: 'originalTender', restock: s.restock });
            sale.credited += quantity;
            if (s.restock) {
              let left = quantity;
              // Back into the lots it came from, the latest-expiring first (stock without a lot last).
              for (const b of ['L2', 'L1', null] as Bucket[]) {
                const back = Math.min(left, sale.out.get(b) ?? 0);
                if (back <= 0) continue;
                sale.out.set(b, sale.out.get(b)! - back);
                model[sale.product].set(b, model[sale.product].get(b)! + back);
                left -= back;
              }
            }
          }
          for (const [i, productId] of products.entries()) {
            for (const b of ORDER) expect(stock.onHand(productId, b), `${['serum', 'cream', 'toxin'][i]} ${b} after ${JSON.stringify(s)}`).toBe(model[i].get(b));
          }
        }
        const listed = await clinic.call('stock.onHand', { includeEmpty: true });
        const listedProducts = await clinic.call('products.list', { includeInactive: true });
        for (const [i, productId] of products.entries()) {
          const rows = listed.filter((r) => r.productId === productId);
          for (const row of rows) expect(row.onHand).toBe(model[i].get(row.lotNumber as Bucket));
          const total = ORDER.reduce((sum, b) => sum + model[i].get(b)!, 0);
          expect(listedProducts.find((p) => p.id === productId)!.onHand).toBe(total);
        }
        expect(verifyLedgers(clinic.lumen.runtime.sqlite)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});
