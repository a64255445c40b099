import type { MigrationContext } from './context';

/*
 * The per-day sales projection (issue 17, sales reports' speed): `salesDay` holds, per clinic-local day, the revenue
 * entries of the sales reports summed per category, per provider and for the whole clinic, once for each package
 * revenue setting — so a year's report is a range read of a few thousand rows instead of a year's invoice lines.
 *
 * The revenue entries (docs/ARCHITECTURE.md, "Sales reports") are defined here, once: the reports' own queries
 * (src-main/reports/sales/queries.ts) and this projection's triggers build on the same text, so they cannot disagree.
 * A later change to the entries is a new migration (new triggers) that the reports then import.
 *
 * Kept exact by triggers on invoice, invoiceLine, creditNoteLine, payment, packageEntry, patientPackage (a change
 * recomputes the local days it touches), and rebuilt whole when the catalog moves a service or the clinic's zone
 * changes. Derived and local: each workstation keeps it from the synced rows where they land.
 */

const localDateOf = (instant: string) => `lumen_local_date(${instant}, (SELECT timeZone FROM clinic))`;

/** The category a line sells: its service's, its package's, retail for products, else other. */
const CATEGORY = `CASE WHEN l.packagePlanId IS NOT NULL THEN coalesce(pl.categoryId, ps.categoryId, 'other')
  WHEN s.id IS NOT NULL THEN s.categoryId WHEN l.productId IS NOT NULL THEN 'retail' ELSE 'other' END`;

/** What kind of sale a line is, for the provider report's columns. */
const KIND = `CASE WHEN l.packagePlanId IS NOT NULL OR s.kind = 'package' THEN 'package'
  WHEN l.productId IS NOT NULL OR s.kind = 'product' THEN 'retail' WHEN s.id IS NOT NULL THEN 'service' ELSE 'other' END`;

/** A line that sells a service (what the provider report counts as treating the patient). */
export const SERVICE_KIND = `(${KIND}) = 'service'`;

/** A salesDay row per dimension of an entry, and the entry's key in it. */
export const DIMENSIONS = `(SELECT 'all' AS dimension UNION ALL SELECT 'category' UNION ALL SELECT 'staff')`;
export const DIMENSION_KEY = `CASE d.dimension WHEN 'category' THEN e.category WHEN 'staff' THEN coalesce(e.staffId, 0) ELSE '*' END`;

/** A line some package paid (a positive package payment on its invoice whose plan covers it). */
const PAID_BY_PACKAGE = `EXISTS (SELECT 1 FROM payment p JOIN patientPackage pp ON pp.id = p.patientPackageId JOIN packagePlan x ON x.id = pp.planId
  WHERE p.invoiceId = l.invoiceId AND p.patientPackageId IS NOT NULL AND p.amountCents > 0 AND (x.serviceId = l.serviceId OR x.categoryId = s.categoryId))`;
// (payment_packagePaid, 0012, holds only those payments: most lines' probe ends in a small index.)

const LINE_JOINS = `LEFT JOIN service s ON s.id = l.serviceId
  LEFT JOIN packagePlan pl ON pl.id = l.packagePlanId
  LEFT JOIN service ps ON ps.id = pl.serviceId`;

/** Half-up integer rounding of a ÷ b for a ≥ 0, b > 0 (exact in integers, as money is). */
const roundDiv = (a: string, b: string) => `((2 * (${a}) + (${b})) / (2 * (${b})))`;

/** Units used of the package up to and including this entry (redeemed less returned), for cumulative rounding. */
const USED_SO_FAR = `(SELECT -sum(y.units) FROM packageEntry y WHERE y.patientPackageId = e.patientPackageId AND y.kind IN ('redeemed', 'returned') AND y.id <= e.id)`;
const SHARE = `${roundDiv(`sl.netCents * ${USED_SO_FAR}`, 'pp.units')} - ${roundDiv(`sl.netCents * (${USED_SO_FAR} + e.units)`, 'pp.units')}`;

