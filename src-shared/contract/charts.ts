import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Id, Instant, LongText, MultiLineText, Ok, OneLineText } from './common';

export const chartTemplates = ['injectable', 'energy', 'skin', 'general'] as const;
export type ChartTemplate = (typeof chartTemplates)[number];

/** Units per injection site, with the product's lot and expiry (typed, or picked from lots used before). */
export const Injection = z.strictObject({
  site: OneLineText.min(1).max(60),
  product: OneLineText.min(1).max(120),
  /** Units (toxin) or tenths of a millilitre (filler) as a whole number in the product's own unit. */
  units: z.number().int().min(0).max(1000),
  unit: z.enum(['U', 'ml×0.1']).default('U'),
  lot: OneLineText.min(1).max(60),
  expiry: CalendarDate,
});
export type Injection = z.infer<typeof Injection>;

/** Laser/IPL settings; fractional values are kept as the practitioner typed them (e.g. "12.5"). */
export const DeviceSetting = z.strictObject({
  device: OneLineText.min(1).max(80),
  area: OneLineText.max(80).default(''),
  wavelengthNm: z.number().int().min(100).max(20_000).nullable().default(null),
  fluence: z.string().trim().regex(/^\d{1,3}(\.\d{1,2})?$/, 'J/cm², e.g. 12.5').nullable().default(null),
  spotSizeMm: z.string().trim().regex(/^\d{1,2}(\.\d)?$/, 'mm, e.g. 10').nullable().default(null),
  pulseMs: z.string().trim().regex(/^\d{1,4}(\.\d{1,2})?$/).nullable().default(null),
  passes: z.number().int().min(0).max(50).nullable().default(null),
});
export type DeviceSetting = z.infer<typeof DeviceSetting>;

export const ChartContent = z.strictObject({
  template: z.enum(chartTemplates),
  subjective: LongText.default(''),
  objective: LongText.default(''),
  assessment: LongText.default(''),
  plan: LongText.default(''),
  injections: z.array(Injection).max(60).default([]),
  deviceSettings: z.array(DeviceSetting).max(30).default([]),
  /** Reference of the signed consent form (paper form number or scanned document name). */
  consentFormRef: OneLineText.max(120).default(''),
  postCare: LongText.default(''),
});
export type ChartContent = z.infer<typeof ChartContent>;

export const Chart = z.object({
  id: Id,
  appointmentId: Id,
  patientId: Id,
  authorId: Id,
  authorName: z.string(),
  status: z.enum(['draft', 'signed']),
  content: ChartContent,
  signedAt: Instant.nullable(),
  signedBy: z.string().nullable(),
  /** An amendment points at the signed entry it corrects, and says what changed. */
  amendsChartId: Id.nullable(),
  amendmentReason: z.string().nullable(),
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Chart = z.infer<typeof Chart>;

export const Photo = z.object({
  id: Id,
  patientId: Id,
  appointmentId: Id,
  appointmentDate: z.string(),
  label: z.enum(['before', 'after', 'progress']),
  area: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  takenAt: Instant,
});
export type Photo = z.infer<typeof Photo>;

const MAX_PHOTO_BASE64 = 14_000_000; // ≈ 10 MB of image

export const charts = {
  'charts.forAppointment': method({
    summary: 'The chart entries of one visit (original, amendments); every view is audited.',
    input: z.strictObject({ appointmentId: Id }),
    output: z.object({ template: z.enum(chartTemplates), charts: z.array(Chart) }),
    permission: 'clinical.read',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'charts.forPatient': method({
    summary: 'A patient’s chart history, newest first; every view is audited.',
    input: z.strictObject({ patientId: Id }),
    output: z.array(Chart),
    permission: 'clinical.read',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'charts.saveDraft': method({
    summary: 'Write or change the draft note of a visit (a signed note cannot change).',
    input: z.strictObject({ appointmentId: Id, chartId: Id.optional(), content: ChartContent }),
    output: z.object({ id: Id }),
    permission: 'clinical.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'charts.sign': method({
    summary: 'Sign and lock a draft; it can never change again.',
    input: z.strictObject({ chartId: Id }),
    output: Ok,
    permission: 'clinical.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'charts.amend': method({
    summary: 'Correct a signed note: a new, signed entry that records what changed and why; the original is kept.',
    input: z.strictObject({ chartId: Id, content: ChartContent, reason: MultiLineText.min(3).max(500) }),
    output: z.object({ id: Id, changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) }),
    permission: 'clinical.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'conflict'],
  }),
  'charts.lots': method({
    summary: 'Unexpired lots in stock whose product starts with the typed name, first-expiring first, to pick instead of typing.',
    input: z.strictObject({ product: OneLineText.max(120).optional() }),
    output: z.array(z.object({ product: z.string(), lot: z.string(), expiry: z.string(), unit: z.string(), onHand: z.number().int() })),
    permission: 'clinical.read',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'photos.add': method({
    summary: 'Attach a before/after photo to a visit (stored as a file in the data folder).',
    input: z.strictObject({
      appointmentId: Id,
      label: z.enum(['before', 'after', 'progress']),
      area: OneLineText.max(60).default(''),
      mimeType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
      dataBase64: z.string().min(16).max(MAX_PHOTO_BASE64).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Base64 image data'),
    }),
    output: z.object({ id: Id }),
    permission: 'clinical.write',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
  'photos.list': method({
    summary: 'A patient’s photos, grouped by visit in the UI.',
    input: z.strictObject({ patientId: Id }),
    output: z.array(Photo),
    permission: 'clinical.read',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'photos.get': method({
    summary: 'One photo as a data URL (every view is audited).',
    input: z.strictObject({ id: Id }),
    output: z.object({ id: Id, dataUrl: z.string() }),
    permission: 'clinical.read',
    transaction: 'write',
    errors: ['invalid_input', 'not_found'],
  }),
} as const;
