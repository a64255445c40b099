import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { sync, type ExportResult, type ImportResult, type WorkstationRow } from '../../../src-shared/contract/sync';
import { client } from '../../lib/client';
import { formatBytes } from '../../lib/format';
import { contractResolver, submitWith } from '../../lib/forms';
import { Field, SubmitRow } from '../../lib/ui';
import { ImportSummary } from './ImportSummary';
import { SyncProgressBar } from './SyncProgressBar';
import { countOf } from './words';

const ExportInput = sync['sync.export'].input;
const ImportInput = sync['sync.import'].input;

interface ExportValues {
  folder: string;
  /** A workstation's id, or '' for a file any workstation can apply. */
  for: string;
}

const toExportInput = (v: ExportValues) => ({ folder: v.folder, for: v.for || undefined });

/** Exchange by hand (a USB stick): write a change file into a folder, or apply one another workstation wrote. */
export function ExchangeFiles({ others, onDone }: { others: WorkstationRow[]; onDone: () => void }) {
  return (
    <div className="panel" data-testid="exchange-files">
      <h2>Exchange files by hand</h2>
      <div className="grid-2">
        <ExportForm others={others} onDone={onDone} />
        <ImportForm onDone={onDone} />
      </div>
    </div>
  );
}

function ExportForm({ others, onDone }: { others: WorkstationRow[]; onDone: () => void }) {
  const [result, setResult] = useState<ExportResult | null>(null);
  const form = useForm<ExportValues, unknown, z.output<typeof ExportInput>>({ resolver: contractResolver(ExportInput, toExportInput), defaultValues: { folder: '', for: '' } });
  const { register, formState } = form;
  const submit = submitWith(form, async (input) => {
    setResult(null);
    setResult(await client.call('sync.export', input));
    onDone();
  });
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="export-form">
      <h3>Export</h3>
      <Field label="Into folder" error={formState.errors.folder?.message}>
        <input {...register('folder')} placeholder="e.g. E:\ (a USB stick)" data-testid="export-folder" />
      </Field>
      <Field label="For" error={formState.errors.for?.message} hint="Only what that workstation has not seen yet; any workstation can apply the file either way.">
        <select {...register('for')} data-testid="export-for">
          <option value="">Any workstation</option>
          {others.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </Field>
      {formState.isSubmitting && <SyncProgressBar />}
      <SubmitRow error={formState.errors.root?.server?.message} busy={formState.isSubmitting} testId="export-run">
        {formState.isSubmitting ? 'Exporting…' : 'Export changes'}
      </SubmitRow>
      {result && (
        <div className="banner banner-ok" data-testid="export-result">
          Wrote {countOf(result.changes, 'change')} ({formatBytes(result.bytes)}) to <strong>{result.file}</strong>
        </div>
      )}
    </form>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const form = useForm<{ file: string }, unknown, z.output<typeof ImportInput>>({ resolver: contractResolver(ImportInput), defaultValues: { file: '' } });
  const { register, formState } = form;
  const submit = submitWith(form, async (input) => {
    setResult(null);
    setResult(await client.call('sync.import', input));
    onDone();
  });
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="import-form">
      <h3>Import</h3>
      <Field label="Change file" error={formState.errors.file?.message} hint="A file another workstation exported. A file from another clinic, or one changed by hand, is refused whole.">
        <input {...register('file')} data-testid="import-file" />
      </Field>
      {formState.isSubmitting && <SyncProgressBar />}
      <SubmitRow error={formState.errors.root?.server?.message} busy={formState.isSubmitting} testId="import-run">
        {formState.isSubmitting ? 'Importing…' : 'Import file'}
      </SubmitRow>
      {result && <ImportSummary result={result} />}
    </form>
  );
}
