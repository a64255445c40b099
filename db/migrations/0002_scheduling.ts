import type { MigrationContext } from './context';

/**
 * The calendar and the chart: rooms, devices, provider hours and exceptions, blocks, appointments of one or more
 * services (segments), recurring series, the waitlist, reminder templates and the outbox, visit notes and photos.
 */
export function up({ exec }: MigrationContext): void {
  exec(`
    ALTER TABLE clinic ADD COLUMN lateCancelHours INTEGER NOT NULL DEFAULT 24;
    ALTER TABLE clinic ADD COLUMN calendarSlotMinutes INTEGER NOT NULL DEFAULT 15;

    ALTER TABLE serviceCategory ADD COLUMN chartTemplate TEXT NOT NULL DEFAULT 'general';
    UPDATE serviceCategory SET chartTemplate = 'injectable' WHERE name IN ('Neurotoxin', 'Dermal filler');
    UPDATE serviceCategory SET chartTemplate = 'energy' WHERE name IN ('Laser hair removal', 'IPL photofacial', 'Body contouring');
    UPDATE serviceCategory SET chartTemplate = 'skin' WHERE name IN ('Chemical peel', 'HydraFacial', 'Microneedling');

    ALTER TABLE service ADD COLUMN roomKind TEXT;
    ALTER TABLE service ADD COLUMN deviceKind TEXT;
    ALTER TABLE service ADD COLUMN prepInstructions TEXT NOT NULL DEFAULT '';

    CREATE TABLE serviceProvider (
      serviceId INTEGER NOT NULL REFERENCES service(id),
      staffId INTEGER NOT NULL REFERENCES staff(id),
      PRIMARY KEY (serviceId, staffId)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX serviceProvider_staff ON serviceProvider(staffId, serviceId);

    CREATE TABLE room (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      kind TEXT NOT NULL,
      color TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE device (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      kind TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    CREATE TABLE deviceRoom (
      deviceId INTEGER NOT NULL REFERENCES device(id),
      roomId INTEGER NOT NULL REFERENCES room(id),
      PRIMARY KEY (deviceId, roomId)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE staffHours (
      id INTEGER PRIMARY KEY,
      staffId INTEGER NOT NULL REFERENCES staff(id),
      weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
      startsAt TEXT NOT NULL,
      endsAt TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('work', 'rest')),
      CHECK (startsAt < endsAt)
    ) STRICT;
    CREATE INDEX staffHours_staff ON staffHours(staffId, weekday);

    CREATE TABLE staffException (
      id INTEGER PRIMARY KEY,
      staffId INTEGER NOT NULL REFERENCES staff(id),
      date TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('off', 'hours')),
      startsAt TEXT,
      endsAt TEXT,
      reason TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX staffException_date ON staffException(date, staffId);

    -- Blocked time as instants; a row with no staff, room or device closes the whole clinic.
    CREATE TABLE block (
      id INTEGER PRIMARY KEY,
      staffId INTEGER REFERENCES staff(id),
      roomId INTEGER REFERENCES room(id),
      deviceId INTEGER REFERENCES device(id),
      startsAt TEXT NOT NULL,
      endsAt TEXT NOT NULL,
      kind TEXT NOT NULL,
      reason TEXT NOT NULL DEFAULT '',
      createdBy INTEGER REFERENCES staff(id),
      createdAt TEXT NOT NULL,
      CHECK (startsAt < endsAt)
    ) STRICT;
    CREATE INDEX block_startsAt ON block(startsAt);

    -- A recurring series keeps the local wall-clock time and the zone it was booked in.
    CREATE TABLE series (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      every INTEGER NOT NULL,
      unit TEXT NOT NULL CHECK (unit IN ('day', 'week', 'month')),
      count INTEGER NOT NULL,
      localTime TEXT NOT NULL,
      timeZone TEXT NOT NULL,
      createdBy INTEGER REFERENCES staff(id),
      createdAt TEXT NOT NULL
    ) STRICT;
    CREATE INDEX series_patient ON series(patientId);

    CREATE TABLE appointment (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      status TEXT NOT NULL CHECK (status IN ('booked','confirmed','arrived','inTreatment','completed','checkedOut','cancelled','noShow')),
      visitType TEXT NOT NULL CHECK (visitType IN ('first','return','inCourse','recheck','repurchase')),
      startsAt TEXT NOT NULL,
      endsAt TEXT NOT NULL,
      notes TEXT NOT NULL DEFAULT '',
      seriesId INTEGER REFERENCES series(id),
      seriesIndex INTEGER,
      cancelReason TEXT,
      cancelledAt TEXT,
      lateCancel INTEGER NOT NULL DEFAULT 0,
      overrideReason TEXT,
      createdBy INTEGER REFERENCES staff(id),
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL,
      CHECK (startsAt < endsAt)
    ) STRICT;
    CREATE INDEX appointment_patient ON appointment(patientId, startsAt);
    CREATE INDEX appointment_startsAt ON appointment(startsAt);
    CREATE INDEX appointment_series ON appointment(seriesId, seriesIndex) WHERE seriesId IS NOT NULL;

    -- One service of a visit. 'live' is 0 once the visit is cancelled or a no-show, so conflict scans skip it.
    CREATE TABLE appointmentService (
      id INTEGER PRIMARY KEY,
      appointmentId INTEGER NOT NULL REFERENCES appointment(id),
      position INTEGER NOT NULL,
      serviceId INTEGER NOT NULL REFERENCES service(id),
      staffId INTEGER NOT NULL REFERENCES staff(id),
      roomId INTEGER REFERENCES room(id),
      deviceId INTEGER REFERENCES device(id),
      startsAt TEXT NOT NULL,
      endsAt TEXT NOT NULL,
      priceCents INTEGER NOT NULL,
      live INTEGER NOT NULL DEFAULT 1,
      CHECK (startsAt < endsAt),
      UNIQUE (appointmentId, position)
    ) STRICT;
    -- Covering (endsAt, appointmentId) so conflict and free-time scans never touch the table for non-matches.
    CREATE INDEX appointmentService_staff ON appointmentService(staffId, startsAt, endsAt, appointmentId) WHERE live = 1;
    CREATE INDEX appointmentService_room ON appointmentService(roomId, startsAt, endsAt, appointmentId) WHERE live = 1 AND roomId IS NOT NULL;
    CREATE INDEX appointmentService_device ON appointmentService(deviceId, startsAt, endsAt, appointmentId) WHERE live = 1 AND deviceId IS NOT NULL;
    CREATE INDEX appointmentService_service ON appointmentService(serviceId, startsAt);
    CREATE INDEX appointmentService_startsAt ON appointmentService(startsAt);

    CREATE TABLE waitlistEntry (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      serviceIds TEXT NOT NULL,
      staffIds TEXT NOT NULL DEFAULT '[]',
      weekdays TEXT NOT NULL,
      timeFrom TEXT NOT NULL,
      timeTo TEXT NOT NULL,
      earliestDate TEXT,
      latestDate TEXT,
      notes TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting','booked','removed')),
      appointmentId INTEGER REFERENCES appointment(id),
      createdBy INTEGER REFERENCES staff(id),
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE INDEX waitlistEntry_status ON waitlistEntry(status, createdAt);

    CREATE TABLE messageTemplate (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('confirmation','reminder')),
      channel TEXT NOT NULL CHECK (channel IN ('email','sms')),
      minutesBefore INTEGER,
      subject TEXT NOT NULL DEFAULT '',
      body TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1
    ) STRICT;

    -- One row per message Lumen meant to send. dedupeKey makes the reminder job idempotent across restarts.
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      appointmentId INTEGER NOT NULL REFERENCES appointment(id),
      patientId INTEGER NOT NULL REFERENCES patient(id),
      templateId INTEGER NOT NULL REFERENCES messageTemplate(id),
      kind TEXT NOT NULL,
      channel TEXT NOT NULL,
      recipient TEXT,
      subject TEXT NOT NULL,
      body TEXT NOT NULL,
      dueAt TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','sent','failed','notSent')),
      statusReason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      sentAt TEXT,
      dedupeKey TEXT NOT NULL UNIQUE,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE INDEX outbox_status ON outbox(status, dueAt);
    CREATE INDEX outbox_appointment ON outbox(appointmentId);
    CREATE INDEX outbox_patient ON outbox(patientId);

    -- Visit notes. A signed row never changes (trigger); corrections are new signed rows that amend it.
    CREATE TABLE chart (
      id INTEGER PRIMARY KEY,
      appointmentId INTEGER NOT NULL REFERENCES appointment(id),
      patientId INTEGER NOT NULL REFERENCES patient(id),
      authorId INTEGER NOT NULL REFERENCES staff(id),
      status TEXT NOT NULL CHECK (status IN ('draft','signed')),
      content TEXT NOT NULL,
      signedAt TEXT,
      signedBy INTEGER REFERENCES staff(id),
      amendsChartId INTEGER REFERENCES chart(id),
      amendmentReason TEXT,
      changes TEXT,
      createdAt TEXT NOT NULL,
      updatedAt TEXT NOT NULL
    ) STRICT;
    CREATE INDEX chart_appointment ON chart(appointmentId);
    CREATE INDEX chart_patient ON chart(patientId, createdAt);
    CREATE TRIGGER chart_signed_is_final BEFORE UPDATE ON chart WHEN OLD.status = 'signed'
      BEGIN SELECT RAISE(ABORT, 'a signed chart cannot change; amend it'); END;
    CREATE TRIGGER chart_never_deleted BEFORE DELETE ON chart
      BEGIN SELECT RAISE(ABORT, 'charts are never deleted'); END;

    -- Lots used in injections, for pick-lists (denormalised from signed and draft charts).
    CREATE TABLE productLot (
      product TEXT NOT NULL COLLATE NOCASE,
      lot TEXT NOT NULL,
      expiry TEXT NOT NULL,
      lastUsedAt TEXT NOT NULL,
      PRIMARY KEY (product, lot)
    ) STRICT, WITHOUT ROWID;

    -- Photo files live in the data folder (photos/<patient>/<sha256>.<ext>), never in these rows.
    CREATE TABLE photo (
      id INTEGER PRIMARY KEY,
      patientId INTEGER NOT NULL REFERENCES patient(id),
      appointmentId INTEGER NOT NULL REFERENCES appointment(id),
      label TEXT NOT NULL CHECK (label IN ('before','after','progress')),
      area TEXT NOT NULL DEFAULT '',
      mimeType TEXT NOT NULL,
      sizeBytes INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      file TEXT NOT NULL,
      takenAt TEXT NOT NULL,
      createdBy INTEGER REFERENCES staff(id)
    ) STRICT;
    CREATE INDEX photo_patient ON photo(patientId, takenAt);
    CREATE INDEX photo_appointment ON photo(appointmentId);

    -- New permissions of this version, given to the roles that have them by default.
    INSERT OR IGNORE INTO rolePermission (role, permission)
      SELECT role, permission FROM (
        SELECT 'owner' AS role, 'schedule.read' AS permission UNION ALL SELECT 'owner', 'schedule.write' UNION ALL SELECT 'owner', 'schedule.override' UNION ALL SELECT 'owner', 'messages.manage'
        UNION ALL SELECT 'manager', 'schedule.read' UNION ALL SELECT 'manager', 'schedule.write' UNION ALL SELECT 'manager', 'schedule.override' UNION ALL SELECT 'manager', 'messages.manage'
        UNION ALL SELECT 'practitioner', 'schedule.read' UNION ALL SELECT 'practitioner', 'schedule.write'
        UNION ALL SELECT 'frontDesk', 'schedule.read' UNION ALL SELECT 'frontDesk', 'schedule.write'
      ) WHERE EXISTS (SELECT 1 FROM clinic);
    -- BEGIN default message templates (messages domain): for a clinic created before this version; a new clinic gets
    -- them from seedMessageTemplates at setup. A snapshot of DEFAULT_TEMPLATES in src-main/messages/templates.ts.
    INSERT INTO messageTemplate (name, kind, channel, minutesBefore, subject, body)
      SELECT * FROM (VALUES
      ('Booking confirmation (SMS)', 'confirmation', 'sms', NULL, '',
       'Hi {patient.preferredName}, your {appointment.services} at {clinic.name} is booked for {appointment.date} at {appointment.time} with {provider.name}. To change it, call {clinic.phone}.'),
      ('Booking confirmation (email)', 'confirmation', 'email', NULL, 'Your appointment on {appointment.date} at {appointment.time}',
       'Dear {patient.preferredName},' || char(10) || char(10) || 'Thank you for booking with {clinic.name}. We look forward to seeing you on {appointment.date} at {appointment.time} for {appointment.services} with {provider.name}.' || char(10) || char(10) || '{prep}' || char(10) || char(10) || 'You will find us at {clinic.address}. If you need to change or cancel, please call us on {clinic.phone} at least 24 hours ahead.' || char(10) || char(10) || 'Kind regards,' || char(10) || '{clinic.name}'),
      ('Reminder 48 hours before (SMS)', 'reminder', 'sms', 2880, '',
       'Hi {patient.preferredName}, a reminder of your {appointment.services} at {clinic.name} on {appointment.date} at {appointment.time}. {prep} Need to change it? Call {clinic.phone}.'),
      ('Reminder 2 hours before (SMS)', 'reminder', 'sms', 120, '',
       'Hi {patient.preferredName}, see you today at {appointment.time} at {clinic.name}, {clinic.address}. Running late? Call {clinic.phone}.')
      ) WHERE EXISTS (SELECT 1 FROM clinic) AND NOT EXISTS (SELECT 1 FROM messageTemplate);
    -- END default message templates
  `);
}
