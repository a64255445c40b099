import type { Selectable } from 'kysely';
import type { MessageTemplate } from '../../src-shared/contract/messages';
import { fieldError, LumenError } from '../../src-shared/errors';
import { flag } from '../core/db';
import type { HandlerMap } from '../core/registry';
import { saveRow } from '../core/save-row';
import type { MessageTemplateTable } from '../core/schema-calendar';
import { loadMessageContext } from './queries';
import { delivery, render, TEMPLATE_OFF, templateFieldErrors } from './render';

const templateOf = (row: Selectable<MessageTemplateTable>): MessageTemplate => ({ ...row, active: row.active === 1 });

export const templateHandlers: HandlerMap<'messages.templates' | 'messages.saveTemplate' | 'messages.preview'> = {
  'messages.templates': async (_input, ctx) => {
    const rows = await ctx.db.selectFrom('messageTemplate').selectAll().orderBy('kind').orderBy('channel').orderBy('minutesBefore', 'desc').orderBy('name').execute();
    return rows.map(templateOf);
  },

  'messages.saveTemplate': (input, ctx) => {
    const problems = templateFieldErrors({ subject: input.subject, body: input.body });
    if (problems) throw new LumenError('invalid_input', 'The template mentions something Lumen cannot fill in.', problems);
    if (input.kind === 'reminder' && input.minutesBefore === null) throw fieldError('invalid_input', 'Say how long before the appointment the reminder goes out.', 'minutesBefore');
    if (input.kind !== 'reminder' && input.minutesBefore !== null) throw fieldError('invalid_input', 'Only a reminder goes out a set time before the visit; leave this empty.', 'minutesBefore');
    if (input.channel === 'email' && !input.subject) throw fieldError('invalid_input', 'An email needs a subject.', 'subject');
    const { id, active, ...rest } = input;
    return saveRow(ctx, 'messageTemplate', 'message template', id, { ...rest, subject: input.channel === 'sms' ? '' : rest.subject, active: flag(active) });
  },

  'messages.preview': async ({ templateId, appointmentId }, ctx) => {
    const template = await ctx.db.selectFrom('messageTemplate').selectAll().where('id', '=', templateId).executeTakeFirst();
    if (!template) throw new LumenError('not_found', 'No such message template.');
    const context = loadMessageContext(ctx.sqlite, appointmentId);
    if (!context) throw new LumenError('not_found', 'No such appointment.');
    const { subject, body } = render(template, context, ctx.clinic());
    const { recipient, reason } = delivery(context, template.channel);
    const why = reason ?? (template.active ? null : TEMPLATE_OFF);
    return { subject, body, recipient, wouldSend: why === null, reason: why };
  },
};
