import type { ComponentProps } from 'react';
import type { FieldValues, Path, UseFormRegisterReturn, UseFormReturn } from 'react-hook-form';
import { showServerError } from '../../lib/forms';
import { FormDialog } from '../../lib/ListPanel';

/**
 * A settings edit dialog over one react-hook-form: Save checks the fields with the form's contract resolver, runs
 * `save` with the parsed input, then `onSaved` and closes; a refusal shows beside its field or under the fields.
 */
export function EditDialog<V extends FieldValues, O>({
  form,
  save,
  onSaved,
  passwordField,
  ...dialog
}: {
  form: UseFormReturn<V, unknown, O>;
  save: (input: O) => Promise<unknown>;
  onSaved: () => void;
  /** Where a weak_password refusal goes. */
  passwordField?: Path<V>;
} & Omit<ComponentProps<typeof FormDialog>, 'onSubmit' | 'busy' | 'formError'>) {
  const submit = form.handleSubmit(async (input) => {
    try {
      await save(input);
      onSaved();
      dialog.onClose();
    } catch (err) {
      showServerError(err, form.setError, { passwordField });
    }
  });
  return <FormDialog {...dialog} onSubmit={submit} busy={form.formState.isSubmitting} formError={form.formState.errors.root?.server?.message} />;
}

/** A labelled checkbox bound to a form field: `<CheckField label="Active" field={register('active')} />`. */
export function CheckField({ label, field }: { label: string; field: UseFormRegisterReturn }) {
  return (
    <label className="inline checkbox">
      <input type="checkbox" {...field} /> {label}
    </label>
  );
}
