import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { staff, StaffCreateInput, StaffUpdateInput, type StaffRow } from '../../../src-shared/contract/staff';
import { roleLabels, roleRank, roles, type Role } from '../../../src-shared/permissions';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { formatInstant } from '../../lib/format';
import { EditButton, ListPanel, RowsTable } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic, useUi } from '../../lib/store';
import { Badge, Check, Dialog, Field } from '../../lib/ui';

export function StaffTab() {
  const can = useCan();
  const { timeZone } = useClinic();
  const myRole = useUi((s) => s.session?.role ?? 'frontDesk');
  const state = useCall('staff.list', { includeInactive: true });
  const [dialog, setDialog] = useState<{ kind: 'new' } | { kind: 'edit' | 'password'; row: StaffRow } | null>(null);
  const manage = can('staff.manage');
  return (
    <ListPanel
      testId="staff"
      add={manage ? { label: 'Add staff member', testId: 'staff-add', onClick: () => setDialog({ kind: 'new' }) } : undefined}
      state={state}
      dialog={
        <>
          {dialog?.kind === 'new' && <StaffDialog onClose={() => setDialog(null)} onSaved={state.reload} myRole={myRole} />}
          {dialog?.kind === 'edit' && <StaffDialog row={dialog.row} onClose={() => setDialog(null)} onSaved={state.reload} myRole={myRole} />}
          {dialog?.kind === 'password' && <PasswordDialog row={dialog.row} onClose={() => setDialog(null)} onSaved={state.reload} />}
        </>
      }
    >
      {(rows) => (
        <RowsTable
          rows={rows}
          rowTestId="staff-row"
          inactive={(s) => !s.active}
          head={
            <>
              <th>Name</th>
              <th>Username</th>
              <th>Title</th>
              <th>Role</th>
              <th>Status</th>
              {manage && <th />}
            </>
          }
        >
          {(s) => (
            <>
              <td>{s.displayName}</td>
              <td>
                <code>{s.username}</code>
              </td>
              <td>{s.title}</td>
              <td>{roleLabels[s.role]}</td>
              <td>
                {!s.active && <Badge kind="muted">Inactive</Badge>}
                {s.lockedUntil && <Badge kind="warn">Locked until {formatInstant(s.lockedUntil, timeZone)}</Badge>}
              </td>
              {manage && (
                <td className="nowrap">
                  {roleRank[s.role] <= roleRank[myRole] && (
                    <>
                      <EditButton onClick={() => setDialog({ kind: 'edit', row: s })} />{' '}
                      <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'password', row: s })} data-testid="staff-reset-password">
                        Reset password
                      </button>
                    </>
                  )}
                </td>
              )}
            </>
          )}
        </RowsTable>
      )}
    </ListPanel>
  );
}

interface StaffValues {
  username: string;
  displayName: string;
  title: string;
  role: Role;
  password: string;
  active: boolean;
}
type StaffSave = z.output<typeof StaffCreateInput> | z.output<typeof StaffUpdateInput>;

/** A new member (username and first password) or an existing one (name, title, role, whether they can sign in). */
function StaffDialog({ row, onClose, onSaved, myRole }: { row?: StaffRow; onClose: () => void; onSaved: () => void; myRole: Role }) {
  const form = useForm<StaffValues, unknown, StaffSave>({
    resolver: row
      ? contractResolver(StaffUpdateInput, (v: StaffValues) => ({ id: row.id, displayName: v.displayName, title: v.title, role: v.role, active: v.active }))
      : contractResolver(StaffCreateInput, (v: StaffValues) => ({ username: v.username, displayName: v.displayName, title: v.title, role: v.role, password: v.password })),
    defaultValues: { username: row?.username ?? '', displayName: row?.displayName ?? '', title: row?.title ?? '', role: row?.role ?? 'frontDesk', password: '', active: row?.active ?? true },
  });
  const { register, formState } = form;
  const e = formState.errors;
  return (
    <Dialog title={row ? `Edit ${row.displayName}` : 'New staff member'} onClose={onClose} testId="staff-dialog">
      <DialogForm
        form={form}
        onSubmit={(input) => ('id' in input ? client.call('staff.update', input) : client.call('staff.create', input)).then(onSaved).then(onClose)}
        refusals={{ passwordField: 'password' }}
        onCancel={onClose}
        submit={{ label: 'Save', testId: 'staff-save' }}
      >
        {!row && (
          <Field label="Username" error={e.username?.message}>
            <input {...register('username')} autoFocus autoCapitalize="none" data-testid="staff-username" />
          </Field>
        )}
        <Field label="Name" error={e.displayName?.message}>
          <input {...register('displayName')} autoFocus={!!row} data-testid="staff-name" />
        </Field>
        <Field label="Title" error={e.title?.message} hint="e.g. Nurse injector">
          <input {...register('title')} />
        </Field>
        <Field label="Role" error={e.role?.message}>
          <select {...register('role')} data-testid="staff-role">
            {roles
              .filter((r) => roleRank[r] <= roleRank[myRole])
              .map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
          </select>
        </Field>
        {!row && (
          <Field label="First password" error={e.password?.message} hint="They can change it later.">
            <input type="password" {...register('password')} autoComplete="new-password" data-testid="staff-password" />
          </Field>
        )}
        {row && <Check label="Active (can sign in)" field={register('active')} />}
      </DialogForm>
    </Dialog>
  );
}

const PasswordInput = staff['staff.resetPassword'].input;

function PasswordDialog({ row, onClose, onSaved }: { row: StaffRow; onClose: () => void; onSaved: () => void }) {
  const form = useForm<{ newPassword: string }, unknown, z.output<typeof PasswordInput>>({
    resolver: contractResolver(PasswordInput, (v: { newPassword: string }) => ({ id: row.id, newPassword: v.newPassword })),
    defaultValues: { newPassword: '' },
  });
  const e = form.formState.errors;
  return (
    <Dialog title={`Reset password for ${row.displayName}`} onClose={onClose} testId="password-dialog">
      <DialogForm
        form={form}
        onSubmit={async (input) => {
          await client.call('staff.resetPassword', input);
          useUi.getState().notify(`New password set for ${row.displayName}`);
          onSaved();
          onClose();
        }}
        refusals={{ passwordField: 'newPassword' }}
        onCancel={onClose}
        submit={{ label: 'Set password', testId: 'staff-password-save' }}
      >
        <Field label="New password" error={e.newPassword?.message}>
          <input type="password" {...form.register('newPassword')} autoFocus autoComplete="new-password" data-testid="staff-new-password" />
        </Field>
        <p className="muted small">This also clears a lockout after too many wrong passwords.</p>
      </DialogForm>
    </Dialog>
  );
}
