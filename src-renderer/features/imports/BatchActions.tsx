import { useState } from 'react';
import { client, errorMessage } from '../../lib/client';
import { downloadText } from '../../lib/download';
import { useAction } from '../../lib/hooks';
import { useUi } from '../../lib/store';
import { ConfirmDialog } from '../../lib/ui';

/** "Download report (CSV)" and "Undo this import…" (with a confirmation) for one batch; a refusal shows beside them. */
export function BatchActions({ batchId, fileName, undone, onUndone, small }: { batchId: number; fileName: string; undone: boolean; onUndone: () => void; small?: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const download = useAction();
  const button = small ? 'btn btn-small' : 'btn';
  const saveCsv = () =>
    download.run(async () => {
      const report = await client.call('imports.report', { batchId, format: 'csv' });
      downloadText(report.fileName, report.csv ?? '', 'text/csv;charset=utf-8');
    });
  return (
    <span className="inline">
      <button type="button" className={button} disabled={download.busy} onClick={() => void saveCsv()} data-testid="import-report-csv">
        Download report (CSV)
      </button>
      {!undone && (
        <button type="button" className={`${button} btn-danger`} onClick={() => setConfirming(true)} data-testid="import-undo">
          Undo this import…
        </button>
      )}
      {download.error !== undefined && (
        <span className="field-error" role="alert">
          {errorMessage(download.error)}
        </span>
      )}
      {confirming && (
        <ConfirmDialog
          title="Undo this import?"
          confirmLabel="Undo the import"
          danger
          testId="import-undo-dialog"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const undoneNow = await client.call('imports.undo', { batchId });
            useUi.getState().notify(`Import of ${fileName} undone: ${undoneNow.removed} records removed, ${undoneNow.restored} restored`);
            onUndone();
          }}
        >
          <p>
            Everything batch #{batchId} ({fileName}) created is removed and the patients it merged into get back the details they had. If something it created has been used since (a new appointment, an invoice, credit spent), Lumen refuses and says what.
          </p>
        </ConfirmDialog>
      )}
    </span>
  );
}
