import { afterEach, describe, expect, it } from 'vitest';
import { openSalesClinic, type SalesClinic } from '../reports/sales/clinic';
import { addCsv, importCsv } from './support';

let sales: SalesClinic;
afterEach(() => sales?.clinic.close());

const PATIENTS = ['Client ID,First Name,Last Name', 'C1,Zoë,Müller', 'C2,Jürgen,Weiß', 'C3,Åsa,Ødegård'];
/** New York: 2025-06-10 14:30 EDT is 18:30 UTC; a sale without a time is placed at local noon. */
const SALES = [
  'Client ID,Invoice Number,Sale Date,Item,Quantity,Amount,Provider',
  'C1,1001,2025-06-10 14:30,Botox forehead,1,300.00,Ana Alves',
  'C2,1002,2025-07-01,Aftercare cream,3,45.00,Dr. Nobody',
  'C1,1001,2025-06-10 14:30,LIP FILLER,1,400.00,ben',
  'C1,1003,2025-08-01,Consultation,1,-50.00,Ana Alves',
  'C9,1004,2025-08-01,Consultation,1,50.00,Ana Alves',
  'C2,1005,2025-08-02,Botox forehead,1,300.00,Ana Alves',
  'C1,1005,2025-08-02,Consultation,1,50.00,Ana Alves',
];

async function arrange() {
  sales = await openSalesClinic();
  await importCsv(sales.clinic, PATIENTS);
  const [zoe] = await sales.clinic.call('patients.search', { q: 'Zoë' });
  const [jurgen] = await sales.clinic.call('patients.search', { q: 'Weiß' });
  return { clinic: sales.clinic, zoe: zoe.id, jurgen: jurgen.id };
}

