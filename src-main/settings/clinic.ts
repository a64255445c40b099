import type { Updateable } from 'kysely';
import type { ClinicSettings } from '../../src-shared/contract/settings';
import { changedFields } from '../core/audit';
import { flag } from '../core/db';
import type { HandlerMap } from '../core/registry';
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
    pricesIncludeTax: c.pricesIncludeTax === 1,
    taxRounding: c.taxRounding,
    updatedAt: c.updatedAt,
  };
}

export const clinicHandlers: HandlerMap<'settings.get' | 'settings.update'> = {
  'settings.get': (_input, ctx) => settingsOf(ctx.clinic()),

  'settings.update': async (patch, ctx) => {
    const before = ctx.clinic();
    const { address, pricesIncludeTax, ...flat } = patch;
    const columns: Updateable<ClinicTable> = { ...flat, ...(pricesIncludeTax === undefined ? {} : { pricesIncludeTax: flag(pricesIncludeTax) }) };
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
    const diff = changedFields({ ...before }, columns);
    if (Object.keys(diff).length) {
      await ctx.db
        .updateTable('clinic')
        .set({ ...columns, updatedAt: ctx.now.toISOString() })
        .where('id', '=', 1)
        .execute();
      ctx.audit({ action: 'update', entity: 'clinic', entityId: 1, summary: `Changed clinic settings: ${Object.keys(diff).join(', ')}`, details: diff });
    }
    ctx.runtime.invalidateCaches();
    return settingsOf(ctx.runtime.clinicRow()!);
  },
};
