import type { ElectronPreload } from './types';

// Electron is optional (see ./types); in the sandboxed preload `require('electron')` is the only module there is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contextBridge, ipcRenderer } = require('electron') as ElectronPreload;

/** The renderer's whole view of the main process: one call-by-name function, and Save as PDF of the window. */
contextBridge.exposeInMainWorld('lumen', {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke('lumen:call', name, input),
  printToPdf: (request: unknown) => ipcRenderer.invoke('lumen:printToPdf', request),
});
