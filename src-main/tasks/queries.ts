import type { FollowUpTrigger } from '../../src-shared/contract/tasks';

/*
 * The rules job: one set-based INSERT … SELECT per rule and offset. `:days` (JSON of DueDay, see window.ts) says which
 * event instants fall due on which clinic-local day; each trigger lists its candidates as (dedupeKey, patientId,
 * appointmentId, invoiceId, providerId, subject, dueOn, dueAt) and the shared tail writes them as tasks. The unique
 * dedupe key makes a second run, or an overlapping catch-up, create nothing again.
 */

const DAYS = `day AS MATERIALIZED (SELECT value ->> 'dueOn' AS dueOn, value ->> 'dueAt' AS dueAt, value ->> 'fromAt' AS fromAt, value ->> 'toAt' AS toAt FROM json_each(:days))`;

/** A day task is due by the end of its day; an hours offset is due exactly that long after the event. */
const dueAtOf = (base: string) => `CASE WHEN :hours IS NULL THEN d.dueAt ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${base}, '+' || :hours || ' hours') END`;

/** The rule's categories (JSON ids); none listed means any. */
const inCategories = (column: string) => `(json_array_length(:categoryIds) = 0 OR ${column} IN (SELECT value FROM json_each(:categoryIds)))`;

const key = (subject: string) => `'rule:' || :ruleId || '|' || ${subject}`;

const FIRST_PROVIDER = `(SELECT s.staffId FROM appointmentService s WHERE s.appointmentId = a.id ORDER BY s.position LIMIT 1)`;

// A completed visit with a service of the rule's categories; the provider and category of its first such service.
const VISIT = `
    SELECT ${key(`'appt:' || a.id || :keySuffix`)}, a.patientId, a.id, NULL, m.staffId, c.name, d.dueOn, ${dueAtOf('a.startsAt')}
    FROM day d CROSS JOIN appointment a
    JOIN appointmentService m ON m.id = (SELECT s.id FROM appointmentService s JOIN service v ON v.id = s.serviceId
      WHERE s.appointmentId = a.id AND ${inCategories('v.categoryId')} ORDER BY s.position LIMIT 1)
    JOIN service v ON v.id = m.serviceId
    JOIN serviceCategory c ON c.id = v.categoryId
    WHERE a.startsAt >= d.fromAt AND a.startsAt < d.toAt AND a.status IN ('completed', 'checkedOut')`;

const CANDIDATES: Record<Exclude<FollowUpTrigger, 'birthday' | 'dueSoon'>, string> = {
  newPatient: `
    SELECT ${key(`'patient:' || p.id`)}, p.id, NULL, NULL, NULL, '', d.dueOn, ${dueAtOf('p.createdAt')}
    FROM day d CROSS JOIN patient p
    WHERE p.createdAt >= d.fromAt AND p.createdAt < d.toAt`,

  noShow: `
    SELECT ${key(`'appt:' || a.id`)}, a.patientId, a.id, NULL, ${FIRST_PROVIDER}, '', d.dueOn, ${dueAtOf('a.startsAt')}
    FROM day d CROSS JOIN appointment a
    WHERE a.startsAt >= d.fromAt AND a.startsAt < d.toAt AND a.status = 'noShow'`,

  // A visit done but not checked out (paying checks a visit out) that cost something and has no issued invoice
  // paid in full (free rechecks are not chased).
  visitedNotPaid: `
    SELECT ${key(`'appt:' || a.id`)}, a.patientId, a.id,
      (SELECT max(i.id) FROM invoice i WHERE i.appointmentId = a.id AND i.status <> 'void'), ${FIRST_PROVIDER}, '', d.dueOn, ${dueAtOf('a.startsAt')}
    FROM day d CROSS JOIN appointment a
    WHERE a.startsAt >= d.fromAt AND a.startsAt < d.toAt AND a.status = 'completed'
      AND (SELECT sum(s.priceCents) FROM appointmentService s WHERE s.appointmentId = a.id) > 0
      AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.appointmentId = a.id AND i.status = 'issued'
        AND (SELECT coalesce(sum(y.amountCents), 0) FROM payment y WHERE y.invoiceId = i.id) >= i.totalCents)`,

  // A package none of whose units has gone out (redeemed, transferred, refunded, expired) and that is still valid.
  packageUnused: `
    SELECT ${key(`'package:' || k.id`)}, k.patientId, NULL, k.saleInvoiceId, (SELECT l.staffId FROM invoiceLine l WHERE l.id = k.saleLineId),
      k.name, d.dueOn, ${dueAtOf('k.createdAt')}
    FROM day d CROSS JOIN patientPackage k
    WHERE k.createdAt >= d.fromAt AND k.createdAt < d.toAt AND k.expiresOn >= d.dueOn
      AND NOT EXISTS (SELECT 1 FROM packageEntry e WHERE e.patientPackageId = k.id AND e.units < 0)
      AND ${inCategories('(SELECT coalesce(pl.categoryId, v.categoryId) FROM packagePlan pl LEFT JOIN service v ON v.id = pl.serviceId WHERE pl.id = k.planId)')}`,

  // A top-up with nothing spent since, while the patient still holds credit.
  storedValueUnused: `
    SELECT ${key(`'topUp:' || e.id`)}, e.patientId, NULL, e.invoiceId, NULL, '', d.dueOn, ${dueAtOf('e.at')}
    FROM day d CROSS JOIN storedValueEntry e
    WHERE e.kind = 'topUp' AND e.at >= d.fromAt AND e.at < d.toAt
      AND NOT EXISTS (SELECT 1 FROM storedValueEntry x WHERE x.patientId = e.patientId AND x.kind = 'spend' AND x.at >= e.at)
      AND (SELECT sum(b.amountCents) FROM storedValueEntry b WHERE b.patientId = e.patientId) > 0`,

  afterTreatment: VISIT,
  satisfaction: VISIT,
};

