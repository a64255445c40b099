import { useEffect, useRef } from 'react';
import type { FileSummary } from '../../../src-shared/contract/imports';
import { client, errorMessage } from '../../lib/client';
import { readBase64 } from '../../lib/files';
import { formatBytes, formatInstant } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { useClinic } from '../../lib/store';
import { Field, FormError, Spinner } from '../../lib/ui';

/** The limit the main process holds to (64 MB of file). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const delimiterNames: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** Step 1: pick a .csv or .xlsx file; Lumen reads it and says what it found. */
export function FileStep({ file, onFile, onNext }: { file: FileSummary | null; onFile: (file: FileSummary) => void; onNext: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const reading = useAction();
  const next = useRef<HTMLButtonElement>(null);
  // Once the file is read, Enter goes on to the mapping.
  useEffect(() => {
    if (file) next.current?.focus();
  }, [file]);

  const pick = (picked: File | undefined) => {
    if (!picked) return;
    void reading.run(async () => {
      try {
        if (picked.size > MAX_FILE_BYTES) throw new Error(`${picked.name} is ${formatBytes(picked.size)}; the limit is 64 MB.`);
        onFile(await client.call('imports.addFile', { fileName: picked.name, dataBase64: await readBase64(picked) }));
      } finally {
        if (input.current) input.current.value = '';
      }
    });
  };
  const pickSheet = (sheet: string) => file && void reading.run(async () => onFile(await client.call('imports.file', { fileId: file.fileId, sheet })));

  return (
    <div className="panel stack-page" data-testid="import-file-step">
      <div className="drop-zone">
        <p>Choose the CSV or Excel (.xlsx) file your old system exported. Nothing is imported until the last step.</p>
        <input ref={input} type="file" accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => pick(e.target.files?.[0])} disabled={reading.busy} autoFocus data-testid="import-file" />
      </div>
      {reading.busy && <Spinner label="Reading the file…" />}
      {reading.error !== undefined && <FormError message={errorMessage(reading.error)} />}
      {file && !reading.busy && <FileFacts file={file} onSheet={pickSheet} />}
      <div className="actions">
        <button ref={next} type="button" className="btn btn-primary" disabled={!file || reading.busy} onClick={onNext} data-testid="import-next">
          Next: map the columns
        </button>
      </div>
    </div>
  );
}

function FileFacts({ file, onSheet }: { file: FileSummary; onSheet: (sheet: string) => void }) {
  const { timeZone } = useClinic();
  const emptyColumns = file.emptyColumns.map((i) => file.header[i]);
  const skippedLines = file.skipped.map((s) => `${s.line} (${s.reason === 'empty' ? 'empty' : 'header repeated'})`);
  return (
    <div data-testid="import-file-facts">
      {file.importedBefore.map((b) => (
        <div key={b.id} className="banner banner-alert" role="alert" data-testid="import-imported-before">
          This file was imported on {formatInstant(b.at, timeZone)} by {b.by} (batch #{b.id}{b.undoneAt ? ', since undone' : ''}). Rows it imported will be skipped as already imported.
        </div>
      ))}
      <h2>{file.fileName}</h2>
      <dl className="file-facts">
        <Fact label="Format">{file.format === 'xlsx' ? 'Excel workbook' : 'CSV text'}</Fact>
        {file.encoding && <Fact label="Encoding" testId="import-encoding">{`${file.encoding}${file.bom ? ' (with BOM)' : ''}`}</Fact>}
        {file.delimiter && <Fact label="Separator" testId="import-delimiter">{delimiterNames[file.delimiter] ?? file.delimiter}</Fact>}
        <Fact label="Header on line" testId="import-header-line">{String(file.headerLine)}</Fact>
        <Fact label="Rows" testId="import-row-count">{String(file.rowCount)}</Fact>
        <Fact label="Lines skipped">{skippedLines.length ? skippedLines.join(', ') : 'none'}</Fact>
        <Fact label="Empty columns">{emptyColumns.length ? emptyColumns.join(', ') : 'none'}</Fact>
      </dl>
      {file.sheets.length > 1 && (
        <Field label="Sheet">
          <select value={file.sheet ?? ''} onChange={(e) => onSheet(e.target.value)} data-testid="import-sheet">
            {file.sheets.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </Field>
      )}
    </div>
  );
}

function Fact({ label, children, testId }: { label: string; children: string; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