/** The first line of the redeeming invoice the plan covers: its category and provider take the redemption. */
const VISIT_LINE = `(SELECT l2.id FROM invoiceLine l2 LEFT JOIN service s2 ON s2.id = l2.serviceId
  WHERE l2.invoiceId = pay.invoiceId AND (l2.serviceId = x.serviceId OR s2.categoryId = x.categoryId) ORDER BY l2.position LIMIT 1)`;

// Only what the reports group and sum by: the drill-down joins the invoice number and line text for its page alone.
const COLUMNS = `{key} AS key, {entry} AS entry, {at} AS at, i.id AS invoiceId, i.patientId AS patientId,
  l.id AS lineId, l.staffId AS staffId, ${CATEGORY} AS category, ${KIND} AS kind, l.packagePlanId IS NOT NULL AS packageLine`;

/** Where the three kinds of entry come from: FROM … WHERE texts (the entries add their joins and conditions at the first WHERE). */
export interface EntryDriver {
  key: string;
  /** An expression of the driving row that each entry carries along as `carried`, if any (a cohort's first-year cut-off). */
  carried?: string;
  sales: string;
  refunds: string;
  redemptions: string;
}

/**
 * Which entries count, as SQL conditions: a package's own line (and its refunds) when packages count at sale, the
 * redemption shares when they count at redemption. The reports bind `:mode`; the projection takes both and files
 * each entry under the setting(s) it counts in.
 */
export interface EntryCounting {
  packageLines: string;
  redemptions: string;
}

function columns(driver: EntryDriver, entry: string, at: string): string {
  const carried = driver.carried === undefined ? '' : `, ${driver.carried} AS carried`;
  return COLUMNS.replace('{key}', driver.key).replace('{entry}', `'${entry}'`).replace('{at}', at) + carried;
}

/** The revenue entries as a SELECT (amountCents, plus what the drill-down shows and the reports group by). */
export function entriesOf(driver: EntryDriver, counting: EntryCounting): string {
  const counted = `l.giftCard = 0 AND l.topUpPlanId IS NULL AND (l.packagePlanId IS NULL OR ${counting.packageLines})`;
  return `
  SELECT ${columns(driver, 'sale', 'i.issuedAt')}, l.quantity AS quantity, CASE WHEN ${PAID_BY_PACKAGE} THEN 0 ELSE l.netCents END AS amountCents
  ${driver.sales.replace('WHERE', `${LINE_JOINS} WHERE ${counted} AND`)}
  UNION ALL
  SELECT ${columns(driver, 'refund', 'n.createdAt')}, -c.quantity, CASE WHEN ${PAID_BY_PACKAGE} THEN 0 ELSE -c.netCents END
  ${driver.refunds.replace('WHERE', `${LINE_JOINS} WHERE ${counted} AND`)}
  UNION ALL
  SELECT ${columns(driver, 'redemption', 'e.at')}, -e.units, ${SHARE}
  ${driver.redemptions.replace(
    'WHERE',
    `JOIN patientPackage pp ON pp.id = e.patientPackageId JOIN invoiceLine sl ON sl.id = pp.saleLineId
    JOIN invoice si ON si.id = sl.invoiceId AND si.status = 'issued' JOIN packagePlan x ON x.id = pp.planId
    JOIN invoiceLine l ON l.id = ${VISIT_LINE} ${LINE_JOINS} WHERE ${counting.redemptions} AND`,
  )}`;
}

