import type { z } from 'zod';
import type { ContactChannel, Outreach } from '../../src-shared/contract/retention';
import { fieldError } from '../../src-shared/errors';
import { addCalendarDays } from '../../src-shared/time';
import { cached } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { renderOutreach } from '../messages/index';
import { contactable, requireContactable } from './consent';
import { asOfDate } from './scope';

const PATIENT_SQL = `
  SELECT id, firstName, lastName, preferredName, phone, email, doNotContact,
    (SELECT json_group_object(channel, granted) FROM patientConsent WHERE patientId = patient.id) AS consents
  FROM patient WHERE id = ? AND mergedIntoId IS NULL`;

interface PatientRow {
  id: number;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  phone: string | null;
  email: string | null;
  doNotContact: number;
  consents: string | null;
}

function requireOutreachPatient(ctx: HandlerContext, patientId: number) {
  const row = cached(ctx.sqlite, PATIENT_SQL).get(patientId) as PatientRow | undefined;
  if (!row) throw fieldError('not_found', 'No such patient.', 'patientId');
  return { ...row, consents: JSON.parse(row.consents ?? '{}') as Record<string, number> };
}

/** What the message says about the categories: the latest service bought, its provider, the earliest due date. */
const TREATMENT_SQL = `
  SELECT c.id, c.name AS categoryName, sv.name AS serviceName, st.displayName AS provider, p.lastLocalDate,
    coalesce(sv.intervalOverrideDays, c.maintenanceIntervalDays) AS intervalDays
  FROM serviceCategory c
  LEFT JOIN patientCategoryPurchase p ON p.patientId = @patientId AND p.categoryId = c.id
  LEFT JOIN service sv ON sv.id = p.lastServiceId
  LEFT JOIN staff st ON st.id = p.lastStaffId
  WHERE c.id IN (SELECT value FROM json_each(@categoryIds))
  ORDER BY p.lastAt DESC NULLS LAST`;

interface Treatment {
  id: number;
  categoryName: string;
  serviceName: string | null;
  provider: string | null;
  lastLocalDate: string | null;
  intervalDays: number | null;
}

function treatmentsOf(ctx: HandlerContext, patientId: number, categoryIds: number[]): Treatment[] {
  const rows = cached(ctx.sqlite, TREATMENT_SQL).all({ patientId, categoryIds: JSON.stringify(categoryIds) }) as Treatment[];
  if (rows.length !== new Set(categoryIds).size) throw fieldError('not_found', 'No such service category.', 'categoryIds');
  return rows;
}

function draftOf(ctx: HandlerContext, patient: ReturnType<typeof requireOutreachPatient>, categoryIds: number[], templateId: number) {
  const template = cached(ctx.sqlite, "SELECT id, channel, subject, body FROM messageTemplate WHERE id = ? AND kind = 'outreach' AND active = 1").get(templateId) as
    | { id: number; channel: 'email' | 'sms'; subject: string; body: string }
    | undefined;
  if (!template) throw fieldError('not_found', 'No such outreach template (Messages → Templates, kind “Maintenance outreach”).', 'templateId');
  const treatments = treatmentsOf(ctx, patient.id, categoryIds);
  const latest = treatments[0];
  const dueDates = treatments.flatMap((t) => (t.lastLocalDate && t.intervalDays ? [addCalendarDays(t.lastLocalDate, t.intervalDays)] : [])).sort();
  const rendered = renderOutreach(
    template,
    {
      firstName: patient.firstName,
      lastName: patient.lastName,
      preferredName: patient.preferredName,
      lastTreatment: latest.serviceName ?? latest.categoryName,
      provider: latest.provider ?? '',
      dueDate: dueDates[0] ?? null,
    },
    ctx.clinic(),
  );
  return { template, ...rendered, recipient: (template.channel === 'sms' ? patient.phone : patient.email) ?? null };
}

type OutreachRow = Omit<z.infer<typeof Outreach>, 'categoryIds'> & { categoryIds: string };

const OUTREACH_SQL = `
  SELECT o.id, o.patientId, o.channel, o.templateId, o.outcome, o.callBackOn, o.note, o.staffId, st.displayName AS staffName, o.at,
    (SELECT json_group_array(categoryId) FROM outreachCategory WHERE outreachId = o.id) AS categoryIds
  FROM outreach o LEFT JOIN staff st ON st.id = o.staffId`;

const outreachOf = (row: OutreachRow): z.infer<typeof Outreach> => ({ ...row, categoryIds: JSON.parse(row.categoryIds) as number[] });

