import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { MessagingAccountInput, MessagingRules, mailSecurity, messages, messagingAccountKinds, type MessagingAccountKind, type MessagingAccounts } from '../../../src-shared/contract/messages';
import { client, errorMessage } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { formatInstant, readWhole } from '../../lib/format';
import { contractResolver, submitWith } from '../../lib/forms';
import { useAction, useCall } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Async, Badge, Check, ConfirmDialog, Dialog, Field, FormError, SubmitRow } from '../../lib/ui';
import './messages.css';

type Account = NonNullable<MessagingAccounts[MessagingAccountKind]>;
type Outcome = z.output<(typeof messages)['messages.testAccount']['output']>;

/** One input of an account card: `port` and `optional` are read from text; `secret` is the password or token. */
interface FieldSpec {
  name: string;
  label: string;
  read?: 'port' | 'optional';
  type?: 'email' | 'url' | 'tel';
  placeholder?: string;
  hint?: string;
}

interface CardSpec {
  title: string;
  intro: string;
  secretLabel: string;
  /** The settings fields, with the password or token after `secretAfter`. */
  fields: FieldSpec[];
  secretAfter: string;
  blank: Record<string, string>;
  test: { label: string; busy: string; ask?: { label: string; type: 'email' | 'tel'; placeholder: string } };
}

/** Where a mail server is and who signs in: the same for sending (SMTP) and for the mailbox (IMAP). */
const mailServer = (example: string, userHint?: string): FieldSpec[] => [
  { name: 'host', label: 'Server', placeholder: example },
  { name: 'port', label: 'Port', read: 'port' },
  { name: 'security', label: 'Security' },
  { name: 'user', label: 'User name', hint: userHint },
];

const cards: Record<MessagingAccountKind, CardSpec> = {
  smtp: {
    title: 'Email sending (SMTP)',
    intro: 'The clinic’s own mail account sends confirmations, reminders and what staff write to patients.',
    secretLabel: 'Password',
    fields: [
      ...mailServer('smtp.example.com', 'Blank: the server needs no sign-in'),
      { name: 'fromName', label: 'From name', placeholder: 'Harbour Aesthetics' },
      { name: 'fromAddress', label: 'From address', type: 'email', placeholder: 'hello@clinic.example' },
      { name: 'replyTo', label: 'Replies go to', read: 'optional', type: 'email', hint: 'Blank: the from address' },
    ],
    secretAfter: 'user',
    blank: { host: '', port: '587', security: 'starttls', user: '', fromName: '', fromAddress: '', replyTo: '' },
    test: { label: 'Send a test email', busy: 'Sending…', ask: { label: 'Send the test email to', type: 'email', placeholder: 'you@example.com' } },
  },
  imap: {
    title: 'Mailbox for replies (IMAP)',
    intro: 'Patients’ email replies are fetched from this mailbox and filed in their conversation.',
    secretLabel: 'Password',
    fields: [
      ...mailServer('imap.example.com'),
      { name: 'mailbox', label: 'Folder', hint: 'Where replies arrive; usually INBOX' },
    ],
    secretAfter: 'user',
    blank: { host: '', port: '993', security: 'tls', user: '', mailbox: 'INBOX' },
    test: { label: 'Check mailbox', busy: 'Checking…' },
  },
  sms: {
    title: 'SMS gateway',
    intro: 'Text messages go out, and patients’ texts come back, through the gateway’s web API (Twilio-style).',
    secretLabel: 'Token',
    fields: [
      { name: 'baseUrl', label: 'API address', type: 'url', placeholder: 'https://api.twilio.com/2010-04-01' },
      { name: 'accountId', label: 'Account ID' },
      { name: 'fromNumber', label: 'From number', type: 'tel', placeholder: '+4930123456789' },
    ],
    secretAfter: 'accountId',
    blank: { baseUrl: 'https://api.twilio.com/2010-04-01', accountId: '', fromNumber: '' },
    test: { label: 'Send a test SMS', busy: 'Sending…', ask: { label: 'Send the test SMS to', type: 'tel', placeholder: '+4915112345678' } },
  },
};

