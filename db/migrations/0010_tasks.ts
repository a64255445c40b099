import type { MigrationContext } from './context';

/**
 * Follow-up rules and the task inbox. A rule turns something that happened (a new patient, a no-show, a treatment,
 * a birthday…) into a task for a person or a role. The rules job writes each task once: its `dedupeKey` names the
 * rule, the subject and the occurrence (`rule:12|appt:345|after:24hours`), and is unique. Manual tasks have no key.
 * Tasks are rows: a completion is set once (outcome, note, who, when), never edited afterwards.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    CREATE TABLE followUpRule (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      trigger TEXT NOT NULL CHECK (trigger IN ('newPatient','noShow','visitedNotPaid','packageUnused','storedValueUnused','afterTreatment','satisfaction','dueSoon','birthday')),
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      titleTemplate TEXT NOT NULL,
      -- 'role': anyone of assigneeRole; 'staff': one person; 'provider': the visit's provider, else assigneeRole.
      assigneeKind TEXT NOT NULL CHECK (assigneeKind IN ('role','staff','provider')),
      assigneeRole TEXT CHECK (assigneeRole IN ('owner','manager','practitioner','frontDesk')),
      assigneeStaffId INTEGER REFERENCES staff(id),
      -- JSON [{ "amount": 24, "unit": "hours" }, …]: when after the event the task is due (before it, for due soon and birthday).
      offsets TEXT NOT NULL,
      -- JSON [categoryId, …]: the categories a treatment rule is about (empty: any).
      categoryIds TEXT NOT NULL DEFAULT '[]',
      slaHours INTEGER NOT NULL CHECK (slaHours > 0),
      -- How many days back a run still creates a task whose day has passed (a workstation off for a week).
      catchUpDays INTEGER NOT NULL DEFAULT 7 CHECK (catchUpDays BETWEEN 0 AND 60),
      -- The clinic-local date the rule was last switched on: nothing from before it is created.
      activeSince TEXT NOT NULL,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      CHECK ((assigneeKind = 'staff') = (assigneeStaffId IS NOT NULL)),
      CHECK ((assigneeKind = 'staff') = (assigneeRole IS NULL))
    ) STRICT;

    CREATE TABLE task (
      id INTEGER PRIMARY KEY,
      dedupeKey TEXT UNIQUE,
      ruleId INTEGER REFERENCES followUpRule(id),
      kind TEXT NOT NULL CHECK (kind IN ('manual','newPatient','noShow','visitedNotPaid','packageUnused','storedValueUnused','afterTreatment','satisfaction','dueSoon','birthday')),
      title TEXT NOT NULL,
      patientId INTEGER REFERENCES patient(id),
      appointmentId INTEGER REFERENCES appointment(id),
      invoiceId INTEGER REFERENCES invoice(id),
      assigneeRole TEXT CHECK (assigneeRole IN ('owner','manager','practitioner','frontDesk')),
      assigneeStaffId INTEGER REFERENCES staff(id),
      -- Clinic-local due date; dueAt is the instant it is overdue from (the end of that day for a task of the day).
      dueOn TEXT NOT NULL,
      dueAt TEXT NOT NULL,
      allDay INTEGER NOT NULL CHECK (allDay IN (0, 1)),
      -- Past this instant a task still open, or completed later, is an SLA breach.
      slaAt TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      createdAt TEXT NOT NULL,
      createdBy INTEGER REFERENCES staff(id),
      completedAt TEXT,
      completedBy INTEGER REFERENCES staff(id),
      outcome TEXT CHECK (outcome IN ('done','reached','booked','leftMessage','noAnswer','notInterested','wrongNumber','notNeeded')),
      outcomeNote TEXT NOT NULL DEFAULT '',
      CHECK ((assigneeRole IS NULL) <> (assigneeStaffId IS NULL)),
      CHECK ((completedAt IS NULL) = (outcome IS NULL)),
      CHECK ((dedupeKey IS NULL) = (ruleId IS NULL))
    ) STRICT;
    CREATE INDEX task_open ON task(dueAt) WHERE completedAt IS NULL;
    CREATE INDEX task_staff ON task(assigneeStaffId, dueAt) WHERE assigneeStaffId IS NOT NULL;
    CREATE INDEX task_role ON task(assigneeRole, dueAt) WHERE assigneeRole IS NOT NULL;
    CREATE INDEX task_patient ON task(patientId, dueAt) WHERE patientId IS NOT NULL;
    CREATE INDEX task_dueOn ON task(dueOn);
    CREATE TRIGGER task_completion_is_final BEFORE UPDATE ON task
      WHEN OLD.completedAt IS NOT NULL AND (SELECT active FROM syncApplying) = 0
      BEGIN SELECT RAISE(ABORT, 'a completed task never changes'); END;

    -- Which workstation's job creates the rule tasks (one, so two workstations never create the same task); no row:
    -- the clinic's first workstation.
    CREATE TABLE taskSettings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      runsOnWorkstationId TEXT REFERENCES workstation(id),
      updatedAt TEXT NOT NULL
    ) STRICT;

    -- Each run of the rules: when, on which workstation, for which day, how many tasks it created.
    CREATE TABLE taskRun (
      id INTEGER PRIMARY KEY,
      workstationId TEXT NOT NULL,
      asOf TEXT NOT NULL,
      ranAt TEXT NOT NULL,
      created INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX taskRun_ranAt ON taskRun(ranAt);

    -- The rules' candidate scans: packages and top-ups by when they were sold.
    CREATE INDEX patientPackage_createdAt ON patientPackage(createdAt);
    CREATE INDEX storedValueEntry_topUp ON storedValueEntry(at) WHERE kind = 'topUp';
    CREATE INDEX storedValueEntry_spend ON storedValueEntry(patientId, at) WHERE kind = 'spend';

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'tasks.work' AS permission UNION ALL SELECT 'manager', 'tasks.work'
        UNION ALL SELECT 'practitioner', 'tasks.work' UNION ALL SELECT 'frontDesk', 'tasks.work'
        UNION ALL SELECT 'owner', 'tasks.manage' UNION ALL SELECT 'manager', 'tasks.manage'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
