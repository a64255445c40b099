import type { InputOf } from '../../../src-shared/contract/index';
import type { TestClinic } from '../../support/clinic';

/** Helpers of the inventory tests: products, receipts and what the ledger says. */
export function stockOf(clinic: TestClinic) {
  const sqlite = clinic.lumen.runtime.sqlite;
  return {
    product: async (name: string, overrides: Partial<InputOf<'products.save'>> = {}) =>
      (await clinic.call('products.save', { name, kind: 'retail', unit: 'each', priceCents: 2900, ...overrides })).id,
    receive: (lines: InputOf<'stock.receive'>['lines'], supplier = 'SkinMed GmbH') => clinic.call('stock.receive', { supplier, reference: 'LS-1', lines }),
    /** On hand of one lot (or of the product's stock without a lot), summed from the ledger. */
    onHand: (productId: number, lotNumber?: string | null) =>
      (lotNumber === undefined
        ? sqlite.prepare('SELECT coalesce(sum(quantity), 0) FROM stockMovement WHERE productId = ?').pluck().get(productId)
        : lotNumber === null
          ? sqlite.prepare('SELECT coalesce(sum(quantity), 0) FROM stockMovement WHERE productId = ? AND lotId IS NULL').pluck().get(productId)
          : sqlite.prepare('SELECT coalesce(sum(m.quantity), 0) FROM stockMovement m JOIN stockLot l ON l.id = m.lotId WHERE m.productId = ? AND l.lotNumber = ?').pluck().get(productId, lotNumber)) as number,
    lotId: (productId: number, lotNumber: string) => sqlite.prepare('SELECT id FROM stockLot WHERE productId = ? AND lotNumber = ?').pluck().get(productId, lotNumber) as number,
    movements: () => sqlite.prepare('SELECT count(*) FROM stockMovement').pluck().get() as number,
  };
}
