import { invoiceTotals, MAX_QUANTITY } from '../../src-shared/checkout/totals';
import { divRound } from '../../src-shared/money';
import { fold } from '../../src-shared/text';
import { localInstant, minutesOf } from '../../src-shared/time';
import { draftInvoiceRow } from '../checkout/index';
import { cached } from '../core/db';
import type { Insertable } from 'kysely';
import type { HandlerContext } from '../core/registry';
import type { InvoiceLineTable } from '../core/schema-checkout';
import { IMPORTED_INVOICE_PREFIX } from '../core/series';
import { VisitLookups } from './appointments';
import type { RowValues } from './values';
import type { Writer } from './write';

/*
 * Sales history: each row is a line of an old invoice; the rows with the same old number form one invoice, numbered
 * `IMP-<old number>` (outside the workstation's gapless INV series), issued at the sale's date and paid in full by a
 * transfer whose reference says it was imported. Written straight, not through checkout: an imported sale earns no
 * points, gives no referral reward, takes no stock and is no till's takings (closing leaves `IMP-` invoices out).
 */
/** A sale without a time of day is placed at local noon, well inside its day whatever the zone's clock change. */
const NOON = 12 * 60;
const MAX_TAX_RATE = 100_000;

interface Item {
  serviceId: number | null;
  productId: number | null;
  name: string;
  taxable: boolean;
}

export interface PackagePlan {
  id: number;
  name: string;
  units: number;
  priceCents: number;
  validityDays: number;
  taxable: number;
}

export interface SaleLine {
  invoiceNumber: string;
  issuedAt: string;
  item: Item | null;
  staffId: number | null;
  description: string;
  quantity: number;
  amountCents: number;
  /** The tax the file names (part of the amount); null: worked out from the item's rate. */
  taxCents: number | null;
  /** Names the catalogue or staff did not know: the line is imported without them. */
  warnings: string[];
}

/** Services, products, package plans and staff by folded name (case and accents aside), and the clinic's default tax rate, read once per call. */
export class SaleLookups {
  private items: Map<string, Item> | null = null;
  private plans: Map<string, PackagePlan> | null = null;
  readonly people: VisitLookups;
  readonly defaultRate: number;

  constructor(private readonly ctx: HandlerContext) {
    this.people = new VisitLookups(ctx);
    this.defaultRate = (cached(ctx.sqlite, 'SELECT rateMillipercent FROM taxRate WHERE isDefault = 1 AND active = 1').pluck().get() as number | undefined) ?? 0;
  }

  /** A package plan by folded name. */
  plan(name: string): PackagePlan | undefined {
    this.plans ??= new Map(
      (this.ctx.sqlite.prepare('SELECT p.id, p.name, p.units, p.priceCents, p.validityDays, coalesce(s.taxable, 1) AS taxable FROM packagePlan p LEFT JOIN service s ON s.id = p.serviceId').all() as PackagePlan[]).map((p) => [fold(p.name), p]),
    );
    return this.plans.get(fold(name));
  }

  item(name: string): Item | undefined {
    if (!this.items) {
      const rows = (table: 'service' | 'product') => this.ctx.sqlite.prepare(`SELECT id, name, taxable FROM ${table}`).all() as { id: number; name: string; taxable: number }[];
      // A service and a product of the same name: the service (a clinic's sales are mostly treatments).
      this.items = new Map<string, Item>([
        ...rows('product').map((p): [string, Item] => [fold(p.name), { serviceId: null, productId: p.id, name: p.name, taxable: p.taxable === 1 }]),
        ...rows('service').map((s): [string, Item] => [fold(s.name), { serviceId: s.id, productId: null, name: s.name, taxable: s.taxable === 1 }]),
      ]);
    }
    return this.items.get(fold(name));
  }
}

/** The number an old invoice gets in Lumen. */
export const importedNumber = (oldNumber: string): string => `${IMPORTED_INVOICE_PREFIX}${oldNumber}`;

/**
 * A row as an invoice line, or why it cannot be one. An unknown item keeps the row's text as the line's description,
 * an unknown provider leaves the line without one: both are warnings, not problems.
 */
