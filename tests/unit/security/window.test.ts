import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, createMainWindow, isTrustedFrame, registerAppScheme } from '../../../src-main/electron/window';
import type { BrowserWindowOptions, HeadersReceivedDetails, NavigationEvent, ProtocolLike, SessionLike } from '../../../src-main/electron/types';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';

type Listener = (...args: never[]) => unknown;

/** Fakes that record what the factory asked Electron to do. */
function fakeElectron() {
  const windows: FakeWindow[] = [];
  class FakeWindow {
    listeners = new Map<string, Listener>();
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    loaded: string | null = null;
    shown = false;
    webContents = {
      id: 1,
      on: (event: string, listener: Listener) => this.listeners.set(event, listener),
      setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => {
        this.openHandler = handler;
      },
    };
    constructor(readonly options: BrowserWindowOptions) {
      windows.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    once(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    show() {
      this.shown = true;
    }
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
  }

  const session = {
    headersListener: null as null | ((details: HeadersReceivedDetails, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
    permissionRequest: null as null | ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void),
    permissionCheck: null as null | ((wc: unknown, permission: string) => boolean),
    webRequest: {
      onHeadersReceived(listener: never) {
        session.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler: never) {
      session.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: never) {
      session.permissionCheck = handler;
    },
  };

  const protocol = {
    handlers: new Map<string, (request: { url: string; method: string }) => Response | Promise<Response>>(),
    privileged: [] as unknown[],
    registerSchemesAsPrivileged(schemes: unknown[]) {
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: { url: string; method: string }) => Response) {
      if (protocol.handlers.has(scheme)) throw new Error(`${scheme} handled twice`);
      protocol.handlers.set(scheme, handler);
    },
    isProtocolHandled: (scheme: string) => protocol.handlers.has(scheme),
  };

  return { windows, FakeWindow, session, protocol };
}

let sandbox: string;
let fake: ReturnType<typeof fakeElectron>;
let win: ReturnType<typeof fakeElectron>['windows'][number];

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'lumen-window-'));
  mkdirSync(join(sandbox, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(sandbox, 'renderer', 'index.html'), '<!doctype html><title>Lumen</title>');
  writeFileSync(join(sandbox, 'renderer', 'assets', 'app.js'), 'void 0');
  writeFileSync(join(sandbox, 'secret.txt'), 'patient records');
  fake = fakeElectron();
  registerAppScheme(fake.protocol as unknown as ProtocolLike);
  createMainWindow(
    { BrowserWindow: fake.FakeWindow as never, session: fake.session as unknown as SessionLike, protocol: fake.protocol as unknown as ProtocolLike },
    { rendererDir: join(sandbox, 'renderer'), preloadPath: '/app/dist/electron/preload.cjs', iconPath: '/app/assets/icons/512x512.png' },
  );
  win = fake.windows[0];
});

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

const navigation = (url: string) => {
  let prevented = false;
  const event: NavigationEvent = { url, preventDefault: () => (prevented = true) };
  return { event, prevented: () => prevented };
};

describe('Electron main window', () => {
  it('shows the app icon', () => {
    expect(win.options.icon).toBe('/app/assets/icons/512x512.png');
  });

  it('runs the renderer sandboxed, isolated and without Node', () => {
    expect(win.options.webPreferences).toEqual({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(win.loaded).toBe(APP_URL);
  });

  it('puts the shared CSP on every response, replacing any other', () => {
    let headers: Record<string, string[]> = {};
    fake.session.headersListener!({ url: 'lumen://app/', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, (r) => {
      headers = r.responseHeaders;
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
  });

  it('never navigates or redirects away from the app', () => {
    for (const event of ['will-navigate', 'will-redirect']) {
      const handler = win.listeners.get(event) as (event: NavigationEvent, url: string) => void;
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'lumen://other/', 'javascript:alert(1)']) {
        const nav = navigation(url);
        handler(nav.event, url);
        expect(nav.prevented(), `${event} ${url}`).toBe(true);
      }
      const inside = navigation('lumen://app/patients/12');
      handler(inside.event, 'lumen://app/patients/12');
      expect(inside.prevented()).toBe(false);
    }
    let webview = false;
    (win.listeners.get('will-attach-webview') as (event: { preventDefault(): void }) => void)({ preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
  });

  it('denies window.open', () => {
    expect(win.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.openHandler!({ url: 'lumen://app/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      fake.session.permissionRequest!({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
      expect(fake.session.permissionCheck!({}, permission)).toBe(false);
    }
  });

  it('serves the renderer from lumen://app/ with the security headers, and nothing outside it', async () => {
    expect(fake.protocol.privileged).toEqual([{ scheme: 'lumen', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    const serve = fake.protocol.handlers.get('lumen')!;
    const page = await serve({ url: 'lumen://app/', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await (await serve({ url: 'lumen://app/patients/3', method: 'GET' })).text()).toContain('<title>Lumen</title>');
    expect((await serve({ url: 'lumen://app/assets/app.js', method: 'GET' })).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of ['lumen://app/..%2fsecret.txt', 'lumen://app/%2e%2e/secret.txt', 'lumen://other/index.html']) {
      expect(await (await serve({ url, method: 'GET' })).text(), url).not.toContain('patient records');
    }
  });

  it('shows the window only once it has painted', () => {
    expect(win.shown).toBe(false);
    (win.listeners.get('ready-to-show') as () => void)();
    expect(win.shown).toBe(true);
  });

  it('trusts IPC only from the app’s own top frame', () => {
    expect(isTrustedFrame({ url: 'lumen://app/', parent: null })).toBe(true);
    expect(isTrustedFrame({ url: 'lumen://app/', parent: {} })).toBe(false);
    expect(isTrustedFrame({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
  });
});