export const outreachHandlers: HandlerMap<'retention.logOutreach' | 'retention.draftMessage' | 'retention.outreachFor'> = {
  'retention.draftMessage': ({ patientId, categoryIds, templateId }, ctx) => {
    const patient = requireOutreachPatient(ctx, patientId);
    const draft = draftOf(ctx, patient, categoryIds, templateId);
    requireContactable(patient, draft.template.channel);
    return { subject: draft.subject, body: draft.body, recipient: draft.recipient };
  },

  'retention.logOutreach': (input, ctx) => {
    const patient = requireOutreachPatient(ctx, input.patientId);
    const categoryIds = [...new Set(input.categoryIds)];
    treatmentsOf(ctx, patient.id, categoryIds);
    if (input.channel !== 'inPerson') requireContactable(patient, input.channel as ContactChannel);
    const draft = input.templateId === undefined ? null : draftOf(ctx, patient, categoryIds, input.templateId);
    if (draft && draft.template.channel !== input.channel) throw fieldError('invalid_input', `This template is for ${draft.template.channel === 'sms' ? 'SMS' : 'email'}.`, 'templateId');
    const at = ctx.now.toISOString();
    const id = ctx.newId('outreach');
    const session = ctx.requireSession();
    cached(ctx.sqlite, 'INSERT INTO outreach (id, patientId, channel, templateId, outcome, callBackOn, note, staffId, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      id, patient.id, input.channel, input.templateId ?? null, input.outcome, input.callBackOn ?? null, input.note, session.staffId, at,
    );
    const about = cached(ctx.sqlite, 'INSERT INTO outreachCategory (outreachId, categoryId, patientId, at) VALUES (?, ?, ?, ?)');
    for (const categoryId of categoryIds) about.run(id, categoryId, patient.id, at);
    let message = null;
    if (draft) {
      const outboxId = ctx.newId('outbox');
      // Consent was checked above; the messages job checks it again before sending (it may be withdrawn meanwhile).
      const status = contactable(patient, draft.template.channel).ok ? ('queued' as const) : ('notSent' as const);
      cached(ctx.sqlite, `INSERT INTO outbox (id, appointmentId, patientId, templateId, kind, channel, recipient, subject, body, dueAt, status, attempts, dedupeKey, createdAt, updatedAt)
        VALUES (?, NULL, ?, ?, 'outreach', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`).run(
        outboxId, patient.id, draft.template.id, draft.template.channel, draft.recipient, draft.subject, draft.body, at, status, `outreach:${id}`, at, at,
      );
      message = { outboxId, status, subject: draft.subject, body: draft.body };
    }
    const outreach = outreachOf(cached(ctx.sqlite, `${OUTREACH_SQL} WHERE o.id = ?`).get(id) as OutreachRow);
    ctx.audit({
      action: 'create',
      entity: 'outreach',
      entityId: id,
      summary: `Outreach to ${patient.firstName} ${patient.lastName} by ${input.channel}: ${input.outcome}`,
      details: { ...outreach, outboxId: message?.outboxId ?? null },
    });
    return { outreach, message };
  },

  'retention.outreachFor': ({ patientId, asOf }, ctx) => {
    requireOutreachPatient(ctx, patientId);
    const today = asOfDate(asOf, ctx.now, ctx.clinic().timeZone);
    const outreach = (cached(ctx.sqlite, `${OUTREACH_SQL} WHERE o.patientId IN (SELECT id FROM patient WHERE id = ? OR mergedIntoId = ?) ORDER BY o.at DESC, o.id DESC LIMIT 200`).all(patientId, patientId) as OutreachRow[]).map(outreachOf);
    const rows = cached(ctx.sqlite, MAINTENANCE_SQL).all(patientId) as { categoryId: number; categoryName: string; lastServiceName: string | null; lastPurchaseDate: string; intervalDays: number | null; purchases: number; spentCents: number }[];
    const maintenance = rows.map((r) => {
      const dueDate = r.intervalDays ? addCalendarDays(r.lastPurchaseDate, r.intervalDays) : null;
      const daysOverdue = dueDate ? Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000) : null;
      return { ...r, dueDate, daysOverdue };
    });
    return { outreach, maintenance };
  },
};

/** A patient's categories bought, with the interval in force for the last service. */
const MAINTENANCE_SQL = `
  SELECT p.categoryId, c.name AS categoryName, sv.name AS lastServiceName, p.lastLocalDate AS lastPurchaseDate,
    coalesce(sv.intervalOverrideDays, c.maintenanceIntervalDays) AS intervalDays, p.purchases, p.spentCents
  FROM patientCategoryPurchase p JOIN serviceCategory c ON c.id = p.categoryId LEFT JOIN service sv ON sv.id = p.lastServiceId
  WHERE p.patientId = ? ORDER BY c.name`;
