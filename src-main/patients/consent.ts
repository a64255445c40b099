import type { consentChannels, consentSources } from '../../src-shared/contract/patients';
import { type Actor, appendAudit } from '../core/audit';
import { cached, type Sqlite } from '../core/db';

export interface ConsentChange {
  patientId: number;
  channel: (typeof consentChannels)[number];
  granted: boolean;
  source: (typeof consentSources)[number];
}

const BEFORE_SQL = 'SELECT granted, source, recordedAt FROM patientConsent WHERE patientId = ? AND channel = ?';
const UPSERT_SQL = `INSERT INTO patientConsent (patientId, channel, granted, source, recordedAt, recordedBy) VALUES (@patientId, @channel, @granted, @source, @recordedAt, @recordedBy)
  ON CONFLICT (patientId, channel) DO UPDATE SET granted = excluded.granted, source = excluded.source, recordedAt = excluded.recordedAt, recordedBy = excluded.recordedBy`;

/**
 * Records a patient's consent on one channel and audits it: the patient form (`patients.setConsent`) and a patient's
 * own opt-out by reply (messages) go through here. Synchronous, so the replies job can call it in its own transaction.
 */
export function recordConsent(sqlite: Sqlite, at: Date, actor: Actor, { patientId, channel, granted, source }: ConsentChange): void {
  const number = cached(sqlite, 'SELECT number FROM patient WHERE id = ?').pluck().get(patientId) as string;
  const before = (cached(sqlite, BEFORE_SQL).get(patientId, channel) as { granted: number; source: string; recordedAt: string } | undefined) ?? null;
  cached(sqlite, UPSERT_SQL).run({ patientId, channel, granted: granted ? 1 : 0, source, recordedAt: at.toISOString(), recordedBy: actor.staffId });
  appendAudit(sqlite, at, actor, {
    action: 'update',
    entity: 'patient',
    entityId: patientId,
    summary: `${granted ? 'Recorded' : 'Withdrew'} ${channel} consent for ${number} (${source})`,
    details: { consent: { channel, before, after: { granted, source } } },
  });
}