export function saleLineOf(ctx: HandlerContext, lookups: SaleLookups, v: RowValues): SaleLine | { problems: string[] } {
  const problems: string[] = [];
  const oldNumber = v.text('invoiceNumber');
  if (!oldNumber) problems.push('The invoice number is empty.');
  else if (oldNumber.length > 40) problems.push('The invoice number is longer than 40 characters.');
  const date = v.dateTime('date');
  if (!date) problems.push('The date is empty.');
  const time = v.text('time') ?? date?.time ?? null;
  const amountCents = v.number('amount');
  if (amountCents === undefined) problems.push('The amount is empty.');
  else if (amountCents < 0) problems.push('The amount is negative: refunds are not imported.');
  const quantity = v.number('quantity') ?? 1;
  if (quantity < 1 || quantity > MAX_QUANTITY) problems.push(`The quantity must be between 1 and ${MAX_QUANTITY}.`);
  const taxCents = v.number('tax') ?? null;
  if (taxCents !== null && amountCents !== undefined && (taxCents < 0 || taxCents > amountCents)) problems.push('The tax must be between 0 and the amount.');
  const itemName = v.text('item');
  const description = v.text('description');
  if (!itemName && !description) problems.push('The line names no service, product or description.');
  if (problems.length || !oldNumber || !date || amountCents === undefined) return { problems };

  const issuedAt = localInstant(date.date, time ? minutesOf(time) : NOON, ctx.clinic().timeZone);
  if (issuedAt > ctx.now.getTime()) return { problems: ['The sale is dated in the future.'] };
  const warnings: string[] = [];
  const item = itemName ? (lookups.item(itemName) ?? null) : null;
  if (itemName && !item) warnings.push(`No service or product named “${itemName}”: the line is imported with its description only.`);
  const providerName = v.text('provider');
  const staffId = providerName ? (lookups.people.provider(providerName) ?? null) : null;
  if (providerName && staffId === null) warnings.push(`No staff member named “${providerName}”: the line is imported without a provider.`);
  return {
    invoiceNumber: importedNumber(oldNumber),
    issuedAt: new Date(issuedAt).toISOString(),
    item,
    staffId,
    description: description ?? item?.name ?? itemName!,
    quantity,
    amountCents,
    taxCents,
    warnings,
  };
}

/**
 * A line's stored figures: its amount is what was paid, tax included, so the imported invoice prices tax in whatever
 * the clinic's setting. The unit price is the amount per unit; when the units do not divide it, the few cents over
 * are the line's discount. With the file's tax, the rate is the one that tax implies.
 */
function lineFigures(line: SaleLine, defaultRate: number) {
  const unitPriceCents = Math.ceil(line.amountCents / line.quantity);
  const over = unitPriceCents * line.quantity - line.amountCents;
  const net = line.taxCents === null ? null : line.amountCents - line.taxCents;
  const taxRateMillipercent = net === null ? (line.item?.taxable ? defaultRate : 0) : net === 0 ? 0 : Math.min(MAX_TAX_RATE, divRound(line.taxCents! * MAX_TAX_RATE, net));
  const [totals] = invoiceTotals({
    lines: [{ quantity: line.quantity, unitPriceCents, discount: over ? { kind: 'amount', cents: over } : null, taxRateMillipercent }],
    discount: null,
    pricesIncludeTax: true,
    taxRounding: 'line',
  }).lines;
  const taxCents = line.taxCents ?? totals.taxCents;
  return {
    unitPriceCents,
    discountKind: over ? ('amount' as const) : null,
    discountValue: over || null,
    taxRateMillipercent,
    grossCents: totals.grossCents,
    discountCents: over,
    netCents: line.amountCents - taxCents,
    taxCents,
    totalCents: line.amountCents,
  };
}

interface OpenInvoice {
  id: number;
  patientId: number;
  issuedAt: string;
  lines: number;
}

type LineColumns = Omit<Insertable<InvoiceLineTable>, 'id' | 'invoiceId' | 'position' | 'lotId' | 'topUpPlanId'>;

/** The imported invoices of one batch while it runs: drafts filled line by line, issued and paid at the end. */
export class SaleBook {
  private readonly open = new Map<string, OpenInvoice>();

  constructor(
    readonly w: Writer,
    readonly lookups: SaleLookups,
  ) {}

  async addLine(patientId: number, v: RowValues): Promise<void> {
    const line = saleLineOf(this.w.ctx, this.lookups, v);
    if ('problems' in line) throw new Error(`A planned sale has problems: ${line.problems.join(' ')}`);
    const invoice = await this.invoiceFor(line.invoiceNumber, patientId, line.issuedAt);
    await this.insertLine(invoice, {
      serviceId: line.item?.serviceId ?? null,
      productId: line.item?.productId ?? null,
      description: line.description,
      staffId: line.staffId,
      quantity: line.quantity,
      ...lineFigures(line, this.lookups.defaultRate),
      packagePlanId: null,
      giftCard: 0,
      giftCardCode: null,
    });
  }

