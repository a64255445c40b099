/**
 * The slice of Electron's API Lumen uses, declared structurally. Electron is an optional dependency (absent on
 * build and CI machines), so type-checking cannot depend on its own declarations; these also let the window
 * factory be tested with fakes.
 */
import type { IpcMainLike } from '../transports/ipc';
import type { PrintIpcMain } from './print';
import type { SafeStorageLike } from './secrets';

export interface WebPreferences {
  preload: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  webviewTag: boolean;
  spellcheck: boolean;
}

export interface BrowserWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  /** The window's icon (Windows and Linux; macOS takes the app bundle's). */
  icon?: string;
  show: boolean;
  backgroundColor: string;
  webPreferences: WebPreferences;
}

/** Navigation events pass an event carrying `url` (Electron ≥ 25) and the url again as the second argument. */
export interface NavigationEvent {
  url?: string;
  preventDefault(): void;
}

export interface WebContentsLike {
  id: number;
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
}

export type BrowserWindowConstructor = new (options: BrowserWindowOptions) => BrowserWindowLike;

export interface HeadersReceivedDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

export interface SessionLike {
  webRequest: {
    onHeadersReceived(listener: (details: HeadersReceivedDetails, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void): void;
  };
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
  handle(scheme: string, handler: (request: { url: string; method: string }) => Response | Promise<Response>): void;
  isProtocolHandled(scheme: string): boolean;
}

export interface AppLike {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  on(event: 'second-instance' | 'window-all-closed', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
  exit(code?: number): void;
}

/** What `require('electron')` gives the main process. */
export interface ElectronMain {
  app: AppLike;
  BrowserWindow: BrowserWindowConstructor & { getAllWindows(): BrowserWindowLike[]; fromWebContents(webContents: unknown): BrowserWindowLike | null };
  ipcMain: IpcMainLike & PrintIpcMain;
  protocol: ProtocolLike;
  session: { defaultSession: SessionLike };
  safeStorage: SafeStorageLike;
  dialog: {
    showErrorBox(title: string, content: string): void;
    showSaveDialog(window: BrowserWindowLike, options: { defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  };
}

/** What `require('electron')` gives a sandboxed preload. */
export interface ElectronPreload {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: { invoke(channel: string, ...args: unknown[]): Promise<unknown> };
}
