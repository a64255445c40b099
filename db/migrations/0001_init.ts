import type { MigrationContext } from './context';

/** The clinic's data core: settings, staff, catalog, patients, clinical record, audit log, scheduler. */
export function up({ exec }: MigrationContext): void {
  exec(`
    CREATE TABLE clinic (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      addressLine1 TEXT NOT NULL DEFAULT '', addressLine2 TEXT NOT NULL DEFAULT '',
      city TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '', postalCode TEXT NOT NULL DEFAULT '',
      country TEXT NOT NULL,
      phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',
      timeZone TEXT NOT NULL,
      currency TEXT NOT NULL,
      idleLockMinutes INTEGER NOT NULL DEFAULT 10,
      leadToConsultRateBp INTEGER NOT NULL DEFAULT 4000,
      consultToTreatmentRateBp INTEGER NOT NULL DEFAULT 6000,
      weeklySalesTargetCents INTEGER NOT NULL DEFAULT 0,
      backupFolder TEXT NOT NULL DEFAULT '',
      backupKeepDaily INTEGER NOT NULL DEFAULT 7,
      backupKeepWeekly INTEGER NOT NULL DEFAULT 4,
      isDemo INTEGER NOT NULL DEFAULT 0,
      createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
    ) STRICT;

    CREATE TABLE openingHours (
      id INTEGER PRIMARY KEY,
      weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      opensAt TEXT NOT NULL, closesAt TEXT NOT NULL,
      CHECK (opensAt < closesAt)
    ) STRICT;

    CREATE TABLE taxRate (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      rateMillipercent INTEGER NOT NULL CHECK (rateMillipercent BETWEEN 0 AND 100000),
      isDefault INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE staff (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL UNIQUE,
      displayName TEXT NOT NULL,
      title TEXT NOT NULL DEFAULT '',
      role TEXT NOT NULL CHECK (role IN ('owner','manager','practitioner','frontDesk')),
      passwordHash TEXT NOT NULL,
      passwordChangedAt TEXT NOT NULL,
      failedLogins INTEGER NOT NULL DEFAULT 0,
      lockedUntil TEXT,
      active INTEGER NOT NULL DEFAULT 1,
      createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
    ) STRICT;

    CREATE TABLE rolePermission (
      role TEXT NOT NULL,
      permission TEXT NOT NULL,
      PRIMARY KEY (role, permission)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE serviceCategory (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      color TEXT NOT NULL,
      maintenanceIntervalDays INTEGER,
      averageSaleCents INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1,
      sortOrder INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE service (
      id INTEGER PRIMARY KEY,
      categoryId INTEGER NOT NULL REFERENCES serviceCategory(id),
      name TEXT NOT NULL COLLATE NOCASE,
      kind TEXT NOT NULL CHECK (kind IN ('consult','treatment','product','package')),
      priceCents INTEGER NOT NULL CHECK (priceCents >= 0),
      durationMinutes INTEGER NOT NULL DEFAULT 0,
      taxable INTEGER NOT NULL DEFAULT 1,
      active INTEGER NOT NULL DEFAULT 1,
      intervalOverrideDays INTEGER,
      UNIQUE (categoryId, name)
    ) STRICT;
    CREATE INDEX service_category ON service(categoryId);

    CREATE TABLE referralSource (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      channel TEXT NOT NULL,
      monthlyCostCents INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE patient (
      id INTEGER PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      firstName TEXT NOT NULL,
      lastName TEXT NOT NULL,
      preferredName TEXT,
      dateOfBirth TEXT,
      gender TEXT,
      phone TEXT,
      phoneReversed TEXT,
      email TEXT,
      addressLine1 TEXT NOT NULL DEFAULT '', addressLine2 TEXT NOT NULL DEFAULT '',
      city TEXT NOT NULL DEFAULT '', region TEXT NOT NULL DEFAULT '', postalCode TEXT NOT NULL DEFAULT '',
      country TEXT NOT NULL DEFAULT '',
      referralSourceId INTEGER REFERENCES referralSource(id),
      referredByPatientId INTEGER REFERENCES patient(id),
      doNotContact INTEGER NOT NULL DEFAULT 0,
      emergencyContactName TEXT,
      emergencyContactPhone TEXT,
      photoConsent INTEGER NOT NULL DEFAULT 0,
      photoConsentAt TEXT,
      notes TEXT NOT NULL DEFAULT '',
      allergyAlert INTEGER NOT NULL DEFAULT 0,
      sortName TEXT NOT NULL,
      archivedAt TEXT,
      archiveReason TEXT,
      mergedIntoId INTEGER REFERENCES patient(id),
      createdAt TEXT NOT NULL, updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE INDEX patient_sortName ON patient(sortName, id) WHERE mergedIntoId IS NULL;
    CREATE INDEX patient_active_sortName ON patient(sortName, id) WHERE archivedAt IS NULL;
    CREATE INDEX patient_phoneReversed ON patient(phoneReversed) WHERE phoneReversed IS NOT NULL;
    CREATE INDEX patient_email ON patient(email) WHERE email IS NOT NULL;
    CREATE INDEX patient_dateOfBirth ON patient(dateOfBirth) WHERE dateOfBirth IS NOT NULL;
    CREATE INDEX patient_referredBy ON patient(referredByPatientId) WHERE referredByPatientId IS NOT NULL;
    CREATE INDEX patient_referralSource ON patient(referralSourceId);
    CREATE INDEX patient_createdAt ON patient(createdAt, id);

    -- Folded name words (first, last, preferred) for accent- and case-insensitive prefix search.
    CREATE TABLE patientSearch (
      token TEXT NOT NULL,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      archived INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (token, patientId)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX patientSearch_patient ON patientSearch(patientId, token);

    CREATE TABLE patientClinical (
      patientId INTEGER PRIMARY KEY REFERENCES patient(id),
      allergies TEXT NOT NULL DEFAULT '[]',
      medications TEXT NOT NULL DEFAULT '[]',
      medicalHistory TEXT NOT NULL DEFAULT '',
      contraindications TEXT NOT NULL DEFAULT '[]',
      expectationsNote TEXT NOT NULL DEFAULT '',
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;

    CREATE TABLE patientConsent (
      patientId INTEGER NOT NULL REFERENCES patient(id),
      channel TEXT NOT NULL CHECK (channel IN ('email','sms','phone','mail')),
      granted INTEGER NOT NULL,
      source TEXT NOT NULL,
      recordedAt TEXT NOT NULL,
      recordedBy INTEGER REFERENCES staff(id),
      PRIMARY KEY (patientId, channel)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE tag (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      color TEXT NOT NULL
    ) STRICT;

    CREATE TABLE patientTag (
      patientId INTEGER NOT NULL REFERENCES patient(id),
      tagId INTEGER NOT NULL REFERENCES tag(id),
      PRIMARY KEY (patientId, tagId)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX patientTag_tag ON patientTag(tagId, patientId);

    CREATE TABLE audit (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      staffId INTEGER,
      staffName TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entityId TEXT,
      summary TEXT NOT NULL,
      details TEXT NOT NULL,
      prevHash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_at ON audit(at);
    CREATE INDEX audit_entity ON audit(entity, entityId);
    CREATE INDEX audit_staff ON audit(staffId, id);
    CREATE INDEX audit_action ON audit(action, id);
    -- Append-only: the chain of hashes finds tampering, these triggers stop the casual kind.
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

    CREATE TABLE schedulerJob (
      name TEXT PRIMARY KEY,
      enabled INTEGER NOT NULL DEFAULT 1,
      lastRunAt TEXT,
      lastOutcome TEXT,
      lastMessage TEXT,
      nextRunAt TEXT
    ) STRICT;
  `);
}
