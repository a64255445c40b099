import { useForm } from 'react-hook-form';
import { channelLabels, type DueRow, outcomeLabels, OutreachInput, outreachChannels, outreachOutcomes } from '../../../src-shared/contract/retention';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { Dialog, Field } from '../../lib/ui';

interface Values {
  channel: (typeof outreachChannels)[number];
  outcome: (typeof outreachOutcomes)[number];
  templateId: string;
  callBackOn: string;
  note: string;
}

const messaged = (channel: string) => channel === 'email' || channel === 'sms';

/**
 * Log a call (or an email/SMS drafted from an outreach template, queued in the outbox) about one due row. "Booked"
 * hands over to the booking screen with the category's last service.
 */
export function OutreachDialog({ row, onClose, onLogged }: { row: DueRow; onClose: () => void; onLogged: (outcome: Values['outcome']) => void }) {
  const toInput = (v: Values) => ({
    patientId: row.patientId,
    categoryIds: [row.categoryId],
    channel: v.channel,
    outcome: messaged(v.channel) ? 'sent' : v.outcome,
    ...(messaged(v.channel) && v.templateId ? { templateId: Number(v.templateId) } : {}),
    ...(v.outcome === 'callBack' && !messaged(v.channel) && v.callBackOn ? { callBackOn: v.callBackOn } : {}),
    note: v.note,
  });
  const firstChannel = (['phone', 'sms', 'email'] as const).find((c) => row.contactable[c].ok) ?? 'inPerson';
  const form = useForm<Values, unknown, OutreachInput>({
    resolver: contractResolver(OutreachInput, toInput),
    defaultValues: { channel: firstChannel, outcome: 'noAnswer', templateId: '', callBackOn: '', note: '' },
  });
  const channel = form.watch('channel');
  const outcome = form.watch('outcome');
  const templateId = form.watch('templateId');
  const templates = useCall('messages.templates', messaged(channel) ? {} : null);
  const outreachTemplates = (templates.data ?? []).filter((t) => t.kind === 'outreach' && t.channel === channel && t.active);
  const draft = useCall('retention.draftMessage', messaged(channel) && templateId ? { patientId: row.patientId, categoryIds: [row.categoryId], templateId: Number(templateId) } : null);
  const blocked = channel !== 'inPerson' && !row.contactable[channel].ok ? row.contactable[channel].why : null;
  return (
    <Dialog title={`Contact ${row.patientName} — ${row.categoryName}`} onClose={onClose} testId="outreach-dialog">
      <DialogForm
        form={form}
        onSubmit={async (input) => {
          await client.call('retention.logOutreach', input);
          onLogged(input.outcome);
        }}
        onCancel={onClose}
        submit={{ label: messaged(channel) ? 'Queue message' : 'Log contact', testId: 'outreach-save', disabled: blocked !== null }}
      >
        <Field label="Channel" error={blocked ? `Not on this channel: ${blocked}` : form.formState.errors.channel?.message}>
          <select {...form.register('channel')} data-testid="outreach-channel">
            {outreachChannels.map((c) => (
              <option key={c} value={c}>
                {channelLabels[c]}
                {c !== 'inPerson' && !row.contactable[c].ok ? ` (${row.contactable[c].why})` : ''}
              </option>
            ))}
          </select>
        </Field>
        {messaged(channel) ? (
          <>
            <Field label="Template" error={form.formState.errors.templateId?.message}>
              <select {...form.register('templateId')} data-testid="outreach-template">
                <option value="">Choose…</option>
                {outreachTemplates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </Field>
            {draft.data && (
              <pre className="message-preview" data-testid="outreach-preview">
                {draft.data.subject ? `${draft.data.subject}\n\n` : ''}
                {draft.data.body}
              </pre>
            )}
          </>
        ) : (
          <Field label="Outcome" error={form.formState.errors.outcome?.message}>
            <select {...form.register('outcome')} data-testid="outreach-outcome">
              {outreachOutcomes
                .filter((o) => o !== 'sent')
                .map((o) => (
                  <option key={o} value={o}>
                    {outcomeLabels[o]}
                  </option>
                ))}
            </select>
          </Field>
        )}
        {!messaged(channel) && outcome === 'callBack' && (
          <Field label="Call back on" error={form.formState.errors.callBackOn?.message}>
            <input type="date" {...form.register('callBackOn')} data-testid="outreach-callback" />
          </Field>
        )}
        <Field label="Note" error={form.formState.errors.note?.message}>
          <textarea rows={2} {...form.register('note')} data-testid="outreach-note" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
