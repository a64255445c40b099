import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import type { OutputOf } from '../../../src-shared/contract/index';
import { MessageTemplateInput, messageChannels, messages, templateKinds, templatePlaceholders, type MessageTemplate } from '../../../src-shared/contract/messages';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { Async, Badge, Check, Empty, ErrorBox, Field, SubmitRow } from '../../lib/ui';

type Draft = Omit<MessageTemplate, 'id'> & { id?: number };

const kindLabels = { confirmation: 'Confirmation (when booked)', reminder: 'Reminder (before the visit)', outreach: 'Maintenance outreach (sent from the retention lists)' } as const;
const blank: Draft = { name: '', kind: 'reminder', channel: 'sms', minutesBefore: 2880, subject: '', body: 'Hi {patient.preferredName}, see you on {appointment.date} at {appointment.time} with {provider.name}. {prep}', active: true };

function before(minutes: number | null): string {
  if (minutes === null) return 'when booked';
  return minutes % 60 === 0 ? `${minutes / 60} h before` : `${minutes} min before`;
}

/** Settings → Messages: confirmation and reminder templates, with the placeholders they may use and a preview. */
export function TemplatesTab() {
  const state = useCall('messages.templates', {});
  const [editing, setEditing] = useState<Draft | null>(null);
  return (
    <div className="grid-2 grid-catalog" data-testid="message-templates">
      <div className="panel">
        <div className="panel-head">
          <h2>Templates</h2>
          <button type="button" className="btn btn-small btn-primary" onClick={() => setEditing({ ...blank })} data-testid="template-add">
            Add template
          </button>
        </div>
        <Async state={state}>
          {(rows) =>
            rows.length ? (
              <ul className="select-list">
                {rows.map((t) => (
                  <li key={t.id} data-testid="template-row">
                    <button type="button" className={editing?.id === t.id ? 'active' : ''} onClick={() => setEditing(t)}>
                      <span>
                        {t.name} {!t.active && <Badge kind="muted">off</Badge>}
                      </span>
                      <span className="muted small">
                        {t.kind} · {t.channel} · {before(t.minutesBefore)}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>No templates: nothing will be sent. Add a confirmation and a 48 h reminder.</Empty>
            )
          }
        </Async>
      </div>
      {editing ? (
        <TemplateEditor
          key={editing.id ?? 'new'}
          initial={editing}
          onSaved={(saved) => {
            state.reload();
            setEditing(saved);
          }}
        />
      ) : (
        <div className="panel">
          <Empty>Pick a template to edit it.</Empty>
        </div>
      )}
    </div>
  );
}

/** A template as the form holds it: reminders say how many hours before (confirmations ignore it). */
interface TemplateValues extends Omit<Draft, 'minutesBefore'> {
  minutesBefore: { hours: number };
}

const templateInput = ({ minutesBefore, ...v }: TemplateValues) => ({ ...v, minutesBefore: v.kind === 'confirmation' ? null : Math.round(minutesBefore.hours * 60) });

function TemplateEditor({ initial, onSaved }: { initial: Draft; onSaved: (saved: Draft) => void }) {
  const form = useForm<TemplateValues, unknown, z.output<typeof MessageTemplateInput>>({
    resolver: contractResolver(MessageTemplateInput, templateInput),
    defaultValues: { ...initial, minutesBefore: { hours: (initial.minutesBefore ?? 2880) / 60 } },
  });
  const { register, control, getValues, setValue, formState } = form;
  const [id, kind, channel] = useWatch({ control, name: ['id', 'kind', 'channel'] });
  const e = formState.errors;
  const save = submitWith(
    form,
    async (input) => {
      const r = await client.call('messages.saveTemplate', input);
      setValue('id', r.id);
      useUi.getState().notify('Template saved');
      onSaved({ ...input, id: r.id });
    },
    { known: ['name', 'kind', 'channel', 'minutesBefore', 'subject', 'body'] },
  );
  const insert = (p: string) => setValue('body', `${getValues('body')}{${p}}`);
  return (
    <div className="panel form" data-testid="template-editor">
      <form className="form" noValidate onSubmit={save}>
        <div className="row">
          <Field label="Name" error={e.name?.message}>
            <input {...register('name')} data-testid="template-name" />
          </Field>
          <Field label="Kind" error={e.kind?.message}>
            <select {...register('kind')} data-testid="template-kind">
              {templateKinds.map((k) => (
                <option key={k} value={k}>
                  {kindLabels[k]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Channel" error={e.channel?.message}>
            <select {...register('channel')} data-testid="template-channel">
              {messageChannels.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
          {kind === 'reminder' && (
            <Field label="Hours before" error={e.minutesBefore?.message}>
              <input type="number" min={0.25} step={0.25} className="input-short" {...register('minutesBefore.hours', { valueAsNumber: true })} data-testid="template-hours-before" />
            </Field>
          )}
        </div>
        {channel === 'email' && (
          <Field label="Subject" error={e.subject?.message}>
            <input {...register('subject')} data-testid="template-subject" />
          </Field>
        )}
        <Field label="Message" error={e.body?.message}>
          <textarea rows={5} maxLength={2000} {...register('body')} data-testid="template-body" />
        </Field>
        <div className="placeholders" data-testid="template-placeholders">
          <span className="muted small">Placeholders (click to add):</span>
          {templatePlaceholders.map((p) => (
            <button key={p} type="button" className="btn btn-small btn-code" onClick={() => insert(p)}>
              {`{${p}}`}
            </button>
          ))}
        </div>
        <Check label="Active" field={register('active')} testId="template-active" />
        <SubmitRow error={e.root?.server?.message} busy={formState.isSubmitting} testId="template-save">
          Save template
        </SubmitRow>
      </form>
      {id && <Preview templateId={id} />}
    </div>
  );
}

const PreviewInput = messages['messages.preview'].input;
type PreviewInput = z.output<typeof PreviewInput>;

/** A saved template rendered for one appointment, as the patient would get it. */
function Preview({ templateId }: { templateId: number }) {
  const { register, control, handleSubmit, formState } = useForm<{ appointmentId: number }, unknown, PreviewInput>({
    resolver: contractResolver(PreviewInput, (v: { appointmentId: number }) => ({ templateId, appointmentId: v.appointmentId })),
  });
  const appointmentId = useWatch({ control, name: 'appointmentId' });
  const [state, setState] = useState<{ value?: OutputOf<'messages.preview'>; error?: unknown }>({});
  const run = handleSubmit((input) => client.call('messages.preview', input).then((value) => setState({ value }), (error: unknown) => setState({ error })));
  return (
    <form className="preview" noValidate onSubmit={run} data-testid="template-preview">
      <h3>Preview against an appointment</h3>
      <div className="row row-tight">
        <Field label="Appointment number" hint="The # shown in the calendar’s appointment panel" error={formState.errors.appointmentId?.message}>
          <input type="number" min={1} className="input-short" {...register('appointmentId', { valueAsNumber: true })} data-testid="template-preview-id" />
        </Field>
        <button type="submit" className="btn" disabled={!appointmentId} data-testid="template-preview-run">
          Preview
        </button>
      </div>
      {state.error !== undefined && <ErrorBox error={state.error} />}
      {state.value && (
        <div className="panel" data-testid="template-preview-result">
          <p className="small muted">
            To: {state.value.recipient ?? 'no address'} · {state.value.wouldSend ? <Badge kind="ok">would be sent</Badge> : <Badge kind="warn">not sent: {state.value.reason}</Badge>}
          </p>
          {state.value.subject && <strong>{state.value.subject}</strong>}
          <p className="prewrap">{state.value.body}</p>
        </div>
      )}
    </form>
  );
}
