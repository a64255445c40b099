import type { ReportTable } from '../../../src-shared/reports/document';
import { alignOf, type FormatOptions, formatCell } from '../../../src-shared/reports/format';
import { BOLD, ITALIC, printable, REGULAR } from './fonts';

/** The part of a pdfkit document a table needs, and where the page's writable area is. */
export interface Canvas {
  pdf: PDFKit.PDFDocument;
  left: number;
  width: number;
  /** The lowest y content may reach on a page. */
  bottom(): number;
  /** Starts a new page and returns the y where content begins. */
  newPage(): number;
}

const PAD = 4;
const FONT_SIZES = [8, 7, 6];
const MIN_TEXT_WIDTH = 56;

interface Fitted {
  widths: number[];
  fontSize: number;
  body: string[][];
  totals: string[] | null;
  labels: string[];
  align: ('left' | 'right')[];
}

/** The table's cells as text, once: measured for the widths, then drawn. */
function cellsOf(table: ReportTable, options: FormatOptions) {
  const body = table.rows.map((row) => table.columns.map((column) => printable(formatCell(row[column.key] ?? null, column.format, options))));
  const totalsRow = table.totals;
  const totals = totalsRow
    ? table.columns.map((column, i) => (i === 0 && totalsRow[column.key] === undefined ? 'Total' : printable(formatCell(totalsRow[column.key] ?? null, column.format, options))))
    : null;
  return { body, totals, labels: table.columns.map((column) => printable(column.label)) };
}

const longestWord = (pdf: PDFKit.PDFDocument, text: string): number => Math.max(0, ...text.split(/\s+/).map((word) => pdf.widthOfString(word)));

/**
 * Column widths from their content: numbers keep the width of their widest value (never wrapped); text columns share
 * what is left in proportion to their content and wrap inside it. A table too wide at 8 pt tries 7 and 6 pt; at 6 pt
 * every column is scaled to fit, so nothing ever runs past the page edge.
 */
export function fitColumns(canvas: Canvas, table: ReportTable, options: FormatOptions): Fitted {
  const { pdf, width } = canvas;
  const cells = cellsOf(table, options);
  const align = table.columns.map((column) => alignOf(column.format));
  for (const fontSize of FONT_SIZES) {
    const natural: number[] = [];
    const minimum: number[] = [];
    table.columns.forEach((_, c) => {
      pdf.font(REGULAR).fontSize(fontSize);
      let content = 0;
      for (const row of cells.body) content = Math.max(content, pdf.widthOfString(row[c]));
      pdf.font(BOLD);
      if (cells.totals) content = Math.max(content, pdf.widthOfString(cells.totals[c]));
      const header = pdf.widthOfString(cells.labels[c]);
      const headerWord = longestWord(pdf, cells.labels[c]);
      natural.push(Math.max(content, header) + 2 * PAD);
      minimum.push(align[c] === 'right' ? Math.max(content, headerWord) + 2 * PAD : Math.min(Math.max(content, header) + 2 * PAD, Math.max(MIN_TEXT_WIDTH, headerWord + 2 * PAD)));
    });
    const widths = share(natural, minimum, width, align);
    if (widths) return { ...cells, widths, fontSize, align };
  }
  // Even at the smallest size the numbers alone are wider than the page: scale every column down to fit.
  pdf.font(REGULAR).fontSize(FONT_SIZES[FONT_SIZES.length - 1]);
  const natural = cells.labels.map((_, c) => Math.max(pdf.widthOfString(cells.labels[c]), ...cells.body.map((row) => pdf.widthOfString(row[c]))) + 2 * PAD);
  const sum = natural.reduce((a, b) => a + b, 0);
  return { ...cells, widths: natural.map((w) => (w * width) / sum), fontSize: FONT_SIZES[FONT_SIZES.length - 1], align };
}

