import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { scheduling, type Appointment, type WaitlistEntry } from '../../../src-shared/contract/scheduling';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';
import { ScopeDialog, type SeriesScope } from './Conflicts';

/** Cancel with a reason; for a series, first which of its visits. */
export function CancelDialog({ a, onClose, onDone }: { a: Appointment; onClose: () => void; onDone: (r: { entries: WaitlistEntry[]; lateCancel: boolean }) => void }) {
  const [scope, setScope] = useState<SeriesScope | null>(a.seriesId ? null : 'this');
  if (!scope) return <ScopeDialog title="Cancel a series appointment" onClose={onClose} onPick={setScope} />;
  return <CancelForm a={a} scope={scope} onClose={onClose} onDone={onDone} />;
}

function CancelForm({ a, scope, onClose, onDone }: { a: Appointment; scope: SeriesScope; onClose: () => void; onDone: (r: { entries: WaitlistEntry[]; lateCancel: boolean }) => void }) {
  const settings = useCall('settings.get', {});
  const form = useForm<{ reason: string }, unknown, ParsedInputOf<'appointments.cancel'>>({
    resolver: contractResolver(scheduling['appointments.cancel'].input, (v: { reason: string }) => ({ id: a.id, reason: v.reason, scope })),
    defaultValues: { reason: '' },
  });
  const reason = useWatch({ control: form.control, name: 'reason' });
  const cancel = async (input: ParsedInputOf<'appointments.cancel'>) => {
    const r = await client.call('appointments.cancel', input);
    useUi.getState().notify(r.cancelled.length > 1 ? `Cancelled ${r.cancelled.length} appointments` : 'Appointment cancelled');
    onDone({ entries: r.waitlistMatches, lateCancel: r.lateCancel });
  };
  const hours = settings.data?.lateCancelHours;
  const late = hours !== undefined && Date.parse(a.startsAt) - Date.now() < hours * 3_600_000;
  return (
    <Dialog title="Cancel appointment" onClose={onClose} testId="cancel-dialog">
      <DialogForm
        form={form}
        onSubmit={cancel}
        refusals={{ known: ['reason'] }}
        onCancel={onClose}
        cancelLabel="Keep it"
        submit={{ label: 'Cancel appointment', busyLabel: 'Cancelling…', testId: 'cancel-confirm', danger: true, disabled: reason.trim().length < 2 }}
      >
        <p>
          Cancel {a.patientName}
          {scope === 'following' ? ' — this and the following visits of the series' : scope === 'all' ? ' — every visit of the series' : ''}?
        </p>
        {late && (
          <p className="banner banner-warn-box" data-testid="late-cancel-warning">
            This is less than {hours} hours before the start: it will be recorded as a late cancellation.
          </p>
        )}
        <Field label="Reason" error={form.formState.errors.reason?.message}>
          <input autoFocus maxLength={300} placeholder="e.g. patient is ill" {...form.register('reason')} data-testid="cancel-reason" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
