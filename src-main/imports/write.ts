import { fold } from '../../src-shared/text';
import { cached, flag } from '../core/db';
import type { HandlerContext } from '../core/registry';
import type { PatientTable } from '../core/schema';
import { addPointsEntry } from '../loyalty/index';
import { nextPatientNumber, phoneReversedOf, searchTokensOf, sortNameOf, writeSearchTokens } from '../patients/index';
import { addStoredValueEntry } from '../prepaid/index';
import type { Journal } from './journal';
import type { RowValues } from './values';

/** What the writers of one batch share: the call, the journal, the note on ledger entries, names already looked up. */
export interface Writer {
  ctx: HandlerContext;
  journal: Journal;
  note: string;
  sources: Map<string, number>;
  tags: Map<string, number>;
}

export interface PatientRef {
  id: number;
  number: string;
  name: string;
}

/** The colour of a tag an import creates (a person recolours it in Settings). */
const IMPORTED_TAG_COLOR = '#64748b';
/** An allergy from a system that did not record severity is treated as severe until a clinician reviews it. */
const UNKNOWN_SEVERITY = { reaction: 'Severity not recorded in the old system', severity: 'severe' } as const;

const PHONES = [
  ['mobilePhone', 'Mobile phone'],
  ['homePhone', 'Home phone'],
  ['workPhone', 'Work phone'],
] as const;

/** The best phone (mobile first, for reminders) and the others as lines for the notes, so none is lost. */
function phonesOf(v: RowValues): { phone: string | null; others: string[] } {
  const present = PHONES.filter(([key]) => v.text(key)).map(([key, label]) => ({ number: v.text(key)!, label }));
  const phone = present[0]?.number ?? null;
  return { phone, others: present.slice(1).filter((p) => p.number !== phone).map((p) => `${p.label}: ${p.number}`) };
}

function referralSourceId(w: Writer, name: string | undefined): number | null {
  if (!name) return null;
  const folded = fold(name);
  const known = w.sources.get(folded);
  if (known) return known;
  const row = cached(w.ctx.sqlite, 'SELECT id FROM referralSource WHERE name = ?').get(name) as { id: number } | undefined;
  let id = row?.id;
  if (id === undefined) {
    id = w.ctx.newId('referralSource');
    cached(w.ctx.sqlite, "INSERT INTO referralSource (id, name, channel, monthlyCostCents, active) VALUES (?, ?, 'other', 0, 1)").run(id, name);
    w.journal.created('referralSource', { id });
  }
  w.sources.set(folded, id);
  return id;
}

function tagId(w: Writer, name: string): number {
  const folded = fold(name);
  const known = w.tags.get(folded);
  if (known) return known;
  const row = cached(w.ctx.sqlite, 'SELECT id FROM tag WHERE name = ?').get(name) as { id: number } | undefined;
  let id = row?.id;
  if (id === undefined) {
    id = w.ctx.newId('tag');
    cached(w.ctx.sqlite, 'INSERT INTO tag (id, name, color) VALUES (?, ?, ?)').run(id, name, IMPORTED_TAG_COLOR);
    w.journal.created('tag', { id });
  }
  w.tags.set(folded, id);
  return id;
}

function deceasedReason(v: RowValues): string | null {
  const deceased = v.deceased('deceased');
  return deceased ? `Deceased${deceased.on ? ` ${deceased.on}` : ''}` : null;
}

