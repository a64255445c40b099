import type { SegmentSettings } from '../../src-shared/contract/segments';
import type { Db } from '../core/db';
import type { HandlerMap } from '../core/registry';
import type { SegmentSettingsTable } from '../core/schema-segments';

/**
 * Until a manager sets them: new for 90 days after the first purchase, active while the last is within 6 months,
 * sleeping up to a year, deep sleep beyond. RFM recency boundaries match the playbook's months (1, 3, 6, 12).
 */
export const defaultSegmentSettings: SegmentSettings = {
  newDays: 90,
  activeDays: 182,
  sleepingDays: 365,
  recencyDays: [30, 91, 182, 365],
  frequencyPurchases: [2, 4, 7, 11],
  monetaryCents: [50_000, 150_000, 300_000, 600_000],
  expectedLifespanYears: 3,
};

type Tuple4 = [number, number, number, number];

export async function segmentSettings(db: Db): Promise<SegmentSettings> {
  return settingsOfRow(await db.selectFrom('segmentSettings').selectAll().where('id', '=', 1).executeTakeFirst());
}

/** The stored row as settings; no row: the defaults. */
export function settingsOfRow(row: SegmentSettingsTable | undefined): SegmentSettings {
  if (!row) return defaultSegmentSettings;
  return {
    newDays: row.newDays,
    activeDays: row.activeDays,
    sleepingDays: row.sleepingDays,
    recencyDays: JSON.parse(row.recencyDays) as Tuple4,
    frequencyPurchases: JSON.parse(row.frequencyPurchases) as Tuple4,
    monetaryCents: JSON.parse(row.monetaryCents) as Tuple4,
    expectedLifespanYears: row.expectedLifespanYears,
  };
}

export const settingsHandlers: HandlerMap<'segments.settings' | 'segments.saveSettings'> = {
  'segments.settings': (_input, ctx) => segmentSettings(ctx.db),

  'segments.saveSettings': async (settings, ctx) => {
    const before = await segmentSettings(ctx.db);
    const row = {
      newDays: settings.newDays,
      activeDays: settings.activeDays,
      sleepingDays: settings.sleepingDays,
      recencyDays: JSON.stringify(settings.recencyDays),
      frequencyPurchases: JSON.stringify(settings.frequencyPurchases),
      monetaryCents: JSON.stringify(settings.monetaryCents),
      expectedLifespanYears: settings.expectedLifespanYears,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.actor.staffId,
    };
    await ctx.db
      .insertInto('segmentSettings')
      .values({ id: 1, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    ctx.audit({ action: 'update', entity: 'segmentSettings', entityId: '1', summary: 'Changed tier and RFM thresholds', details: { before, after: settings } });
    return settings;
  },
};
