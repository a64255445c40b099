import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { ReportDocument, ReportTable } from '../../../../src-shared/reports/document';
import { defaultPaperSize, documentPdf } from '../../../../src-main/reports/output/pdf';
import { type Canvas, fitColumns } from '../../../../src-main/reports/output/pdf-table';
import { printable, REGULAR, registerFonts } from '../../../../src-main/reports/output/fonts';
import { pdfText } from '../../../support/pdf-text';

const eur = { currency: 'EUR', locale: 'en-IE', timeZone: 'Europe/Dublin' };
const A4 = [595.28, 841.89];
const LETTER = [612, 792];

const salesTable = (rows: number): ReportTable => ({
  kind: 'table',
  title: 'Invoices',
  columns: [
    { key: 'patient', label: 'Patient', format: 'text' },
    { key: 'date', label: 'Date', format: 'date' },
    { key: 'amount', label: 'Amount', format: 'money' },
  ],
  // Invoice i is (i + 1) × €10.00: 60 rows make €18,300.00 in all (10 × 60 × 61 / 2 = 18,300 euros).
  rows: Array.from({ length: rows }, (_, i) => ({ patient: `Patient ${i + 1}`, date: '2026-03-02', amount: (i + 1) * 1000 })),
  totals: { amount: 1_830_000 },
  emptyText: 'No invoices.',
});

const report = (overrides: Partial<ReportDocument> = {}): ReportDocument => ({
  title: 'Sales by category',
  clinicName: 'Clínica Éclat',
  from: '2026-03-01',
  to: '2026-03-31',
  generatedAt: '2026-04-01T06:05:00.000Z',
  orientation: 'portrait',
  sections: [{ kind: 'figures', items: [{ label: 'Net sales', value: 1_830_000, format: 'money' }, { label: 'Conversion', value: null, format: 'percent' }] }, salesTable(60), { kind: 'note', text: 'Net of tax; refunds in the period they happen.' }],
  ...overrides,
});

describe('documentPdf', () => {
  it('puts the clinic, title, period, generation time (clinic clock) and “Page n of m” on every page of a long table', async () => {
    const pdf = pdfText(await documentPdf(report(), { paper: 'A4', format: eur, compress: false }));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
    pdf.pages.forEach((page, i) => {
      expect(page).toContain('Clínica Éclat');
      expect(page).toContain('Sales by category');
      expect(page).toContain('1 Mar 2026 – 31 Mar 2026');
      // 06:05 UTC is 07:05 in Dublin (summer time from 29 March).
      expect(page).toContain('Generated 1 Apr 2026, 07:05');
      expect(page).toContain(`Page ${i + 1} of ${pdf.pages.length}`);
      expect(page).toContain('Clínica Éclat · Sales by category');
      // The table header is repeated on every page the table runs onto.
      expect(page).toMatch(/Patient\nDate\nAmount/);
    });
    expect(pdf.pages[1]).toContain('Invoices (continued)');
    expect(pdf.text).toContain('€18,300.00');
    expect(pdf.text).toContain('Patient 60');
    expect(pdf.text).toContain('—');
    expect(pdf.sizes.every(([w, h]) => w === A4[0] && h === A4[1])).toBe(true);
  });

  it('prints landscape when the document says so, on Letter when asked', async () => {
    const pdf = pdfText(await documentPdf(report({ orientation: 'landscape' }), { paper: 'Letter', format: eur }));
    expect(pdf.sizes[0]).toEqual([LETTER[1], LETTER[0]]);
    expect(pdf.text).toContain('Clínica Éclat');
  });

  it('shows an empty table’s text instead of a header with no rows', async () => {
    const empty = { ...salesTable(0), totals: undefined };
    const pdf = pdfText(await documentPdf(report({ sections: [empty] }), { paper: 'A4', format: eur }));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.text).toContain('No invoices.');
    expect(pdf.text).not.toContain('Amount');
  });

  it('prints Central European, Greek and Cyrillic names as written, in the embedded typeface', async () => {
    const names: ReportTable = { ...salesTable(0), rows: [{ patient: 'Łucja Żak', date: null, amount: 1000 }, { patient: 'Antonín Dvořák', date: null, amount: 2000 }, { patient: 'Ψαρράς Жуков', date: null, amount: 3000 }], totals: undefined };
    const bytes = await documentPdf(report({ clinicName: 'Klinika Łódź', sections: [names] }), { paper: 'A4', format: eur });
    const pdf = pdfText(bytes);
    for (const text of ['Klinika Łódź', 'Łucja Żak', 'Antonín Dvořák', 'Ψαρράς Жуков']) expect(pdf.text).toContain(text);
    expect(bytes.toString('latin1')).toContain('LiberationSans');
    expect(bytes.toString('latin1')).not.toContain('/BaseFont /Helvetica');
  });

  it('writes what the typeface lacks plainly: odd spaces as spaces, an unknown accent without its mark, other scripts as "?"', () => {
    expect(printable('Łucja Żak – €12 “Müller” → ≥ 80 %')).toBe('Łucja Żak – €12 “Müller” → ≥ 80 %');
    expect(printable('7:05\u202fAM')).toBe('7:05 AM');
    expect(printable('中村 Ǹ')).toBe('?? N');
  });
});

