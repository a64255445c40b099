import { useForm } from 'react-hook-form';
import { loyalty } from '../../../src-shared/contract/loyalty';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';
import { readSignedPoints, signedPoints } from './labels';

interface AdjustValues {
  points: string;
  reason: string;
}

/** A manager adds or takes points by hand; the reason goes on the statement and in the audit. */
export function AdjustDialog({ patientId, balance, onClose, onDone }: { patientId: number; balance: number; onClose: () => void; onDone: () => void }) {
  const form = useForm<AdjustValues, unknown, ParsedInputOf<'loyalty.adjust'>>({
    resolver: contractResolver(loyalty['loyalty.adjust'].input, (v: AdjustValues) => ({ patientId, points: readSignedPoints(v.points), reason: v.reason })),
    defaultValues: { points: '', reason: '' },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title="Adjust points" onClose={onClose} testId="loyalty-adjust-dialog">
      <DialogForm
        form={form}
        onCancel={onClose}
        submit={{ label: 'Adjust', testId: 'loyalty-adjust-save', busyLabel: 'Adjusting…' }}
        onSubmit={async (input) => {
          const result = await client.call('loyalty.adjust', input);
          useUi.getState().notify(`${signedPoints(input.points)} points. Balance ${result.balance.toLocaleString()}.`);
          onDone();
        }}
      >
        <p className="muted">Balance now: {balance.toLocaleString()} points. It never goes below zero.</p>
        <Field label="Points (+ to add, − to take)" error={e.points?.message} hint="e.g. +50 or -20">
          <input {...register('points')} autoFocus inputMode="numeric" className="input-short" data-testid="loyalty-adjust-points" />
        </Field>
        <Field label="Reason" error={e.reason?.message} hint="Shown on the statement">
          <input {...register('reason')} maxLength={200} data-testid="loyalty-adjust-reason" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
