import { randomUUID } from 'node:crypto';
import type { Role } from '../../src-shared/permissions';

/** Who is signed in at one desk (an Electron window, a browser tab's cookie, one CLI run). */
export interface Session {
  staffId: number;
  username: string;
  displayName: string;
  role: Role;
  lastActivityMs: number;
  locked: boolean;
  /**
   * The visit whose score the check-out tablet is taking: while set, the connection may only show and score that
   * visit (the registry refuses the rest as `locked`) until a staff member unlocks it with their password.
   */
  tabletVisitId: number | null;
}

/** One client of the registry. Transports keep one per window / browser / CLI process. */
export interface Connection {
  readonly id: string;
  readonly transport: 'ipc' | 'host' | 'cli' | 'test';
  session: Session | null;
}

export function newConnection(transport: Connection['transport']): Connection {
  return { id: randomUUID(), transport, session: null };
}
