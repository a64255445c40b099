/**
 * The acceptance point for permissions: every guarded method × every role × every transport (HTTP host,
 * Electron IPC, CLI) is refused with `forbidden` exactly when the role's default permissions lack it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli';
import { silentLogger } from '../../../src-main/core/logger';
import { isTrustedFrame } from '../../../src-main/electron/window';
import { createHost, type Host } from '../../../src-main/transports/host';
import { registerIpc } from '../../../src-main/transports/ipc';
import { contract, methodNames } from '../../../src-shared/contract/index';
import type { Settled } from '../../../src-shared/errors';
import { defaultRolePermissions, roles, type Role } from '../../../src-shared/permissions';
import { OWNER, STAFF_PASSWORD, openTestClinic, type TestClinic } from '../../support/clinic';
import { browser, fakeIpcMain, fakeWebContents } from '../transports/clients';

/** One signed-in desk on some transport: call by name, get the envelope back. */
type Caller = (method: string, input: unknown) => Promise<Settled<unknown>>;
type Transport = (username: string, password: string) => Promise<Caller>;

const guarded = methodNames.filter((name) => contract[name].permission !== null);
/** No input schema accepts a bare string: a permitted call stops at validation (`invalid_input`) and changes nothing. */
const PROBE = 'permission probe';

let clinic: TestClinic;
let host: Host;
let ipcMain: ReturnType<typeof fakeIpcMain>;
let nextWindowId = 1;
const accounts = new Map<Role, { username: string; password: string }>();

const transports: Record<'host' | 'ipc' | 'cli', Transport> = {
  async host(username, password) {
    const tab = await browser(host.url);
    const signIn = await tab.call('auth.signIn', { username, password });
    expect(signIn.json()).toMatchObject({ ok: true });
    return async (method, input) => (await tab.call(method, input)).json() as Settled<unknown>;
  },
  async ipc(username, password) {
    const window = fakeWebContents(nextWindowId++);
    expect(await ipcMain.invoke(window, 'auth.signIn', { username, password })).toMatchObject({ ok: true });
    return (method, input) => ipcMain.invoke(window, method, input);
  },
  async cli(username, password) {
    return async (method, input) => {
      let stdout = '';
      const code = await runCli(['call', method, JSON.stringify(input), '--data-dir', clinic.dataDir, '--user', username], {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: () => undefined },
        env: { LUMEN_PASSWORD: password },
      });
      return code === 0 ? { ok: true, value: JSON.parse(stdout) } : { ok: false, error: JSON.parse(stdout) };
    };
  },
};

beforeAll(async () => {
  clinic = await openTestClinic();
  host = await createHost({ registry: clinic.lumen.registry, rendererDir: join(clinic.dataDir, 'no-renderer'), assetsDir: join(clinic.dataDir, 'no-assets'), logger: silentLogger });
  ipcMain = fakeIpcMain();
  registerIpc({ ipcMain, registry: clinic.lumen.registry, isTrustedSender: (event) => isTrustedFrame(event.senderFrame), logger: silentLogger });
  accounts.set('owner', { username: OWNER.username, password: OWNER.password });
  for (const role of roles.filter((r) => r !== 'owner')) {
    const username = `${role.toLowerCase()}matrix`;
    await clinic.as(role, username);
    accounts.set(role, { username, password: STAFF_PASSWORD });
  }
});

afterAll(async () => {
  await host.close();
  await clinic.close();
});

describe.each(Object.keys(transports) as (keyof typeof transports)[])('permission matrix over %s', (transport) => {
  it.each(roles)('%s is refused exactly the methods its role lacks', async (role) => {
    const { username, password } = accounts.get(role)!;
    const call = await transports[transport](username, password);
    const allowed = new Set(defaultRolePermissions[role]);
    const expected: Record<string, string> = {};
    const actual: Record<string, string> = {};
    for (const method of guarded) {
      expected[method] = allowed.has(contract[method].permission!) ? 'invalid_input' : 'forbidden';
      const reply = await call(method, PROBE);
      actual[method] = reply.ok ? 'ok' : reply.error.code;
    }
    expect(actual).toEqual(expected);
    // The CLI opens the clinic for every call, as a script's calls do: ~270 opens take ~25 s on a quiet machine.
  }, transport === 'cli' ? 120_000 : undefined);
});

describe('clinical records on every transport', () => {
  it('front desk is refused clinical.get and clinical.update; a practitioner is not', async () => {
    const { id: patientId } = await clinic.call('patients.create', { firstName: 'Ana', lastName: 'Lima' });
    const record = (note: string) => ({ patientId, allergies: [], medications: [], medicalHistory: note, contraindications: [], expectationsNote: '' });
    for (const [transport, connect] of Object.entries(transports)) {
      const frontDesk = await connect(accounts.get('frontDesk')!.username, STAFF_PASSWORD);
      expect(await frontDesk('clinical.get', { patientId }), transport).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await frontDesk('clinical.update', record(`front desk via ${transport}`)), transport).toMatchObject({ ok: false, error: { code: 'forbidden' } });

      const practitioner = await connect(accounts.get('practitioner')!.username, STAFF_PASSWORD);
      expect(await practitioner('clinical.update', record(`practitioner via ${transport}`)), transport).toMatchObject({ ok: true });
      expect(await practitioner('clinical.get', { patientId }), transport).toMatchObject({ ok: true, value: { medicalHistory: `practitioner via ${transport}` } });
    }
    const finalRecord = await clinic.call('clinical.get', { patientId });
    expect(finalRecord.medicalHistory).toBe('practitioner via cli');
  });
});
