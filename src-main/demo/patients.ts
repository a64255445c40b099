import type { consentChannels, consentSources, genders } from '../../src-shared/contract/patients';
import { fold } from '../../src-shared/text';
import { formatPatientNumber, phoneReversedOf, searchTokensOf, sortNameOf } from '../patients/index';
import type { DemoCatalog, ReferralSourceName, TagName } from './catalog';
import type { DemoStaffIds } from './clinic';
import type { DemoContext } from './context';
import * as medical from './medical';
import {
  archiveReasons,
  commonLastNames,
  emailDomains,
  femaleFirstNames,
  maleFirstNames,
  nameVariants,
  nicknames,
  otherLastNames,
  patientNotes,
  places,
  type Place,
  streets,
  typoDomains,
} from './names';
import { type Random, WeightedTable } from './random';

const DAY_MS = 86_400_000;

/** What later patients may copy from an earlier one (households, referrals, duplicate registrations). */
interface PersonRef {
  firstName: string;
  lastName: string;
  gender: (typeof genders)[number] | null;
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
  address: Address;
}

interface Address {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

const NO_ADDRESS: Address = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' };

const lastNames = new WeightedTable([...commonLastNames.map((n) => [n, 3] as const), ...otherLastNames.map((n) => [n, 1] as const)]);
const placeTable = new WeightedTable(places.map((p) => [p, p.weight] as const));
const domainTable = new WeightedTable(emailDomains);
const genderTable = new WeightedTable<PersonRef['gender']>([
  ['female', 85],
  ['male', 13],
  ['nonBinary', 0.8],
  [null, 1.2],
]);
/** Age bands of a med spa's clientele: most between 30 and 55. */
const ageBands = new WeightedTable<readonly [number, number]>([
  [[20, 29], 20],
  [[30, 39], 30],
  [[40, 49], 25],
  [[50, 59], 15],
  [[60, 75], 10],
]);
const referralTable = new WeightedTable<ReferralSourceName>([
  ['Google Ads', 20],
  ['Google search / SEO', 16],
  ['Instagram', 18],
  ['Facebook', 7],
  ['TikTok', 5],
  ['Yelp', 6],
  ['RealSelf', 3],
  ['Referral program', 6],
  ['Walk-in', 7],
  ['Local magazine', 4],
  ['Events & pop-ups', 4],
  ['Other', 4],
]);
const consentSourceTable = new WeightedTable<(typeof consentSources)[number]>([
  ['form', 60],
  ['online', 25],
  ['verbal', 10],
  ['import', 5],
]);
const tagOdds: readonly (readonly [TagName, number])[] = [
  ['VIP', 0.03],
  ['Prefers texts', 0.12],
  ['Needs interpreter', 0.02],
  ['Membership interest', 0.05],
  ['Sensitive skin', 0.06],
  ['Staff family', 0.003],
];

/** ASCII letters for an email address ("Ødegaard" → "odegaard", "O'Brien" → "obrien"). */
function emailWord(name: string): string {
  return fold(name)
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/đ/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]/g, '');
}

