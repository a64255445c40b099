import type { MigrationContext } from './context';

/**
 * Satisfaction, NPS and reputation: the settings (one row), survey requests (one per visit at most), the scores
 * given (facts), review requests per site, and the complaints log. Scores repeat the visit's provider and service and
 * their clinic-local day, so the NPS report reads one covering index and nothing else.
 */
export async function up({ exec }: MigrationContext): Promise<void> {
  exec(`
    CREATE TABLE satisfactionSettings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      -- A visit is asked about until this many clinic-local days after its day, never later.
      askWithinDays INTEGER NOT NULL CHECK (askWithinDays BETWEEN 1 AND 30),
      -- A patient is asked at most once in this many days, however often they come.
      askEveryDays INTEGER NOT NULL CHECK (askEveryDays BETWEEN 0 AND 365),
      -- ["sms","email"]: the first channel the patient can be reached on is used.
      channels TEXT NOT NULL,
      -- [{ name, url }]
      reviewSites TEXT NOT NULL,
      reviewFromScore INTEGER NOT NULL CHECK (reviewFromScore BETWEEN 7 AND 10),
      recoveryUpToScore INTEGER NOT NULL CHECK (recoveryUpToScore BETWEEN 0 AND 8),
      recoveryHours INTEGER NOT NULL CHECK (recoveryHours BETWEEN 1 AND 720),
      complaintSlaHours INTEGER NOT NULL CHECK (complaintSlaHours BETWEEN 1 AND 2160),
      updatedAt TEXT NOT NULL,
      updatedBy INTEGER REFERENCES staff(id),
      CHECK (recoveryUpToScore < reviewFromScore)
    ) STRICT;

    -- One per visit at most (unique appointmentId). channel: how it was asked; 'tablet' and 'desk' are answered at once.
    CREATE TABLE surveyRequest (
      id INTEGER PRIMARY KEY,
      appointmentId INTEGER NOT NULL UNIQUE REFERENCES appointment(id),
      patientId INTEGER NOT NULL REFERENCES patient(id),
      providerId INTEGER REFERENCES staff(id),
      serviceId INTEGER REFERENCES service(id),
      channel TEXT NOT NULL CHECK (channel IN ('sms','email','tablet','desk')),
      outboxId INTEGER REFERENCES outbox(id),
      askedAt TEXT NOT NULL,
      askedBy INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX surveyRequest_patient ON surveyRequest(patientId, askedAt);

    -- The score given for a request (facts: never changed).
    CREATE TABLE surveyResponse (
      id INTEGER PRIMARY KEY,
      requestId INTEGER NOT NULL UNIQUE REFERENCES surveyRequest(id),
      patientId INTEGER NOT NULL REFERENCES patient(id),
      appointmentId INTEGER NOT NULL REFERENCES appointment(id),
      providerId INTEGER REFERENCES staff(id),
      serviceId INTEGER REFERENCES service(id),
      score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
      comment TEXT NOT NULL DEFAULT '',
      source TEXT NOT NULL CHECK (source IN ('sms','email','tablet','desk')),
      inboundMessageId INTEGER REFERENCES inboundMessage(id),
      answeredAt TEXT NOT NULL,
      -- The clinic-local day it was given: reports group by month without a time zone in SQL.
      answeredOn TEXT NOT NULL,
      recordedBy INTEGER REFERENCES staff(id)
    ) STRICT;
    -- Covering for the NPS report (by month, provider, service).
    CREATE INDEX surveyResponse_answeredOn ON surveyResponse(answeredOn, score, providerId, serviceId);
    -- A patient's latest score.
    CREATE INDEX surveyResponse_patient ON surveyResponse(patientId, answeredAt, score);

    -- A review request: one row per site asked about, tracked until a person confirms the review was posted.
    CREATE TABLE reviewRequest (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      responseId INTEGER REFERENCES surveyResponse(id),
      site TEXT NOT NULL,
      url TEXT NOT NULL,
      channel TEXT NOT NULL CHECK (channel IN ('sms','email')),
      outboxId INTEGER NOT NULL REFERENCES outbox(id),
      requestedAt TEXT NOT NULL,
      requestedBy INTEGER REFERENCES staff(id),
      postedAt TEXT,
      postedBy INTEGER REFERENCES staff(id),
      pointsEntryId INTEGER REFERENCES pointsEntry(id),
      CHECK ((postedAt IS NULL) = (postedBy IS NULL))
    ) STRICT;
    CREATE INDEX reviewRequest_patient ON reviewRequest(patientId, requestedAt);
    CREATE INDEX reviewRequest_posted ON reviewRequest(postedAt, patientId) WHERE postedAt IS NOT NULL;

    -- The complaints log: a low score opens one with its recovery task; a manager resolves it with the outcome.
    CREATE TABLE complaint (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      responseId INTEGER UNIQUE REFERENCES surveyResponse(id),
      appointmentId INTEGER REFERENCES appointment(id),
      providerId INTEGER REFERENCES staff(id),
      serviceId INTEGER REFERENCES service(id),
      score INTEGER,
      comment TEXT NOT NULL DEFAULT '',
      taskId INTEGER REFERENCES task(id),
      openedAt TEXT NOT NULL,
      slaDueAt TEXT NOT NULL,
      resolvedAt TEXT,
      resolvedBy INTEGER REFERENCES staff(id),
      outcome TEXT CHECK (outcome IN ('apologised','refunded','retreated','credited','noAction','unreachable')),
      -- Managers' notes: the log is theirs (front desk records scores, never reads this).
      managerNote TEXT NOT NULL DEFAULT '',
      CHECK ((resolvedAt IS NULL) = (outcome IS NULL))
    ) STRICT;
    CREATE INDEX complaint_open ON complaint(openedAt) WHERE resolvedAt IS NULL;
    CREATE INDEX complaint_patient ON complaint(patientId, openedAt);
    CREATE INDEX complaint_openedAt ON complaint(openedAt);

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'satisfaction.record' AS permission UNION ALL SELECT 'manager', 'satisfaction.record'
        UNION ALL SELECT 'practitioner', 'satisfaction.record' UNION ALL SELECT 'frontDesk', 'satisfaction.record'
        UNION ALL SELECT 'owner', 'satisfaction.manage' UNION ALL SELECT 'manager', 'satisfaction.manage'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
  `);
}
