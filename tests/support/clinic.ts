import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLumen, type Lumen } from '../../src-main/app';
import { ManualClock } from '../../src-main/core/clock';
import { newConnection, type Connection } from '../../src-main/core/session';
import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract/index';
import type { Role } from '../../src-shared/permissions';

export const OWNER = { username: 'olivia', displayName: 'Olivia Owner', password: 'correct horse battery' };
export const STAFF_PASSWORD = 'staff-password-42';

export interface TestClinic {
  lumen: Lumen;
  clock: ManualClock;
  dataDir: string;
  conn: Connection;
  /** Calls as the currently signed-in user of this clinic's default desk. */
  call<N extends MethodName>(name: N, input?: InputOf<N>): Promise<OutputOf<N>>;
  /** A new desk signed in as a new staff member with this role. */
  as(role: Role, username?: string): Promise<Desk>;
  /** A new desk with nobody signed in. */
  desk(): Desk;
  count(table: string): number;
  close(): Promise<void>;
}

export interface Desk {
  conn: Connection;
  call<N extends MethodName>(name: N, input?: InputOf<N>): Promise<OutputOf<N>>;
}

interface Options {
  now?: string;
  timeZone?: string;
  country?: string;
  currency?: string;
  /** Leave the data folder empty (first-run state). */
  empty?: boolean;
  /** Open this data folder as it is (a copied clinic): nothing is set up and nobody is signed in. */
  dataDir?: string;
}

/** A real clinic in a temporary folder: migrated SQLite file, manual clock, owner signed in. */
export async function openTestClinic(options: Options = {}): Promise<TestClinic> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lumen-test-'));
  const clock = new ManualClock(options.now ?? '2026-03-02T09:00:00Z');
  const lumen = await openLumen({ dataDir, clock, checkOutputs: true });
  const deskOf = (conn: Connection): Desk => ({
    conn,
    call: (name, input) => lumen.registry.call(name, input === undefined ? {} : input, conn) as never,
  });
  const main = deskOf(newConnection('test'));
  if (!options.empty && !options.dataDir) {
    await main.call('setup.createClinic', {
      clinic: {
        name: 'Lumen Test Clinic',
        address: { line1: 'Friedrichstr. 1', city: 'Berlin', postalCode: '10117', country: (options.country ?? 'DE') as string },
        timeZone: options.timeZone ?? 'Europe/Berlin',
        currency: options.currency ?? 'EUR',
      },
      owner: OWNER,
    });
    await main.call('auth.signIn', { username: OWNER.username, password: OWNER.password });
  }
  let staffCounter = 0;
  return {
    lumen,
    clock,
    dataDir,
    conn: main.conn,
    call: main.call,
    desk: () => deskOf(newConnection('test')),
    async as(role, username) {
      staffCounter++;
      const name = username ?? `${role.toLowerCase()}${staffCounter}`;
      await main.call('staff.create', { username: name, displayName: `${role} ${staffCounter}`, role, password: STAFF_PASSWORD });
      const desk = deskOf(newConnection('test'));
      await desk.call('auth.signIn', { username: name, password: STAFF_PASSWORD });
      return desk;
    },
    count: (table) => lumen.runtime.sqlite.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '')}"`).pluck().get() as number,
    async close() {
      await lumen.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
