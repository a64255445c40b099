import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { DiscountApprovalInput } from '../../../src-shared/contract/checkout';
import { contractResolver, submitWith } from '../../lib/forms';
import { Field, FormError } from '../../lib/ui';
import './promotions.css';

type Approval = z.output<typeof DiscountApprovalInput>;
interface ApprovalValues {
  username: string;
  password: string;
}

/**
 * Shown where a draft's discount is above the seller's limit: a manager (or whoever's limit covers it) signs in
 * right here to approve; the draft is then saved with that approval. Nobody else's session changes.
 */
export function ApprovalPanel({ reason, onApprove, onCancel }: { reason: string; onApprove: (approval: Approval) => Promise<void>; onCancel: () => void }) {
  const form = useForm<ApprovalValues, unknown, Approval>({ resolver: contractResolver(DiscountApprovalInput, (v: ApprovalValues) => v), defaultValues: { username: '', password: '' } });
  const { register, formState } = form;
  const onSubmit = submitWith(form, onApprove);
  return (
    <section className="approval-panel" role="group" aria-label="Discount approval" data-testid="approval-panel">
      <p>
        <strong>Approval needed.</strong> {reason}
      </p>
      <div className="inline">
        <Field label="Approver’s username" error={formState.errors.username?.message}>
          <input {...register('username')} autoComplete="off" autoFocus data-testid="approval-username" />
        </Field>
        <Field label="Password" error={formState.errors.password?.message}>
          <input type="password" {...register('password')} autoComplete="off" data-testid="approval-password" onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void onSubmit(); } }} />
        </Field>
      </div>
      <FormError message={formState.errors.root?.server?.message} />
      <div className="actions actions-start">
        <button type="button" className="btn btn-primary" disabled={formState.isSubmitting} onClick={() => void onSubmit()} data-testid="approval-submit">
          Approve and save
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
