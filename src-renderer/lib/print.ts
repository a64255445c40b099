/**
 * Save as PDF of what the screen shows in its print layout. In the Electron window the main process prints the page
 * (webContents.printToPDF) into a file the person picks in a save dialog; in browser mode the browser's own print
 * dialog opens, where "Save as PDF" is one of the printers. Either way the page's print CSS decides the layout.
 */
export interface PrintToPdfRequest {
  /** The suggested file name, ending in .pdf (letters, digits, spaces, dots, dashes and underscores). */
  fileName: string;
  landscape: boolean;
  pageSize: 'A4' | 'Letter';
}

export type PrintToPdfResult = { saved: true; path: string } | { saved: false; reason: 'cancelled' | 'refused' | 'failed' | 'browserDialog'; message?: string };

type Bridge = { printToPdf?: (request: PrintToPdfRequest) => Promise<PrintToPdfResult> };

/** A file name the save dialog accepts: anything else becomes "-". */
export function pdfFileName(base: string): string {
  return `${base.replace(/[^\w. -]+/g, '-').slice(0, 140) || 'report'}.pdf`;
}

export async function printToPdf(request: PrintToPdfRequest): Promise<PrintToPdfResult> {
  const bridge = window.lumen as Bridge | undefined;
  if (bridge?.printToPdf) return bridge.printToPdf(request);
  window.print();
  return { saved: false, reason: 'browserDialog' };
}