  /** The draft of an imported invoice, started by its first line. */
  async invoiceFor(number: string, patientId: number, issuedAt: string): Promise<OpenInvoice> {
    const { ctx } = this.w;
    const known = this.open.get(number);
    if (known) return known;
    const invoice = { id: ctx.newId('invoice'), patientId, issuedAt, lines: 0 };
    this.open.set(number, invoice);
    await ctx.db
      .insertInto('invoice')
      .values(
        draftInvoiceRow({
          id: invoice.id,
          number: freeNumber(ctx, number),
          patientId,
          appointmentId: null,
          pricesIncludeTax: 1,
          taxRounding: 'line',
          notes: `Imported from ${this.w.fileName}`,
          createdBy: ctx.session?.staffId ?? null,
          createdAt: issuedAt,
          updatedAt: ctx.now.toISOString(),
        }),
      )
      .execute();
    this.w.journal.created('invoice', { id: invoice.id });
    return invoice;
  }

  /** A line of the draft; its id. */
  async insertLine(invoice: OpenInvoice, line: LineColumns): Promise<number> {
    const id = this.w.ctx.newId('invoiceLine');
    await this.w.ctx.db
      .insertInto('invoiceLine')
      .values({ id, invoiceId: invoice.id, position: invoice.lines++, lotId: null, topUpPlanId: null, ...line })
      .execute();
    return id;
  }

  /** Each invoice's totals from its lines, then issued at the sale's instant and paid in full on it. */
  async finish(): Promise<void> {
    const { ctx } = this.w;
    for (const invoice of this.open.values()) {
      const sums = cached(ctx.sqlite, SUMS_SQL).get(invoice.id) as { grossCents: number; discountCents: number; netCents: number; taxCents: number; totalCents: number };
      cached(ctx.sqlite, 'UPDATE invoice SET grossCents = @grossCents, discountCents = @discountCents, netCents = @netCents, taxCents = @taxCents, totalCents = @totalCents WHERE id = @id').run({ ...sums, id: invoice.id });
      cached(ctx.sqlite, "UPDATE invoice SET status = 'issued', issuedAt = @at, issuedBy = @by WHERE id = @id").run({ id: invoice.id, at: invoice.issuedAt, by: ctx.session?.staffId ?? null });
      if (!sums.totalCents) continue;
      const paymentId = ctx.newId('payment');
      await ctx.db
        .insertInto('payment')
        .values({
          id: paymentId,
          invoiceId: invoice.id,
          patientId: invoice.patientId,
          tender: 'transfer',
          amountCents: sums.totalCents,
          tenderedCents: null,
          changeCents: null,
          reference: `Imported from ${this.w.fileName}`,
          creditNoteId: null,
          takenAt: invoice.issuedAt,
          takenBy: ctx.session?.staffId ?? null,
          giftCardId: null,
          patientPackageId: null,
          units: null,
          points: null,
        })
        .execute();
      this.w.journal.created('payment', { id: paymentId });
    }
  }
}

const SUMS_SQL = `SELECT coalesce(sum(grossCents), 0) AS grossCents, coalesce(sum(discountCents), 0) AS discountCents, coalesce(sum(netCents), 0) AS netCents,
  coalesce(sum(taxCents), 0) AS taxCents, coalesce(sum(totalCents), 0) AS totalCents FROM invoiceLine WHERE invoiceId = ?`;

/** An invoice an undone import voided keeps its number: importing it again numbers it IMP-<old>/2, /3… */
function freeNumber(ctx: HandlerContext, number: string): string {
  const taken = (candidate: string) => cached(ctx.sqlite, 'SELECT 1 FROM invoice WHERE number = ?').get(candidate) !== undefined;
  let candidate = number;
  for (let n = 2; taken(candidate); n++) candidate = `${number}/${n}`;
  return candidate;
}

/** An issued, standing invoice already carries this number (an earlier import of other lines of it). */
export function importedInvoiceExists(ctx: HandlerContext, number: string): boolean {
  return cached(ctx.sqlite, "SELECT 1 FROM invoice WHERE number = ? AND status = 'issued'").get(number) !== undefined;
}
