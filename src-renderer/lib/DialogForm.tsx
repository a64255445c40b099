import type { ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { submitWith, type RefusalPlaces } from './forms';
import { SubmitRow } from './ui';

/**
 * The form of a dialog (`<Dialog …><DialogForm …>fields</DialogForm></Dialog>`): its fields, the form's own error,
 * Cancel and the submit button. Submit checks the fields with the form's contract resolver and runs `onSubmit`
 * with the parsed input (the call, then whatever follows: reload, close); a refusal it throws shows beside its field
 * or under the fields.
 */
export function DialogForm<V extends FieldValues, O>({
  form,
  onSubmit,
  refusals,
  onCancel,
  cancelLabel = 'Cancel',
  cancelTestId,
  submit,
  error,
  className,
  children,
}: {
  form: UseFormReturn<V, unknown, O>;
  onSubmit: (input: O) => Promise<unknown>;
  refusals?: RefusalPlaces<V>;
  onCancel: () => void;
  cancelLabel?: string;
  cancelTestId?: string;
  /** The submit button (`null`: none); `busyLabel` is its label while saving, `disabled` waits for more input. */
  submit: { label: ReactNode; testId: string; busyLabel?: string; danger?: boolean; disabled?: boolean; title?: string } | null;
  /** A field error with no place beside a field, shown with the form's own error. */
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  const { formState } = form;
  const save = submitWith(form, onSubmit, refusals);
  const busy = formState.isSubmitting;
  return (
    <form className={className ?? 'form'} noValidate onSubmit={save}>
      {children}
      <SubmitRow
        error={formState.errors.root?.server?.message ?? error}
        busy={busy}
        hidden={!submit}
        testId={submit?.testId}
        danger={submit?.danger}
        disabled={submit?.disabled}
        title={submit?.title}
        before={
          <button type="button" className="btn" onClick={onCancel} data-testid={cancelTestId}>
            {cancelLabel}
          </button>
        }
      >
        {busy && submit?.busyLabel ? submit.busyLabel : submit?.label}
      </SubmitRow>
    </form>
  );
}
