import type { MessageTemplate, OutboxMessage } from '../../src-shared/contract/messages';
import { type FieldErrors, LumenError } from '../../src-shared/errors';
import { cached } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { saveRow } from '../core/save-row';
import type { MessageTemplateTable } from '../core/schema';
import { OUTBOX_SQL, loadMessageContext } from './queries';
import { delivery, render, TEMPLATE_OFF, templateFieldErrors } from './templates';

type MessageMethod = 'messages.templates' | 'messages.saveTemplate' | 'messages.preview' | 'messages.outbox';
type TemplateRow = Omit<MessageTemplateTable, 'id'> & { id: number };

const templateOf = (row: TemplateRow): MessageTemplate => ({ ...row, active: row.active === 1 });

function fieldError(field: string, message: string): LumenError {
  const details: FieldErrors = { formErrors: [], fieldErrors: { [field]: [message] } };
  return new LumenError('invalid_input', message, details);
}

export const messageHandlers: HandlerMap<MessageMethod> = {
  'messages.templates': (_input, ctx) =>
    (ctx.sqlite.prepare('SELECT * FROM messageTemplate ORDER BY kind, channel, minutesBefore DESC, name').all() as TemplateRow[]).map(templateOf),

  'messages.saveTemplate': (input, ctx) => {
    const problems = templateFieldErrors({ subject: input.subject, body: input.body });
    if (problems) throw new LumenError('invalid_input', 'The template mentions something Lumen cannot fill in.', problems);
    if (input.kind === 'reminder' && input.minutesBefore === null) throw fieldError('minutesBefore', 'Say how long before the appointment the reminder goes out.');
    if (input.kind === 'confirmation' && input.minutesBefore !== null) throw fieldError('minutesBefore', 'A confirmation goes out when the visit is booked; leave this empty.');
    if (input.channel === 'email' && !input.subject) throw fieldError('subject', 'An email needs a subject.');
    const { id, active, ...rest } = input;
    return saveRow(ctx, 'messageTemplate', 'message template', id, { ...rest, subject: input.channel === 'sms' ? '' : rest.subject, active: active ? 1 : 0 });
  },

  'messages.preview': ({ templateId, appointmentId }, ctx) => {
    const template = ctx.sqlite.prepare('SELECT * FROM messageTemplate WHERE id = ?').get(templateId) as TemplateRow | undefined;
    if (!template) throw new LumenError('not_found', 'No such message template.');
    const context = loadMessageContext(ctx.sqlite, appointmentId);
    if (!context) throw new LumenError('not_found', 'No such appointment.');
    const { subject, body } = render(template, context, ctx.clinic());
    const { recipient, reason } = delivery(context, template.channel);
    const why = reason ?? (template.active ? null : TEMPLATE_OFF);
    return { subject, body, recipient, wouldSend: why === null, reason: why };
  },

  'messages.outbox': ({ status, appointmentId, beforeId, limit }, ctx) => ({
    transportConfigured: ctx.runtime.messageTransport !== null,
    rows: cached(ctx.sqlite, OUTBOX_SQL).all({ status: status ?? null, appointmentId: appointmentId ?? null, beforeId: beforeId ?? null, limit }) as OutboxMessage[],
  }),
};
