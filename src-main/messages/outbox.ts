import { sql } from 'kysely';
import type { HandlerMap } from '../core/registry';

export const outboxHandlers: HandlerMap<'messages.outbox'> = {
  'messages.outbox': async ({ status, appointmentId, beforeId, limit }, ctx) => {
    let query = ctx.db
      .selectFrom('outbox as o')
      .innerJoin('patient as p', 'p.id', 'o.patientId')
      .innerJoin('messageTemplate as t', 't.id', 'o.templateId')
      .select((eb) => [
        'o.id',
        'o.appointmentId',
        'o.patientId',
        sql<string>`${eb.ref('p.firstName')} || ' ' || ${eb.ref('p.lastName')}`.as('patientName'),
        't.name as templateName',
        'o.kind',
        'o.channel',
        'o.recipient',
        'o.subject',
        'o.body',
        'o.dueAt',
        'o.status',
        'o.statusReason',
        'o.attempts',
        'o.sentAt',
        'o.createdAt',
      ])
      .orderBy('o.id', 'desc')
      .limit(limit);
    if (status !== undefined) query = query.where('o.status', '=', status);
    if (appointmentId !== undefined) query = query.where('o.appointmentId', '=', appointmentId);
    if (beforeId !== undefined) query = query.where('o.id', '<', beforeId);
    return { transportConfigured: ctx.runtime.messageTransport !== null, rows: await query.execute() };
  },
};
