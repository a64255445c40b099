import { useState } from 'react';
import { client } from '../../lib/client';
import { useCall } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { useCan } from '../../lib/store';
import { Async, Dialog, Empty, Field, FormError, TagChip } from '../../lib/ui';

interface TagDraft {
  id?: number;
  name: string;
  color: string;
}

export function TagsTab() {
  const can = useCan();
  const manage = can('patients.write');
  const state = useCall('tags.list', {});
  const [editing, setEditing] = useState<TagDraft | null>(null);
  return (
    <div className="panel" data-testid="tags">
      {manage && (
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ name: '', color: '#7a6bb0' })} data-testid="tag-add">
            Add tag
          </button>
        </div>
      )}
      <Async state={state}>
        {(rows) =>
          rows.length ? (
            <table className="table">
              <thead>
                <tr>
                  <th>Tag</th>
                  <th className="num">Patients</th>
                  {manage && <th />}
                </tr>
              </thead>
              <tbody>
                {rows.map((t) => (
                  <tr key={t.id} data-testid="tag-row">
                    <td>
                      <TagChip name={t.name} color={t.color} />
                    </td>
                    <td className="num">{t.patientCount.toLocaleString()}</td>
                    {manage && (
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(t)}>
                          Edit
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>No tags yet. Tags like “VIP” or “Bridal” help you find groups of patients.</Empty>
          )
        }
      </Async>
      {editing && <TagDialog tag={editing} onClose={() => setEditing(null)} onSaved={state.reload} />}
    </div>
  );
}

function TagDialog({ tag, onClose, onSaved }: { tag: TagDraft; onClose: () => void; onSaved: () => void }) {
  const [v, setV] = useState(tag);
  const save = useSave();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await save.run(() => client.call('tags.save', { id: v.id, name: v.name, color: v.color }));
    if (ok) {
      onSaved();
      onClose();
    }
  };
  return (
    <Dialog title={tag.id ? 'Edit tag' : 'New tag'} onClose={onClose} testId="tag-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Name" error={save.fieldErrors.name}>
          <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} autoFocus data-testid="tag-name" />
        </Field>
        <Field label="Colour" error={save.fieldErrors.color}>
          <input type="color" value={v.color} onChange={(e) => setV({ ...v, color: e.target.value })} data-testid="tag-color" />
        </Field>
        <FormError message={save.formError} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="tag-save">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
