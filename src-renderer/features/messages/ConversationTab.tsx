import { useEffect, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import type { OutputOf, ParsedInputOf } from '../../../src-shared/contract/index';
import { messageChannels, messages, type ThreadItem } from '../../../src-shared/contract/messages';
import { client, errorMessage } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { formatInstant } from '../../lib/format';
import { submitWith, contractResolver } from '../../lib/forms';
import { useAction, useCall } from '../../lib/hooks';
import { useClinic, useUi } from '../../lib/store';
import { Async, Badge, Check, Dialog, Empty, Field, FormError, SubmitRow } from '../../lib/ui';
import { channelLabels, kindLabels, statusKind, statusLabels } from './labels';
import './messages.css';

type Thread = OutputOf<'messages.thread'>;
type Channel = (typeof messageChannels)[number];

/** Patient profile → Conversation: everything sent and received on every channel, oldest first, and a reply box. */
export function ConversationTab({ patientId }: { patientId: number }) {
  const latest = useCall('messages.thread', { patientId });
  return (
    <Async state={latest} loadingLabel="Loading conversation…">
      {(thread) => <Conversation thread={thread} reload={latest.reload} />}
    </Async>
  );
}

export default ConversationTab;

function Conversation({ thread, reload }: { thread: Thread; reload: () => void }) {
  const { timeZone } = useClinic();
  // Pages before the latest one, as "Load earlier" brought them.
  const [older, setOlder] = useState<{ items: ThreadItem[]; before: string | null } | null>(null);
  const earlier = useAction();
  const [signature, setSignature] = useState(false);
  const composer = useComposer(thread);
  const listRef = useRef<HTMLOListElement>(null);
  const items = [...(older?.items ?? []), ...thread.items];
  const cursor = older ? older.before : thread.before;
  const newest = thread.items.at(-1)?.key;

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [newest]);

  // Back to the latest page alone: what the earlier pages were cut from has moved on.
  const showLatest = () => {
    setOlder(null);
    reload();
  };
  const loadEarlier = () =>
    earlier.run(async () => {
      if (!cursor) return;
      const page = await client.call('messages.thread', { patientId: thread.patientId, before: cursor });
      setOlder({ items: [...page.items, ...(older?.items ?? [])], before: page.before });
    });

  return (
    <div className="panel conversation" data-testid="conversation">
      <div className="panel-head">
        <h2>Conversation</h2>
        <span className="actions">
          <button type="button" className="btn btn-small" onClick={showLatest} data-testid="thread-refresh">
            Refresh
          </button>
          <button type="button" className="btn btn-small btn-link" onClick={() => setSignature(true)} data-testid="signature-edit">
            My signature…
          </button>
        </span>
      </div>
      {cursor && (
        <button type="button" className="btn btn-small thread-earlier" disabled={earlier.busy} onClick={loadEarlier} data-testid="thread-earlier">
          {earlier.busy ? 'Loading…' : 'Load earlier messages'}
        </button>
      )}
      {earlier.error !== undefined && <FormError message={errorMessage(earlier.error)} />}
      {items.length ? (
        <ol className="thread" ref={listRef} aria-label={`Messages with ${thread.patientName}, oldest first`} data-testid="thread">
          {items.map((item) => (
            <Bubble key={item.key} item={item} timeZone={timeZone} onReply={() => composer.replyTo(item)} />
          ))}
        </ol>
      ) : (
        <Empty>No messages with {thread.patientName} yet.</Empty>
      )}
      <Composer thread={thread} composer={composer} onSent={showLatest} />
      {signature && <SignatureDialog onClose={() => setSignature(false)} />}
    </div>
  );
}

/** One message: which way, channel, who, when (clinic time); an outbound one's status, an inbound one's Reply. */
function Bubble({ item, timeZone, onReply }: { item: ThreadItem; timeZone: string; onReply: () => void }) {
  const out = item.direction === 'out';
  return (
    <li className={`bubble bubble-${item.direction}`} data-testid="thread-item" data-direction={item.direction}>
      <div className="bubble-meta small">
        <strong>{out ? 'Sent to patient' : 'From patient'}</strong>
        <span>{channelLabels[item.channel]}</span>
        <span data-testid="thread-item-from">{item.from}</span>
        <time dateTime={item.at}>{formatInstant(item.at, timeZone)}</time>
        {item.kind && item.kind !== 'conversation' && <Badge kind="muted">{kindLabels[item.kind]}</Badge>}
      </div>
      {item.subject && <div className="bubble-subject">{item.subject}</div>}
      <p className="prewrap" data-testid="thread-item-body">
        {item.body}
      </p>
      {item.note && <p className="small muted">{item.note}</p>}
      <div className="bubble-foot small">
        {out && item.status && (
          <span data-testid="thread-item-status">
            <Badge kind={statusKind[item.status]}>{statusLabels[item.status]}</Badge>
            {item.statusReason && <span className="muted"> {item.statusReason}</span>}
          </span>
        )}
        {!out && (
          <>
            {/* `answered` covers a reply and "no reply needed" alike. */}
            {item.answered ? <Badge kind="ok">Dealt with</Badge> : <Badge kind="warn">Waiting for an answer</Badge>}
            <button type="button" className="btn btn-small" onClick={onReply} data-testid="thread-reply">
              Reply
            </button>
          </>
        )}
      </div>
    </li>
  );
}

const SendInput = messages['messages.send'].input;

interface ComposeValues {
  channel: Channel;
  subject: string;
  body: string;
  urgent: boolean;
  /** The patient's message this answers (Reply on it). */
  inReplyToId: number | null;
}