/** The entries whose instants lie in [lo, hi) (SQL expressions), or all of them. */
export function windowDriver(window: { lo: string; hi: string } | null, key = 'NULL'): EntryDriver {
  const within = (column: string) => (window ? `${column} >= ${window.lo} AND ${column} < ${window.hi}` : `${column} IS NOT NULL`);
  return {
    key,
    sales: `FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id
    WHERE ${within('i.issuedAt')} AND i.status = 'issued'`,
    refunds: `FROM creditNote n JOIN creditNoteLine c ON c.creditNoteId = n.id JOIN invoiceLine l ON l.id = c.invoiceLineId JOIN invoice i ON i.id = n.invoiceId
    WHERE ${within('n.createdAt')} AND i.status = 'issued'`,
    redemptions: `FROM packageEntry e JOIN payment pay ON pay.id = e.paymentId JOIN invoice i ON i.id = pay.invoiceId
    WHERE e.kind IN ('redeemed', 'returned') AND ${within('e.at')} AND i.status = 'issued'`,
  };
}

/** The entries of one invoice (an SQL expression): its lines, its credit notes' lines, the package units it used. */
function invoiceDriver(id: string): EntryDriver {
  return {
    key: 'NULL',
    sales: `FROM invoice i JOIN invoiceLine l ON l.invoiceId = i.id WHERE i.id = ${id} AND i.status = 'issued'`,
    refunds: `FROM creditNote n JOIN creditNoteLine c ON c.creditNoteId = n.id JOIN invoiceLine l ON l.id = c.invoiceLineId JOIN invoice i ON i.id = n.invoiceId
    WHERE n.invoiceId = ${id} AND i.status = 'issued'`,
    redemptions: `FROM payment pay JOIN packageEntry e ON e.patientPackageId = pay.patientPackageId AND e.paymentId = pay.id JOIN invoice i ON i.id = pay.invoiceId
    WHERE pay.invoiceId = ${id} AND pay.patientPackageId IS NOT NULL AND e.kind IN ('redeemed', 'returned') AND i.status = 'issued'`,
  };
}

const ALL_ENTRIES = { packageLines: '1', redemptions: '1' };

/** Whether an entry counts under each setting: at sale, all but redemption shares; at redemption, all but a package's own line and its refunds. */
export const COUNTS_IN = { sale: "e.entry <> 'redemption'", redemption: "(e.entry = 'redemption' OR NOT e.packageLine)" };
const FIGURES = ['servicesCents', 'retailCents', 'packagesCents', 'otherCents', 'refundsCents', 'invoices', 'entries'] as const;

/** One setting's figures of a group of entries, as columns suffixed with the setting's name. */
const figuresUnder = (mode: keyof typeof COUNTS_IN) => {
  const sold = (kind: string) => `sum(CASE WHEN ${COUNTS_IN[mode]} AND e.entry <> 'refund' AND e.kind = '${kind}' THEN e.amountCents ELSE 0 END)`;
  return `${sold('service')} AS servicesCents_${mode}, ${sold('retail')} AS retailCents_${mode}, ${sold('package')} AS packagesCents_${mode},
    ${sold('other')} AS otherCents_${mode}, -sum(CASE WHEN ${COUNTS_IN[mode]} AND e.entry = 'refund' THEN e.amountCents ELSE 0 END) AS refundsCents_${mode},
    count(DISTINCT CASE WHEN ${COUNTS_IN[mode]} AND e.entry <> 'refund' THEN e.invoiceId END) AS invoices_${mode},
    count(CASE WHEN ${COUNTS_IN[mode]} THEN 1 END) AS entries_${mode}`;
};

/**
 * salesDay rows from entries carrying `localDate`: per setting, per dimension and key, the sums by kind, refunds and
 * distinct invoices with a sale. Both settings' figures come from one grouping (the rebuild's cost is its sorts),
 * then a row per setting that has entries.
 */
const salesDayRows = (entries: string, where = '') => `
  SELECT m.mode, g.dimension, g.localDate, g.key,
    ${FIGURES.slice(0, 6).map((f) => `CASE m.mode WHEN 'sale' THEN g.${f}_sale ELSE g.${f}_redemption END`).join(', ')}
  FROM (
    SELECT d.dimension, e.localDate, ${DIMENSION_KEY} AS key, ${figuresUnder('sale')}, ${figuresUnder('redemption')}
    FROM ${entries} e CROSS JOIN ${DIMENSIONS} d WHERE 1 ${where} GROUP BY 1, 2, 3
  ) g CROSS JOIN (SELECT 'sale' AS mode UNION ALL SELECT 'redemption') m
  WHERE CASE m.mode WHEN 'sale' THEN g.entries_sale ELSE g.entries_redemption END > 0`;

