import { useState } from 'react';
import { messageChannels, messageKinds, templatePlaceholders, type MessageTemplate } from '../../../src-shared/contract/messages';
import { client } from '../../lib/client';
import { useCall } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { useUi } from '../../lib/store';
import { Async, Badge, Empty, ErrorBox, Field, FormError } from '../../lib/ui';

type Draft = Omit<MessageTemplate, 'id'> & { id?: number };

const kindLabels = { confirmation: 'Confirmation (when booked)', reminder: 'Reminder (before the visit)' } as const;
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
          onSaved={(id) => {
            state.reload();
            setEditing((e) => (e ? { ...e, id } : e));
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

function TemplateEditor({ initial, onSaved }: { initial: Draft; onSaved: (id: number) => void }) {
  const [v, setV] = useState(initial);
  const save = useSave();
  const insert = (p: string) => setV({ ...v, body: `${v.body}{${p}}` });
  return (
    <form
      className="panel form"
      noValidate
      data-testid="template-editor"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await save.run(() => client.call('messages.saveTemplate', { ...v, minutesBefore: v.kind === 'confirmation' ? null : v.minutesBefore }));
        if (r) {
          setV({ ...v, id: r.id });
          useUi.getState().notify('Template saved');
          onSaved(r.id);
        }
      }}
    >
      <div className="row">
        <Field label="Name" error={save.fieldErrors.name}>
          <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} data-testid="template-name" />
        </Field>
        <Field label="Kind" error={save.fieldErrors.kind}>
          <select value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as Draft['kind'], minutesBefore: e.target.value === 'confirmation' ? null : v.minutesBefore ?? 2880 })} data-testid="template-kind">
            {messageKinds.map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Channel" error={save.fieldErrors.channel}>
          <select value={v.channel} onChange={(e) => setV({ ...v, channel: e.target.value as Draft['channel'] })} data-testid="template-channel">
            {messageChannels.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </Field>
        {v.kind === 'reminder' && (
          <Field label="Hours before" error={save.fieldErrors.minutesBefore}>
            <input type="number" min={0.25} step={0.25} className="input-short" value={(v.minutesBefore ?? 0) / 60} onChange={(e) => setV({ ...v, minutesBefore: Math.round(Number(e.target.value) * 60) })} data-testid="template-hours-before" />
          </Field>
        )}
      </div>
      {v.channel === 'email' && (
        <Field label="Subject" error={save.fieldErrors.subject}>
          <input value={v.subject} onChange={(e) => setV({ ...v, subject: e.target.value })} data-testid="template-subject" />
        </Field>
      )}
      <Field label="Message" error={save.fieldErrors.body}>
        <textarea rows={5} value={v.body} maxLength={2000} onChange={(e) => setV({ ...v, body: e.target.value })} data-testid="template-body" />
      </Field>
      <div className="placeholders" data-testid="template-placeholders">
        <span className="muted small">Placeholders (click to add):</span>
        {templatePlaceholders.map((p) => (
          <button key={p} type="button" className="btn btn-small btn-code" onClick={() => insert(p)}>
            {`{${p}}`}
          </button>
        ))}
      </div>
      <label className="inline checkbox">
        <input type="checkbox" checked={v.active} onChange={(e) => setV({ ...v, active: e.target.checked })} data-testid="template-active" /> Active
      </label>
      <FormError message={save.formError} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="template-save">
          Save template
        </button>
      </div>
      {v.id && <Preview templateId={v.id} />}
    </form>
  );
}

function Preview({ templateId }: { templateId: number }) {
  const [appointmentId, setAppointmentId] = useState('');
  const [state, setState] = useState<{ value?: Awaited<ReturnType<typeof client.call<'messages.preview'>>>; error?: unknown }>({});
  return (
    <div className="preview" data-testid="template-preview">
      <h3>Preview against an appointment</h3>
      <div className="row row-tight">
        <Field label="Appointment number" hint="The # shown in the calendar’s appointment panel">
          <input type="number" min={1} value={appointmentId} onChange={(e) => setAppointmentId(e.target.value)} className="input-short" data-testid="template-preview-id" />
        </Field>
        <button
          type="button"
          className="btn"
          disabled={!Number(appointmentId)}
          data-testid="template-preview-run"
          onClick={() => client.call('messages.preview', { templateId, appointmentId: Number(appointmentId) }).then((value) => setState({ value }), (error: unknown) => setState({ error }))}
        >
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
    </div>
  );
}
