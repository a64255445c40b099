import { ImapSettings, type MessagingAccountKind, SmsSettings, SmtpSettings } from '../../src-shared/contract/messages';
import { fieldError, LumenError } from '../../src-shared/errors';
import { hhmm, minutesOf } from '../../src-shared/time';
import type { HandlerContext, HandlerMap } from '../core/registry';
import { type Account, loadAccount, recordAccountStatus } from './carriers/accounts';
import { describeCarrierError } from './carriers/errors';
import { openMailbox } from './carriers/imap';
import { smsCarrier } from './carriers/sms';
import { smtpCarrier } from './carriers/smtp';

const LABELS: Record<MessagingAccountKind, string> = { smtp: 'outgoing email (SMTP)', imap: 'mailbox (IMAP)', sms: 'SMS gateway' };
/** The outbox channel an account sends for (the mailbox sends nothing). */
const CHANNEL = { smtp: 'email', sms: 'sms', imap: null } as const;

/** Whether an account of this kind needs a password: SMTP only when it signs in (a local relay may not). */
const needsSecret = (input: { kind: 'smtp'; settings: SmtpSettings } | { kind: 'imap' | 'sms' }) => input.kind !== 'smtp' || input.settings.user !== '';

/** The test itself: a real email or SMS, or signing in to the mailbox. A failure is an answer in words. */
async function runTest(input: { kind: 'smtp'; to: string } | { kind: 'sms'; to: string } | { kind: 'imap' }, account: Account<MessagingAccountKind>, now: Date, clinicName: string): Promise<{ ok: boolean; detail: string }> {
  if (account.secretProblem) return { ok: false, detail: account.secretProblem };
  const message = { id: 0, subject: `Test email from ${clinicName}`, body: `This is a test message from ${clinicName}'s Lumen. If it arrived, sending works.`, messageId: null, inReplyTo: null, sendingAt: now.toISOString() };
  if (input.kind === 'imap') {
    const settings = ImapSettings.parse(account.settings);
    try {
      const client = await openMailbox(settings, account.secret ?? '');
      try {
        const status = await client.status(settings.mailbox, { messages: true });
        return { ok: true, detail: `Signed in; ${settings.mailbox} holds ${(status && status.messages) ?? 0} messages` };
      } finally {
        await client.logout().catch(() => undefined);
      }
    } catch (error) {
      return { ok: false, detail: describeCarrierError(error, account.secret).words };
    }
  }
  const carrier =
    input.kind === 'smtp'
      ? smtpCarrier({ ...account, settings: SmtpSettings.parse(account.settings) }, null)
      : smsCarrier({ ...account, settings: SmsSettings.parse(account.settings) });
  try {
    const result = await carrier.send({ ...message, channel: carrier.channel, recipient: input.to });
    return result.ok ? { ok: true, detail: `Test ${input.kind === 'smtp' ? 'email' : 'SMS'} sent to ${input.to}` } : { ok: false, detail: result.words };
  } finally {
    await carrier.close();
  }
}

function accountState(ctx: HandlerContext) {
  return ctx.db.selectFrom('messagingAccount').selectAll().execute();
}

