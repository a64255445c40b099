import type { MigrationContext } from './context';

/**
 * End-of-day close and commission. A close is one till's day: a workstation (its drawer) and a clinic-local date,
 * with the report's figures as they were at close and the drawer count. It never changes and is never removed, so
 * a later sync cannot quietly rewrite a closed day. Commission rates are per provider: a default, per service
 * category or per service.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    CREATE TABLE dayClose (
      id INTEGER PRIMARY KEY,
      workstationNumber INTEGER NOT NULL,
      date TEXT NOT NULL,
      openingFloatCents INTEGER NOT NULL CHECK (openingFloatCents >= 0),
      expectedCashCents INTEGER NOT NULL,
      countedCents INTEGER NOT NULL CHECK (countedCents >= 0),
      differenceCents INTEGER NOT NULL,
      floatLeftCents INTEGER NOT NULL CHECK (floatLeftCents >= 0 AND floatLeftCents <= countedCents),
      denominations TEXT NOT NULL DEFAULT '[]',
      note TEXT NOT NULL DEFAULT '',
      report TEXT NOT NULL,
      closedBy INTEGER REFERENCES staff(id),
      closedAt TEXT NOT NULL,
      UNIQUE (workstationNumber, date),
      CHECK (differenceCents = countedCents - expectedCashCents),
      CHECK (differenceCents = 0 OR note <> '')
    ) STRICT;
    CREATE INDEX dayClose_date ON dayClose(date);
    CREATE TRIGGER dayClose_is_final BEFORE UPDATE ON dayClose
      BEGIN SELECT RAISE(ABORT, 'a closed day never changes'); END;
    CREATE TRIGGER dayClose_never_deleted BEFORE DELETE ON dayClose
      BEGIN SELECT RAISE(ABORT, 'a closed day is never removed'); END;

    -- The Z report reads a day's voids by when they happened.
    CREATE INDEX invoice_voidedAt ON invoice(voidedAt) WHERE voidedAt IS NOT NULL;

    -- What a provider earns on what they sold: percent of the line's net (basis points) or a fixed amount per unit.
    -- The most specific rate applies: the service's, then its category's, then the provider's default (both empty).
    CREATE TABLE commissionRate (
      id INTEGER PRIMARY KEY,
      staffId INTEGER NOT NULL REFERENCES staff(id),
      serviceCategoryId INTEGER REFERENCES serviceCategory(id),
      serviceId INTEGER REFERENCES service(id),
      kind TEXT NOT NULL CHECK (kind IN ('percent','perUnit')),
      value INTEGER NOT NULL CHECK (value >= 0 AND (kind <> 'percent' OR value <= 10000)),
      updatedAt TEXT NOT NULL,
      CHECK (serviceCategoryId IS NULL OR serviceId IS NULL)
    ) STRICT;
    -- One rate per provider and scope is kept by the handler, not a unique index: two workstations setting the same
    -- scope offline both arrive by sync, and the later (updatedAt) applies.
    CREATE INDEX commissionRate_staff ON commissionRate(staffId, updatedAt);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'closing.read' AS permission UNION ALL SELECT 'manager', 'closing.read' UNION ALL SELECT 'frontDesk', 'closing.read'
        UNION ALL SELECT 'owner', 'closing.close' UNION ALL SELECT 'manager', 'closing.close'
        UNION ALL SELECT 'owner', 'commission.read' UNION ALL SELECT 'manager', 'commission.read'
        UNION ALL SELECT 'owner', 'commission.manage' UNION ALL SELECT 'manager', 'commission.manage'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
