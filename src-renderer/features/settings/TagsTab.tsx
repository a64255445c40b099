import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { patients } from '../../../src-shared/contract/patients';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { EditCell, ListPanel, RowsTable } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Dialog, Field, TagChip } from '../../lib/ui';

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

const TagInput = patients['tags.save'].input;

function TagDialog({ tag, onClose, onSaved }: { tag: TagDraft; onClose: () => void; onSaved: () => void }) {
  const form = useForm<TagDraft, unknown, z.output<typeof TagInput>>({
    resolver: contractResolver(TagInput, (v: TagDraft) => ({ id: v.id, name: v.name, color: v.color })),
    defaultValues: tag,
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={tag.id ? 'Edit tag' : 'New tag'} onClose={onClose} testId="tag-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('tags.save', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save', testId: 'tag-save' }}>
        <Field label="Name" error={e.name?.message}>
          <input {...register('name')} autoFocus data-testid="tag-name" />
        </Field>
        <Field label="Colour" error={e.color?.message}>
          <input type="color" {...register('color')} data-testid="tag-color" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
