import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli';
import { CLIENTS } from './support';

const OWNER = { username: 'olivia', displayName: 'Olivia Owner', password: 'correct horse battery' };
let dataDir: string;

async function lumen(args: string[], env: Record<string, string> = { LUMEN_PASSWORD: OWNER.password }) {
  let stdout = '';
  const code = await runCli([...args, '--data-dir', dataDir], { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => undefined }, env });
  return { code, json: () => JSON.parse(stdout) };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lumen-cli-import-'));
  const clinic = { name: 'CLI Clinic', address: { line1: 'Friedrichstr. 1', city: 'Berlin', postalCode: '10117', country: 'DE' }, timeZone: 'Europe/Berlin', currency: 'EUR' };
  expect((await lumen(['call', 'setup.createClinic', JSON.stringify({ clinic, owner: OWNER })], {})).code).toBe(0);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('importing from the command line', () => {
  it('import-file adds the file and prints its table and guesses; call imports.run imports it', async () => {
    const path = join(dataDir, 'clients.csv');
    writeFileSync(path, `${CLIENTS.join('\r\n')}\r\n`);
    const added = await lumen(['import-file', path, '--user', OWNER.username]);
    expect(added.code).toBe(0);
    const file = added.json();
    expect(file).toMatchObject({ fileName: 'clients.csv', format: 'csv', rowCount: 3, importedBefore: [] });
    const run = await lumen(['call', 'imports.run', JSON.stringify({ fileId: file.fileId, kind: 'patients', mapping: file.guesses.patients }), '--user', OWNER.username]);
    expect(run.code).toBe(0);
    expect(run.json().totals).toEqual({ create: 3, match: 0, skip: 0, already: 0 });
  });

  it('a missing file or no sign-in is refused with exit 1', async () => {
    expect((await lumen(['import-file', join(dataDir, 'nope.csv'), '--user', OWNER.username])).code).toBe(1);
    const anonymous = await lumen(['import-file', join(dataDir, 'clients.csv')], {});
    expect(anonymous.code).toBe(1);
    expect(anonymous.json()).toMatchObject({ code: 'unauthenticated' });
  });
});
