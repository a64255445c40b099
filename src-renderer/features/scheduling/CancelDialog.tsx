import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { scheduling, type Appointment, type WaitlistEntry } from '../../../src-shared/contract/scheduling';
import { client } from '../../lib/client';
import { contractResolver, showServerError } from '../../lib/forms';
import { useCall } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { Dialog, Field, FormError } from '../../lib/ui';
import { ScopeDialog, type SeriesScope } from './Conflicts';

/** Cancel with a reason; for a series, first which of its visits. */
export function CancelDialog({ a, onClose, onDone }: { a: Appointment; onClose: () => void; onDone: (r: { entries: WaitlistEntry[]; lateCancel: boolean }) => void }) {
  const [scope, setScope] = useState<SeriesScope | null>(a.seriesId ? null : 'this');
  if (!scope) return <ScopeDialog title="Cancel a series appointment" onClose={onClose} onPick={setScope} />;
  return <CancelForm a={a} scope={scope} onClose={onClose} onDone={onDone} />;
}

function CancelForm({ a, scope, onClose, onDone }: { a: Appointment; scope: SeriesScope; onClose: () => void; onDone: (r: { entries: WaitlistEntry[]; lateCancel: boolean }) => void }) {
  const settings = useCall('settings.get', {});
  const { register, control, handleSubmit, setError, formState } = useForm<{ reason: string }, unknown, ParsedInputOf<'appointments.cancel'>>({
    resolver: contractResolver(scheduling['appointments.cancel'].input, (v: { reason: string }) => ({ id: a.id, reason: v.reason, scope })),
    defaultValues: { reason: '' },
  });
  const reason = useWatch({ control, name: 'reason' });
  const cancel = handleSubmit(async (input) => {
    try {
      const r = await client.call('appointments.cancel', input);
      useUi.getState().notify(r.cancelled.length > 1 ? `Cancelled ${r.cancelled.length} appointments` : 'Appointment cancelled');
      onDone({ entries: r.waitlistMatches, lateCancel: r.lateCancel });
    } catch (e) {
      showServerError(e, setError, { known: ['reason'] });
    }
  });
  const hours = settings.data?.lateCancelHours;
  const late = hours !== undefined && Date.parse(a.startsAt) - Date.now() < hours * 3_600_000;
  return (
    <Dialog title="Cancel appointment" onClose={onClose} testId="cancel-dialog">
      <form className="form" noValidate onSubmit={cancel}>
        <p>
          Cancel {a.patientName}
          {scope === 'following' ? ' — this and the following visits of the series' : scope === 'all' ? ' — every visit of the series' : ''}?
        </p>
        {late && (
          <p className="banner banner-warn-box" data-testid="late-cancel-warning">
            This is less than {hours} hours before the start: it will be recorded as a late cancellation.
          </p>
        )}
        <Field label="Reason" error={formState.errors.reason?.message}>
          <input autoFocus maxLength={300} placeholder="e.g. patient is ill" {...register('reason')} data-testid="cancel-reason" />
        </Field>
        <FormError message={formState.errors.root?.server?.message} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" className="btn btn-danger" disabled={formState.isSubmitting || reason.trim().length < 2} data-testid="cancel-confirm">
            {formState.isSubmitting ? 'Cancelling…' : 'Cancel appointment'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
