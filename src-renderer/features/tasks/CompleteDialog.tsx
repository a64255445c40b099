import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { CompleteTaskInput, taskOutcomes, type Task } from '../../../src-shared/contract/tasks';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { Dialog, Field } from '../../lib/ui';
import { outcomeLabels } from './labels';

interface Values {
  outcome: Task['outcome'] & string;
  note: string;
}

/** Complete a task with what came of it; a completed task never changes. */
export function CompleteDialog({ task, onClose, onDone }: { task: Task; onClose: () => void; onDone: () => void }) {
  const form = useForm<Values, unknown, z.output<typeof CompleteTaskInput>>({
    resolver: contractResolver(CompleteTaskInput, (v: Values) => ({ id: task.id, ...v })),
    defaultValues: { outcome: task.patient ? 'reached' : 'done', note: '' },
  });
  const { register, formState } = form;
  return (
    <Dialog title={`Complete: ${task.title}`} onClose={onClose} testId="task-complete-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('tasks.complete', input).then(onDone).then(onClose)} onCancel={onClose} submit={{ label: 'Complete', testId: 'task-complete-save' }}>
        <Field label="Outcome" error={formState.errors.outcome?.message}>
          <select {...register('outcome')} autoFocus data-testid="task-outcome">
            {taskOutcomes.map((o) => (
              <option key={o} value={o}>
                {outcomeLabels[o]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Note" error={formState.errors.note?.message}>
          <input {...register('note')} maxLength={1000} data-testid="task-note" />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
