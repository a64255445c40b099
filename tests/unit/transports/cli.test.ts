import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli';
import { DATABASE_FILE, SCHEMA_VERSION } from '../../../src-main/core/db';

const OWNER = { username: 'olivia', displayName: 'Olivia Owner', password: 'correct horse battery' };
const CLINIC = {
  clinic: {
    name: 'CLI Clinic',
    address: { line1: 'Friedrichstr. 1', city: 'Berlin', postalCode: '10117', country: 'DE' },
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
  },
  owner: OWNER,
};

let dataDir: string;

/** One CLI run, in process, as a script would see it: exit code, parsed stdout, stderr text. */
async function lumen(args: string[], { env = {}, prompt }: { env?: Record<string, string>; prompt?: (q: string) => Promise<string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...args, '--data-dir', dataDir], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    prompt,
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

const asOwner = { env: { LUMEN_PASSWORD: OWNER.password } };

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('lumen CLI: call', () => {
  it('sets up a clinic and reports its status without signing in', async () => {
    const created = await lumen(['call', 'setup.createClinic', JSON.stringify(CLINIC)]);
    expect(created.code).toBe(0);
    const status = await lumen(['call', 'app.status']);
    expect(status.code).toBe(0);
    expect(status.json()).toMatchObject({ state: 'ready', clinicName: 'CLI Clinic' });
    expect(status.stdout).toContain('\n  "state"'); // pretty-printed
  });

  it('signs in with LUMEN_PASSWORD and prints the result', async () => {
    const created = await lumen(['call', 'patients.create', '{"firstName":"Ana","lastName":"Lima"}', '--user', OWNER.username], asOwner);
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({ id: expect.any(Number) });
    const found = await lumen(['call', 'patients.search', '{"q":"ana"}', '--user', OWNER.username], asOwner);
    expect(found.json()).toEqual([expect.objectContaining({ id: created.json().id })]);
  });

  it('asks for the password when LUMEN_PASSWORD is not set', async () => {
    const questions: string[] = [];
    const reply = await lumen(['call', 'auth.session', '--user', OWNER.username], {
      prompt: async (question) => {
        questions.push(question);
        return OWNER.password;
      },
    });
    expect(reply.code).toBe(0);
    expect(questions).toEqual([`Password for ${OWNER.username}: `]);
    expect(reply.json()).toMatchObject({ username: OWNER.username, role: 'owner' });
  });

  it('prints typed errors as JSON and exits 1', async () => {
    const wrong = await lumen(['call', 'auth.session', '--user', OWNER.username], { env: { LUMEN_PASSWORD: 'nope' } });
    expect(wrong.code).toBe(1);
    expect(wrong.json()).toMatchObject({ code: 'unauthenticated', message: expect.any(String) });

    const anonymous = await lumen(['call', 'patients.search', '{"q":"ana"}']);
    expect(anonymous.code).toBe(1);
    expect(anonymous.json()).toMatchObject({ code: 'unauthenticated' });

    const badJson = await lumen(['call', 'patients.search', '{q:', '--user', OWNER.username], asOwner);
    expect(badJson.code).toBe(1);
    expect(badJson.json()).toMatchObject({ code: 'invalid_input' });

    const badInput = await lumen(['call', 'patients.create', '{"firstName":""}', '--user', OWNER.username], asOwner);
    expect(badInput.code).toBe(1);
    expect(badInput.json()).toMatchObject({ code: 'invalid_input', details: { fieldErrors: expect.any(Object) } });

    const unknown = await lumen(['call', 'patients.explode']);
    expect(unknown.json()).toMatchObject({ code: 'not_found' });
  });

  it('explains usage mistakes with exit 2', async () => {
    expect((await lumen([])).code).toBe(2);
    expect((await lumen(['frobnicate'])).stderr).toContain('Unknown command "frobnicate"');
    expect((await lumen(['toString'])).code).toBe(2);
    expect((await lumen(['call'])).code).toBe(2);
    expect((await lumen(['call', 'app.status', '--colour'])).stderr).toContain('Unknown option --colour');
    const help = await lumen(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('audit-verify');
  });
});

describe('lumen CLI: maintenance', () => {
  it('backs up and restores the clinic', async () => {
    const backup = await lumen(['backup']);
    expect(backup.code).toBe(0);
    const file = backup.json().path as string;
    expect(existsSync(file)).toBe(true);

    await lumen(['call', 'patients.create', '{"firstName":"Bo","lastName":"Berg"}', '--user', OWNER.username], asOwner);
    const restored = await lumen(['restore', file]);
    expect(restored.code).toBe(0);
    expect(restored.json()).toMatchObject({ restoredFrom: file, safetyCopy: expect.any(String) });

    const bo = await lumen(['call', 'patients.search', '{"q":"berg"}', '--user', OWNER.username], asOwner);
    expect(bo.json()).toEqual([]);

    const missing = await lumen(['restore', join(dataDir, 'no-such-backup.sqlite3')]);
    expect(missing.code).toBe(1);
    expect(missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('verifies the audit chain and exits 1 once it is broken', async () => {
    const intact = await lumen(['audit-verify']);
    expect(intact.code).toBe(0);
    expect(intact.json()).toMatchObject({ ok: true, firstBadId: null, integrityProblem: null });
    expect(intact.json().checked).toBeGreaterThan(0);

    const raw = new BetterSqlite3(join(dataDir, DATABASE_FILE));
    raw.exec("DROP TRIGGER audit_no_update; UPDATE audit SET summary = 'nothing happened' WHERE id = 2");
    raw.close();
    const broken = await lumen(['audit-verify']);
    expect(broken.code).toBe(1);
    expect(broken.json()).toMatchObject({ ok: false, firstBadId: 2 });
  });

  it('reports the schema versions a migration went from and to', async () => {
    const other = dataDir;
    dataDir = mkdtempSync(join(tmpdir(), 'lumen-cli-migrate-'));
    try {
      expect((await lumen(['migrate'])).json()).toEqual({ from: 0, to: SCHEMA_VERSION });
      expect((await lumen(['migrate'])).json()).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      dataDir = other;
    }
  });
});

describe('lumen CLI: workstations', () => {
  it('joins a copy as a new workstation, and carries changes both ways in files', async () => {
    const home = dataDir;
    const reception = mkdtempSync(join(tmpdir(), 'lumen-cli-reception-'));
    const roomParent = mkdtempSync(join(tmpdir(), 'lumen-cli-room-'));
    const room = join(roomParent, 'data');
    const folder = mkdtempSync(join(tmpdir(), 'lumen-cli-changes-'));
    try {
      dataDir = reception;
      await lumen(['call', 'setup.createClinic', JSON.stringify(CLINIC)]);
      const backup = (await lumen(['backup'])).json() as { path: string };

      dataDir = room;
      const refused = await lumen(['join', backup.path, '--name', 'Room 2', '--prefix', 'R', '--user', OWNER.username], { env: { LUMEN_PASSWORD: 'not the password' } });
      expect(refused.code).toBe(1);
      expect(refused.json()).toMatchObject({ code: 'unauthenticated' });
      expect(existsSync(join(room, DATABASE_FILE))).toBe(false);
      const joined = await lumen(['join', backup.path, '--name', 'Room 2', '--prefix', 'R', '--user', OWNER.username], asOwner);
      expect(joined.code).toBe(0);
      expect((await lumen(['join', backup.path, '--name', 'Room 3', '--prefix', 'T', '--user', OWNER.username], asOwner)).json()).toMatchObject({ code: 'conflict' });
      const created = await lumen(['call', 'patients.create', '{"firstName":"Cy","lastName":"Dahl"}', '--user', OWNER.username], asOwner);
      expect(created.json()).toMatchObject({ number: 'R000001' });

      const written = await lumen(['export-changes', folder]);
      expect(written.code).toBe(0);
      expect(written.json()).toMatchObject({ changes: expect.any(Number), file: expect.stringContaining(folder) });

      dataDir = reception;
      const applied = await lumen(['import-changes', written.json().file]);
      expect(applied.json()).toMatchObject({ from: 'Room 2', conflicts: 0 });
      expect(applied.json().applied).toBeGreaterThan(0);
      const found = await lumen(['call', 'patients.search', '{"q":"Dahl"}', '--user', OWNER.username], asOwner);
      expect(found.json()).toEqual([expect.objectContaining({ number: 'R000001' })]);
      expect((await lumen(['import-changes', join(folder, 'missing.lumenchanges')])).json()).toMatchObject({ code: 'not_found' });
    } finally {
      dataDir = home;
      for (const dir of [reception, roomParent, folder]) rmSync(dir, { recursive: true, force: true });
    }
  });
});