const securityLabels: Record<(typeof mailSecurity)[number], string> = {
  tls: 'TLS from the start (465, 993)',
  starttls: 'STARTTLS (587, 143)',
  none: 'None — a relay on this computer only',
};

const sealingText: Record<MessagingAccounts['sealing'], string> = {
  safeStorage: 'Passwords and tokens are sealed with this computer’s system keychain; they are never shown again, exported or logged.',
  keyFile: 'Passwords and tokens are sealed with a key file that only your user account on this computer can read; they are never shown again, exported or logged.',
};

/** Settings → Messaging accounts: this workstation's SMTP, IMAP and SMS gateway accounts, and the clinic's messaging rules. */
export function AccountsTab() {
  const state = useCall('messages.accounts', {});
  return (
    <Async state={state} loadingLabel="Loading accounts…">
      {({ accounts, rules }) => (
        <div data-testid="messaging-accounts">
          <p className="muted small" data-testid="accounts-sealing">
            {sealingText[accounts.sealing]}
          </p>
          <div className="grid-2">
            {messagingAccountKinds.map((kind) => (
              <AccountCard key={kind} kind={kind} account={accounts[kind]} onChanged={state.reload} />
            ))}
            <RulesCard rules={rules} />
          </div>
        </div>
      )}
    </Async>
  );
}

interface AccountValues {
  settings: Record<string, string>;
  secret: string;
  enabled: boolean;
}

const readField = (field: FieldSpec, text: string): unknown => (field.read === 'port' ? readWhole(text) : field.read === 'optional' ? text.trim() || null : text);

const accountInput = (kind: MessagingAccountKind) => (v: AccountValues) => ({
  kind,
  settings: Object.fromEntries(cards[kind].fields.map((f) => [f.name, readField(f, v.settings[f.name] ?? '')])),
  secret: v.secret === '' ? undefined : v.secret,
  enabled: v.enabled,
});

function accountValues(kind: MessagingAccountKind, account: Account | null): AccountValues {
  const saved = account?.settings as Record<string, unknown> | undefined;
  const settings = saved ? Object.fromEntries(cards[kind].fields.map((f) => [f.name, String(saved[f.name] ?? '')])) : { ...cards[kind].blank };
  return { settings, secret: '', enabled: account?.enabled ?? true };
}

