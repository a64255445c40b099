import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couponEligibility } from '../../../src-shared/checkout/coupons';
import { invoiceTotals } from '../../../src-shared/checkout/totals';
import { openLumen, type Lumen } from '../../../src-main/app';
import { ManualClock } from '../../../src-main/core/clock';
import { newConnection } from '../../../src-main/core/session';
import { DEMO_PASSWORD, generateDemoClinic } from '../../../src-main/demo/index';

const NOW = '2026-03-02T15:00:00Z';
const folders: string[] = [];
const opened: Lumen[] = [];

async function demo(patients: number): Promise<Lumen> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lumen-demo-sales-'));
  folders.push(dataDir);
  const lumen = await openLumen({ dataDir, clock: new ManualClock(NOW), checkOutputs: true });
  opened.push(lumen);
  await generateDemoClinic(lumen.runtime, { patients, years: 10, seed: 42 });
  return lumen;
}

afterAll(async () => {
  for (const lumen of opened) await lumen.close();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const DUE_SQL = `i.totalCents - coalesce((SELECT sum(c.totalCents) FROM creditNote c WHERE c.invoiceId = i.id), 0)
  - coalesce((SELECT sum(p.amountCents) FROM payment p WHERE p.invoiceId = i.id), 0)`;

describe('the demo clinic’s ten years of sales', () => {
  let lumen: Lumen;
  const all = <T>(sql: string) => lumen.runtime.sqlite.prepare(sql).all() as T[];
  const one = <T>(sql: string) => lumen.runtime.sqlite.prepare(sql).get() as T;

  beforeAll(async () => {
    lumen = await demo(400);
  });

  it('invoices every finished visit once, on its day, a line per service with its provider', () => {
    const visits = one<{ n: number }>("SELECT count(*) AS n FROM appointment WHERE status IN ('completed', 'checkedOut')").n;
    expect(visits).toBeGreaterThan(3000);
    const invoiced = one<{ n: number; visits: number }>('SELECT count(*) AS n, count(DISTINCT appointmentId) AS visits FROM invoice WHERE appointmentId IS NOT NULL');
    expect(invoiced).toEqual({ n: visits, visits });
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM invoice i JOIN appointment a ON a.id = i.appointmentId
      WHERE a.status NOT IN ('completed', 'checkedOut') OR i.issuedAt < a.endsAt OR julianday(i.issuedAt) - julianday(a.endsAt) > 0.1 OR i.issuedAt > '${NOW}'`).n).toBe(0);
    const mismatched = one<{ n: number }>(`SELECT count(*) AS n FROM appointmentService s JOIN invoice i ON i.appointmentId = s.appointmentId
      WHERE NOT EXISTS (SELECT 1 FROM invoiceLine l WHERE l.invoiceId = i.id AND l.position = s.position AND l.serviceId = s.serviceId AND l.staffId = s.staffId)`);
    expect(mismatched.n).toBe(0);
  });

  it('sells neurotoxin by the unit, retail on some visits and to walk-ins, taxing retail only', () => {
    const toxin = all<{ quantity: number; unitPriceCents: number }>("SELECT quantity, unitPriceCents FROM invoiceLine WHERE description LIKE '%(units)'");
    expect(toxin.length).toBeGreaterThan(500);
    for (const line of toxin) expect(line.quantity >= 20 && line.quantity <= 50).toBe(true);
    const mix = one<{ retailVisits: number; visits: number; walkIns: number; days: number }>(`SELECT
      (SELECT count(DISTINCT l.invoiceId) FROM invoiceLine l JOIN invoice i ON i.id = l.invoiceId JOIN service s ON s.id = l.serviceId WHERE s.kind = 'product' AND i.appointmentId IS NOT NULL) AS retailVisits,
      (SELECT count(*) FROM invoice WHERE appointmentId IS NOT NULL) AS visits,
      (SELECT count(*) FROM invoice WHERE appointmentId IS NULL) AS walkIns,
      (SELECT count(DISTINCT substr(issuedAt, 1, 10)) FROM invoice WHERE appointmentId IS NULL) AS days`);
    expect(mix.retailVisits / mix.visits).toBeGreaterThan(0.1);
    expect(mix.retailVisits / mix.visits).toBeLessThan(0.2);
    expect(mix.walkIns / mix.days).toBeGreaterThan(1.5);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM invoiceLine l JOIN service s ON s.id = l.serviceId
      WHERE (s.kind = 'product') <> (l.taxRateMillipercent = 8875) OR (l.taxRateMillipercent = 0 AND l.taxCents <> 0)
        -- a retail line a coupon took down to nothing carries no tax
        OR (l.taxRateMillipercent > 0 AND l.netCents > 0 AND l.taxCents = 0)`).n).toBe(0);
  });

  it('stores exactly the totals the checkout module computes, and numbers invoices gaplessly in issue order', () => {
    const invoices = all<{ id: number; number: string | null; issuedAt: string; discountValue: number | null; grossCents: number; discountCents: number; netCents: number; taxCents: number; totalCents: number; couponKind: 'percent' | 'amount' | null; couponValue: number; couponCategories: string | null }>(
      `SELECT i.id, number, issuedAt, i.discountValue, grossCents, discountCents, netCents, taxCents, totalCents,
              c.discountKind AS couponKind, c.discountValue AS couponValue, c.categoryIds AS couponCategories
       FROM invoice i LEFT JOIN couponCode k ON k.id = i.couponCodeId LEFT JOIN coupon c ON c.id = k.couponId ORDER BY i.id`,
    );
    // Packages, top-ups and gift cards are lines too (the last two have no service, and no coupon takes them down).
    const lines = all<{ invoiceId: number; serviceId: number | null; categoryId: number | null; sellsValue: 0 | 1; quantity: number; unitPriceCents: number; taxRateMillipercent: number; totalCents: number }>(
      `SELECT invoiceId, serviceId, s.categoryId, (l.giftCard = 1 OR l.topUpPlanId IS NOT NULL) AS sellsValue, quantity, unitPriceCents, taxRateMillipercent, totalCents
       FROM invoiceLine l LEFT JOIN service s ON s.id = l.serviceId ORDER BY invoiceId, position`,
    );
    const byInvoice = new Map<number, typeof lines>();
    for (const line of lines) byInvoice.set(line.invoiceId, [...(byInvoice.get(line.invoiceId) ?? []), line]);
    // The quotes still on the table (demo/reports-pipeline.ts) are drafts: no number yet.
    let previous = '';
    invoices.filter((invoice) => invoice.number !== null).forEach((invoice, index) => {
      expect(invoice.number).toBe(`INV-P${String(index + 1).padStart(7, '0')}`);
      expect(invoice.issuedAt >= previous).toBe(true);
      previous = invoice.issuedAt;
    });
    for (const invoice of invoices) {
      const its = byInvoice.get(invoice.id)!;
      const totals = invoiceTotals({
        lines: its.map((l) => ({ quantity: l.quantity, unitPriceCents: l.unitPriceCents, discount: null, taxRateMillipercent: l.taxRateMillipercent })),
        discount: invoice.discountValue === null ? null : { kind: 'percent', basisPoints: invoice.discountValue },
        // The campaign coupon a sale redeemed (demo/promotions.ts), on the lines of its categories.
        coupon: invoice.couponKind === null ? null : {
          discount: invoice.couponKind === 'percent' ? { kind: 'percent', basisPoints: invoice.couponValue } : { kind: 'amount', cents: invoice.couponValue },
          eligible: couponEligibility({ serviceIds: [], categoryIds: JSON.parse(invoice.couponCategories!) as number[] }, its.map((l) => ({ ...l, sellsValue: l.sellsValue === 1 }))),
        },
        pricesIncludeTax: false,
        taxRounding: 'line',
      });
      expect([invoice.grossCents, invoice.discountCents, invoice.netCents, invoice.taxCents, invoice.totalCents]).toEqual([totals.grossCents, totals.discountCents, totals.netCents, totals.taxCents, totals.totalCents]);
      expect(its.map((l) => l.totalCents)).toEqual(totals.lines.map((l) => l.totalCents));
    }
  });

  it('takes card, cash with change and transfers; a few visits still owe, and only those are not checked out', () => {
    const tenders = Object.fromEntries(all<{ tender: string; n: number }>('SELECT tender, count(*) AS n FROM payment WHERE amountCents > 0 GROUP BY tender').map((t) => [t.tender, t.n]));
    const paid = tenders.card + tenders.cash + tenders.transfer;
    expect(tenders.card / paid).toBeGreaterThan(0.6);
    expect(tenders.cash / paid).toBeGreaterThan(0.18);
    expect(tenders.transfer).toBeGreaterThan(0);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM payment WHERE amountCents > 0 AND (tender = \'cash\') <> (tenderedCents IS NOT NULL AND changeCents = tenderedCents - amountCents AND changeCents >= 0)').n).toBe(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM payment WHERE tender = 'card' AND amountCents > 0 AND reference = ''").n).toBe(0);
    const states = one<{ owing: number; visits: number; owingCheckedOut: number; paidNotCheckedOut: number; overpaid: number }>(`SELECT
      sum(due > 0) AS owing, count(*) AS visits, sum(due > 0 AND status = 'checkedOut') AS owingCheckedOut, sum(due <= 0 AND status <> 'checkedOut') AS paidNotCheckedOut, sum(due < 0) AS overpaid
      FROM (SELECT ${DUE_SQL} AS due, a.status FROM invoice i JOIN appointment a ON a.id = i.appointmentId)`);
    expect(states.owing / states.visits).toBeGreaterThan(0.05);
    expect(states.owing / states.visits).toBeLessThan(0.11);
    expect([states.owingCheckedOut, states.paidNotCheckedOut, states.overpaid]).toEqual([0, 0, 0]);
  });

  it('refunds a few sales partly by numbered credit notes, back to the tender or as store credit that never goes below zero', () => {
    const notes = all<{ number: string; totalCents: number; lines: number; refunded: number; invoiceTotal: number; refundTo: string }>(`SELECT c.number, c.totalCents, i.totalCents AS invoiceTotal, c.refundTo,
      (SELECT sum(totalCents) FROM creditNoteLine l WHERE l.creditNoteId = c.id) AS lines,
      (SELECT -sum(amountCents) FROM payment p WHERE p.creditNoteId = c.id) AS refunded
      FROM creditNote c JOIN invoice i ON i.id = c.invoiceId ORDER BY c.id`);
    expect(notes.length).toBeGreaterThan(30);
    notes.forEach((note, index) => {
      expect(note.number).toBe(`CN-P${String(index + 1).padStart(7, '0')}`);
      expect(note.lines).toBe(note.totalCents);
      expect(note.refunded).toBe(note.totalCents);
      expect(note.totalCents).toBeLessThan(note.invoiceTotal);
    });
    expect(notes.some((n) => n.refundTo === 'storeCredit')).toBe(true);
    expect(one<{ n: number }>('SELECT count(*) AS n FROM (SELECT patientId, sum(amountCents) AS balance FROM storedValueEntry GROUP BY patientId) WHERE balance < 0').n).toBe(0);
    expect(one<{ n: number }>("SELECT count(*) AS n FROM storedValueEntry WHERE kind = 'spend'").n).toBeGreaterThan(0);
  });

  it('shows the front desk what a patient owes, as the ledger adds up', async () => {
    const conn = newConnection('cli');
    await lumen.registry.call('auth.signIn', { username: 'frontdesk', password: DEMO_PASSWORD }, conn);
    const debtor = one<{ patientId: number; owed: number }>(`SELECT i.patientId, sum(${DUE_SQL}) AS owed FROM invoice i WHERE i.patientId IS NOT NULL GROUP BY i.patientId HAVING owed > 0 ORDER BY i.patientId LIMIT 1`);
    const balance = await lumen.registry.call('checkout.balance', { patientId: debtor.patientId }, conn);
    expect(balance.owedCents).toBe(debtor.owed);
    expect(balance.openInvoices.length).toBeGreaterThan(0);
  });
});
