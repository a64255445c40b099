import type { IpcCallEvent } from '../transports/ipc';

/**
 * Save as PDF from the screen: the renderer asks with `lumen:printToPdf`, the main process prints the window's own
 * print layout with Chromium (webContents.printToPDF, every script and the screen's charts) and writes the file where
 * a save dialog says. Only the app's own top frame may ask (the same check as calls), and the renderer never names a
 * path: the person chooses it in the dialog. Thin by design: it cannot run under plain Node, so the logic is the
 * order of these few steps (tested with fakes).
 */
export const PRINT_CHANNEL = 'lumen:printToPdf';

export interface PrintRequest {
  /** The suggested file name ("projectedSales-2026-03-09_2026-03-15.pdf"). */
  fileName: string;
  landscape: boolean;
  pageSize: 'A4' | 'Letter';
}

export type PrintResult = { saved: true; path: string } | { saved: false; reason: 'cancelled' | 'refused' | 'failed'; message?: string };

export interface PrintSender {
  printToPDF(options: { landscape: boolean; pageSize: 'A4' | 'Letter'; printBackground: boolean; margins: { marginType: 'default' } }): Promise<Uint8Array>;
}

/** Electron's ipcMain as this handler sees it: the sender is a webContents that can print. */
export interface PrintIpcMain {
  handle(channel: string, listener: (event: IpcCallEvent & { sender: PrintSender }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface PrintDeps {
  ipcMain: PrintIpcMain;
  isTrustedSender(event: IpcCallEvent): boolean;
  /** Electron's dialog.showSaveDialog for the sender's window. */
  askPath(sender: PrintSender, defaultName: string): Promise<string | null>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
}

const SAFE_NAME = /^[\w. -]{1,150}\.pdf$/;

export function requestOf(raw: unknown): PrintRequest | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { fileName, landscape, pageSize } = raw as Record<string, unknown>;
  if (typeof fileName !== 'string' || !SAFE_NAME.test(fileName) || typeof landscape !== 'boolean' || (pageSize !== 'A4' && pageSize !== 'Letter')) return null;
  return { fileName, landscape, pageSize };
}

export function registerPrintToPdf(deps: PrintDeps): { dispose(): void } {
  deps.ipcMain.handle(PRINT_CHANNEL, async (event, raw): Promise<PrintResult> => {
    const request = requestOf(raw);
    if (!deps.isTrustedSender(event) || !request) return { saved: false, reason: 'refused' };
    const path = await deps.askPath(event.sender, request.fileName);
    if (!path) return { saved: false, reason: 'cancelled' };
    try {
      const bytes = await event.sender.printToPDF({ landscape: request.landscape, pageSize: request.pageSize, printBackground: true, margins: { marginType: 'default' } });
      await deps.writeFile(path, bytes);
      return { saved: true, path };
    } catch (error) {
      return { saved: false, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  });
  return { dispose: () => deps.ipcMain.removeHandler(PRINT_CHANNEL) };
}
