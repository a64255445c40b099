import type { ImportResult } from '../../../src-shared/contract/sync';

/** What applying one change file did, in the words of the import screen. */
export function ImportSummary({ result }: { result: ImportResult }) {
  return (
    <div className="banner banner-ok" data-testid="import-summary">
      <span>
        From <strong>{result.from}</strong>: {result.applied.toLocaleString()} applied, {result.alreadyHad.toLocaleString()} already here
        {result.conflicts > 0 && <>, <strong>{result.conflicts.toLocaleString()} to review</strong></>}
        <span className="muted small"> · {result.file}</span>
      </span>
      {result.warnings.length > 0 && (
        <ul className="small" data-testid="import-warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
