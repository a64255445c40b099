import { type SatisfactionSettings, SatisfactionSettingsInput } from '../../src-shared/contract/satisfaction';
import { fieldError } from '../../src-shared/errors';
import { cached, type Sqlite } from '../core/db';
import type { HandlerMap } from '../core/registry';
import type { SatisfactionSettingsTable } from '../core/schema-satisfaction';

/** A clinic that never saved its settings: surveys off, the defaults of the contract. */
const DEFAULTS: SatisfactionSettings = { ...SatisfactionSettingsInput.parse({ enabled: false }), updatedAt: null };

const Channels = SatisfactionSettingsInput.shape.channels;
const Sites = SatisfactionSettingsInput.shape.reviewSites;

export function settingsOf(sqlite: Sqlite): SatisfactionSettings {
  const row = cached(sqlite, 'SELECT * FROM satisfactionSettings WHERE id = 1').get() as SatisfactionSettingsTable | undefined;
  if (!row) return DEFAULTS;
  return {
    enabled: row.enabled === 1,
    askWithinDays: row.askWithinDays,
    askEveryDays: row.askEveryDays,
    channels: Channels.parse(JSON.parse(row.channels)),
    reviewSites: Sites.parse(JSON.parse(row.reviewSites)),
    reviewFromScore: row.reviewFromScore,
    recoveryUpToScore: row.recoveryUpToScore,
    recoveryHours: row.recoveryHours,
    complaintSlaHours: row.complaintSlaHours,
    updatedAt: row.updatedAt,
  };
}

export const settingsHandlers: HandlerMap<'satisfaction.settings' | 'satisfaction.saveSettings'> = {
  'satisfaction.settings': (_input, ctx) => settingsOf(ctx.sqlite),

  'satisfaction.saveSettings': async (input, ctx) => {
    if (input.recoveryUpToScore >= input.reviewFromScore) {
      throw fieldError('invalid_input', `Scores up to ${input.recoveryUpToScore} open a complaint, so reviews must start above it.`, 'recoveryUpToScore');
    }
    const names = new Set<string>();
    for (const [i, site] of input.reviewSites.entries()) {
      if (names.has(site.name.toLowerCase())) throw fieldError('invalid_input', 'Two review sites have this name.', `reviewSites.${i}.name`);
      names.add(site.name.toLowerCase());
    }
    const row: SatisfactionSettingsTable = {
      id: 1,
      enabled: input.enabled ? 1 : 0,
      askWithinDays: input.askWithinDays,
      askEveryDays: input.askEveryDays,
      channels: JSON.stringify(input.channels),
      reviewSites: JSON.stringify(input.reviewSites),
      reviewFromScore: input.reviewFromScore,
      recoveryUpToScore: input.recoveryUpToScore,
      recoveryHours: input.recoveryHours,
      complaintSlaHours: input.complaintSlaHours,
      updatedAt: ctx.now.toISOString(),
      updatedBy: ctx.session?.staffId ?? null,
    };
    const { id: _id, ...changes } = row;
    await ctx.db.insertInto('satisfactionSettings').values(row).onConflict((oc) => oc.column('id').doUpdateSet(changes)).execute();
    ctx.audit({ action: 'update', entity: 'satisfactionSettings', entityId: 1, summary: `Saved the satisfaction surveys (${input.enabled ? 'on' : 'off'})`, details: input });
    return settingsOf(ctx.sqlite);
  },
};
