import { importFields, importKindLabels, importKinds, type ImportKind } from '../../../src-shared/contract/imports';
import { Field } from '../../lib/ui';
import { sampleValues, type ImportChoices } from './choices';
import { SavedMappings } from './SavedMappings';

/**
 * Step 2: what is imported (the kind) and, per column of the file, the field it fills: Lumen's guess from the header
 * preselected; a field taken by one column is not offered to another. Named mappings apply to the next file.
 */
export function MapStep({ choices, onChange, onNext }: { choices: ImportChoices; onChange: (patch: Partial<ImportChoices>) => void; onNext: () => void }) {
  const { file, kind, mapping } = choices;
  const setKind = (k: ImportKind) => onChange({ kind: k, mapping: file.guesses[k], decisions: {} });
  const setColumn = (column: number, key: string) => onChange({ mapping: mapping.map((m, i) => (i === column ? key || null : m)) });
  const mappedCount = mapping.filter(Boolean).length;

  return (
    <div className="panel stack-page" data-testid="import-map-step">
      <div className="toolbar">
        <Field label="What does this file hold?">
          <select value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} autoFocus data-testid="import-kind">
            {importKinds.map((k) => (
              <option key={k} value={k}>
                {importKindLabels[k]}
              </option>
            ))}
          </select>
        </Field>
        <SavedMappings choices={choices} onApply={(m) => onChange({ mapping: m })} />
      </div>
      <table className="table mapping-table" data-testid="import-mapping">
        <thead>
          <tr>
            <th>Column in the file</th>
            <th>Example values</th>
            <th>Imported as</th>
          </tr>
        </thead>
        <tbody>
          {file.header.map((name, column) => (
            <tr key={column} data-testid="import-mapping-row">
              <td>{name}</td>
              <td className="sample">{sampleValues(file, [column], 3).join(' · ') || <span className="muted">empty</span>}</td>
              <td>
                <select value={mapping[column] ?? ''} onChange={(e) => setColumn(column, e.target.value)} aria-label={`Field for ${name}`} data-testid={`import-map-${column}`}>
                  <option value="">— not imported —</option>
                  {importFields[kind].map((f) => (
                    <option key={f.key} value={f.key} disabled={mapping.includes(f.key) && mapping[column] !== f.key}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <span className="muted">{mappedCount ? `${mappedCount} of ${file.header.length} columns imported` : 'Map at least one column'}</span>
        <button type="button" className="btn btn-primary" disabled={!mappedCount} onClick={onNext} data-testid="import-next">
          Next: options
        </button>
      </div>
    </div>
  );
}
