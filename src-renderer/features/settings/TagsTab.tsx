import { useState } from 'react';
import { client } from '../../lib/client';
import { EditCell, FormDialog, ListPanel, RowsTable, useDialogSave } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Field, TagChip } from '../../lib/ui';

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
    <ListPanel
      testId="tags"
      add={manage ? { label: 'Add tag', testId: 'tag-add', onClick: () => setEditing({ name: '', color: '#7a6bb0' }) } : undefined}
      state={state}
      empty="No tags yet. Tags like “VIP” or “Bridal” help you find groups of patients."
      dialog={editing && <TagDialog tag={editing} onClose={() => setEditing(null)} onSaved={state.reload} />}
    >
      {(rows) => (
        <RowsTable
          rows={rows}
          rowTestId="tag-row"
          head={
            <>
              <th>Tag</th>
              <th className="num">Patients</th>
              {manage && <th />}
            </>
          }
        >
          {(t) => (
            <>
              <td>
                <TagChip name={t.name} color={t.color} />
              </td>
              <td className="num">{t.patientCount.toLocaleString()}</td>
              {manage && <EditCell onClick={() => setEditing(t)} />}
            </>
          )}
        </RowsTable>
      )}
    </ListPanel>
  );
}

function TagDialog({ tag, onClose, onSaved }: { tag: TagDraft; onClose: () => void; onSaved: () => void }) {
  const [v, setV] = useState(tag);
  const save = useDialogSave(() => {
    onSaved();
    onClose();
  });
  return (
    <FormDialog
      title={tag.id ? 'Edit tag' : 'New tag'}
      onClose={onClose}
      testId="tag-dialog"
      onSubmit={() => save.submit(() => client.call('tags.save', { id: v.id, name: v.name, color: v.color }))}
      busy={save.busy}
      formError={save.formError}
      saveTestId="tag-save"
    >
      <Field label="Name" error={save.fieldErrors.name}>
        <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} autoFocus data-testid="tag-name" />
      </Field>
      <Field label="Colour" error={save.fieldErrors.color}>
        <input type="color" value={v.color} onChange={(e) => setV({ ...v, color: e.target.value })} data-testid="tag-color" />
      </Field>
    </FormDialog>
  );
}
