import { useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { Override as OverrideInput, type Conflict, type SegmentInput } from '../../../src-shared/contract/scheduling';
import { errorMessage, LumenError } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useCall, useDebounced } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';
import { conflictKindLabels } from './labels';
import { localDate } from '../../../src-shared/time';
import { dayLabel, rangeLabel } from './time';

type Override = z.output<typeof OverrideInput>;

export function conflictsOf(error: unknown): Conflict[] | null {
  if (!(error instanceof LumenError) || error.code !== 'conflict') return null;
  const details = error.details as { conflicts?: Conflict[] } | undefined;
  return details?.conflicts ?? [];
}

/** One conflict in words: what, with whom, when. */
export function ConflictLine({ c }: { c: Conflict }) {
  const { timeZone } = useClinic();
  const who = c.patientName ? ` with ${c.patientName}` : '';
  return (
    <li className="conflict" data-testid="conflict-item" data-kind={c.kind}>
      <strong>{conflictKindLabels[c.kind]}</strong>: {c.resource.name}
      {who}, {dayLabel(localDate(c.startsAt, timeZone))} {rangeLabel(c.startsAt, c.endsAt, timeZone)}
      {c.message && <div className="muted small">{c.message}</div>}
    </li>
  );
}

export function ConflictList({ conflicts, testId }: { conflicts: Conflict[]; testId?: string }) {
  return (
    <ul className="conflict-list" data-testid={testId}>
      {conflicts.map((c, i) => (
        <ConflictLine key={i} c={c} />
      ))}
    </ul>
  );
}

/** appointments.check while the form changes: the conflicts are shown before anyone presses Book. */
export function LiveConflicts({ segments }: { segments: SegmentInput[] | null }) {
  const key = useDebounced(segments ? JSON.stringify(segments) : null, 250);
  const check = useCall('appointments.check', key === null ? null : { segments: JSON.parse(key) as SegmentInput[] });
  if (check.error !== undefined) return <p className="form-error" data-testid="booking-check-error">{errorMessage(check.error)}</p>;
  if (!check.data) return null;
  if (!check.data.conflicts.length)
    return (
      <p className="banner banner-ok" data-testid="booking-no-conflicts">
        Free: no conflicts at this time.
      </p>
    );
  return (
    <div className="banner banner-warn-box" data-testid="booking-conflicts">
      <strong>Conflicts at this time</strong>
      <ConflictList conflicts={check.data.conflicts} />
    </div>
  );
}

/** Explains every conflict; a permitted role can override with a reason, anyone else is told to ask a manager. */
export function ConflictDialog({ conflicts, onOverride, onClose }: { conflicts: Conflict[]; onOverride: (o: Override) => Promise<void>; onClose: () => void }) {
  const can = useCan();
  const mayOverride = can('schedule.override');
  const form = useForm<Override, unknown, Override>({ resolver: contractResolver(OverrideInput), defaultValues: { reason: '' } });
  const reason = useWatch({ control: form.control, name: 'reason' });
  return (
    <Dialog title={conflicts.length === 1 ? 'This booking has a conflict' : `This booking has ${conflicts.length} conflicts`} onClose={onClose} testId="conflict-dialog">
      <DialogForm
        form={form}
        onSubmit={onOverride}
        refusals={{ known: [] }}
        onCancel={onClose}
        cancelLabel={mayOverride ? 'Cancel' : 'Close'}
        cancelTestId="conflict-cancel"
        submit={mayOverride ? { label: 'Override and save', busyLabel: 'Saving…', testId: 'conflict-override', danger: true, disabled: reason.trim().length < 3 } : null}
      >
        <ConflictList conflicts={conflicts} />
        {mayOverride ? (
          <Field label="Reason to book anyway" hint="Recorded in the audit log with your name." error={form.formState.errors.reason?.message}>
            <input {...form.register('reason')} autoFocus maxLength={300} placeholder="e.g. patient agreed to wait; double-booked on purpose" data-testid="conflict-override-reason" />
          </Field>
        ) : (
          <p className="banner banner-info" data-testid="conflict-ask-manager">
            Ask a manager: only a manager or the owner can book over a conflict. Pick another time or cancel.
          </p>
        )}
      </DialogForm>
    </Dialog>
  );
}

/**
 * Runs a write that may be refused with `conflict`; the refusal opens the conflict dialog, whose override
 * re-submits the same write with the reason. Other errors go back to the caller.
 */
export function useConflictGuard(): { guard: (attempt: (override?: Override) => Promise<void>) => Promise<void>; dialog: ReactNode } {
  const [pending, setPending] = useState<{ conflicts: Conflict[]; retry: (o: Override) => Promise<void> } | null>(null);
  const guard = async (attempt: (override?: Override) => Promise<void>) => {
    try {
      await attempt();
    } catch (e) {
      const conflicts = conflictsOf(e);
      if (!conflicts) throw e;
      setPending({ conflicts, retry: attempt });
    }
  };
  const dialog = pending && (
    <ConflictDialog
      conflicts={pending.conflicts}
      onClose={() => setPending(null)}
      onOverride={async (o) => {
        await pending.retry(o);
        setPending(null);
      }}
    />
  );
  return { guard, dialog };
}

export type SeriesScope = 'this' | 'following' | 'all';

/** Series occurrences: which ones a change applies to. */
export function ScopeDialog({ title, onPick, onClose }: { title: string; onPick: (scope: SeriesScope) => void; onClose: () => void }) {
  return (
    <Dialog title={title} onClose={onClose} testId="scope-dialog">
      <p>This appointment is part of a series. Apply the change to:</p>
      <div className="actions actions-start">
        <button type="button" className="btn btn-primary" autoFocus onClick={() => onPick('this')} data-testid="scope-this">
          This one
        </button>
        <button type="button" className="btn" onClick={() => onPick('following')} data-testid="scope-following">
          This and following
        </button>
        <button type="button" className="btn" onClick={() => onPick('all')} data-testid="scope-all">
          All in the series
        </button>
      </div>
    </Dialog>
  );
}