function AccountCard({ kind, account, onChanged }: { kind: MessagingAccountKind; account: Account | null; onChanged: () => void }) {
  const card = cards[kind];
  const { timeZone } = useClinic();
  const form = useForm<AccountValues, unknown, z.output<typeof MessagingAccountInput>>({
    resolver: contractResolver(MessagingAccountInput, accountInput(kind)),
    defaultValues: accountValues(kind, account),
  });
  const { register, formState } = form;
  const e = formState.errors;
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [dialog, setDialog] = useState<'test' | 'remove' | null>(null);
  const check = useAction();
  const save = submitWith(
    form,
    async (input) => {
      await client.call('messages.saveAccount', input);
      form.reset({ ...form.getValues(), secret: '' });
      // A test of the settings before is no word on these.
      setOutcome(null);
      useUi.getState().notify(`${card.title} saved`);
      onChanged();
    },
    { known: ['secret', 'enabled'] },
  );
  const tested = (result: Outcome) => {
    setOutcome(result);
    onChanged();
  };
  const startTest = () => {
    if (card.test.ask) setDialog('test');
    else void check.run(async () => tested(await client.call('messages.testAccount', { kind: 'imap' })));
  };
  const unsaved = !account ? 'Save the account first' : formState.isDirty ? 'Save your changes first' : undefined;

  const input = (f: FieldSpec) => (
    <Field key={f.name} label={f.label} hint={f.hint} error={e.settings?.[f.name]?.message} className={f.read === 'port' ? 'field-short' : undefined}>
      {f.name === 'security' ? (
        <select {...register(`settings.${f.name}`)} data-testid={`${kind}-${f.name}`}>
          {mailSecurity.map((s) => (
            <option key={s} value={s}>
              {securityLabels[s]}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...register(`settings.${f.name}`)}
          type={f.type ?? 'text'}
          inputMode={f.read === 'port' ? 'numeric' : undefined}
          placeholder={f.placeholder}
          autoComplete="off"
          data-testid={`${kind}-${f.name}`}
        />
      )}
    </Field>
  );

  return (
    <section className="panel account-card" aria-labelledby={`account-${kind}-title`} data-testid={`account-${kind}`}>
      <h2 id={`account-${kind}-title`}>
        {card.title} {!account && <Badge kind="muted">not set up</Badge>}
        {account && !account.enabled && <Badge kind="warn">off</Badge>}
      </h2>
      <p className="muted small">{card.intro}</p>
      <form className="form" noValidate onSubmit={save}>
        <div className="row">
          {card.fields.flatMap((f) => [
            input(f),
            ...(f.name === card.secretAfter
              ? [
                  <Field key="secret" label={card.secretLabel} error={e.secret?.message} hint={account?.hasSecret ? 'Kept sealed; type a new one only to change it' : undefined}>
                    <input
                      {...register('secret')}
                      type="password"
                      autoComplete="new-password"
                      placeholder={account?.hasSecret ? 'saved — leave empty to keep' : ''}
                      data-testid={`${kind}-secret`}
                    />
                  </Field>,
                ]
              : []),
          ])}
        </div>
        <Check label="Use this account" field={register('enabled')} testId={`${kind}-enabled`} />
        <LastStatus account={account} timeZone={timeZone} testId={`${kind}-last-status`} />
        {outcome && (
          <div className={`banner ${outcome.ok ? 'banner-ok' : 'banner-alert'}`} role="status" data-testid={`${kind}-outcome`}>
            <strong>{outcome.ok ? 'It works:' : 'It did not work:'}</strong> {outcome.detail}
          </div>
        )}
        {check.error !== undefined && <FormError message={errorMessage(check.error)} />}
        <SubmitRow
          error={e.root?.server?.message}
          busy={formState.isSubmitting}
          testId={`${kind}-save`}
          before={
            <>
              {account && (
                <button type="button" className="btn" onClick={() => setDialog('remove')} data-testid={`${kind}-remove`}>
                  Remove
                </button>
              )}
              <button type="button" className="btn" disabled={!!unsaved || check.busy} title={unsaved} onClick={startTest} data-testid={`${kind}-test`}>
                {check.busy ? card.test.busy : card.test.label}
              </button>
            </>
          }
        >
          Save
        </SubmitRow>
      </form>
      {dialog === 'test' && card.test.ask && <TestDialog kind={kind} onClose={() => setDialog(null)} onDone={tested} />}
      {dialog === 'remove' && (
        <ConfirmDialog
          title={`Remove ${card.title.toLowerCase()}`}
          confirmLabel="Remove"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await client.call('messages.removeAccount', { kind });
            form.reset(accountValues(kind, null));
            setOutcome(null);
            onChanged();
          }}
        >
          <p>This workstation forgets the account and its {card.secretLabel.toLowerCase()}. Messages for it wait in the outbox until an account is set up again.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The account's last test, send or fetch, in words, with its time. */
function LastStatus({ account, timeZone, testId }: { account: Account | null; timeZone: string; testId: string }) {
  if (!account) return null;
  if (!account.lastStatus) return <p className="small muted" data-testid={testId}>Not tried yet.</p>;
  return (
    <p className="small" data-testid={testId}>
      <Badge kind={account.lastStatusOk ? 'ok' : 'alert'}>{account.lastStatusOk ? 'Working' : 'Failing'}</Badge> {account.lastStatus}
      <span className="muted"> · {formatInstant(account.lastStatusAt, timeZone)}</span>
    </p>
  );
}

const TestInput = messages['messages.testAccount'].input;

/** Asks where the test email or SMS goes, sends it, and hands the outcome to the card. */
function TestDialog({ kind, onClose, onDone }: { kind: MessagingAccountKind; onClose: () => void; onDone: (outcome: Outcome) => void }) {
  const card = cards[kind];
  const ask = card.test.ask!;
  const form = useForm<{ to: string }, unknown, z.output<typeof TestInput>>({
    resolver: contractResolver(TestInput, (v: { to: string }) => ({ kind, to: v.to })),
    defaultValues: { to: '' },
  });
  const send = async (input: z.output<typeof TestInput>) => {
    onDone(await client.call('messages.testAccount', input));
    onClose();
  };
  return (
    <Dialog title={card.test.label} onClose={onClose} testId="account-test-dialog">
      <DialogForm form={form} onSubmit={send} refusals={{ known: ['to'] }} onCancel={onClose} submit={{ label: 'Send', busyLabel: card.test.busy, testId: 'account-test-send' }}>
        <Field label={ask.label} error={form.formState.errors.to?.message}>
          <input {...form.register('to')} type={ask.type} placeholder={ask.placeholder} autoFocus data-testid="account-test-to" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}

interface RulesValues {
  smsQuietFrom: string;
  smsQuietUntil: string;
  dailyCap: string;
  replyTargetHours: string;
}

const rulesInput = (v: RulesValues) => ({ ...v, dailyCap: readWhole(v.dailyCap), replyTargetHours: readWhole(v.replyTargetHours) });
const rulesValues = (r: MessagingRules): RulesValues => ({ ...r, dailyCap: String(r.dailyCap), replyTargetHours: String(r.replyTargetHours) });

/** The clinic's rules for every workstation: SMS quiet hours, the daily cap per patient, the inbox's reply target. */
function RulesCard({ rules }: { rules: MessagingRules }) {
  const form = useForm<RulesValues, unknown, MessagingRules>({ resolver: contractResolver(MessagingRules, rulesInput), defaultValues: rulesValues(rules) });
  const { register, formState } = form;
  const e = formState.errors;
  const save = submitWith(form, async (input) => {
    await client.call('messages.saveRules', input);
    form.reset(rulesValues(input));
    useUi.getState().notify('Messaging rules saved');
  });
  return (
    <section className="panel" aria-labelledby="messaging-rules-title" data-testid="messaging-rules">
      <h2 id="messaging-rules-title">Rules</h2>
      <form className="form" noValidate onSubmit={save}>
        <div className="row">
          <Field label="No SMS from" error={e.smsQuietFrom?.message} hint="Clinic time; urgent messages still go">
            <input type="time" {...register('smsQuietFrom')} data-testid="rules-quiet-from" />
          </Field>
          <Field label="until" error={e.smsQuietUntil?.message} hint="The same time twice: no quiet hours">
            <input type="time" {...register('smsQuietUntil')} data-testid="rules-quiet-until" />
          </Field>
        </div>
        <div className="row">
          <Field label="Messages per patient a day" error={e.dailyCap?.message} hint="More wait for the next day; urgent ones and replies aside">
            <input inputMode="numeric" className="input-short" {...register('dailyCap')} data-testid="rules-daily-cap" />
          </Field>
          <Field label="Answer patients within (hours)" error={e.replyTargetHours?.message} hint="The inbox marks later ones overdue">
            <input inputMode="numeric" className="input-short" {...register('replyTargetHours')} data-testid="rules-reply-target" />
          </Field>
        </div>
        <SubmitRow error={e.root?.server?.message} busy={formState.isSubmitting} disabled={!formState.isDirty} testId="rules-save">
          Save rules
        </SubmitRow>
      </form>
    </section>
  );
}
