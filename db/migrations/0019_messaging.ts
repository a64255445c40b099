import type { MigrationContext } from './context';

/*
 * Messaging for real (issue 18): email out through the clinic's SMTP account, SMS through a gateway's HTTP API,
 * replies in by IMAP and gateway polling, one conversation per patient.
 *
 * - `outbox` gains the life of a real send: `sending` (handed to the carrier, not yet acknowledged), the carrier's
 *   id, the email's own Message-ID (fixed when the message is written, so a send cut short can be looked for after a
 *   restart before anything is resent), backoff (`nextAttemptAt`), `urgent` (may go out in quiet hours), who wrote it
 *   (`staffId`; null: the system) and the inbound message it answers. `templateId` becomes optional: a reply typed in
 *   a thread has none.
 * - `inboundMessage`: what came back, matched to a patient (null: the unmatched tray), with the inbox's state: who
 *   owns it and when it was answered (or closed without a reply).
 * - `messagingAccount`: this workstation's SMTP, IMAP and SMS gateway settings; passwords only sealed (never plain).
 * - `mailboxCursor`: how far this workstation has read each mailbox or gateway (IMAP UIDVALIDITY + last UID).
 * - Clinic rules: quiet hours for SMS (clinic-local minutes of the day), a daily cap per patient, the reply target.
 * - Staff: a signature appended to what they write.
 *
 * All four messaging tables are local: a workstation sends and receives with the accounts set up on it.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    PRAGMA defer_foreign_keys = ON;
    CREATE TABLE inboundMessage (
      id INTEGER PRIMARY KEY,
      channel TEXT NOT NULL CHECK (channel IN ('email','sms')),
      -- 'email:<Message-ID>' (or the mailbox's UID when a message has none), 'sms:<gateway id>': fetched once.
      carrierKey TEXT NOT NULL UNIQUE,
      patientId INTEGER REFERENCES patient(id),
      matchedBy TEXT NOT NULL CHECK (matchedBy IN ('thread','address','staff','none')),
      inReplyToOutboxId INTEGER REFERENCES outbox(id),
      fromAddress TEXT NOT NULL,
      fromName TEXT NOT NULL DEFAULT '',
      subject TEXT NOT NULL DEFAULT '',
      body TEXT NOT NULL,
      -- What did not come in whole: a body cut to size, attachments left in the mailbox.
      note TEXT,
      receivedAt TEXT NOT NULL,
      ownerStaffId INTEGER REFERENCES staff(id),
      answeredAt TEXT,
      answeredBy INTEGER REFERENCES staff(id),
      answerOutboxId INTEGER REFERENCES outbox(id),
      closedReason TEXT CHECK (closedReason IN ('replied','noReplyNeeded','optOut')),
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      CHECK ((answeredAt IS NULL) = (closedReason IS NULL))
    ) STRICT;
    CREATE INDEX inboundMessage_patient ON inboundMessage(patientId, receivedAt);
    CREATE INDEX inboundMessage_open ON inboundMessage(receivedAt) WHERE answeredAt IS NULL;

    CREATE TABLE outbox_new (
      id INTEGER PRIMARY KEY,
      appointmentId INTEGER REFERENCES appointment(id),
      patientId INTEGER NOT NULL REFERENCES patient(id),
      templateId INTEGER REFERENCES messageTemplate(id),
      kind TEXT NOT NULL CHECK (kind IN ('confirmation','reminder','outreach','conversation','optOut')),
      channel TEXT NOT NULL CHECK (channel IN ('email','sms')),
      recipient TEXT,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      dueAt TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','sending','sent','failed','notSent')),
      statusReason TEXT,
      -- A failed message a person may send again (a refusal by the server is not; a send of unknown outcome is).
      retryable INTEGER NOT NULL DEFAULT 0 CHECK (retryable IN (0,1)),
      attempts INTEGER NOT NULL DEFAULT 0,
      nextAttemptAt TEXT,
      sendingAt TEXT,
      sentAt TEXT,
      messageId TEXT UNIQUE,
      carrierId TEXT,
      urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0,1)),
      staffId INTEGER REFERENCES staff(id),
      inReplyToId INTEGER REFERENCES inboundMessage(id),
      dedupeKey TEXT NOT NULL UNIQUE,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      CHECK (appointmentId IS NOT NULL OR kind IN ('outreach','conversation','optOut')),
      CHECK (templateId IS NOT NULL OR kind IN ('conversation','optOut'))
    ) STRICT;
    INSERT INTO outbox_new (id, appointmentId, patientId, templateId, kind, channel, recipient, subject, body, dueAt, status, statusReason,
        retryable, attempts, sentAt, dedupeKey, createdAt, updatedAt)
      SELECT id, appointmentId, patientId, templateId, kind, channel, recipient, subject, body, dueAt, status, statusReason,
        0, attempts, sentAt, dedupeKey, createdAt, updatedAt FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_new RENAME TO outbox;
    CREATE INDEX outbox_status ON outbox(status, dueAt);
    CREATE INDEX outbox_appointment ON outbox(appointmentId);
    CREATE INDEX outbox_patient ON outbox(patientId, createdAt);

    CREATE TABLE messagingAccount (
      kind TEXT PRIMARY KEY CHECK (kind IN ('smtp','imap','sms')),
      -- JSON: host, port, security, user, fromName, fromAddress, replyTo (smtp); host, port, security, user, mailbox
      -- (imap); baseUrl, accountId, fromNumber (sms). Never a password.
      settings TEXT NOT NULL,
      -- The password or token, sealed by the runtime's secret box (Electron safeStorage, else a key file).
      sealedSecret TEXT,
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
      -- The last thing that happened with it, in words, for Settings: a test, a send, a fetch.
      lastStatus TEXT,
      lastStatusOk INTEGER CHECK (lastStatusOk IN (0,1)),
      lastStatusAt TEXT,
      updatedAt TEXT NOT NULL
    ) STRICT;

    CREATE TABLE mailboxCursor (
      source TEXT PRIMARY KEY,
      uidValidity TEXT,
      lastUid INTEGER NOT NULL DEFAULT 0,
      -- SMS: the newest gateway message already read (its time), so polling asks only for newer ones.
      lastAt TEXT,
      updatedAt TEXT NOT NULL
    ) STRICT;

    ALTER TABLE clinic ADD COLUMN smsQuietFromMinute INTEGER NOT NULL DEFAULT 1200;
    ALTER TABLE clinic ADD COLUMN smsQuietUntilMinute INTEGER NOT NULL DEFAULT 480;
    ALTER TABLE clinic ADD COLUMN dailyMessageCap INTEGER NOT NULL DEFAULT 3;
    ALTER TABLE clinic ADD COLUMN replyTargetHours INTEGER NOT NULL DEFAULT 24;
    ALTER TABLE staff ADD COLUMN messageSignature TEXT NOT NULL DEFAULT '';

    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, 'messages.converse' FROM (SELECT 'owner' AS role UNION ALL SELECT 'manager' UNION ALL SELECT 'frontDesk' UNION ALL SELECT 'practitioner');
  `);
}