const INSERT = `INSERT INTO salesDay (mode, dimension, localDate, key, servicesCents, retailCents, packagesCents, otherCents, refundsCents, invoices)`;

/**
 * Recomputes the local days `days` lists (a SELECT of a `day` column). The entries are read over a window of
 * instants wide enough for any zone (UTC−12 … UTC+14), then kept by their local date. No WITH: triggers refuse one.
 */
export function recomputeDaysSql(days: string): string {
  const window = { lo: `(SELECT date(min(day), '-1 day') || 'T10' FROM (${days}))`, hi: `(SELECT date(max(day), '+1 day') || 'T12' FROM (${days}))` };
  const entries = `(SELECT *, ${localDateOf('at')} AS localDate FROM (${entriesOf(windowDriver(window), ALL_ENTRIES)}))`;
  return `
    DELETE FROM salesDay WHERE localDate IN (SELECT day FROM (${days}));
    ${INSERT} ${salesDayRows(entries, `AND e.localDate IN (SELECT day FROM (${days}))`)};`;
}

/** The whole projection, from every issued invoice (the backfill, a repair, the demo after its bulk writes). */
export const REBUILD_SALES_DAY_SQL = `
  DELETE FROM salesDay;
  ${INSERT} WITH entries AS MATERIALIZED (SELECT *, ${localDateOf('at')} AS localDate FROM (${entriesOf(windowDriver(null), ALL_ENTRIES)}))
  ${salesDayRows('entries')};`;

/** Every local day an invoice's entries fall on: its issue, its credit notes, the package units it used or sold. */
const daysOfInvoice = (id: string, also: string[] = []) => `
  SELECT ${localDateOf('issuedAt')} AS day FROM invoice WHERE id = ${id} AND issuedAt IS NOT NULL
  UNION SELECT ${localDateOf('createdAt')} FROM creditNote WHERE invoiceId = ${id}
  UNION SELECT ${localDateOf('e.at')} FROM payment p JOIN packageEntry e ON e.patientPackageId = p.patientPackageId AND e.paymentId = p.id
    WHERE p.invoiceId = ${id} AND p.patientPackageId IS NOT NULL
  UNION SELECT ${localDateOf('e.at')} FROM invoiceLine l JOIN patientPackage pp ON pp.saleLineId = l.id JOIN packageEntry e ON e.patientPackageId = pp.id
    WHERE l.invoiceId = ${id} AND e.kind IN ('redeemed', 'returned')
  ${also.map((instant) => `UNION SELECT ${localDateOf(instant)} WHERE ${instant} IS NOT NULL`).join(' ')}`;

/** Every local day a package's used units fall on (its sale's revenue is shared over them). */
const daysOfPackage = (id: string) => `SELECT ${localDateOf('at')} AS day FROM packageEntry WHERE patientPackageId = ${id} AND kind IN ('redeemed', 'returned')`;

/** A draft issued with no credit note and no package of its own used yet: only its own entries are new (the sale's hot path). */
const ISSUING = `OLD.status = 'draft' AND NEW.status = 'issued' AND NOT EXISTS (SELECT 1 FROM creditNote WHERE invoiceId = NEW.id)
  AND NOT EXISTS (SELECT 1 FROM invoiceLine l JOIN patientPackage pp ON pp.saleLineId = l.id JOIN packageEntry e ON e.patientPackageId = pp.id WHERE l.invoiceId = NEW.id)`;

