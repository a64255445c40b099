import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SaveSegmentInput, type SegmentQuery } from '../../../src-shared/contract/segments';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';

/** Saves the query under a name (a new segment, or the changes of the one opened). */
export function SaveSegmentDialog({ query, savedId, name, onClose }: { query: SegmentQuery; savedId?: number; name: string; onClose: () => void }) {
  const form = useForm<{ name: string }, unknown, z.output<typeof SaveSegmentInput>>({
    resolver: contractResolver(SaveSegmentInput, (v: { name: string }) => ({ id: savedId, name: v.name, query })),
    defaultValues: { name },
  });
  return (
    <Dialog title={savedId ? 'Save the segment' : 'Save as a segment'} onClose={onClose} testId="save-segment-dialog">
      <DialogForm
        form={form}
        onCancel={onClose}
        submit={{ label: 'Save', testId: 'save-segment-submit', busyLabel: 'Saving…' }}
        onSubmit={async (input) => {
          const saved = await client.call('segments.save', input);
          useUi.getState().notify(`Saved “${saved.name}” (${saved.count} patient${saved.count === 1 ? '' : 's'} now)`);
          onClose();
        }}
        refusals={{ known: ['name'] }}
      >
        <Field label="Name" error={form.formState.errors.name?.message}>
          <input {...form.register('name')} autoFocus maxLength={80} data-testid="segment-name" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
