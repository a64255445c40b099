import type { MigrationContext } from './context';

/*
 * Stock on hand per product and lot (issue 15, inventory's speed): `stockOnHand` holds the sum of each product's and
 * lot's movements, so the stock lists read a row per lot instead of summing the ledger. The demo's most used product
 * has ~160,000 movements, and summing them put "stock: on hand of one product by lot" over its 20 ms budget on a
 * slow day (22–26 ms).
 *
 * The ledger stays the source: a movement is only ever inserted (0007 refuses updates and deletes), and the trigger
 * adds it where it lands, whether from a call, the demo or another workstation's change file. Derived and local, like
 * the sales projections; `audit-verify` checks it against the ledger.
 */

/** The lot key of stock kept without a lot (ids start at 1). */
export const NO_LOT = 0;

/** Trigger name → its SQL, so a bulk writer can set it aside and rebuild once. */
export const stockOnHandTriggers: Record<string, string> = {
  stockOnHand_movement: `AFTER INSERT ON stockMovement BEGIN
    INSERT INTO stockOnHand (productId, lotKey, onHand) VALUES (NEW.productId, coalesce(NEW.lotId, ${NO_LOT}), NEW.quantity)
      ON CONFLICT (productId, lotKey) DO UPDATE SET onHand = onHand + excluded.onHand;
  END`,
};

/** Every product's and lot's sum, from the ledger: the backfill, and the demo after its bulk writes. */
export const REBUILD_STOCK_ON_HAND_SQL = `DELETE FROM stockOnHand;
  INSERT INTO stockOnHand (productId, lotKey, onHand)
    SELECT productId, coalesce(lotId, ${NO_LOT}), sum(quantity) FROM stockMovement GROUP BY productId, coalesce(lotId, ${NO_LOT});`;

export function up({ exec }: MigrationContext): void {
  exec(`
    -- A row for each product and lot (lotKey ${NO_LOT}: without a lot) that has had a movement, even once back to 0.
    CREATE TABLE stockOnHand (
      productId INTEGER NOT NULL,
      lotKey INTEGER NOT NULL,
      onHand INTEGER NOT NULL,
      PRIMARY KEY (productId, lotKey)
    ) STRICT, WITHOUT ROWID;
  `);
  for (const [name, body] of Object.entries(stockOnHandTriggers)) exec(`CREATE TRIGGER ${name} ${body};`);
  exec(REBUILD_STOCK_ON_HAND_SQL);
}
