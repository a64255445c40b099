import type { Generated } from 'kysely';
import type { conflictKinds } from '../../src-shared/contract/sync';

/** Column types of the sync tables (the Database map is in schema.ts). */
export interface SyncPeerTable {
  workstationId: string;
  seen: Generated<string>;
  lastFileAt: string | null;
  lastExportedAt: string | null;
  lastChanges: Generated<number>;
  clockAheadMs: Generated<number>;
  saysWeAreAheadMs: Generated<number>;
}

export interface SyncConflictTable {
  id: Generated<number>;
  key: string;
  kind: (typeof conflictKinds)[number];
  tbl: string;
  rowKey: string;
  summary: string;
  details: string;
  detectedAt: string;
  reviewedAt: string | null;
  reviewedBy: number | null;
}
