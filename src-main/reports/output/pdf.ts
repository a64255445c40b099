import PDFDocument from 'pdfkit';
import type { ReportDocument, ReportFigures } from '../../../src-shared/reports/document';
import { type FormatOptions, formatCell, formatInstantAt, formatPeriod } from '../../../src-shared/reports/format';
import { BOLD, printable, REGULAR, registerFonts } from './fonts';
import { type Canvas, drawTable } from './pdf-table';

export type PaperSize = 'A4' | 'Letter';

export interface PdfOptions {
  paper: PaperSize;
  format: FormatOptions;
  /** Tests turn compression off to read the page text. */
  compress?: boolean;
}

/** North America prints on Letter; the rest of the world on A4. */
export function defaultPaperSize(country: string): PaperSize {
  return ['US', 'CA', 'MX'].includes(country.trim().toUpperCase()) ? 'Letter' : 'A4';
}

const MARGIN = 36;
/** The band at the top of every page: title, clinic, period and generation time. */
const HEADER_HEIGHT = 46;
const FOOTER_HEIGHT = 22;
const FIGURE_HEIGHT = 46;
const GAP = 8;

/**
 * A report document as PDF bytes, in the main process (no Electron): Liberation Sans (fonts.ts), A4 or Letter, portrait or
 * landscape as the document says. Pages are buffered so each one gets its header and "Page n of m" once the count
 * is known.
 */
export function documentPdf(report: ReportDocument, options: PdfOptions): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: options.paper === 'Letter' ? 'LETTER' : 'A4',
    layout: report.orientation,
    margins: { top: MARGIN + HEADER_HEIGHT, bottom: MARGIN + FOOTER_HEIGHT, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: options.compress ?? true,
    info: { Title: report.title, Author: report.clinicName, Creator: 'Lumen' },
  });
  registerFonts(pdf);
  const bytes = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const canvas: Canvas = {
    pdf,
    left: MARGIN,
    width: pdf.page.width - 2 * MARGIN,
    bottom: () => pdf.page.height - pdf.page.margins.bottom,
    newPage: () => {
      pdf.addPage();
      return pdf.page.margins.top;
    },
  };
  let y = pdf.page.margins.top;
  for (const section of report.sections) {
    if (section.kind === 'figures') y = drawFigures(canvas, section, options.format, y);
    else if (section.kind === 'table') y = drawTable(canvas, section, options.format, y);
    else y = drawNote(canvas, section.text, y);
  }
  frameEveryPage(pdf, report, options.format);
  pdf.end();
  return bytes;
}

/** The headline numbers as a row of boxes (four a row in portrait, six in landscape). */
function drawFigures(canvas: Canvas, figures: ReportFigures, format: FormatOptions, startY: number): number {
  const { pdf, left, width } = canvas;
  const perRow = Math.max(1, Math.min(figures.items.length, width > 600 ? 6 : 4));
  const boxWidth = (width - GAP * (perRow - 1)) / perRow;
  let y = startY;
  figures.items.forEach((item, i) => {
    const column = i % perRow;
    if (column === 0 && i > 0) y += FIGURE_HEIGHT + GAP;
    if (column === 0 && y + FIGURE_HEIGHT > canvas.bottom()) y = canvas.newPage();
    const x = left + column * (boxWidth + GAP);
    pdf.roundedRect(x, y, boxWidth, FIGURE_HEIGHT, 4).lineWidth(0.6).strokeColor('#c7ccd3').stroke();
    pdf.font(REGULAR).fontSize(8).fillColor('#555').text(printable(item.label), x + 8, y + 7, { width: boxWidth - 16, height: 10, ellipsis: true, lineBreak: false });
    const value = printable(formatCell(item.value, item.format, format));
    // A long amount gets a smaller size rather than running out of its box.
    let size = 15;
    pdf.font(BOLD);
    while (size > 8 && pdf.fontSize(size).widthOfString(value) > boxWidth - 16) size -= 1;
    pdf.fillColor('#000').text(value, x + 8, y + 21, { width: boxWidth - 16, lineBreak: false });
  });
  return y + FIGURE_HEIGHT + 16;
}

function drawNote(canvas: Canvas, text: string, startY: number): number {
  const { pdf, left, width } = canvas;
  const paragraph = printable(text);
  pdf.font(REGULAR).fontSize(9).fillColor('#333');
  const height = pdf.heightOfString(paragraph, { width });
  // A short note moves whole to the next page; a note longer than a page flows across pages.
  const y = startY + Math.min(height, 120) > canvas.bottom() ? canvas.newPage() : startY;
  pdf.text(paragraph, left, y, { width });
  return pdf.y + 10;
}

/** Header and footer on every buffered page, now that the page count is known. */
function frameEveryPage(pdf: PDFKit.PDFDocument, report: ReportDocument, format: FormatOptions): void {
  const { start, count } = pdf.bufferedPageRange();
  const subtitle = printable(`${formatPeriod(report.from, report.to, format.locale)}  ·  Generated ${formatInstantAt(report.generatedAt, format)}`);
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const width = pdf.page.width - 2 * MARGIN;
    // Writing in the margins would make pdfkit start a new page: they are lifted while the frame is drawn.
    const margins = { ...pdf.page.margins };
    pdf.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    pdf.font(BOLD).fontSize(9).fillColor('#555').text(printable(report.clinicName), MARGIN, MARGIN, { width, align: 'right', lineBreak: false });
    pdf.font(BOLD).fontSize(14).fillColor('#000').text(printable(report.title), MARGIN, MARGIN, { width: width * 0.65, lineBreak: false, ellipsis: true });
    pdf.font(REGULAR).fontSize(8.5).fillColor('#555').text(subtitle, MARGIN, MARGIN + 20, { width, lineBreak: false });
    pdf.moveTo(MARGIN, MARGIN + HEADER_HEIGHT - 12).lineTo(MARGIN + width, MARGIN + HEADER_HEIGHT - 12).lineWidth(0.6).strokeColor('#999').stroke();
    const footerY = pdf.page.height - MARGIN - 10;
    pdf.font(REGULAR).fontSize(8).fillColor('#555').text(`Page ${i - start + 1} of ${count}`, MARGIN, footerY, { width, align: 'right', lineBreak: false });
    pdf.text(printable(`${report.clinicName} · ${report.title}`), MARGIN, footerY, { width: width * 0.7, lineBreak: false, ellipsis: true });
    pdf.page.margins = margins;
  }
}