export const accountHandlers: HandlerMap<'messages.accounts' | 'messages.saveAccount' | 'messages.removeAccount' | 'messages.testAccount' | 'messages.saveRules' | 'messages.retry'> = {
  'messages.accounts': async (_input, ctx) => {
    const rows = await accountState(ctx);
    const view = (kind: MessagingAccountKind) => {
      const row = rows.find((r) => r.kind === kind);
      if (!row) return null;
      return {
        settings: JSON.parse(row.settings) as unknown,
        hasSecret: row.sealedSecret !== null,
        enabled: row.enabled === 1,
        lastStatus: row.lastStatus,
        lastStatusOk: row.lastStatusOk === null ? null : row.lastStatusOk === 1,
        lastStatusAt: row.lastStatusAt,
      };
    };
    const smtp = view('smtp');
    const imap = view('imap');
    const sms = view('sms');
    const clinic = await ctx.db.selectFrom('clinic').select(['smsQuietFromMinute', 'smsQuietUntilMinute', 'dailyMessageCap', 'replyTargetHours']).where('id', '=', 1).executeTakeFirstOrThrow();
    return {
      accounts: {
        smtp: smtp && { ...smtp, settings: SmtpSettings.parse(smtp.settings) },
        imap: imap && { ...imap, settings: ImapSettings.parse(imap.settings) },
        sms: sms && { ...sms, settings: SmsSettings.parse(sms.settings) },
        sealing: ctx.runtime.secretBox.kind,
      },
      rules: {
        smsQuietFrom: hhmm(clinic.smsQuietFromMinute),
        smsQuietUntil: hhmm(clinic.smsQuietUntilMinute),
        dailyCap: clinic.dailyMessageCap,
        replyTargetHours: clinic.replyTargetHours,
      },
    };
  },

  'messages.saveAccount': async (input, ctx) => {
    const existing = await ctx.db.selectFrom('messagingAccount').select(['sealedSecret', 'settings', 'enabled']).where('kind', '=', input.kind).executeTakeFirst();
    const sealedSecret = input.secret !== undefined ? ctx.runtime.secretBox.seal(input.secret) : (existing?.sealedSecret ?? null);
    if (sealedSecret === null && needsSecret(input)) throw fieldError('invalid_input', `Enter the ${input.kind === 'sms' ? 'token' : 'password'} for this account.`, 'secret');
    const at = ctx.now.toISOString();
    const values = { settings: JSON.stringify(input.settings), sealedSecret, enabled: input.enabled ? (1 as const) : (0 as const), lastStatus: null, lastStatusOk: null, lastStatusAt: null, updatedAt: at };
    await ctx.db
      .insertInto('messagingAccount')
      .values({ kind: input.kind, ...values })
      .onConflict((oc) => oc.column('kind').doUpdateSet(values))
      .execute();
    // Messages resting after a refusal of the old settings (a wrong password) may go at the next run.
    const channel = CHANNEL[input.kind];
    if (channel) await ctx.db.updateTable('outbox').set({ nextAttemptAt: null }).where('status', '=', 'queued').where('channel', '=', channel).where('nextAttemptAt', '>', at).execute();
    ctx.audit({
      action: existing ? 'update' : 'create',
      entity: 'messagingAccount',
      entityId: input.kind,
      summary: `${existing ? 'Changed' : 'Set up'} the ${LABELS[input.kind]} account${input.secret !== undefined ? ' and its password' : ''}`,
      // Never the secret itself: only that it changed.
      details: { settings: input.settings, enabled: input.enabled, ...(input.secret !== undefined ? { secret: 'changed' } : {}) },
    });
    return { ok: true };
  },

  'messages.removeAccount': async ({ kind }, ctx) => {
    const removed = await ctx.db.deleteFrom('messagingAccount').where('kind', '=', kind).executeTakeFirst();
    if (!removed.numDeletedRows) throw new LumenError('not_found', `There is no ${LABELS[kind]} account on this workstation.`);
    ctx.audit({ action: 'update', entity: 'messagingAccount', entityId: kind, summary: `Removed the ${LABELS[kind]} account and its password`, details: { kind, removed: true } });
    return { ok: true };
  },

  /*
   * A test talks to a server for up to its timeout (10 s). Inside the registry's write transaction, or in its queue,
   * every desk would wait that long, so the contract runs this method without a transaction and beside the queue
   * (`transaction: 'none'`, `queued: false`), like a background job: it reads the account and writes the outcome
   * between calls (`outsideTransaction`), each in one short synchronous step, and does the network I/O in between.
   */
  'messages.testAccount': async (input, ctx) => {
    const runtime = ctx.runtime;
    await runtime.outsideTransaction();
    const account = loadAccount(runtime, input.kind);
    if (!account) throw new LumenError('not_found', `Set up the ${LABELS[input.kind]} account first.`);
    const clinicName = runtime.clinicRow()?.name ?? 'the clinic';
    const outcome = await runTest(input, account, runtime.clock.now(), clinicName);
    await runtime.outsideTransaction();
    const now = runtime.clock.now();
    runtime.sqlite
      .transaction(() => {
        runtime.workstation?.stamp(now);
        recordAccountStatus(runtime.sqlite, input.kind, outcome.ok, outcome.detail, now);
        ctx.audit({
          action: 'update',
          entity: 'messagingAccount',
          entityId: input.kind,
          summary: `Tested the ${LABELS[input.kind]} account: ${outcome.ok ? 'it works' : 'it failed'}`,
          details: { ok: outcome.ok, detail: outcome.detail, ...('to' in input ? { to: input.to } : {}) },
        });
      })
      .immediate();
    return outcome;
  },

  'messages.saveRules': async (rules, ctx) => {
    const values = {
      smsQuietFromMinute: minutesOf(rules.smsQuietFrom),
      smsQuietUntilMinute: minutesOf(rules.smsQuietUntil),
      dailyMessageCap: rules.dailyCap,
      replyTargetHours: rules.replyTargetHours,
      updatedAt: ctx.now.toISOString(),
    };
    await ctx.db.updateTable('clinic').set(values).where('id', '=', 1).execute();
    ctx.audit({ action: 'update', entity: 'clinic', entityId: 1, summary: `Changed the messaging rules (SMS quiet ${rules.smsQuietFrom}–${rules.smsQuietUntil}, ${rules.dailyCap} a day, reply within ${rules.replyTargetHours} h)`, details: rules });
    return { ok: true };
  },

  'messages.retry': async ({ outboxId }, ctx) => {
    const row = await ctx.db.selectFrom('outbox').select(['status', 'retryable', 'channel', 'recipient']).where('id', '=', outboxId).executeTakeFirst();
    if (!row) throw new LumenError('not_found', 'There is no such message.');
    if (row.status !== 'failed' || row.retryable !== 1) {
      throw new LumenError('invalid_transition', row.status === 'failed' ? 'This message was refused for good and cannot be sent again.' : 'Only a failed message can be sent again.');
    }
    await ctx.db
      .updateTable('outbox')
      .set({ status: 'queued', statusReason: null, retryable: 0, attempts: 0, nextAttemptAt: null, sendingAt: null, updatedAt: ctx.now.toISOString() })
      .where('id', '=', outboxId)
      .execute();
    ctx.audit({ action: 'update', entity: 'outbox', entityId: outboxId, summary: `Queued a failed ${row.channel === 'sms' ? 'SMS' : 'email'} to ${row.recipient ?? 'the patient'} again`, details: { outboxId } });
    return { ok: true };
  },
};
