import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { sync } from '../../../src-shared/contract/sync';
import type { OutputOf } from '../../../src-shared/contract/index';
import { client, errorMessage } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { useAction } from '../../lib/hooks';
import { useCan, useUi } from '../../lib/store';
import { Field, FormError, SubmitRow } from '../../lib/ui';
import { ImportSummary } from './ImportSummary';
import { SyncProgressBar } from './SyncProgressBar';
import { countOf } from './words';

const FolderInput = sync['sync.setSharedFolder'].input;

/** The folder every workstation reaches (a NAS, a synced folder): the scheduler exchanges files there; "Sync now" does it at once. */
export function SharedFolder({ folder, onSynced }: { folder: string; onSynced: () => void }) {
  const can = useCan();
  const syncNow = useAction();
  const [result, setResult] = useState<OutputOf<'sync.now'> | null>(null);
  const form = useForm<{ folder: string }, unknown, z.output<typeof FolderInput>>({ resolver: contractResolver(FolderInput), defaultValues: { folder } });
  const { register, formState, reset } = form;
  const save = submitWith(form, async (input) => {
    await client.call('sync.setSharedFolder', input);
    reset(input);
    useUi.getState().notify(input.folder ? 'Shared folder saved' : 'Shared folder turned off');
    onSynced();
  });
  const run = () =>
    syncNow.run(async () => {
      setResult(null);
      setResult(await client.call('sync.now', {}));
      onSynced();
    });

  return (
    <div className="panel" data-testid="shared-folder">
      <h2>Shared folder</h2>
      <form className="form" onSubmit={save} noValidate>
        <fieldset disabled={!can('sync.manage')}>
          <Field label="Folder every workstation can reach" error={formState.errors.folder?.message} hint="Change files are written and read here every minute. Leave empty to exchange by hand.">
            <input {...register('folder')} placeholder="e.g. \\nas\lumen-sync or /Volumes/Clinic/lumen-sync" data-testid="shared-folder-path" />
          </Field>
        </fieldset>
        <SubmitRow error={formState.errors.root?.server?.message} busy={formState.isSubmitting} hidden={!can('sync.manage')} disabled={!formState.isDirty} testId="shared-folder-save">
          Save
        </SubmitRow>
      </form>
      <div className="actions actions-start">
        <button type="button" className="btn" onClick={run} disabled={syncNow.busy || !folder} title={folder ? undefined : 'Save a shared folder first'} data-testid="sync-now">
          {syncNow.busy ? 'Syncing…' : 'Sync now'}
        </button>
      </div>
      {syncNow.busy && <SyncProgressBar />}
      <FormError message={syncNow.error === undefined ? undefined : errorMessage(syncNow.error)} />
      {result && (
        <div data-testid="sync-now-result">
          <p>
            Sent {countOf(result.exported, 'change')}; {result.imported.length ? `received ${countOf(result.imported.length, 'file')}.` : 'no new files to receive.'}
          </p>
          {result.imported.map((r) => (
            <ImportSummary key={r.file} result={r} />
          ))}
          {result.refused.length > 0 && (
            <div className="form-error" role="alert">
              <p>Not applied (tried again at the next sync):</p>
              <ul>
                {result.refused.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
