import { writeIdentity } from '../../src-main/core/workstation';
import type { TestClinic } from './clinic';

export interface TestIdentity {
  number: number;
  name: string;
  seriesPrefix: string;
}

/**
 * Makes the test clinic's database another workstation from here on, as a copy given its own identity would be
 * (without copying the file: see workstations.ts for that): what it writes next takes ids from that workstation's
 * range and numbers from its series. Runs between calls.
 */
export function becomeWorkstation(clinic: TestClinic, identity: TestIdentity): Promise<void> {
  const { registry, runtime } = clinic.lumen;
  return registry.exclusive(async () => {
    const now = clinic.clock.now();
    runtime.sqlite.transaction(() => {
      runtime.workstation?.become(identity.number, now, 'capture');
      writeIdentity(runtime.sqlite, { ...identity, at: now, dbFile: runtime.dbFile });
    })();
    runtime.loadWorkstation();
  });
}
