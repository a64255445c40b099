import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { NewTaskInput } from '../../../src-shared/contract/tasks';
import type { Role } from '../../../src-shared/permissions';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { useClinic, useUi } from '../../lib/store';
import { Dialog, Field } from '../../lib/ui';
import { type ChosenPatient, PatientChoice } from '../scheduling/PatientChoice';
import { clinicToday } from '../scheduling/time';
import { AssigneeOptions } from './AssigneeOptions';

interface Values {
  title: string;
  dueOn: string;
  dueTime: string;
  /** "role:frontDesk" or "staff:12". */
  assignee: string;
  note: string;
}

const assigneeOf = (value: string) => {
  const [kind, id] = value.split(':');
  return kind === 'staff' ? { kind: 'staff' as const, staffId: Number(id) } : { kind: 'role' as const, role: id as Role };
};

/** A task added by hand for a patient: a call back, a check, for a person or a role. */
export function NewTaskDialog({ onClose, onSaved, patient: given }: { onClose: () => void; onSaved: () => void; patient?: ChosenPatient }) {
  const { timeZone } = useClinic();
  const role = useUi((s) => s.session?.role) ?? 'frontDesk';
  const [patient, setPatient] = useState<ChosenPatient | null>(given ?? null);
  const form = useForm<Values, unknown, z.output<typeof NewTaskInput>>({
    resolver: contractResolver(NewTaskInput, (v: Values) => ({
      patientId: patient?.id,
      title: v.title,
      dueOn: v.dueOn,
      ...(v.dueTime ? { dueTime: v.dueTime } : {}),
      assignee: assigneeOf(v.assignee),
      note: v.note,
    })),
    defaultValues: { title: '', dueOn: clinicToday(timeZone), dueTime: '', assignee: `role:${role}`, note: '' },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title="New task" onClose={onClose} testId="task-new-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('tasks.create', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Add task', testId: 'task-new-save' }}>
        <PatientChoice value={patient} onChange={setPatient} errors={e as never} testId="task-new-patient" />
        <Field label="Task" error={e.title?.message}>
          <input {...register('title')} maxLength={200} data-testid="task-new-title" />
        </Field>
        <div className="row">
          <Field label="Due on" error={e.dueOn?.message}>
            <input type="date" {...register('dueOn')} />
          </Field>
          <Field label="At (optional)" error={e.dueTime?.message}>
            <input type="time" {...register('dueTime')} />
          </Field>
        </div>
        <Field label="For" error={(e as Record<string, { message?: string }>).assignee?.message}>
          <select {...register('assignee')} data-testid="task-new-assignee">
            <AssigneeOptions />
          </select>
        </Field>
        <Field label="Note" error={e.note?.message}>
          <input {...register('note')} maxLength={1000} />
        </Field>
      </DialogForm>
    </Dialog>
  );
}