describe('fitColumns', () => {
  const pdf = new PDFDocument({ size: 'A4' });
  registerFonts(pdf);
  const canvas: Canvas = { pdf, left: 36, width: 523, bottom: () => 800, newPage: () => 36 };

  it('keeps a wide table within a landscape page: money columns whole, text wrapped', () => {
    const landscape: Canvas = { ...canvas, width: 770 };
    const columns = [
      ...Array.from({ length: 6 }, (_, i) => ({ key: `t${i}`, label: `Long text column ${i}`, format: 'text' as const })),
      ...Array.from({ length: 6 }, (_, i) => ({ key: `m${i}`, label: `Amount ${i}`, format: 'money' as const })),
    ];
    const row = Object.fromEntries(columns.map((c) => [c.key, c.format === 'money' ? 123_456_789 : 'A rather long sentence that must wrap inside its cell']));
    const fit = fitColumns(landscape, { kind: 'table', title: 'Wide', columns, rows: [row], emptyText: '' }, eur);
    expect(fit.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(770, 5);
    pdf.font(REGULAR).fontSize(fit.fontSize);
    // Every amount fits its column on one line.
    fit.widths.slice(6).forEach((width) => expect(pdf.widthOfString('€1,234,567.89')).toBeLessThanOrEqual(width));
  });

  it('scales every column into the page when even the numbers are too wide', () => {
    const columns = Array.from({ length: 20 }, (_, i) => ({ key: `m${i}`, label: `Amount ${i}`, format: 'money' as const }));
    const row = Object.fromEntries(columns.map((c) => [c.key, 123_456_789]));
    const fit = fitColumns(canvas, { kind: 'table', title: 'Too wide', columns, rows: [row], emptyText: '' }, eur);
    expect(fit.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(523, 5);
    expect(fit.fontSize).toBe(6);
  });

  it('spreads a narrow table over the page, giving the room to text', () => {
    const fit = fitColumns(canvas, salesTable(3), eur);
    expect(fit.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(523, 5);
    expect(fit.fontSize).toBe(8);
    expect(fit.align).toEqual(['left', 'left', 'right']);
  });
});

describe('defaultPaperSize', () => {
  it('is Letter in the US, Canada and Mexico, A4 elsewhere', () => {
    expect(['US', 'CA', 'MX', 'DE', 'GB', 'AU'].map(defaultPaperSize)).toEqual(['Letter', 'Letter', 'Letter', 'A4', 'A4', 'A4']);
  });
});