const sendInput = (patientId: number) => (v: ComposeValues) => ({
  patientId,
  channel: v.channel,
  subject: v.channel === 'email' ? v.subject : '',
  body: v.body,
  urgent: v.urgent,
  inReplyToId: v.inReplyToId ?? undefined,
});

/** The reply box's form, and "Reply" on a patient's message: its channel, its subject, and the box focused. */
function useComposer(thread: Thread) {
  const blank = (channel: Channel): ComposeValues => ({ channel, subject: '', body: '', urgent: false, inReplyToId: null });
  const form = useForm<ComposeValues, unknown, ParsedInputOf<'messages.send'>>({
    resolver: contractResolver(SendInput, sendInput(thread.patientId)),
    defaultValues: blank(thread.canEmail.ok || !thread.canSms.ok ? 'email' : 'sms'),
  });
  const [answering, setAnswering] = useState<ThreadItem | null>(null);
  return {
    form,
    blank,
    answering,
    replyTo(item: ThreadItem) {
      setAnswering(item);
      form.setValue('inReplyToId', item.id);
      form.setValue('channel', item.channel);
      if (item.channel === 'email' && !form.getValues('subject')) form.setValue('subject', /^re:/i.test(item.subject) ? item.subject : `Re: ${item.subject}`.trim());
      form.setFocus('body');
    },
    stopReplying() {
      setAnswering(null);
      form.setValue('inReplyToId', null);
    },
  };
}

function Composer({ thread, composer, onSent }: { thread: Thread; composer: ReturnType<typeof useComposer>; onSent: () => void }) {
  const { form, answering } = composer;
  const { timeZone } = useClinic();
  const { register, formState, control } = form;
  const e = formState.errors;
  const channel = useWatch({ control, name: 'channel' });
  const reach = { email: thread.canEmail, sms: thread.canSms };
  const unreachable = !thread.canEmail.ok && !thread.canSms.ok;
  const send = submitWith(
    form,
    async (input) => {
      await client.call('messages.send', input);
      form.reset(composer.blank(input.channel));
      composer.stopReplying();
      useUi.getState().notify('Message queued');
      onSent();
    },
    { known: ['channel', 'subject', 'body', 'urgent'] },
  );
  return (
    <form
      className="form composer"
      noValidate
      onSubmit={send}
      aria-label={`Write to ${thread.patientName}`}
      data-testid="composer"
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
          ev.preventDefault();
          ev.currentTarget.requestSubmit();
        }
      }}
    >
      {answering && (
        <div className="banner banner-info composer-reply" data-testid="composer-replying">
          Replying to {channelLabels[answering.channel].toLowerCase()} of {formatInstant(answering.at, timeZone)}: <span className="ellipsis">{answering.subject || answering.body}</span>
          <button type="button" className="btn btn-small" onClick={composer.stopReplying} data-testid="composer-reply-cancel">
            Not a reply
          </button>
        </div>
      )}
      <div className="channel-picker" role="radiogroup" aria-labelledby="compose-channel-label">
        <span className="field-label" id="compose-channel-label">
          Send by
        </span>
        {messageChannels.map((c) => (
          <label key={c} className="inline">
            <input type="radio" value={c} {...register('channel')} disabled={!reach[c].ok} data-testid={`compose-channel-${c}`} /> {channelLabels[c]}
            {!reach[c].ok && <span className="muted small">— {reach[c].why ?? 'not possible'}</span>}
          </label>
        ))}
        {e.channel?.message && <span className="field-error">{e.channel.message}</span>}
      </div>
      {channel === 'email' && (
        <Field label="Subject" error={e.subject?.message}>
          <input {...register('subject')} maxLength={200} data-testid="compose-subject" />
        </Field>
      )}
      <Field label="Message" error={e.body?.message} hint="Your signature is added below. Ctrl+Enter sends.">
        <textarea rows={4} maxLength={5000} {...register('body')} data-testid="compose-body" />
      </Field>
      <Check label="Urgent — may go out in SMS quiet hours and past the daily limit" field={register('urgent')} testId="compose-urgent" />
      <SubmitRow
        error={e.root?.server?.message}
        busy={formState.isSubmitting}
        disabled={unreachable}
        title={unreachable ? `${thread.canEmail.why ?? ''} ${thread.canSms.why ?? ''}`.trim() : undefined}
        testId="compose-send"
      >
        {formState.isSubmitting ? 'Sending…' : 'Send'}
      </SubmitRow>
    </form>
  );
}

const SignatureInput = messages['messages.saveSignature'].input;

/** The signed-in person's signature, added below what they write to patients. */
function SignatureDialog({ onClose }: { onClose: () => void }) {
  const state = useCall('messages.signature', {});
  return (
    <Dialog title="My signature" onClose={onClose} testId="signature-dialog">
      <Async state={state}>{({ signature }) => <SignatureForm signature={signature} onClose={onClose} />}</Async>
    </Dialog>
  );
}

function SignatureForm({ signature, onClose }: { signature: string; onClose: () => void }) {
  const form = useForm<{ signature: string }, unknown, z.output<typeof SignatureInput>>({ resolver: contractResolver(SignatureInput), defaultValues: { signature } });
  const save = async (input: z.output<typeof SignatureInput>) => {
    await client.call('messages.saveSignature', input);
    useUi.getState().notify('Signature saved');
    onClose();
  };
  return (
    <DialogForm form={form} onSubmit={save} refusals={{ known: ['signature'] }} onCancel={onClose} submit={{ label: 'Save signature', testId: 'signature-save' }}>
      <p className="muted small">Added below everything you write to patients, on email and SMS.</p>
      <Field label="Signature" error={form.formState.errors.signature?.message}>
        <textarea rows={4} maxLength={500} autoFocus {...form.register('signature')} data-testid="signature-text" />
      </Field>
    </DialogForm>
  );
}
