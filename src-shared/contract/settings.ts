import { z } from 'zod';
import { method } from './method';
import { Address, Cents, ClockTime, CurrencyCode, Empty, Id, Instant, Name, NonNegativeCents, Ok, OneLineText, TimeZone } from './common';

export const ClinicSettings = z.object({
  name: z.string(),
  address: z.object({ line1: z.string(), line2: z.string(), city: z.string(), region: z.string(), postalCode: z.string(), country: z.string() }),
  phone: z.string(),
  email: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  idleLockMinutes: z.number().int(),
  /** Planning assumptions used by the projected-sales report, in basis points (1% = 100). */
  leadToConsultRateBp: z.number().int(),
  consultToTreatmentRateBp: z.number().int(),
  weeklySalesTargetCents: Cents,
  backupFolder: z.string(),
  backupKeepDaily: z.number().int(),
  backupKeepWeekly: z.number().int(),
  /** A cancellation closer than this to the start is flagged late. */
  lateCancelHours: z.number().int(),
  /** The calendar grid: 5, 10 or 15 minutes. */
  calendarSlotMinutes: z.number().int(),
  /** Prices on the catalog and invoices include tax (VAT countries), or tax is added on top (US sales tax). */
  pricesIncludeTax: z.boolean(),
  /** Tax rounded on each line, or once per rate on the whole invoice (then shared back to the lines). */
  taxRounding: z.enum(['line', 'invoice']),
  updatedAt: Instant,
});
export type ClinicSettings = z.infer<typeof ClinicSettings>;

const Rate = z.number().int().min(0).max(10_000);

export const SettingsPatch = z.strictObject({
  name: Name.optional(),
  address: Address.optional(),
  phone: OneLineText.max(40).optional(),
  email: z.union([z.email(), z.literal('')]).optional(),
  timeZone: TimeZone.optional(),
  currency: CurrencyCode.optional(),
  idleLockMinutes: z.number().int().min(1).max(240).optional(),
  leadToConsultRateBp: Rate.optional(),
  consultToTreatmentRateBp: Rate.optional(),
  weeklySalesTargetCents: NonNegativeCents.optional(),
  backupFolder: OneLineText.max(1000).optional(),
  backupKeepDaily: z.number().int().min(1).max(60).optional(),
  backupKeepWeekly: z.number().int().min(0).max(52).optional(),
  lateCancelHours: z.number().int().min(0).max(14 * 24).optional(),
  calendarSlotMinutes: z.union([z.literal(5), z.literal(10), z.literal(15)]).optional(),
  pricesIncludeTax: z.boolean().optional(),
  taxRounding: z.enum(['line', 'invoice']).optional(),
});

/** Weekday 1 = Monday … 7 = Sunday (ISO). A day may have several intervals (lunch break). */
export const OpeningInterval = z.strictObject({ weekday: z.number().int().min(1).max(7), opensAt: ClockTime, closesAt: ClockTime });
export type OpeningInterval = z.infer<typeof OpeningInterval>;

export const TaxRate = z.object({ id: Id, name: z.string(), rateMillipercent: z.number().int(), isDefault: z.boolean(), active: z.boolean() });
export type TaxRate = z.infer<typeof TaxRate>;

export const TaxRateInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  /** Thousandths of a percent: 8.875% = 8875. */
  rateMillipercent: z.number().int().min(0).max(100_000),
  isDefault: z.boolean().default(false),
  active: z.boolean().default(true),
});

export const JobRow = z.object({
  name: z.string(),
  label: z.string(),
  enabled: z.boolean(),
  lastRunAt: Instant.nullable(),
  lastOutcome: z.enum(['ok', 'failed']).nullable(),
  lastMessage: z.string().nullable(),
  nextRunAt: Instant.nullable(),
  running: z.boolean(),
});
export type JobRow = z.infer<typeof JobRow>;

export const settings = {
  'settings.get': method({
    summary: 'Clinic settings and planning assumptions.',
    input: Empty,
    output: ClinicSettings,
    permission: 'settings.read',
    transaction: 'read',
    errors: [],
  }),
  'settings.update': method({
    summary: 'Change clinic settings; only the fields given change.',
    input: SettingsPatch,
    output: ClinicSettings,
    permission: 'settings.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'settings.openingHours': method({
    summary: 'Opening hours per weekday.',
    input: Empty,
    output: z.array(OpeningInterval),
    permission: 'settings.read',
    transaction: 'read',
    errors: [],
  }),
  'settings.setOpeningHours': method({
    summary: 'Replace the opening hours (intervals must not overlap within a day).',
    input: z.strictObject({ intervals: z.array(OpeningInterval).max(70) }),
    output: Ok,
    permission: 'settings.manage',
    transaction: 'write',
    errors: ['invalid_input'],
  }),
  'settings.taxRates': method({
    summary: 'Tax rates, default first.',
    input: Empty,
    output: z.array(TaxRate),
    permission: 'settings.read',
    transaction: 'read',
    errors: [],
  }),
  'settings.saveTaxRate': method({
    summary: 'Create a tax rate, or update it when an id is given.',
    input: TaxRateInput,
    output: z.object({ id: Id }),
    permission: 'settings.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'scheduler.jobs': method({
    summary: 'Background jobs with their last and next run.',
    input: Empty,
    output: z.array(JobRow),
    permission: 'settings.read',
    transaction: 'read',
    errors: [],
  }),
  'scheduler.runNow': method({
    summary: 'Run a background job now.',
    input: z.strictObject({ name: z.string().min(1).max(60) }),
    output: JobRow,
    permission: 'settings.manage',
    transaction: 'none',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'scheduler.setEnabled': method({
    summary: 'Switch a background job on or off.',
    input: z.strictObject({ name: z.string().min(1).max(60), enabled: z.boolean() }),
    output: Ok,
    permission: 'settings.manage',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
