import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type Logger } from '../../../src-main/core/logger';
import { isTrustedFrame } from '../../../src-main/electron/window';
import { registerIpc } from '../../../src-main/transports/ipc';
import { OWNER, openTestClinic, type TestClinic } from '../../support/clinic';
import { fakeIpcMain, fakeWebContents } from './clients';

let clinic: TestClinic;
let ipcMain: ReturnType<typeof fakeIpcMain>;

beforeAll(async () => {
  clinic = await openTestClinic();
  ipcMain = fakeIpcMain();
  registerIpc({ ipcMain, registry: clinic.lumen.registry, isTrustedSender: (event) => isTrustedFrame(event.senderFrame), logger: silentLogger });
});

afterAll(() => clinic.close());

const signIn = { username: OWNER.username, password: OWNER.password };

describe('IPC transport', () => {
  it('refuses a call from a frame that is not the app, and it changes nothing', async () => {
    const window = fakeWebContents(1);
    for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: 'lumen://app/', parent: {} }, null]) {
      const reply = await ipcMain.invoke(window, 'patients.create', { firstName: 'Eve', lastName: 'Evil' }, frame);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const sneaky = await ipcMain.invoke(window, 'auth.signIn', signIn, { url: 'https://evil.example/', parent: null });
    expect(sneaky.ok).toBe(false);
    expect(await ipcMain.invoke(window, 'auth.session', {})).toEqual({ ok: true, value: null });
    expect(clinic.count('patient')).toBe(0);
  });

  it('keeps one session per window and forgets it when the window is destroyed', async () => {
    const first = fakeWebContents(2);
    const second = fakeWebContents(3);
    expect(await ipcMain.invoke(first, 'auth.signIn', signIn)).toMatchObject({ ok: true, value: { username: OWNER.username } });
    expect(await ipcMain.invoke(first, 'auth.session', {})).toMatchObject({ ok: true, value: { username: OWNER.username } });
    expect(await ipcMain.invoke(second, 'auth.session', {})).toEqual({ ok: true, value: null });
    expect(await ipcMain.invoke(second, 'patients.create', { firstName: 'Bo', lastName: 'Berg' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    first.destroy();
    // Electron reuses nothing, but even a new window with the same id must start signed out.
    expect(await ipcMain.invoke(fakeWebContents(2), 'auth.session', {})).toEqual({ ok: true, value: null });
  });

  it('answers with envelopes: typed errors as they are, unexpected ones as `internal` without a stack', async () => {
    const window = fakeWebContents(4);
    expect(await ipcMain.invoke(window, 'no.such.method', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ipcMain.invoke(window, 'auth.signIn', { username: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const logged: unknown[] = [];
    const logger: Logger = { ...silentLogger, error: (_message, extra) => logged.push(extra) };
    const broken = fakeIpcMain();
    const failing = { call: () => Promise.reject(new Error('disk on fire at /clinic/lumen.sqlite3')) };
    const registration = registerIpc({ ipcMain: broken, registry: failing as never, isTrustedSender: () => true, logger });
    const reply = await broken.invoke(window, 'app.status', {});
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(reply)).not.toContain('disk on fire');
    expect((logged[0] as Error).message).toContain('disk on fire');
    registration.dispose();
    expect(broken.handlers.size).toBe(0);
  });
});