/** Birthdays: `:days` holds, per due day, the month-days whose birthday it announces and the birthday's year. */
const BIRTHDAYS = `
  bday AS MATERIALIZED (SELECT j.value ->> 'dueOn' AS dueOn, j.value ->> 'dueAt' AS dueAt, j.value ->> 'year' AS year, k.value AS monthDay
    FROM json_each(:days) j, json_each(j.value -> 'monthDays') k),
  candidate (dedupeKey, patientId, appointmentId, invoiceId, providerId, subject, dueOn, dueAt) AS (
    SELECT ${key(`'patient:' || p.id || '|birthday:' || b.year`)}, p.id, NULL, NULL, NULL, '', b.dueOn, b.dueAt
    FROM patient p JOIN bday b ON b.monthDay = substr(p.dateOfBirth, 6)
    WHERE p.dateOfBirth IS NOT NULL AND p.dateOfBirth < b.dueOn)`;

/**
 * Writes the candidates as tasks: a task of the day from its day on, one at an hour once that hour has come (so
 * "not paid 4 hours after the visit" is judged at 4 hours); the title's placeholders filled in, the assignee (the provider when the rule says
 * so and they still work here, else the role), due and SLA instants. Merged and archived patients are skipped, and
 * patients who asked not to be contacted unless the rule is about money owed.
 */
const INSERT_TASKS = `
  INSERT INTO task (id, dedupeKey, ruleId, kind, title, patientId, appointmentId, invoiceId, assigneeRole, assigneeStaffId, dueOn, dueAt, allDay, slaAt, createdAt)
  SELECT :firstId + row_number() OVER (ORDER BY c.dueAt, c.dedupeKey) - 1, c.dedupeKey, :ruleId, :trigger,
    replace(replace(replace(:title, '{patient}', coalesce(nullif(p.preferredName, ''), p.firstName) || ' ' || p.lastName), '{category}', c.subject), '{when}', :when),
    c.patientId, c.appointmentId, c.invoiceId,
    CASE WHEN :assigneeKind = 'staff' THEN NULL
      WHEN :assigneeKind = 'provider' AND EXISTS (SELECT 1 FROM staff s WHERE s.id = c.providerId AND s.active = 1) THEN NULL ELSE :role END,
    CASE WHEN :assigneeKind = 'staff' THEN :staffId
      WHEN :assigneeKind = 'provider' THEN (SELECT s.id FROM staff s WHERE s.id = c.providerId AND s.active = 1) END,
    c.dueOn, c.dueAt, :allDay, strftime('%Y-%m-%dT%H:%M:%fZ', c.dueAt, '+' || :slaHours || ' hours'), :now
  FROM candidate c JOIN patient p ON p.id = c.patientId
  WHERE p.mergedIntoId IS NULL AND p.archivedAt IS NULL AND (:anyContact = 1 OR p.doNotContact = 0)
    AND (:hours IS NULL OR c.dueAt <= :now)
    AND NOT EXISTS (SELECT 1 FROM task t WHERE t.dedupeKey = c.dedupeKey)
  ON CONFLICT (dedupeKey) DO NOTHING`;

const CANDIDATE = 'candidate (dedupeKey, patientId, appointmentId, invoiceId, providerId, subject, dueOn, dueAt)';
const insertFrom = (candidates: string) => `WITH ${DAYS}, ${CANDIDATE} AS (${candidates}) ${INSERT_TASKS}`;

/** The INSERT … SELECT of each trigger but due soon (which reads the retention projection, see dueSoon.ts). */
export const RULE_SQL: Record<Exclude<FollowUpTrigger, 'dueSoon'>, string> = {
  newPatient: insertFrom(CANDIDATES.newPatient),
  noShow: insertFrom(CANDIDATES.noShow),
  visitedNotPaid: insertFrom(CANDIDATES.visitedNotPaid),
  packageUnused: insertFrom(CANDIDATES.packageUnused),
  storedValueUnused: insertFrom(CANDIDATES.storedValueUnused),
  afterTreatment: insertFrom(CANDIDATES.afterTreatment),
  satisfaction: insertFrom(CANDIDATES.satisfaction),
  birthday: `WITH ${BIRTHDAYS} ${INSERT_TASKS}`,
};

/** For triggers a due-soon rule builds from the same tail. */
export { CANDIDATE, DAYS, INSERT_TASKS, inCategories, key };
