import type { Generated } from 'kysely';

/** Column types of every table, as SQLite stores them (booleans are 0/1, instants ISO-8601 UTC text, money integer cents). */
export interface Database {
  clinic: ClinicTable;
  openingHours: OpeningHoursTable;
  taxRate: TaxRateTable;
  staff: StaffTable;
  rolePermission: { role: string; permission: string };
  serviceCategory: ServiceCategoryTable;
  service: ServiceTable;
  referralSource: ReferralSourceTable;
  patient: PatientTable;
  patientSearch: { token: string; patientId: number; archived: Flag };
  patientClinical: PatientClinicalTable;
  patientConsent: PatientConsentTable;
  tag: { id: Generated<number>; name: string; color: string };
  patientTag: { patientId: number; tagId: number };
  audit: AuditTable;
  schedulerJob: SchedulerJobTable;
}

type Flag = 0 | 1;

export interface ClinicTable {
  id: number;
  name: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
  email: string;
  timeZone: string;
  currency: string;
  idleLockMinutes: number;
  leadToConsultRateBp: number;
  consultToTreatmentRateBp: number;
  weeklySalesTargetCents: number;
  backupFolder: string;
  backupKeepDaily: number;
  backupKeepWeekly: number;
  isDemo: Flag;
  createdAt: string;
  updatedAt: string;
}

export interface OpeningHoursTable {
  id: Generated<number>;
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface TaxRateTable {
  id: Generated<number>;
  name: string;
  rateMillipercent: number;
  isDefault: Flag;
  active: Flag;
}

export interface StaffTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  title: string;
  role: 'owner' | 'manager' | 'practitioner' | 'frontDesk';
  passwordHash: string;
  passwordChangedAt: string;
  failedLogins: number;
  lockedUntil: string | null;
  active: Flag;
  createdAt: string;
  updatedAt: string;
}

export interface ServiceCategoryTable {
  id: Generated<number>;
  name: string;
  color: string;
  maintenanceIntervalDays: number | null;
  averageSaleCents: number;
  active: Flag;
  sortOrder: number;
}

export interface ServiceTable {
  id: Generated<number>;
  categoryId: number;
  name: string;
  kind: 'consult' | 'treatment' | 'product' | 'package';
  priceCents: number;
  durationMinutes: number;
  taxable: Flag;
  active: Flag;
  intervalOverrideDays: number | null;
}

export interface ReferralSourceTable {
  id: Generated<number>;
  name: string;
  channel: string;
  monthlyCostCents: number;
  active: Flag;
}

export interface PatientTable {
  id: Generated<number>;
  number: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  gender: string | null;
  phone: string | null;
  phoneReversed: string | null;
  email: string | null;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  referralSourceId: number | null;
  referredByPatientId: number | null;
  doNotContact: Flag;
  emergencyContactName: string | null;
  emergencyContactPhone: string | null;
  photoConsent: Flag;
  photoConsentAt: string | null;
  notes: string;
  allergyAlert: Flag;
  sortName: string;
  archivedAt: string | null;
  archiveReason: string | null;
  mergedIntoId: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface PatientClinicalTable {
  patientId: number;
  allergies: string;
  medications: string;
  medicalHistory: string;
  contraindications: string;
  expectationsNote: string;
  updatedAt: string;
  updatedBy: number | null;
}

export interface PatientConsentTable {
  patientId: number;
  channel: string;
  granted: Flag;
  source: string;
  recordedAt: string;
  recordedBy: number | null;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  staffId: number | null;
  staffName: string;
  action: string;
  entity: string;
  entityId: string | null;
  summary: string;
  details: string;
  prevHash: string;
  hash: string;
}

export interface SchedulerJobTable {
  name: string;
  enabled: Flag;
  lastRunAt: string | null;
  lastOutcome: 'ok' | 'failed' | null;
  lastMessage: string | null;
  nextRunAt: string | null;
}
