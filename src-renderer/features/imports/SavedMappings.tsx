import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SaveMappingInput, type ColumnMapping, type SavedMapping } from '../../../src-shared/contract/imports';
import { client, errorMessage } from '../../lib/client';
import { contractResolver, submitWith } from '../../lib/forms';
import { useAction, useCall } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { FormError } from '../../lib/ui';
import { applySavedMapping, mappingToSave, type ImportChoices } from './choices';

/** Apply a mapping saved for this kind of file, delete one, or save the one on screen under a name. */
export function SavedMappings({ choices, onApply }: { choices: ImportChoices; onApply: (mapping: ColumnMapping) => void }) {
  const saved = useCall('imports.mappings', { kind: choices.kind });
  const [chosen, setChosen] = useState('');
  const removing = useAction();
  const form = useForm<{ name: string }, unknown, z.output<typeof SaveMappingInput>>({
    resolver: contractResolver(SaveMappingInput, (v: { name: string }) => ({ name: v.name, kind: choices.kind, columns: mappingToSave(choices.file.header, choices.mapping) })),
    defaultValues: { name: '' },
  });
  const save = submitWith(form, async (input) => {
    await client.call('imports.saveMapping', input);
    useUi.getState().notify(`Mapping “${input.name}” saved`);
    form.reset({ name: '' });
    saved.reload();
  });
  const current = saved.data?.find((m) => String(m.id) === chosen);
  const remove = (m: SavedMapping) =>
    removing.run(async () => {
      await client.call('imports.deleteMapping', { id: m.id });
      setChosen('');
      saved.reload();
    });
  const error = form.formState.errors.name?.message ?? form.formState.errors.root?.server?.message;

  return (
    <div className="toolbar" data-testid="import-saved-mappings">
      {!!saved.data?.length && (
        <span className="inline">
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} aria-label="Saved mapping" data-testid="import-mapping-saved">
            <option value="">Saved mappings…</option>
            {saved.data.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small" disabled={!current} onClick={() => current && onApply(applySavedMapping(current, choices.file.header))} data-testid="import-mapping-apply">
            Apply
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!current || removing.busy}
            onClick={() => current && void remove(current)}
            data-testid="import-mapping-delete"
          >
            Delete
          </button>
        </span>
      )}
      <form className="inline" noValidate onSubmit={save}>
        <input {...form.register('name')} className="input-mapping-name" placeholder="Name this mapping (e.g. Old system export)" maxLength={80} aria-label="Mapping name" data-testid="import-mapping-name" />
        <button type="submit" className="btn btn-small" disabled={form.formState.isSubmitting || !choices.mapping.some(Boolean)} data-testid="import-mapping-save">
          Save mapping
        </button>
      </form>
      <FormError message={error ?? (removing.error !== undefined ? errorMessage(removing.error) : undefined)} />
    </div>
  );
}
