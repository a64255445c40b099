import { sql } from 'kysely';
import type { CarrierState } from '../../src-shared/contract/messages';
import type { z } from 'zod';
import type { HandlerMap } from '../core/registry';
import type { MessagingAccountTable } from '../core/schema-calendar';
import { OFFLINE_WORDS } from './carriers/errors';
import { waitingCount } from './drain';

type CarrierStatus = z.infer<typeof CarrierState>;

/** How an account is doing, from what last happened with it (a test, a send, a run that found no network). */
export function carrierStateOf(account: Pick<MessagingAccountTable, 'enabled' | 'lastStatus' | 'lastStatusOk' | 'lastStatusAt'> | undefined): CarrierStatus {
  if (!account || !account.enabled) return { configured: false, state: 'notConfigured', detail: account ? 'Switched off' : null, at: null };
  const detail = account.lastStatus;
  const at = account.lastStatusAt;
  if (account.lastStatusOk === null || at === null) return { configured: true, state: 'untested', detail, at };
  if (account.lastStatusOk === 1) return { configured: true, state: 'ok', detail, at };
  return { configured: true, state: detail?.startsWith(OFFLINE_WORDS) ? 'offline' : 'failing', detail, at };
}

export const outboxHandlers: HandlerMap<'messages.outbox'> = {
  'messages.outbox': async ({ status, appointmentId, beforeId, limit }, ctx) => {
    let query = ctx.db
      .selectFrom('outbox as o')
      .innerJoin('patient as p', 'p.id', 'o.patientId')
      .leftJoin('messageTemplate as t', 't.id', 'o.templateId')
      .leftJoin('staff as s', 's.id', 'o.staffId')
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
        sql<boolean>`o.retryable = 1`.as('retryable'),
        'o.attempts',
        'o.nextAttemptAt',
        'o.sentAt',
        sql<boolean>`o.urgent = 1`.as('urgent'),
        's.displayName as staffName',
        'o.createdAt',
      ])
      .orderBy('o.id', 'desc')
      .limit(limit);
    if (status !== undefined) query = query.where('o.status', '=', status);
    if (appointmentId !== undefined) query = query.where('o.appointmentId', '=', appointmentId);
    if (beforeId !== undefined) query = query.where('o.id', '<', beforeId);
    const rows = (await query.execute()).map((r) => ({ ...r, retryable: Boolean(r.retryable), urgent: Boolean(r.urgent) }));
    const accounts = await ctx.db.selectFrom('messagingAccount').select(['kind', 'enabled', 'lastStatus', 'lastStatusOk', 'lastStatusAt']).execute();
    const stateOf = (kind: 'smtp' | 'sms') => carrierStateOf(accounts.find((a) => a.kind === kind));
    return { carriers: { email: stateOf('smtp'), sms: stateOf('sms') }, waiting: waitingCount(ctx.sqlite, ctx.now), rows };
  },
};
