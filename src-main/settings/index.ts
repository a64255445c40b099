import type { ClinicSettings, OpeningInterval } from '../../src-shared/contract/settings';
import { LumenError } from '../../src-shared/errors';
import { changedFields } from '../core/audit';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { assertNameFree, saveRow } from '../core/save-row';
import type { ClinicTable } from '../core/schema';

function settingsOf(c: ClinicTable): ClinicSettings {
  return {
    name: c.name,
    address: { line1: c.addressLine1, line2: c.addressLine2, city: c.city, region: c.region, postalCode: c.postalCode, country: c.country },
    phone: c.phone,
    email: c.email,
    timeZone: c.timeZone,
    currency: c.currency,
    idleLockMinutes: c.idleLockMinutes,
    leadToConsultRateBp: c.leadToConsultRateBp,
    consultToTreatmentRateBp: c.consultToTreatmentRateBp,
    weeklySalesTargetCents: c.weeklySalesTargetCents,
    backupFolder: c.backupFolder,
    backupKeepDaily: c.backupKeepDaily,
    backupKeepWeekly: c.backupKeepWeekly,
    lateCancelHours: c.lateCancelHours,
    calendarSlotMinutes: c.calendarSlotMinutes,
    updatedAt: c.updatedAt,
  };
}

/** Overlapping intervals on one weekday are a typing mistake, not a schedule. */
function assertNoOverlap(intervals: OpeningInterval[]): void {
  const sorted = [...intervals].sort((a, b) => a.weekday - b.weekday || a.opensAt.localeCompare(b.opensAt));
  sorted.forEach((interval, i) => {
    if (interval.opensAt >= interval.closesAt) {
      throw new LumenError('invalid_input', 'An interval must close after it opens.', { formErrors: [], fieldErrors: { intervals: [`Weekday ${interval.weekday}: ${interval.opensAt}–${interval.closesAt}`] } });
    }
    const next = sorted[i + 1];
    if (next && next.weekday === interval.weekday && next.opensAt < interval.closesAt) {
      throw new LumenError('invalid_input', 'Opening intervals on the same day overlap.', { formErrors: [], fieldErrors: { intervals: [`Weekday ${interval.weekday}: ${interval.opensAt}–${interval.closesAt} overlaps ${next.opensAt}–${next.closesAt}`] } });
    }
  });
}

function jobs(ctx: HandlerContext) {
  if (!ctx.runtime.jobs) throw new LumenError('unavailable', 'The scheduler is not running.');
  return ctx.runtime.jobs;
}

export const settingsHandlers: HandlerMap<
  | 'settings.get'
  | 'settings.update'
  | 'settings.openingHours'
  | 'settings.setOpeningHours'
  | 'settings.taxRates'
  | 'settings.saveTaxRate'
  | 'scheduler.jobs'
  | 'scheduler.runNow'
  | 'scheduler.setEnabled'
> = {
  'settings.get': (_input, ctx) => settingsOf(ctx.clinic()),

  'settings.update': (patch, ctx) => {
    const before = ctx.clinic();
    const { address, ...flat } = patch;
    const columns: Partial<ClinicTable> = { ...flat };
    if (address) {
      Object.assign(columns, {
        addressLine1: address.line1,
        addressLine2: address.line2,
        city: address.city,
        region: address.region,
        postalCode: address.postalCode,
        country: address.country,
      });
    }
    const diff = changedFields(before as unknown as Record<string, unknown>, columns as Record<string, unknown>);
    if (Object.keys(diff).length) {
      const names = Object.keys(columns);
      ctx.sqlite
        .prepare(`UPDATE clinic SET ${names.map((n) => `${n} = @${n}`).join(', ')}, updatedAt = @updatedAt WHERE id = 1`)
        .run({ ...columns, updatedAt: ctx.now.toISOString() });
      ctx.audit({ action: 'update', entity: 'clinic', entityId: 1, summary: `Changed clinic settings: ${Object.keys(diff).join(', ')}`, details: diff });
    }
    ctx.runtime.invalidateCaches();
    return settingsOf(ctx.runtime.clinicRow()!);
  },

  'settings.openingHours': (_input, ctx) =>
    ctx.sqlite.prepare('SELECT weekday, opensAt, closesAt FROM openingHours ORDER BY weekday, opensAt').all() as OpeningInterval[],

  'settings.setOpeningHours': ({ intervals }, ctx) => {
    assertNoOverlap(intervals);
    const before = ctx.sqlite.prepare('SELECT weekday, opensAt, closesAt FROM openingHours ORDER BY weekday, opensAt').all();
    ctx.sqlite.prepare('DELETE FROM openingHours').run();
    const insert = ctx.sqlite.prepare('INSERT INTO openingHours (weekday, opensAt, closesAt) VALUES (@weekday, @opensAt, @closesAt)');
    for (const interval of intervals) insert.run(interval);
    ctx.audit({ action: 'update', entity: 'openingHours', entityId: null, summary: 'Changed opening hours', details: { before, after: intervals } });
    return { ok: true as const };
  },

  'settings.taxRates': (_input, ctx) =>
    (ctx.sqlite.prepare('SELECT * FROM taxRate ORDER BY isDefault DESC, active DESC, name').all() as { id: number; name: string; rateMillipercent: number; isDefault: number; active: number }[]).map(
      (r) => ({ ...r, isDefault: r.isDefault === 1, active: r.active === 1 }),
    ),

  'settings.saveTaxRate': async ({ id, name, rateMillipercent, isDefault, active }, ctx) => {
    if (isDefault && !active) throw new LumenError('invalid_input', 'The default tax rate must be active.', { formErrors: [], fieldErrors: { active: ['The default rate must be active'] } });
    await assertNameFree(ctx, 'taxRate', name, id);
    // There is one default at most: setting a new one clears the old.
    if (isDefault) ctx.sqlite.prepare('UPDATE taxRate SET isDefault = 0 WHERE isDefault = 1 AND id IS NOT ?').run(id ?? null);
    return saveRow(ctx, 'taxRate', 'tax rate', id, { name, rateMillipercent, isDefault: isDefault ? 1 : 0, active: active ? 1 : 0 });
  },

  'scheduler.jobs': (_input, ctx) => jobs(ctx).list(),
  'scheduler.runNow': ({ name }, ctx) => jobs(ctx).runNow(name),
  'scheduler.setEnabled': ({ name, enabled }, ctx) => {
    jobs(ctx).setEnabled(name, enabled);
    ctx.audit({ action: 'update', entity: 'schedulerJob', entityId: name, summary: `${enabled ? 'Enabled' : 'Disabled'} the ${name} job` });
    return { ok: true as const };
  },
};