/** Adds the issued invoice's entries: it was counted nowhere before, so every row it touches gains one invoice. */
const addIssuedInvoiceSql = `
  ${INSERT} ${salesDayRows(`(SELECT *, ${localDateOf('at')} AS localDate FROM (${entriesOf(invoiceDriver('NEW.id'), ALL_ENTRIES)}))`)}
  ON CONFLICT (mode, dimension, localDate, key) DO UPDATE SET
    servicesCents = servicesCents + excluded.servicesCents, retailCents = retailCents + excluded.retailCents,
    packagesCents = packagesCents + excluded.packagesCents, otherCents = otherCents + excluded.otherCents,
    refundsCents = refundsCents + excluded.refundsCents, invoices = invoices + excluded.invoices;`;

const issued = (invoiceId: string) => `(SELECT status FROM invoice WHERE id = ${invoiceId}) = 'issued'`;
/** A credit note's lines are refund entries on its own day (a package's shares follow its sale line's price, not refunds). */
const creditDay = (creditNoteId: string) => `SELECT ${localDateOf('createdAt')} AS day FROM creditNote WHERE id = ${creditNoteId}`;

/** Trigger name → its SQL. Named `salesDay_*` so a bulk writer can set them aside and rebuild once. */
export const salesDayTriggers: Record<string, string> = {
  salesDay_invoice_issue: `AFTER UPDATE OF status ON invoice WHEN ${ISSUING} BEGIN ${addIssuedInvoiceSql} END`,
  salesDay_invoice_update: `AFTER UPDATE OF status, issuedAt ON invoice
    WHEN (OLD.status = 'issued' OR NEW.status = 'issued') AND (OLD.status IS NOT NEW.status OR OLD.issuedAt IS NOT NEW.issuedAt) AND NOT (${ISSUING})
    BEGIN ${recomputeDaysSql(daysOfInvoice('NEW.id', ['OLD.issuedAt']))} END`,
  salesDay_invoice_delete: `AFTER DELETE ON invoice WHEN OLD.status = 'issued'
    BEGIN ${recomputeDaysSql(`SELECT ${localDateOf('OLD.issuedAt')} AS day`)} END`,
  salesDay_line_insert: `AFTER INSERT ON invoiceLine WHEN ${issued('NEW.invoiceId')}
    BEGIN ${recomputeDaysSql(daysOfInvoice('NEW.invoiceId'))} END`,
  salesDay_line_update: `AFTER UPDATE ON invoiceLine WHEN ${issued('OLD.invoiceId')} OR ${issued('NEW.invoiceId')}
    BEGIN ${recomputeDaysSql(`${daysOfInvoice('OLD.invoiceId')} UNION ${daysOfInvoice('NEW.invoiceId')}`)} END`,
  salesDay_line_delete: `AFTER DELETE ON invoiceLine WHEN ${issued('OLD.invoiceId')}
    BEGIN ${recomputeDaysSql(daysOfInvoice('OLD.invoiceId'))} END`,
  salesDay_credit_insert: `AFTER INSERT ON creditNoteLine BEGIN ${recomputeDaysSql(creditDay('NEW.creditNoteId'))} END`,
  salesDay_credit_update: `AFTER UPDATE ON creditNoteLine
    BEGIN ${recomputeDaysSql(`${creditDay('OLD.creditNoteId')} UNION ${creditDay('NEW.creditNoteId')}`)} END`,
  salesDay_credit_delete: `AFTER DELETE ON creditNoteLine BEGIN ${recomputeDaysSql(creditDay('OLD.creditNoteId'))} END`,
  // A package payment makes its lines' revenue the package's (0); on an issued invoice that changes its days.
  salesDay_payment_insert: `AFTER INSERT ON payment WHEN NEW.patientPackageId IS NOT NULL AND ${issued('NEW.invoiceId')}
    BEGIN ${recomputeDaysSql(daysOfInvoice('NEW.invoiceId'))} END`,
  salesDay_payment_update: `AFTER UPDATE ON payment WHEN (OLD.patientPackageId IS NOT NULL OR NEW.patientPackageId IS NOT NULL) AND (${issued('OLD.invoiceId')} OR ${issued('NEW.invoiceId')})
    BEGIN ${recomputeDaysSql(`${daysOfInvoice('OLD.invoiceId')} UNION ${daysOfInvoice('NEW.invoiceId')}`)} END`,
  salesDay_payment_delete: `AFTER DELETE ON payment WHEN OLD.patientPackageId IS NOT NULL AND ${issued('OLD.invoiceId')}
    BEGIN ${recomputeDaysSql(daysOfInvoice('OLD.invoiceId'))} END`,
  // Units used: a redemption share on its day (later shares of the package follow from the units before them). On a
  // draft (checkout pays, then issues) it counts from the issue, which adds it.
  salesDay_entry_insert: `AFTER INSERT ON packageEntry WHEN NEW.kind IN ('redeemed', 'returned')
    AND (SELECT i.status FROM payment p JOIN invoice i ON i.id = p.invoiceId WHERE p.id = NEW.paymentId) = 'issued'
    BEGIN ${recomputeDaysSql(`SELECT ${localDateOf('NEW.at')} AS day`)} END`,
  salesDay_entry_change: `AFTER UPDATE ON packageEntry
    BEGIN ${recomputeDaysSql(`SELECT ${localDateOf('OLD.at')} AS day UNION ${daysOfPackage('OLD.patientPackageId')} UNION ${daysOfPackage('NEW.patientPackageId')}`)} END`,
  salesDay_entry_delete: `AFTER DELETE ON packageEntry WHEN OLD.kind IN ('redeemed', 'returned')
    BEGIN ${recomputeDaysSql(`SELECT ${localDateOf('OLD.at')} AS day UNION ${daysOfPackage('OLD.patientPackageId')}`)} END`,
  salesDay_package_update: `AFTER UPDATE OF units, saleLineId, planId ON patientPackage
    BEGIN ${recomputeDaysSql(`${daysOfPackage('OLD.id')} UNION ${daysOfPackage('NEW.id')}`)} END`,
  // A catalog correction (a service or plan moved to another category) or a new zone moves every day: rebuilt whole.
  salesDay_service_update: `AFTER UPDATE OF categoryId, kind ON service WHEN OLD.categoryId IS NOT NEW.categoryId OR OLD.kind IS NOT NEW.kind
    BEGIN ${REBUILD_SALES_DAY_SQL} END`,
  salesDay_plan_update: `AFTER UPDATE OF categoryId, serviceId ON packagePlan WHEN OLD.categoryId IS NOT NEW.categoryId OR OLD.serviceId IS NOT NEW.serviceId
    BEGIN ${REBUILD_SALES_DAY_SQL} END`,
  salesDay_clinic_zone: `AFTER UPDATE OF timeZone ON clinic WHEN OLD.timeZone IS NOT NEW.timeZone BEGIN ${REBUILD_SALES_DAY_SQL} END`,
};

export function up({ exec }: MigrationContext): void {
  exec(`
    -- Per package revenue setting, dimension ('all' | 'category' | 'staff'), clinic-local day and key (the category
    -- id, 'retail' or 'other'; the staff id, 0 for no provider; '*' for the clinic): what the sales reports sum.
    CREATE TABLE salesDay (
      mode TEXT NOT NULL CHECK (mode IN ('sale', 'redemption')),
      dimension TEXT NOT NULL CHECK (dimension IN ('all', 'category', 'staff')),
      localDate TEXT NOT NULL,
      key ANY NOT NULL,
      servicesCents INTEGER NOT NULL,
      retailCents INTEGER NOT NULL,
      packagesCents INTEGER NOT NULL,
      otherCents INTEGER NOT NULL,
      refundsCents INTEGER NOT NULL,
      invoices INTEGER NOT NULL,
      PRIMARY KEY (mode, dimension, localDate, key)
    ) STRICT, WITHOUT ROWID;
  `);
  for (const [name, body] of Object.entries(salesDayTriggers)) exec(`CREATE TRIGGER ${name} ${body};`);
  exec(REBUILD_SALES_DAY_SQL);
}
