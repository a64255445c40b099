import { readFileSync } from 'node:fs';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../src-shared/csp';
import { contentTypeOf, resolveRendererFile } from '../transports/host';
import type { BrowserWindowConstructor, BrowserWindowLike, ProtocolLike, SessionLike } from './types';

/** The renderer is served from its own privileged scheme: a real origin for CSP and fetch, not file://. */
export const APP_SCHEME = 'lumen';
export const APP_URL = `${APP_SCHEME}://app/`;

export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app';
  } catch {
    return false;
  }
}

/** IPC is answered only for the app's own top-level frame, never for an iframe or a page navigated elsewhere. */
export function isTrustedFrame(frame: { url: string; parent: unknown } | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: ProtocolLike): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export interface WindowDeps {
  BrowserWindow: BrowserWindowConstructor;
  session: SessionLike;
  protocol: ProtocolLike;
}

export interface WindowOptions {
  /** The Vite build (dist/renderer). */
  rendererDir: string;
  /** The bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  /** The app icon as a PNG (assets/icons/512x512.png). */
  iconPath: string;
}

function serveRenderer(protocol: ProtocolLike, rendererDir: string): void {
  if (protocol.isProtocolHandled(APP_SCHEME)) return;
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' && request.method === 'GET' ? resolveRendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    return new Response(readFileSync(file), { headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(file) } });
  });
}

/** Locks down the session: the CSP on every response, and no permission (camera, notifications, …) ever granted. */
function hardenSession(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The one Lumen window: sandboxed renderer, isolated preload, no navigation away, no popups. */
export function createMainWindow(deps: WindowDeps, options: WindowOptions): BrowserWindowLike {
  serveRenderer(deps.protocol, options.rendererDir);
  hardenSession(deps.session);

  const win = new deps.BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Lumen',
    icon: options.iconPath,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });

  const stayInApp = (event: { url?: string; preventDefault(): void }, url: string) => {
    if (!isAppUrl(event.url ?? url)) event.preventDefault();
  };
  win.webContents.on('will-navigate', stayInApp);
  win.webContents.on('will-redirect', stayInApp);
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_URL);
  return win;
}
