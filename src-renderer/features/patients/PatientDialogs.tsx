import { useController, useForm } from 'react-hook-form';
import type { z } from 'zod';
import { patients, type PatientProfile as Profile } from '../../../src-shared/contract/patients';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { IdChecks } from '../../lib/IdChecks';
import { useCall } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { Dialog, Empty, ErrorBox, Field, Spinner, TagChip } from '../../lib/ui';

const ArchiveInput = patients['patients.archive'].input;

/** Archive or restore, with an optional reason kept on the record. */
export function ArchiveDialog({ p, onClose, onDone }: { p: Profile; onClose: () => void; onDone: () => void }) {
  const archiving = !p.archivedAt;
  const form = useForm<{ reason: string }, unknown, z.output<typeof ArchiveInput>>({
    resolver: contractResolver(ArchiveInput, (v: { reason: string }) => ({ id: p.id, archived: archiving, reason: v.reason.trim() || undefined })),
    defaultValues: { reason: '' },
  });
  const archive = async (input: z.output<typeof ArchiveInput>) => {
    await client.call('patients.archive', input);
    useUi.getState().notify(archiving ? 'Patient archived' : 'Patient restored');
    onDone();
    onClose();
  };
  return (
    <Dialog title={archiving ? 'Archive patient' : 'Restore patient'} onClose={onClose} testId="archive-dialog">
      <DialogForm
        form={form}
        onSubmit={archive}
        refusals={{ known: ['reason'] }}
        onCancel={onClose}
        submit={{ label: archiving ? 'Archive' : 'Restore', busyLabel: 'Working…', testId: 'confirm', danger: archiving }}
      >
        <p>
          {archiving
            ? `${p.firstName} ${p.lastName} will be hidden from lists and searches. Nothing is deleted; you can restore the record later.`
            : `${p.firstName} ${p.lastName} will show in lists and searches again.`}
        </p>
        <Field label="Reason" error={form.formState.errors.reason?.message}>
          <input {...form.register('reason')} autoFocus maxLength={200} data-testid="archive-reason" placeholder={archiving ? 'e.g. moved away' : ''} />
        </Field>
      </DialogForm>
    </Dialog>
  );
}

const TagsInput = patients['patients.setTags'].input.pick({ tagIds: true });
type TagsValues = z.input<typeof TagsInput>;

export function TagsDialog({ p, onClose, onDone }: { p: Profile; onClose: () => void; onDone: () => void }) {
  const tags = useCall('tags.list', {});
  const form = useForm<TagsValues, unknown, z.output<typeof TagsInput>>({
    resolver: contractResolver(TagsInput),
    defaultValues: { tagIds: p.tags.map((t) => t.id) },
  });
  const { field } = useController({ control: form.control, name: 'tagIds' });
  const save = async ({ tagIds }: z.output<typeof TagsInput>) => {
    await client.call('patients.setTags', { patientId: p.id, tagIds });
    onDone();
    onClose();
  };
  return (
    <Dialog title="Tags" onClose={onClose} testId="tags-dialog">
      {tags.loading && !tags.data && <Spinner />}
      {tags.error !== undefined && <ErrorBox error={tags.error} />}
      {tags.data && !tags.data.length && <Empty>No tags yet. Create them under Settings → Tags.</Empty>}
      <DialogForm form={form} onSubmit={save} onCancel={onClose} submit={{ label: 'Save tags', testId: 'tags-save' }} error={form.formState.errors.tagIds?.message}>
        <IdChecks className="check-list" options={(tags.data ?? []).map((t) => ({ id: t.id, label: <TagChip name={t.name} color={t.color} /> }))} value={field.value} onChange={field.onChange} />
      </DialogForm>
    </Dialog>
  );
}
