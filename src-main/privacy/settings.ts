import type { PrivacySettings } from '../../src-shared/contract/privacy';
import type { Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';

/** Ten years: the longest common retention of medical records in the clinic's markets, so the safe default. */
export const DEFAULT_RETENTION_YEARS = 10;

export function privacySettingsOf(sqlite: Sqlite): PrivacySettings {
  const row = sqlite.prepare('SELECT clinicalRetentionYears, updatedAt FROM privacySettings WHERE id = 1').get() as PrivacySettings | undefined;
  return row ?? { clinicalRetentionYears: DEFAULT_RETENTION_YEARS, updatedAt: null };
}

export const settingsHandlers: HandlerMap<'privacy.settings' | 'privacy.saveSettings'> = {
  'privacy.settings': (_input, ctx) => privacySettingsOf(ctx.sqlite),

  'privacy.saveSettings': async ({ clinicalRetentionYears }, ctx) => {
    const before = privacySettingsOf(ctx.sqlite);
    const row = { id: 1, clinicalRetentionYears, updatedAt: ctx.now.toISOString(), updatedBy: ctx.session?.staffId ?? null };
    const { id: _id, ...changes } = row;
    await ctx.db.insertInto('privacySettings').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
    ctx.audit({
      action: 'update',
      entity: 'privacySettings',
      entityId: 1,
      summary: `Set the retention of signed clinical records to ${clinicalRetentionYears} years`,
      details: { before: before.clinicalRetentionYears, after: clinicalRetentionYears },
    });
    return privacySettingsOf(ctx.sqlite);
  },
};
