import { useState } from 'react';
import type { SavedFile } from '../../../src-shared/contract/exports';
import type { AccessExport } from '../../../src-shared/contract/privacy';
import type { PatientProfile } from '../../../src-shared/contract/patients';
import { client, errorMessage } from '../../lib/client';
import { downloadBase64 } from '../../lib/download';
import { formatBytes } from '../../lib/format';
import { useAction } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { FormError } from '../../lib/ui';
import { EraseDialog } from './EraseDialog';

/**
 * The patient's data rights on their profile: a copy of everything the clinic holds about them (JSON for another
 * system, a PDF to read), and erasure. The copy holds clinical data, so it needs clinical access as well.
 */
export function PrivacyCard({ p, onErased }: { p: PatientProfile; onErased: () => void }) {
  const can = useCan();
  const [files, setFiles] = useState<AccessExport | null>(null);
  const [erasing, setErasing] = useState(false);
  const exporting = useAction();
  const exportRecord = () => exporting.run(async () => setFiles(await client.call('privacy.access', { patientId: p.id })));

  return (
    <div className="panel" data-testid="privacy-card">
      <h2>Data rights (GDPR)</h2>
      <div className="actions actions-start">
        {can('clinical.read') ? (
          <button type="button" className="btn" disabled={exporting.busy} onClick={() => void exportRecord()} data-testid="privacy-export">
            {exporting.busy ? 'Collecting…' : 'Export this patient’s data (JSON + PDF)'}
          </button>
        ) : (
          <span className="muted">Exporting a patient’s record needs access to clinical details.</span>
        )}
        <button type="button" className="btn btn-danger" onClick={() => setErasing(true)} data-testid="privacy-erase">
          Erase this patient…
        </button>
      </div>
      <FormError message={exporting.error !== undefined ? errorMessage(exporting.error) : undefined} />
      {files && (
        <ul className="plain-list" data-testid="privacy-files">
          {[files.json, files.pdf].map((f) => (
            <SavedFileLine key={f.fileName} file={f} />
          ))}
        </ul>
      )}
      {erasing && <EraseDialog p={p} onClose={() => setErasing(false)} onErased={onErased} />}
    </div>
  );
}

function SavedFileLine({ file }: { file: SavedFile }) {
  const kind = file.mimeType.includes('pdf') ? 'pdf' : 'json';
  return (
    <li>
      <button type="button" className="btn btn-small" onClick={() => downloadBase64(file.fileName, file.base64, file.mimeType)} data-testid={`privacy-save-${kind}`}>
        Save {kind.toUpperCase()}
      </button>{' '}
      {file.fileName} <span className="muted">({formatBytes(file.bytes)}, also kept at {file.path})</span>
    </li>
  );
}
