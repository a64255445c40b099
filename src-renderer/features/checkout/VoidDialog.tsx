import { useForm } from 'react-hook-form';
import { checkout, type Invoice } from '../../../src-shared/contract/checkout';
import type { ParsedInputOf } from '../../../src-shared/contract/index';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';

/** Voiding an issued invoice that has nothing paid on it, with the reason the audit keeps. */
export function VoidDialog({ invoice, onClose, onDone }: { invoice: Invoice; onClose: () => void; onDone: () => void }) {
  const form = useForm<{ reason: string }, unknown, ParsedInputOf<'invoices.void'>>({
    resolver: contractResolver(checkout['invoices.void'].input, (v: { reason: string }) => ({ id: invoice.id, reason: v.reason })),
    defaultValues: { reason: '' },
  });
  return (
    <Dialog title={`Void ${invoice.number ?? 'invoice'}`} onClose={onClose} testId="void-dialog">
      <DialogForm
        form={form}
        onCancel={onClose}
        refusals={{ known: ['reason'] }}
        submit={{ label: 'Void invoice', testId: 'void-submit', danger: true }}
        onSubmit={async (input) => {
          await client.call('invoices.void', input);
          useUi.getState().notify(`${invoice.number ?? 'Invoice'} voided`);
          onDone();
        }}
      >
        <p>The invoice keeps its number and stays on record, marked void.</p>
        <Field label="Reason" error={form.formState.errors.reason?.message}>
          <input {...form.register('reason')} autoFocus maxLength={300} data-testid="void-reason" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
