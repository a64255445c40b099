import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { sync, type WorkstationsStatus } from '../../../src-shared/contract/sync';
import { client } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { useCan, useUi } from '../../lib/store';
import { Field, SubmitRow } from '../../lib/ui';

const RenameInput = sync['workstations.rename'].input;

/** Which workstation this computer is; those with sync.manage may rename it (its number series stays). */
export function ThisWorkstation({ status, onChanged }: { status: WorkstationsStatus; onChanged: () => void }) {
  const manage = useCan()('sync.manage');
  const { self } = status;
  return (
    <div className="panel" data-testid="this-workstation">
      <h2>This workstation</h2>
      <dl className="details">
        <dt>Name</dt>
        <dd data-testid="this-workstation-name">{self.name}</dd>
        <dt>Number</dt>
        <dd>{self.number}</dd>
        <dt>Number series</dt>
        <dd data-testid="this-workstation-prefix">
          {self.seriesPrefix} <span className="muted small">patient numbers made here start with it</span>
        </dd>
        <dt>Changes made here</dt>
        <dd data-testid="changes-made">{status.changesMade.toLocaleString()}</dd>
      </dl>
      {manage && <RenameForm key={self.name} name={self.name} onRenamed={onChanged} />}
    </div>
  );
}

function RenameForm({ name, onRenamed }: { name: string; onRenamed: () => void }) {
  const form = useForm<{ name: string }, unknown, z.output<typeof RenameInput>>({ resolver: contractResolver(RenameInput), defaultValues: { name } });
  const { register, formState } = form;
  const submit = submitWith(form, async (input) => {
    await client.call('workstations.rename', input);
    useUi.getState().notify('Workstation renamed');
    onRenamed();
  });
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="rename-workstation">
      <Field label="Rename this workstation" error={formState.errors.name?.message}>
        <input {...register('name')} data-testid="rename-workstation-name" />
      </Field>
      <SubmitRow error={formState.errors.root?.server?.message} busy={formState.isSubmitting} disabled={!formState.isDirty} testId="rename-workstation-save">
        Rename
      </SubmitRow>
    </form>
  );
}