/** A new patient from a row, with everything the row carries (tags, consents, clinical details, balances). */
export async function createPatient(w: Writer, v: RowValues): Promise<PatientRef> {
  const { ctx } = w;
  const at = ctx.now.toISOString();
  const firstName = v.text('firstName')!;
  const lastName = v.text('lastName')!;
  const { phone, others } = phonesOf(v);
  const archiveReason = deceasedReason(v);
  const id = ctx.newId('patient');
  const number = nextPatientNumber(ctx);
  const row: PatientTable = {
    id,
    number,
    firstName,
    lastName,
    preferredName: v.text('preferredName') ?? null,
    dateOfBirth: v.text('dateOfBirth') ?? null,
    gender: v.sex('gender') ?? null,
    phone,
    phoneReversed: phoneReversedOf(phone),
    email: v.text('email') ?? null,
    addressLine1: v.text('addressLine1') ?? '',
    addressLine2: v.text('addressLine2') ?? '',
    city: v.text('city') ?? '',
    region: v.text('region') ?? '',
    postalCode: v.text('postalCode') ?? '',
    country: v.text('country')?.toUpperCase() ?? ctx.clinic().country,
    referralSourceId: referralSourceId(w, v.text('referralSource')),
    referredByPatientId: null,
    doNotContact: 0,
    emergencyContactName: null,
    emergencyContactPhone: null,
    photoConsent: 0,
    photoConsentAt: null,
    notes: [v.text('notes'), ...others].filter(Boolean).join('\n'),
    allergyAlert: 0,
    sortName: sortNameOf(firstName, lastName),
    archivedAt: archiveReason ? at : null,
    archiveReason,
    mergedIntoId: null,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.db.insertInto('patient').values(row).execute();
  w.journal.created('patient', { id });
  await writeSearchTokens(ctx.db, id, searchTokensOf(row), archiveReason !== null);
  await addDetails(w, id, v, true);
  return { id, number, name: `${firstName} ${lastName}` };
}

/**
 * Merges a row into an existing patient: fills only what the record leaves empty (never overwrites what the clinic
 * typed), appends notes, adds tags, clinical details and balances. Undo restores the record as it was.
 */
export async function mergeIntoPatient(w: Writer, patientId: number, v: RowValues): Promise<void> {
  const { ctx } = w;
  const before = await ctx.db.selectFrom('patient').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
  const { phone, others } = phonesOf(v);
  const patch: Partial<PatientTable> = {};
  const fill = <K extends 'preferredName' | 'dateOfBirth' | 'gender' | 'email'>(key: K, value: string | undefined) => {
    if (value && !before[key]) patch[key] = value;
  };
  fill('preferredName', v.text('preferredName'));
  fill('dateOfBirth', v.text('dateOfBirth'));
  fill('gender', v.sex('gender'));
  fill('email', v.text('email'));
  if (phone && !before.phone) Object.assign(patch, { phone, phoneReversed: phoneReversedOf(phone) });
  if (!before.addressLine1 && !before.city && !before.postalCode && (v.text('addressLine1') || v.text('city') || v.text('postalCode'))) {
    Object.assign(patch, {
      addressLine1: v.text('addressLine1') ?? '',
      addressLine2: v.text('addressLine2') ?? '',
      city: v.text('city') ?? '',
      region: v.text('region') ?? '',
      postalCode: v.text('postalCode') ?? '',
      country: v.text('country')?.toUpperCase() ?? before.country,
    });
  }
  if (!before.referralSourceId && v.text('referralSource')) patch.referralSourceId = referralSourceId(w, v.text('referralSource'));
  const extraNotes = [v.text('notes'), ...others].filter((line): line is string => !!line && !before.notes.includes(line));
  if (extraNotes.length) patch.notes = [before.notes, ...extraNotes].filter(Boolean).join('\n');
  const archiveReason = deceasedReason(v);
  if (archiveReason && !before.archivedAt) Object.assign(patch, { archivedAt: ctx.now.toISOString(), archiveReason });
  if (Object.keys(patch).length) {
    w.journal.changing('patient', { id: patientId }, before);
    await ctx.db.updateTable('patient').set({ ...patch, updatedAt: ctx.now.toISOString() }).where('id', '=', patientId).execute();
    const after = { ...before, ...patch };
    await writeSearchTokens(ctx.db, patientId, searchTokensOf(after), after.archivedAt !== null);
  }
  await addDetails(w, patientId, v, false);
}

/** Tags, marketing consents (a consent Lumen already holds is newer than the file's), clinical details, balances. */
async function addDetails(w: Writer, patientId: number, v: RowValues, isNew: boolean): Promise<void> {
  const { ctx } = w;
  for (const name of v.list('tags')) {
    const tag = tagId(w, name);
    if (cached(ctx.sqlite, 'INSERT OR IGNORE INTO patientTag (patientId, tagId) VALUES (?, ?)').run(patientId, tag).changes) w.journal.created('patientTag', { patientId, tagId: tag });
  }
  for (const [key, channel] of [
    ['emailMarketing', 'email'],
    ['smsMarketing', 'sms'],
  ] as const) {
    const granted = v.flag(key);
    if (granted === undefined) continue;
    const inserted = cached(ctx.sqlite, "INSERT OR IGNORE INTO patientConsent (patientId, channel, granted, source, recordedAt, recordedBy) VALUES (?, ?, ?, 'import', ?, ?)")
      .run(patientId, channel, flag(granted), ctx.now.toISOString(), ctx.session?.staffId ?? null);
    if (inserted.changes) w.journal.created('patientConsent', { patientId, channel });
  }
  await addClinical(w, patientId, v, isNew);
  await addBalances(w, patientId, v);
}

function uniteBy<T>(existing: T[], added: T[], keyOf: (item: T) => string): T[] {
  const united = [...existing];
  const keys = new Set(existing.map(keyOf));
  for (const item of added) {
    if (keys.has(keyOf(item))) continue;
    keys.add(keyOf(item));
    united.push(item);
  }
  return united;
}

/** Allergies, medications and conditions united with what the record holds (never dropped), and the allergy alert set. */
export async function addClinical(w: Writer, patientId: number, v: RowValues, isNew: boolean): Promise<void> {
  const allergies = v.list('allergies');
  const medications = v.list('medications');
  const alerts = v.list('alerts');
  if (!allergies.length && !medications.length && !alerts.length) return;
  const { ctx } = w;
  const at = ctx.now.toISOString();
  const before = isNew ? undefined : await ctx.db.selectFrom('patientClinical').selectAll().where('patientId', '=', patientId).executeTakeFirst();
  const united = {
    allergies: uniteBy<{ substance: string }>(JSON.parse(before?.allergies ?? '[]'), allergies.map((substance) => ({ substance, ...UNKNOWN_SEVERITY })), (a) => fold(a.substance)),
    medications: uniteBy<{ name: string }>(JSON.parse(before?.medications ?? '[]'), medications.map((name) => ({ name, dose: '' })), (m) => fold(m.name)),
    contraindications: uniteBy<string>(JSON.parse(before?.contraindications ?? '[]'), alerts, fold),
  };
  const columns = {
    allergies: JSON.stringify(united.allergies),
    medications: JSON.stringify(united.medications),
    contraindications: JSON.stringify(united.contraindications),
    updatedAt: at,
    updatedBy: ctx.session?.staffId ?? null,
  };
  if (before) {
    w.journal.changing('patientClinical', { patientId }, before);
    await ctx.db.updateTable('patientClinical').set(columns).where('patientId', '=', patientId).execute();
  } else {
    await ctx.db.insertInto('patientClinical').values({ patientId, medicalHistory: '', expectationsNote: '', ...columns }).execute();
    w.journal.created('patientClinical', { patientId });
  }
  // Front desk sees only this flag: that there is an allergy to ask about.
  if (united.allergies.length) {
    const patient = await ctx.db.selectFrom('patient').selectAll().where('id', '=', patientId).executeTakeFirstOrThrow();
    if (!patient.allergyAlert) {
      w.journal.changing('patient', { id: patientId }, patient);
      await ctx.db.updateTable('patient').set({ allergyAlert: 1, updatedAt: at }).where('id', '=', patientId).execute();
    }
  }
}

/** Opening balances as entries of their ledgers (an adjustment each), never a counter. */
export async function addBalances(w: Writer, patientId: number, v: RowValues): Promise<void> {
  const cents = v.number('storedValue');
  if (cents) {
    const id = await addStoredValueEntry(w.ctx, patientId, 'adjustment', cents, { note: w.note });
    if (id !== null) w.journal.created('storedValueEntry', { id });
  }
  const points = v.number('loyaltyPoints');
  if (points) {
    const id = addPointsEntry(w.ctx, { patientId, kind: 'adjustment', points, note: w.note });
    if (id !== null) w.journal.created('pointsEntry', { id });
  }
}
