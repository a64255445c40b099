import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { exportListLabels, exportLists, ListExportInput, type ListExport as Exported } from '../../../src-shared/contract/exports';
import { client } from '../../lib/client';
import { downloadBase64 } from '../../lib/download';
import { formatBytes } from '../../lib/format';
import { contractResolver, submitWith } from '../../lib/forms';
import { Field, SubmitRow } from '../../lib/ui';

interface Values {
  list: (typeof exportLists)[number];
  format: 'csv' | 'xlsx';
  from: string;
  to: string;
}

const toInput = (v: Values) => ({ list: v.list, format: v.format, ...(v.list === 'patients' ? {} : { from: v.from || undefined, to: v.to || undefined }) });

/** One list as a CSV or Excel file: written into the data folder's exports and saved through the browser. */
export function ListExport() {
  const [done, setDone] = useState<Exported | null>(null);
  const form = useForm<Values, unknown, z.output<typeof ListExportInput>>({
    resolver: contractResolver(ListExportInput, toInput),
    defaultValues: { list: 'patients', format: 'csv', from: '', to: '' },
  });
  const { register, formState } = form;
  const dated = form.watch('list') !== 'patients';
  const save = submitWith(form, async (input) => {
    setDone(null);
    const file = await client.call('exports.list', input);
    downloadBase64(file.fileName, file.base64, file.mimeType);
    setDone(file);
  });

  return (
    <form className="panel form" noValidate onSubmit={save} data-testid="export-list">
      <h2>A list</h2>
      <div className="row">
        <Field label="List">
          <select {...register('list')} data-testid="export-list-name">
            {exportLists.map((l) => (
              <option key={l} value={l}>
                {exportListLabels[l]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Format">
          <select {...register('format')} data-testid="export-list-format">
            <option value="csv">CSV</option>
            <option value="xlsx">Excel (.xlsx)</option>
          </select>
        </Field>
        {dated && (
          <>
            <Field label="From" error={formState.errors.from?.message} hint="Blank: from the first">
              <input type="date" {...register('from')} data-testid="export-list-from" />
            </Field>
            <Field label="To" error={formState.errors.to?.message} hint="Blank: to the last">
              <input type="date" {...register('to')} data-testid="export-list-to" />
            </Field>
          </>
        )}
      </div>
      <SubmitRow error={formState.errors.root?.server?.message} busy={formState.isSubmitting} testId="export-list-run">
        {formState.isSubmitting ? 'Exporting…' : 'Export and save'}
      </SubmitRow>
      {done && (
        <p className="muted" role="status" data-testid="export-list-done">
          {done.rows.toLocaleString()} rows in {done.fileName} ({formatBytes(done.bytes)}), also kept at {done.path}.
        </p>
      )}
    </form>
  );
}