describe('importing sales history', () => {
  it('makes one paid invoice per old invoice number, dated at the sale, with unknown names as warnings and broken invoices skipped whole', async () => {
    const { clinic, zoe, jurgen } = await arrange();
    const { report } = await importCsv(clinic, SALES, { kind: 'sales' });
    expect(report.totals).toEqual({ create: 0, match: 3, skip: 4, already: 0 });
    expect(report.rows.map((r) => [r.line, r.outcome, r.problems.map((p) => p.message)])).toEqual([
      [2, 'match', []],
      [3, 'match', ['No service or product named “Aftercare cream”: the line is imported with its description only.', 'No staff member named “Dr. Nobody”: the line is imported without a provider.']],
      [4, 'match', []],
      [5, 'skip', ['The amount is negative: refunds are not imported.']],
      [6, 'skip', ['No patient with ID “C9”.']],
      [7, 'skip', ['Invoice IMP-1005 is not imported: line 8 of it cannot be.']],
      [8, 'skip', ['Invoice IMP-1005 is for Jürgen Weiß on line 7, not for Zoë Müller.']],
    ]);

    const [summary] = await clinic.call('invoices.forPatient', { patientId: zoe });
    const invoice = await clinic.call('invoices.get', { id: summary.id });
    expect(invoice).toMatchObject({ number: 'IMP-1001', status: 'issued', paymentState: 'paid', dueCents: 0, totalCents: 70_000, issuedAt: '2025-06-10T18:30:00.000Z' });
    expect(invoice.lines.map((l) => [l.description, l.serviceId, l.staffId, l.totalCents])).toEqual([
      ['Botox forehead', sales.services.botox, sales.staff.ana, 30_000],
      ['Lip filler', sales.services.filler, sales.staff.ben, 40_000],
    ]);
    expect(invoice.payments.map((p) => [p.tender, p.amountCents, p.reference, p.takenAt])).toEqual([['transfer', 70_000, 'Imported from clients.csv', '2025-06-10T18:30:00.000Z']]);

    // Three units of an unknown product for 45.00: no service, no provider, the amount paid kept to the cent.
    const [cream] = await clinic.call('invoices.forPatient', { patientId: jurgen });
    const creamInvoice = await clinic.call('invoices.get', { id: cream.id });
    expect(creamInvoice.lines.map((l) => [l.description, l.serviceId, l.staffId, l.quantity, l.totalCents])).toEqual([['Aftercare cream', null, null, 3, 4_500]]);
    expect(creamInvoice.issuedAt).toBe('2025-07-01T16:00:00.000Z');
  });

  it('counts in the sales reports, the deal status and retention’s maintenance, in no till’s day, and earns no points or commission', async () => {
    const { clinic, zoe } = await arrange();
    await importCsv(clinic, SALES, { kind: 'sales' });
    const byProvider = await clinic.call('reports.salesByProvider', { from: '2025-06-01', to: '2025-06-30' });
    expect(byProvider.rows.map((r) => [r.name, r.netCents, r.invoices])).toEqual(
      expect.arrayContaining([
        ['Ana Alves', 30_000, 1],
        ['Ben Brook', 40_000, 1],
      ]),
    );
    const byCategory = await clinic.call('reports.salesByCategory', { from: '2025-06-01', to: '2025-06-30' });
    expect(JSON.stringify(byCategory)).toContain('Neurotoxin');
    // The old invoice of treatments is Zoë's first deal, and nothing is owed on it.
    expect(await clinic.call('patients.standing', { patientId: zoe })).toMatchObject({ dealStatus: 'first', dealCount: 1, owedCents: 0 });

    const day = await clinic.call('closing.report', { date: '2025-06-10', scope: 'clinic' });
    expect(JSON.stringify(day)).not.toContain('70000');
    // Retention's maintenance counts from the imported Botox of 10 June.
    const { maintenance } = await clinic.call('retention.outreachFor', { patientId: zoe, asOf: '2025-12-01' });
    expect(maintenance).toEqual(expect.arrayContaining([expect.objectContaining({ categoryName: 'Neurotoxin', lastPurchaseDate: '2025-06-10' })]));
    // Commission on old sales was settled in the old system.
    const commission = await clinic.call('commission.statement', { staffId: sales.staff.ana, from: '2025-06-01', to: '2025-06-30' });
    expect(commission.lines).toEqual([]);
    expect(clinic.count('pointsEntry')).toBe(0);
    expect(clinic.count('referralReward')).toBe(0);
  });

  it('keeps the tax the file names, and a dry run reports exactly what the run does while changing nothing', async () => {
    const { clinic, zoe } = await arrange();
    const lines = ['Client ID,Invoice Number,Date,Service,Amount,Tax', 'C1,2001,2025-09-01,Botox forehead,119.00,19.00'];
    const file = await addCsv(clinic, lines);
    const selection = { fileId: file.fileId, kind: 'sales' as const, mapping: file.guesses.sales };
    const dry = await clinic.call('imports.run', { ...selection, dryRun: true });
    expect(clinic.count('invoice')).toBe(0);
    const run = await clinic.call('imports.run', selection);
    expect({ ...dry, batchId: run.batchId, dryRun: false }).toEqual(run);
    const [summary] = await clinic.call('invoices.forPatient', { patientId: zoe });
    const invoice = await clinic.call('invoices.get', { id: summary.id });
    expect([invoice.netCents, invoice.taxCents, invoice.totalCents, invoice.lines[0].taxRateMillipercent]).toEqual([10_000, 1_900, 11_900, 19_000]);
  });

  it('imports the same file once; undo voids the invoices and reverses their payments outside any till, and a credit note since refuses it', async () => {
    const { clinic, zoe } = await arrange();
    const first = await importCsv(clinic, SALES, { kind: 'sales' });
    expect((await importCsv(clinic, SALES, { kind: 'sales' })).report.totals).toMatchObject({ match: 0, already: 3 });

    clinic.clock.advance({ minutes: 5 });
    expect(await clinic.call('imports.undo', { batchId: first.report.batchId! })).toEqual({ removed: 0, restored: 0, archived: 2 });
    const [voided] = await clinic.call('invoices.forPatient', { patientId: zoe });
    expect(voided).toMatchObject({ number: 'IMP-1001', status: 'void', dueCents: 0 });
    const byProvider = await clinic.call('reports.salesByProvider', { from: '2025-06-01', to: '2025-06-30' });
    expect(byProvider.totals.netCents).toBe(0);
    const today = await clinic.call('closing.report', { scope: 'clinic' });
    expect(JSON.stringify(today)).not.toMatch(/70000|IMP-/);

    // Imported again: the voided invoice keeps its number, the new one takes the next free one.
    const again = await importCsv(clinic, SALES, { kind: 'sales' });
    expect(again.report.totals.match).toBe(3);
    const invoices = await clinic.call('invoices.forPatient', { patientId: zoe });
    expect(invoices.map((i) => [i.number, i.status]).sort()).toEqual([
      ['IMP-1001', 'void'],
      ['IMP-1001/2', 'issued'],
    ]);
    const reimported = invoices.find((i) => i.status === 'issued')!;
    const { lines } = await clinic.call('invoices.get', { id: reimported.id });
    clinic.clock.advance({ minutes: 5 });
    await clinic.call('creditNotes.create', { invoiceId: reimported.id, reason: 'Goodwill', refundTo: 'originalTender', lines: [{ invoiceLineId: lines[0].id, quantity: 1 }] });
    await expect(clinic.call('imports.undo', { batchId: again.report.batchId! })).rejects.toMatchObject({ code: 'conflict', details: { uses: ['Invoice IMP-1001/2 has a credit note since the import.', 'Invoice IMP-1001/2 has a payment since the import.'] } });
    expect((await clinic.call('invoices.get', { id: reimported.id })).status).toBe('issued');
  });
});

