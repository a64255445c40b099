/**
 * The SQL of the hot paths, exported so the benchmark's raw-SQL floor runs exactly the same text.
 * Plans (EXPLAIN QUERY PLAN on the 50k demo): name search is a range scan of patientSearch's primary key;
 * phone search a range scan of patient_phoneReversed; list pages walk patient_active_sortName.
 */
const SUMMARY_COLUMNS = `p.id, p.number, p.firstName, p.lastName, p.preferredName, p.dateOfBirth, p.phone, p.email, p.allergyAlert, p.archivedAt`;

/** The row every search and list statement gives. */
export interface SummaryRow {
  id: number;
  number: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  phone: string | null;
  email: string | null;
  allergyAlert: number;
  archivedAt: string | null;
}

/**
 * Name search: the longest typed word drives a range scan of the token index; every other word must be a
 * prefix of another token of the same patient. At most 8 tokens per patient, so scanning limit × 8 hits
 * always yields `limit` distinct patients when there are that many.
 * Parameters: @lo0/@hi0 … @loN/@hiN, @all (1 = include archived), @scan, @limit.
 */
export function nameSearchSql(words: number): string {
  const others = Array.from(
    { length: words - 1 },
    (_, i) => `AND EXISTS (SELECT 1 FROM patientSearch s${i + 1} WHERE s${i + 1}.patientId = s.patientId AND s${i + 1}.token >= @lo${i + 1} AND s${i + 1}.token < @hi${i + 1})`,
  ).join(' ');
  return `SELECT ${SUMMARY_COLUMNS} FROM (
      SELECT patientId, min(token) AS token FROM (
        SELECT s.patientId, s.token FROM patientSearch s
        WHERE s.token >= @lo0 AND s.token < @hi0 AND (@all = 1 OR s.archived = 0) ${others}
        ORDER BY s.token LIMIT @scan
      ) GROUP BY patientId
    ) h JOIN patient p ON p.id = h.patientId
    ORDER BY h.token, p.sortName LIMIT @limit`;
}

/** Phone: reversed digits turn "ends with" into a prefix range on an index. Parameters: @lo, @hi, @all, @limit. */
export const PHONE_SEARCH_SQL = `SELECT ${SUMMARY_COLUMNS} FROM patient p
  WHERE p.phoneReversed >= @lo AND p.phoneReversed < @hi AND p.mergedIntoId IS NULL AND (@all = 1 OR p.archivedAt IS NULL)
  ORDER BY p.sortName LIMIT @limit`;

export const EMAIL_SEARCH_SQL = `SELECT ${SUMMARY_COLUMNS} FROM patient p
  WHERE p.email >= @lo AND p.email < @hi AND p.mergedIntoId IS NULL AND (@all = 1 OR p.archivedAt IS NULL)
  ORDER BY p.email LIMIT @limit`;

export const NUMBER_SEARCH_SQL = `SELECT ${SUMMARY_COLUMNS} FROM patient p WHERE p.number = @number AND p.mergedIntoId IS NULL AND (@all = 1 OR p.archivedAt IS NULL)`;

/** One page of the list per sort order; archived rows only when asked (merged-away records are archived too). */
export const LIST_SQL = {
  name: {
    active: `SELECT ${SUMMARY_COLUMNS} FROM patient p WHERE p.archivedAt IS NULL ORDER BY p.sortName, p.id LIMIT @limit OFFSET @offset`,
    all: `SELECT ${SUMMARY_COLUMNS} FROM patient p WHERE p.mergedIntoId IS NULL ORDER BY p.sortName, p.id LIMIT @limit OFFSET @offset`,
  },
  newest: {
    active: `SELECT ${SUMMARY_COLUMNS} FROM patient p WHERE p.archivedAt IS NULL ORDER BY p.createdAt DESC, p.id DESC LIMIT @limit OFFSET @offset`,
    all: `SELECT ${SUMMARY_COLUMNS} FROM patient p WHERE p.mergedIntoId IS NULL ORDER BY p.createdAt DESC, p.id DESC LIMIT @limit OFFSET @offset`,
  },
  number: {
    active: `SELECT ${SUMMARY_COLUMNS} FROM patient p WHERE p.archivedAt IS NULL ORDER BY p.number LIMIT @limit OFFSET @offset`,
    all: `SELECT ${SUMMARY_COLUMNS} FROM patient p WHERE p.mergedIntoId IS NULL ORDER BY p.number LIMIT @limit OFFSET @offset`,
  },
} as const;

export const LIST_COUNT_SQL = {
  active: `SELECT count(*) FROM patient p WHERE p.archivedAt IS NULL`,
  all: `SELECT count(*) FROM patient p WHERE p.mergedIntoId IS NULL`,
} as const;

/** One page of the patients with a tag. */
export const TAG_LIST_SQL = {
  active: `SELECT ${SUMMARY_COLUMNS} FROM patientTag t JOIN patient p ON p.id = t.patientId WHERE t.tagId = @tagId AND p.archivedAt IS NULL ORDER BY p.sortName, p.id LIMIT @limit OFFSET @offset`,
  all: `SELECT ${SUMMARY_COLUMNS} FROM patientTag t JOIN patient p ON p.id = t.patientId WHERE t.tagId = @tagId AND p.mergedIntoId IS NULL ORDER BY p.sortName, p.id LIMIT @limit OFFSET @offset`,
} as const;

export const TAG_COUNT_SQL = {
  active: `SELECT count(*) FROM patientTag t JOIN patient p ON p.id = t.patientId WHERE t.tagId = @tagId AND p.archivedAt IS NULL`,
  all: `SELECT count(*) FROM patientTag t JOIN patient p ON p.id = t.patientId WHERE t.tagId = @tagId AND p.mergedIntoId IS NULL`,
} as const;

/** The profile: the patient with names of what it points at, then its tags and consents. Parameter: @id. */
export const PROFILE_SQL = {
  patient: `SELECT p.*, rs.name AS referralSourceName, rb.firstName || ' ' || rb.lastName AS referredByName, rb.number AS referredByNumber,
      (SELECT count(*) FROM patient r WHERE r.referredByPatientId = p.id AND r.mergedIntoId IS NULL) AS referralsMade
    FROM patient p LEFT JOIN referralSource rs ON rs.id = p.referralSourceId LEFT JOIN patient rb ON rb.id = p.referredByPatientId
    WHERE p.id = @id`,
  tags: `SELECT t.id, t.name, t.color FROM patientTag pt JOIN tag t ON t.id = pt.tagId WHERE pt.patientId = @id ORDER BY t.name`,
  consents: `SELECT c.channel, c.granted, c.source, c.recordedAt, coalesce(s.displayName, 'system') AS recordedBy
    FROM patientConsent c LEFT JOIN staff s ON s.id = c.recordedBy WHERE c.patientId = @id ORDER BY c.channel`,
} as const;

/** A patient that exists and was not merged into another (every sale and booking checks it). */
export const PATIENT_NAME_SQL = 'SELECT firstName, lastName FROM patient WHERE id = ? AND mergedIntoId IS NULL';
