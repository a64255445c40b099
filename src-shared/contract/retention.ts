import { z } from 'zod';
import { method } from './method';
import { CalendarDate, Cents, Id, Instant, MultiLineText, OneLineText } from './common';

/** How late a maintenance is, in days past its due date. */
export const overdueBands = ['0-30', '31-90', '91-180', '180+'] as const;
export type OverdueBand = (typeof overdueBands)[number];
export const bandLabels: Record<OverdueBand, string> = { '0-30': '0–30 days', '31-90': '31–90 days', '91-180': '91–180 days', '180+': 'Over 180 days' };

export const outreachChannels = ['phone', 'email', 'sms', 'inPerson'] as const;
export const channelLabels: Record<(typeof outreachChannels)[number], string> = { phone: 'Phone', email: 'Email', sms: 'SMS', inPerson: 'In person' };
/** Channels a patient can be contacted on (consent per channel); in person needs none. */
export const contactChannels = ['phone', 'email', 'sms'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export const outreachOutcomes = ['booked', 'callBack', 'notInterested', 'wrongNumber', 'noAnswer', 'leftMessage', 'sent'] as const;
export const outcomeLabels: Record<(typeof outreachOutcomes)[number], string> = {
  booked: 'Booked',
  callBack: 'Call back',
  notInterested: 'Not interested',
  wrongNumber: 'Wrong number',
  noAnswer: 'No answer',
  leftMessage: 'Left message',
  sent: 'Message sent',
};

export const dueSorts = ['daysOverdue', 'patient', 'category', 'provider', 'lastContact', 'lifetimeValue'] as const;

/** Whether a patient may be contacted on a channel, and why not. */
export const Contactable = z.object({ ok: z.boolean(), why: z.string().nullable() });

/** One patient and category whose maintenance is due (soon) or overdue. */
export const DueRow = z.object({
  patientId: Id,
  patientNumber: z.string(),
  patientName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  categoryId: Id,
  categoryName: z.string(),
  lastServiceId: Id.nullable(),
  lastServiceName: z.string().nullable(),
  lastPurchaseDate: CalendarDate,
  dueDate: CalendarDate,
  /** Days past the due date (negative: days until it). */
  daysOverdue: z.number().int(),
  band: z.enum(overdueBands).nullable(),
  /** A future booked or confirmed visit with a service of this category: then it is not a call. */
  scheduled: z.object({ appointmentId: Id, startsAt: Instant }).nullable(),
  lastProviderId: Id.nullable(),
  lastProviderName: z.string().nullable(),
  lastContact: z.object({ at: Instant, channel: z.enum(outreachChannels), outcome: z.enum(outreachOutcomes), callBackOn: CalendarDate.nullable() }).nullable(),
  lifetimeSpentCents: Cents,
  doNotContact: z.boolean(),
  contactable: z.object({ phone: Contactable, email: Contactable, sms: Contactable }),
});
export type DueRow = z.infer<typeof DueRow>;

const Filters = {
  /** Clinic-local date the list is for (default: today in the clinic). */
  asOf: CalendarDate.optional(),
  /** A category id, or its name ("Neurotoxin"). */
  category: z.union([Id, OneLineText.min(1).max(80)]).optional(),
  provider: Id.optional(),
  scheduled: z.enum(['yes', 'no', 'any']).default('any'),
  /** Only patients who may be contacted on this channel. */
  channel: z.enum(contactChannels).optional(),
  /** Part of the patient's name or number. */
  search: OneLineText.max(80).optional(),
  sort: z.enum(dueSorts).default('daysOverdue'),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
  /** csv: every matching row (no paging) as CSV text in `csv`. */
  format: z.enum(['json', 'csv']).default('json'),
};

export const DelinquencyInput = z.strictObject({ ...Filters, bands: z.array(z.enum(overdueBands)).min(1).max(4).optional() });
export type DelinquencyInput = z.input<typeof DelinquencyInput>;
export const DueSoonInput = z.strictObject({ ...Filters, days: z.number().int().min(1).max(365).default(30) });

export const DueList = z.object({ asOf: CalendarDate, total: z.number().int(), rows: z.array(DueRow), csv: z.string().nullable() });

export const OutreachInput = z
  .strictObject({
    patientId: Id,
    /** The categories it was about (their maintenance). */
    categoryIds: z.array(Id).min(1).max(20),
    channel: z.enum(outreachChannels),
    /** Email/SMS: the outreach template the message is drafted from; it is queued in the outbox. */
    templateId: Id.optional(),
    outcome: z.enum(outreachOutcomes),
    callBackOn: CalendarDate.optional(),
    note: MultiLineText.max(2000).default(''),
  })
  .refine((o) => (o.outcome === 'callBack') === (o.callBackOn !== undefined), { message: 'Give the date to call back (and only for a call back).', path: ['callBackOn'] })
  .refine((o) => (o.channel === 'email' || o.channel === 'sms') === (o.templateId !== undefined), { message: 'An email or SMS is drafted from a template; a call or a word at the desk has none.', path: ['templateId'] })
  .refine((o) => (o.outcome === 'sent') === (o.channel === 'email' || o.channel === 'sms'), { message: 'A message’s outcome is “sent”; a call’s is what the patient said.', path: ['outcome'] });
export type OutreachInput = z.input<typeof OutreachInput>;

export const Outreach = z.object({
  id: Id,
  patientId: Id,
  categoryIds: z.array(Id),
  channel: z.enum(outreachChannels),
  templateId: Id.nullable(),
  outcome: z.enum(outreachOutcomes),
  callBackOn: CalendarDate.nullable(),
  note: z.string(),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  at: Instant,
});

export const DraftMessage = z.object({ subject: z.string(), body: z.string(), recipient: z.string().nullable() });

/** The maintenance of one patient, per category bought: for the profile. */
export const MaintenanceRow = z.object({
  categoryId: Id,
  categoryName: z.string(),
  lastServiceName: z.string().nullable(),
  lastPurchaseDate: CalendarDate,
  intervalDays: z.number().int().nullable(),
  dueDate: CalendarDate.nullable(),
  daysOverdue: z.number().int().nullable(),
  purchases: z.number().int(),
  spentCents: Cents,
});

export const CallReason = z.enum(['dueSoon', 'newlyDelinquent', 'callBack']);
export const CallRow = DueRow.extend({ reason: CallReason, note: z.string().nullable() });

export const OutreachResult = z.object({
  channel: z.enum(outreachChannels),
  outcome: z.enum(outreachOutcomes),
  staffId: Id.nullable(),
  staffName: z.string().nullable(),
  outreaches: z.number().int(),
  /** Outreaches followed by a purchase of a category they were about within 90 days (the latest before it). */
  converted: z.number().int(),
  revenueCents: Cents,
});

export const retention = {
  'retention.delinquency': method({
    summary: 'Patients overdue for a category’s maintenance: due date, days overdue and band, scheduled or not, last provider and contact, lifetime spend, consent.',
    input: DelinquencyInput,
    output: DueList,
    permission: 'retention.calls',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'retention.dueSoon': method({
    summary: 'Patients whose maintenance falls due in the next N days (default 30): the repurchase reminder list.',
    input: DueSoonInput,
    output: DueList,
    permission: 'retention.calls',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'retention.calls': method({
    summary: 'This morning’s calls: due in the next 7 days, newly overdue (last 7 days) and call-backs due, each with its reason.',
    input: z.strictObject({ asOf: CalendarDate.optional(), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ asOf: CalendarDate, rows: z.array(CallRow) }),
    permission: 'retention.calls',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
  'retention.draftMessage': method({
    summary: 'An outreach template filled in for a patient and the categories it is about (preferred name, last treatment, provider, due date).',
    input: z.strictObject({ patientId: Id, categoryIds: z.array(Id).min(1).max(20), templateId: Id }),
    output: DraftMessage,
    permission: 'retention.calls',
    transaction: 'read',
    errors: ['invalid_input', 'not_found', 'no_consent'],
  }),
  'retention.logOutreach': method({
    summary: 'Record a call, message or word at the desk about a patient’s maintenance; an email or SMS is drafted from its template and queued in the outbox.',
    input: OutreachInput,
    output: z.object({ outreach: Outreach, message: z.object({ outboxId: Id, status: z.enum(['queued', 'sent', 'failed', 'notSent']), subject: z.string(), body: z.string() }).nullable() }),
    permission: 'retention.calls',
    transaction: 'write',
    errors: ['invalid_input', 'not_found', 'no_consent'],
  }),
  'retention.outreachFor': method({
    summary: 'A patient’s outreach history (newest first) and maintenance due per category.',
    input: z.strictObject({ patientId: Id, asOf: CalendarDate.optional() }),
    output: z.object({ outreach: z.array(Outreach), maintenance: z.array(MaintenanceRow) }),
    permission: 'retention.calls',
    transaction: 'read',
    errors: ['invalid_input', 'not_found'],
  }),
  'retention.outreachResults': method({
    summary: 'Outreach effectiveness over a period (clinic-local dates): per channel, outcome and staff member, outreaches, converted and revenue.',
    input: z.strictObject({ from: CalendarDate, to: CalendarDate }).refine((p) => p.from <= p.to, { message: 'The period ends before it starts.', path: ['to'] }),
    output: z.array(OutreachResult),
    permission: 'retention.results',
    transaction: 'read',
    errors: ['invalid_input'],
  }),
} as const;