const BALANCES = [
  'Client ID,Gift Card Code,Gift Card Balance,Gift Card Expiry,Package,Sessions Left',
  'C1,abcd-2345,80.00,2026-12-31,botox ×3,2',
  'C2,,,,Hydrafacial ×6,1',
  'C3,ZZ,10.00,,,',
];

describe('importing gift card and package balances', () => {
  it('sells what is left on an imported paid invoice: the card at its value, the package at its units left', async () => {
    const { clinic, zoe } = await arrange();
    const { report } = await importCsv(clinic, BALANCES, { kind: 'balances' });
    expect(report.totals).toEqual({ create: 0, match: 1, skip: 2, already: 0 });
    expect(report.rows.filter((r) => r.outcome === 'skip').map((r) => [r.line, r.problems.map((p) => p.message)])).toEqual([
      [3, ['No package named “Hydrafacial ×6” (add the plan in Settings, or correct the name).']],
      [4, ['Gift card code “ZZ”: a code has at least four letters or digits.']],
    ]);

    const card = await clinic.call('giftCards.lookup', { code: 'ABCD2345' });
    expect(card).toMatchObject({ balanceCents: 8_000, expiresOn: '2026-12-31', state: 'active', saleInvoiceNumber: expect.stringMatching(/^IMP-OPENING-P\d+$/) });
    const [held] = await clinic.call('packages.forPatient', { patientId: zoe });
    // Botox ×3 costs 750.00: two sessions left are sold at 500.00, one at 250.00 each as they are used.
    expect(held).toMatchObject({ planId: sales.botoxThree, units: 2, left: 2, state: 'open', expiresOn: '2026-12-01' });
    const invoice = await clinic.call('invoices.get', { id: card.saleInvoiceId });
    expect(invoice).toMatchObject({ status: 'issued', paymentState: 'paid', totalCents: 58_000 });
  });

  it('undo cancels the card and voids the package; a card spent since refuses it', async () => {
    const { clinic, zoe } = await arrange();
    const first = await importCsv(clinic, BALANCES.slice(0, 2), { kind: 'balances' });
    clinic.clock.advance({ minutes: 5 });
    await clinic.call('imports.undo', { batchId: first.report.batchId! });
    expect(await clinic.call('giftCards.lookup', { code: 'ABCD2345' })).toMatchObject({ balanceCents: 0 });
    expect((await clinic.call('packages.forPatient', { patientId: zoe }))[0]).toMatchObject({ left: 0, state: 'closed' });

    const again = await importCsv(clinic, ['Client ID,Gift Card Code,Gift Card Balance', 'C1,EFGH-6789,80.00'], { kind: 'balances' });
    const sale = await clinic.call('invoices.createDraft', { patientId: zoe, lines: [{ serviceId: sales.services.consult }] });
    clinic.clock.advance({ minutes: 5 });
    await clinic.call('checkout.commit', { id: sale.id, tenders: [{ tender: 'giftCard', giftCardCode: 'EFGH6789', amountCents: 5_000 }] });
    await expect(clinic.call('imports.undo', { batchId: again.report.batchId! })).rejects.toMatchObject({ code: 'conflict', details: { uses: ['Gift card EFGH6789 was used since the import.'] } });
    // Every ledger still balances: no card or package above what was sold, every prepaid payment matched.
    expect(await clinic.call('audit.verify', {})).toMatchObject({ ok: true, ledgerProblems: [] });
  });
});
