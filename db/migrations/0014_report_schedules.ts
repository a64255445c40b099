import type { MigrationContext } from './context';

/**
 * Report output: the clinic's paper size for PDFs (one row; none means the country's: Letter in the US, Canada and
 * Mexico, A4 elsewhere), scheduled reports and the files they generated. Schedules and runs stay on the workstation
 * that writes the files (sync policy `local`): a folder on this computer means nothing on another.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    CREATE TABLE reportSettings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      paperSize TEXT NOT NULL CHECK (paperSize IN ('A4', 'Letter')),
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id)
    ) STRICT;

    -- A report generated every week: its input as JSON without dates, the period preset that gives them at each run,
    -- the weekday (1 = Monday) and clinic-local time it is due, the folder ('' = <data dir>/reports/scheduled) and
    -- paper (NULL = the clinic's).
    CREATE TABLE reportSchedule (
      id INTEGER PRIMARY KEY,
      report TEXT NOT NULL,
      input TEXT NOT NULL,
      period TEXT NOT NULL,
      weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      time TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
      folder TEXT NOT NULL,
      paper TEXT CHECK (paper IN ('A4', 'Letter')),
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      createdBy INTEGER REFERENCES staff(id),
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL
    ) STRICT;

    -- One row per due occurrence of a schedule (UNIQUE: never generated twice); a failed run is retried in place a
    -- few times. A deleted schedule's files stay listed.
    CREATE TABLE reportRun (
      id INTEGER PRIMARY KEY,
      scheduleId INTEGER REFERENCES reportSchedule(id) ON DELETE SET NULL,
      report TEXT NOT NULL,
      dueAt TEXT NOT NULL,
      periodFrom TEXT NOT NULL,
      periodTo TEXT NOT NULL,
      ranAt TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
      attempts INTEGER NOT NULL CHECK (attempts >= 1),
      path TEXT,
      error TEXT,
      UNIQUE (scheduleId, dueAt)
    ) STRICT;
    CREATE INDEX reportRun_ranAt ON reportRun(ranAt);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'reports.export' AS permission UNION ALL SELECT 'owner', 'reports.schedule'
        UNION ALL SELECT 'manager', 'reports.export' UNION ALL SELECT 'manager', 'reports.schedule'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