/** Widths that fill `width`, or null when the minimums do not fit. */
function share(natural: number[], minimum: number[], width: number, align: ('left' | 'right')[]): number[] | null {
  const total = natural.reduce((a, b) => a + b, 0);
  const flexible = natural.map((_, c) => align[c] === 'left');
  const anyFlexible = flexible.some(Boolean);
  if (total <= width) {
    // Room to spare goes to the text columns (or to all when there are none), so the table spans the page.
    const grow = natural.filter((_, c) => !anyFlexible || flexible[c]).reduce((a, b) => a + b, 0);
    return natural.map((w, c) => (!anyFlexible || flexible[c] ? w + ((width - total) * w) / grow : w));
  }
  const minTotal = minimum.reduce((a, b) => a + b, 0);
  if (minTotal > width) return null;
  // Each column gets its minimum and a share of the rest in proportion to what it would have liked beyond it.
  const wanted = natural.map((w, c) => w - minimum[c]);
  const wantedTotal = wanted.reduce((a, b) => a + b, 0);
  return minimum.map((m, c) => m + (wantedTotal > 0 ? ((width - minTotal) * wanted[c]) / wantedTotal : 0));
}

/** Draws a table from `y`, repeating its title and header on every page it runs onto; returns the y below it. */
export function drawTable(canvas: Canvas, table: ReportTable, options: FormatOptions, startY: number): number {
  const { pdf, left, width } = canvas;
  const title = printable(table.title);
  let y = startY;
  if (table.rows.length === 0) {
    if (y + 34 > canvas.bottom()) y = canvas.newPage();
    pdf.font(BOLD).fontSize(11).fillColor('#000').text(title, left, y, { width });
    y = pdf.y + 4;
    pdf.font(ITALIC).fontSize(9).fillColor('#555').text(printable(table.emptyText), left, y, { width });
    return pdf.y + 12;
  }
  const fit = fitColumns(canvas, table, options);
  const lineHeight = (bold: boolean) => pdf.font(bold ? BOLD : REGULAR).fontSize(fit.fontSize).currentLineHeight(true);
  const rowHeight = (cells: string[], bold: boolean): number => {
    let height = lineHeight(bold);
    cells.forEach((text, c) => {
      const inner = fit.widths[c] - 2 * PAD;
      if (pdf.widthOfString(text) > inner) height = Math.max(height, pdf.heightOfString(text, { width: inner }));
    });
    return height + 2 * PAD;
  };
  const drawRow = (cells: string[], rowY: number, height: number, style: 'header' | 'body' | 'shaded' | 'totals') => {
    if (style !== 'body') pdf.rect(left, rowY, width, height).fill(style === 'header' ? '#e6e9ee' : style === 'totals' ? '#f1f3f5' : '#f8f9fa');
    if (style === 'totals') pdf.moveTo(left, rowY).lineTo(left + width, rowY).lineWidth(0.8).strokeColor('#333').stroke();
    pdf.font(style === 'header' || style === 'totals' ? BOLD : REGULAR).fontSize(fit.fontSize).fillColor('#000');
    let x = left;
    cells.forEach((text, c) => {
      pdf.text(text, x + PAD, rowY + PAD, { width: fit.widths[c] - 2 * PAD, align: fit.align[c] });
      x += fit.widths[c];
    });
  };
  const titleHeight = () => pdf.font(BOLD).fontSize(11).currentLineHeight(true) + 4;
  const drawHeading = (headingY: number, continued: boolean): number => {
    pdf.font(BOLD).fontSize(11).fillColor('#000').text(continued ? `${title} (continued)` : title, left, headingY, { width, lineBreak: false });
    const headerY = headingY + titleHeight();
    const height = rowHeight(fit.labels, true);
    drawRow(fit.labels, headerY, height, 'header');
    return headerY + height;
  };
  const headingHeight = titleHeight() + rowHeight(fit.labels, true);
  // Keep the title and header with at least the first row.
  if (y + headingHeight + rowHeight(fit.body[0], false) > canvas.bottom()) y = canvas.newPage();
  y = drawHeading(y, false);
  const rows: { cells: string[]; totals: boolean }[] = fit.body.map((cells) => ({ cells, totals: false }));
  if (fit.totals) rows.push({ cells: fit.totals, totals: true });
  rows.forEach((row, i) => {
    const height = rowHeight(row.cells, row.totals);
    if (y + height > canvas.bottom()) y = drawHeading(canvas.newPage(), true);
    drawRow(row.cells, y, height, row.totals ? 'totals' : i % 2 === 1 ? 'shaded' : 'body');
    y += height;
  });
  return y + 14;
}