function withoutAccents(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** A US number in E.164: area code, then a 7-digit subscriber number not starting with 0 or 1 (nor the fictional 555). */
function phoneNumber(rng: Random, areaCodes: readonly string[]): string {
  let exchange = rng.int(201, 999);
  if (exchange === 555) exchange = 556;
  return `+1${rng.pick(areaCodes)}${exchange}${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface PatientOptions {
  count: number;
  chunkSize: number;
  onProgress?(done: number, total: number): void;
}

/**
 * Writes the patients and everything hanging off them (search tokens, clinical record, consents, tags),
 * in transactions of `chunkSize` patients, yielding between chunks so the caller can show progress.
 * Ids are assigned here (1…count, in order of registration) so later patients can point at earlier ones.
 */
export async function writePatients(ctx: DemoContext, staff: DemoStaffIds, catalog: DemoCatalog, options: PatientOptions): Promise<void> {
  const { sqlite } = ctx;
  const rng = ctx.random('patients');
  const registeredAt = registrationTimes(ctx, rng, options.count);
  const nowMs = ctx.now.getTime();
  const nycAreaCodes = places[0].areaCodes;

  const insertPatient = sqlite.prepare(
    `INSERT INTO patient (id, number, firstName, lastName, preferredName, dateOfBirth, gender, phone, phoneReversed, email,
       addressLine1, addressLine2, city, region, postalCode, country, referralSourceId, referredByPatientId, doNotContact,
       emergencyContactName, emergencyContactPhone, photoConsent, photoConsentAt, notes, allergyAlert, sortName,
       archivedAt, archiveReason, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertToken = sqlite.prepare('INSERT OR IGNORE INTO patientSearch (token, patientId, archived) VALUES (?, ?, ?)');
  const insertClinical = sqlite.prepare(
    `INSERT INTO patientClinical (patientId, allergies, medications, medicalHistory, contraindications, expectationsNote, updatedAt, updatedBy)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertConsent = sqlite.prepare('INSERT INTO patientConsent (patientId, channel, granted, source, recordedAt, recordedBy) VALUES (?, ?, ?, ?, ?, ?)');
  const insertTag = sqlite.prepare('INSERT INTO patientTag (patientId, tagId) VALUES (?, ?)');

  const people: PersonRef[] = [];
  const usedEmails = new Set<string>();
  const usedPhones = new Set<string>();

  const freshPhone = (areaCodes: readonly string[]): string => {
    let phone = phoneNumber(rng, areaCodes);
    while (usedPhones.has(phone)) phone = phoneNumber(rng, areaCodes);
    usedPhones.add(phone);
    return phone;
  };

  const freshEmail = (firstName: string, lastName: string): string => {
    const first = emailWord(firstName) || 'patient';
    const last = emailWord(lastName) || 'nyc';
    const local = rng.weighted([
      [`${first}.${last}`, 4],
      [`${first}${last}`, 2],
      [`${first[0]}${last}`, 2],
      [`${first}.${last}${rng.int(1, 99)}`, 2],
      [`${first}${rng.int(1970, 2005)}`, 1],
    ] as const);
    const domain = domainTable.draw(rng);
    let email = `${local}@${domain}`;
    for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
    usedEmails.add(email);
    return email;
  };

  const newPerson = (): PersonRef => {
    const gender = genderTable.draw(rng);
    const female = gender === 'female' || (gender !== 'male' && rng.chance(0.5));
    const firstName = rng.pick(female ? femaleFirstNames : maleFirstNames);
    const lastName = lastNames.draw(rng);
    const place: Place = placeTable.draw(rng);
    const [minAge, maxAge] = ageBands.draw(rng);
    const dateOfBirth = rng.chance(0.97) ? isoDate(nowMs - (rng.int(minAge, maxAge) * 365.25 + rng.int(1, 364)) * DAY_MS) : null;
    const phone = rng.chance(0.96) ? freshPhone(rng.chance(0.7) ? place.areaCodes : nycAreaCodes) : null;
    const email = rng.chance(0.92) ? freshEmail(firstName, lastName) : null;
    const address: Address = rng.chance(0.85)
      ? {
          line1: `${rng.int(1, 999)} ${rng.pick(streets)}`,
          line2: place.region === 'NY' && rng.chance(0.6) ? `Apt ${rng.int(1, 32)}${rng.pick(['A', 'B', 'C', 'D', 'E', 'F'])}` : '',
          city: place.city,
          region: place.region,
          postalCode: rng.pick(place.zips),
          country: 'US',
        }
      : NO_ADDRESS;
    return { firstName, lastName, gender, dateOfBirth, phone, email, address };
  };

  /** Someone sharing an earlier patient's household: surname, address and family email. */
  const householdMember = (of: PersonRef): PersonRef => {
    const person = newPerson();
    return { ...person, lastName: of.lastName, address: of.address, email: of.email ?? person.email };
  };

  /** The same person registered again: same phone and birth date, the name spelt a little differently. */
  const nearDuplicate = (of: PersonRef): PersonRef => {
    const variant = nameVariants[of.firstName] ?? withoutAccents(of.firstName);
    return { ...of, firstName: variant, lastName: rng.chance(0.5) ? withoutAccents(of.lastName) : of.lastName, email: rng.chance(0.5) ? of.email : null };
  };

  const pickEarlier = (id: number) => people[rng.int(0, id - 2)];

  for (let start = 0; start < options.count; start += options.chunkSize) {
    const end = Math.min(options.count, start + options.chunkSize);
    // A request in flight may hold a transaction on this connection; never nest inside it.
    while (sqlite.inTransaction) await new Promise(setImmediate);
    sqlite.transaction(() => {
      for (let index = start; index < end; index++) {
        const id = index + 1;
        const createdMs = registeredAt[index];
        const createdAt = new Date(createdMs).toISOString();
        const kind = id < 20 ? 'new' : rng.weighted([['new', 988], ['household', 6], ['typo', 1], ['duplicate', 5]] as const);
        let person: PersonRef;
        if (kind === 'household') person = householdMember(pickEarlier(id));
        else if (kind === 'duplicate') person = nearDuplicate(pickEarlier(id));
        else person = newPerson();
        if (kind === 'typo' && person.email) person = { ...person, email: person.email.replace(/@.*$/, `@${rng.pick(typoDomains)}`) };
        people.push(person);

        const preferredName = nicknames[person.firstName] && rng.chance(0.35) ? rng.pick(nicknames[person.firstName]) : null;
        const referredBy = id > 50 && rng.chance(0.08) ? rng.int(1, id - 1) : null;
        const referralSourceId = referredBy ? catalog.referralSourceIds['Referral program'] : rng.chance(0.9) ? catalog.referralSourceIds[referralTable.draw(rng)] : null;
        const doNotContact = rng.chance(0.01) ? 1 : 0;
        const emergency = rng.chance(0.35)
          ? { name: `${rng.pick(rng.chance(0.5) ? maleFirstNames : femaleFirstNames)} ${rng.chance(0.6) ? person.lastName : lastNames.draw(rng)}`, phone: phoneNumber(rng, nycAreaCodes) }
          : null;
        const photoConsent = rng.chance(0.55) ? 1 : 0;
        const notes = rng.chance(0.08) ? rng.pick(patientNotes) : '';
        const archived = rng.chance(0.03);
        const archivedAt = archived ? new Date(createdMs + rng.next() * (nowMs - createdMs)).toISOString() : null;
        const updatedAt = archivedAt ?? (rng.chance(0.4) ? new Date(createdMs + rng.next() * (nowMs - createdMs)).toISOString() : createdAt);
        const clinical = rng.chance(0.6) ? clinicalRecord(rng, staff, createdMs, nowMs) : null;
        const allergyAlert = clinical && clinical.allergies !== '[]' ? 1 : 0;

        insertPatient.run(
          id,
          formatPatientNumber(id),
          person.firstName,
          person.lastName,
          preferredName,
          person.dateOfBirth,
          person.gender,
          person.phone,
          phoneReversedOf(person.phone),
          person.email,
          person.address.line1,
          person.address.line2,
          person.address.city,
          person.address.region,
          person.address.postalCode,
          person.address.country,
          referralSourceId,
          referredBy,
          doNotContact,
          emergency?.name ?? null,
          emergency?.phone ?? null,
          photoConsent,
          photoConsent ? createdAt : null,
          notes,
          allergyAlert,
          sortNameOf(person.firstName, person.lastName),
          archivedAt,
          archived ? rng.pick(archiveReasons) : null,
          createdAt,
          updatedAt,
        );
        for (const token of searchTokensOf({ firstName: person.firstName, lastName: person.lastName, preferredName })) insertToken.run(token, id, archived ? 1 : 0);
        if (clinical) {
          insertClinical.run(id, clinical.allergies, clinical.medications, clinical.medicalHistory, clinical.contraindications, clinical.expectationsNote, clinical.updatedAt, clinical.updatedBy);
        }
        for (const consent of consents(rng, person, doNotContact === 1, staff)) {
          insertConsent.run(id, consent.channel, consent.granted, consent.source, createdAt, consent.recordedBy);
        }
        for (const [tag, odds] of tagOdds) if (rng.chance(odds)) insertTag.run(id, catalog.tagIds[tag]);
        if (person.gender === 'female' && person.dateOfBirth && person.dateOfBirth > isoDate(nowMs - 40 * 365.25 * DAY_MS) && rng.chance(0.03)) {
          insertTag.run(id, catalog.tagIds['Bridal 2027']);
        }
      }
    })();
    options.onProgress?.(end, options.count);
    await new Promise(setImmediate);
  }
}

/**
 * When each patient registered, oldest first: the clinic opens with a launch campaign and keeps growing, so
 * the density rises linearly from a floor towards now (density ∝ FLOOR + x, inverted). Times fall in the
 * clinic's day, as a desk would record them.
 */
/** New registrations in the first month, relative to the growth since: under a third of the latest rate at the start. */
const REGISTRATION_FLOOR = 0.4;

function registrationTimes(ctx: DemoContext, rng: Random, count: number): number[] {
  const startMs = ctx.historyStart.getTime();
  const nowMs = ctx.now.getTime();
  const days = Math.max(1, Math.floor((nowMs - startMs) / DAY_MS));
  const times: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const x = Math.sqrt(REGISTRATION_FLOOR ** 2 + (2 * REGISTRATION_FLOOR + 1) * rng.next()) - REGISTRATION_FLOOR;
    const day = Math.min(days - 1, Math.floor(x * days));
    // 14:00–23:00 UTC is 9:00/10:00 to 18:00/19:00 in New York; close enough for registration stamps.
    const ms = startMs + day * DAY_MS - (startMs % DAY_MS) + (14 * 60 + rng.int(0, 540)) * 60_000;
    times[i] = Math.max(startMs, Math.min(ms, nowMs - rng.int(1, 3600) * 1000));
  }
  return times.sort((a, b) => a - b);
}

interface ClinicalRow {
  allergies: string;
  medications: string;
  medicalHistory: string;
  contraindications: string;
  expectationsNote: string;
  updatedAt: string;
  updatedBy: number;
}

/** A quarter of recorded histories list allergies (≈15% of all patients, as intake forms in med spas do). */
function clinicalRecord(rng: Random, staff: DemoStaffIds, createdMs: number, nowMs: number): ClinicalRow {
  const allergyCount = rng.chance(0.25) ? rng.weighted([[1, 70], [2, 25], [3, 5]] as const) : 0;
  const medicationCount = rng.weighted([[0, 50], [1, 30], [2, 15], [3, 5]] as const);
  const contraindicationCount = rng.weighted([[0, 75], [1, 20], [2, 5]] as const);
  return {
    allergies: JSON.stringify(rng.sample(medical.allergies, allergyCount)),
    medications: JSON.stringify(rng.sample(medical.medications, medicationCount)),
    medicalHistory: rng.pick(medical.medicalHistories),
    contraindications: JSON.stringify(rng.sample(medical.contraindications, contraindicationCount)),
    expectationsNote: rng.pick(medical.expectationsNotes),
    updatedAt: new Date(Math.min(nowMs, createdMs + rng.int(0, 30) * DAY_MS)).toISOString(),
    updatedBy: rng.pick(staff.clinicians),
  };
}

interface ConsentRow {
  channel: (typeof consentChannels)[number];
  granted: 0 | 1;
  source: (typeof consentSources)[number];
  recordedBy: number | null;
}

/** Consent recorded at registration for the channels the patient gave details for; do-not-contact refuses all. */
function consents(rng: Random, person: PersonRef, doNotContact: boolean, staff: DemoStaffIds): ConsentRow[] {
  const rows: ConsentRow[] = [];
  const source = consentSourceTable.draw(rng);
  const recordedBy = source === 'online' || source === 'import' ? null : rng.pick(staff.frontDesk);
  const add = (channel: ConsentRow['channel'], odds: number) => rows.push({ channel, granted: !doNotContact && rng.chance(odds) ? 1 : 0, source, recordedBy });
  if (person.email) add('email', 0.78);
  if (person.phone) add('sms', 0.7);
  if (person.phone && rng.chance(0.4)) add('phone', 0.5);
  if (person.address.line1 && rng.chance(0.15)) add('mail', 0.6);
  return rows;
}
