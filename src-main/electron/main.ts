import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLumen, type Lumen } from '../app';
import { createLogger } from '../core/logger';
import { resolveDataDir } from '../data-dir';
import { registerIpc } from '../transports/ipc';
import type { ElectronMain } from './types';
import { registerPrintToPdf } from './print';
import { safeStorageBox } from './secrets';
import { createMainWindow, isTrustedFrame, registerAppScheme } from './window';

// Electron is optional (see ./types), so its module is required rather than imported for types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { app, BrowserWindow, ipcMain, protocol, session, dialog, safeStorage } = require('electron') as ElectronMain;

// Bundled to dist/electron/main.cjs; the renderer build sits beside it in dist/renderer.
const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');
const iconPath = join(__dirname, '..', '..', 'assets', 'icons', '512x512.png');

registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  // Another Lumen has the clinic open; it is told to come forward (second-instance) and this one leaves.
  app.quit();
} else {
  let lumen: Lumen | null = null;
  let closed = false;
  const dataDir = resolveDataDir(process.argv, process.env);
  const logger = createLogger(join(dataDir, 'lumen.log'));

  const focusWindow = () => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  };

  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    // Let the current call finish and close the database before the process goes.
    if (closed || !lumen) return;
    event.preventDefault();
    const open = lumen;
    lumen = null;
    open
      .close()
      .catch((error: unknown) => logger.error('Closing the clinic failed', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      logger.info(`Lumen starting with data folder ${dataDir}`);
      // safeStorage works only once the app is ready; without a system keychain the key file stays.
      lumen = await openLumen({ dataDir, startScheduler: true, logger, secretBox: safeStorageBox(safeStorage) ?? undefined });
      registerIpc({ ipcMain, registry: lumen.registry, isTrustedSender: (event) => isTrustedFrame(event.senderFrame), logger });
      registerPrintToPdf({
        ipcMain,
        isTrustedSender: (event) => isTrustedFrame(event.senderFrame),
        askPath: async (sender, defaultName) => {
          const win = BrowserWindow.fromWebContents(sender);
          if (!win) return null;
          const { canceled, filePath } = await dialog.showSaveDialog(win, { defaultPath: defaultName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
          return canceled || !filePath ? null : filePath;
        },
        writeFile: (path, bytes) => writeFile(path, bytes),
      });
      createMainWindow({ BrowserWindow, session: session.defaultSession, protocol }, { rendererDir, preloadPath, iconPath });
    })
    .catch((error: unknown) => {
      logger.error('Lumen could not start', error);
      dialog.showErrorBox('Lumen could not start', `${(error as Error).message}\n\nThe details are in ${join(dataDir, 'lumen.log')}.`);
      app.exit(1);
    });
}
