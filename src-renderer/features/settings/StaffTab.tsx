import { useState } from 'react';
import type { StaffRow } from '../../../src-shared/contract/staff';
import { roleLabels, roleRank, roles, type Role } from '../../../src-shared/permissions';
import { client } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { Check, EditButton, FormDialog, ListPanel, RowsTable, useDialogSave } from '../../lib/ListPanel';
import { useCall } from '../../lib/hooks';
import { useCan, useClinic, useUi } from '../../lib/store';
import { Badge, Field } from '../../lib/ui';

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

function StaffDialog({ row, onClose, onSaved, myRole }: { row?: StaffRow; onClose: () => void; onSaved: () => void; myRole: Role }) {
  const [v, setV] = useState({ username: row?.username ?? '', displayName: row?.displayName ?? '', title: row?.title ?? '', role: row?.role ?? ('frontDesk' as Role), password: '', active: row?.active ?? true });
  const save = useDialogSave(() => {
    onSaved();
    onClose();
  });
  const set = (k: 'username' | 'displayName' | 'title' | 'role' | 'password') => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.value });
  const submit = () =>
    save.submit<unknown>(() =>
      row
        ? client.call('staff.update', { id: row.id, displayName: v.displayName, title: v.title, role: v.role, active: v.active })
        : client.call('staff.create', { username: v.username, displayName: v.displayName, title: v.title, role: v.role, password: v.password }),
    );
  const f = save.fieldErrors;
  return (
    <FormDialog title={row ? `Edit ${row.displayName}` : 'New staff member'} onClose={onClose} testId="staff-dialog" onSubmit={submit} busy={save.busy} formError={save.formError} saveTestId="staff-save">
      {!row && (
        <Field label="Username" error={f.username}>
          <input value={v.username} onChange={set('username')} autoFocus autoCapitalize="none" data-testid="staff-username" />
        </Field>
      )}
      <Field label="Name" error={f.displayName}>
        <input value={v.displayName} onChange={set('displayName')} autoFocus={!!row} data-testid="staff-name" />
      </Field>
      <Field label="Title" error={f.title} hint="e.g. Nurse injector">
        <input value={v.title} onChange={set('title')} />
      </Field>
      <Field label="Role" error={f.role}>
        <select value={v.role} onChange={set('role')} data-testid="staff-role">
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
        <Field label="First password" error={f.password} hint="They can change it later.">
          <input type="password" value={v.password} onChange={set('password')} autoComplete="new-password" data-testid="staff-password" />
        </Field>
      )}
      {row && <Check label="Active (can sign in)" checked={v.active} onChange={(active) => setV({ ...v, active })} />}
    </FormDialog>
  );
}

function PasswordDialog({ row, onClose, onSaved }: { row: StaffRow; onClose: () => void; onSaved: () => void }) {
  const [password, setPassword] = useState('');
  const save = useDialogSave(() => {
    useUi.getState().notify(`New password set for ${row.displayName}`);
    onSaved();
    onClose();
  });
  return (
    <FormDialog
      title={`Reset password for ${row.displayName}`}
      onClose={onClose}
      testId="password-dialog"
      onSubmit={() => save.submit(() => client.call('staff.resetPassword', { id: row.id, newPassword: password }))}
      busy={save.busy}
      formError={save.formError}
      saveTestId="staff-password-save"
      saveLabel="Set password"
    >
      <Field label="New password" error={save.fieldErrors.newPassword}>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="new-password" data-testid="staff-new-password" />
      </Field>
      <p className="muted small">This also clears a lockout after too many wrong passwords.</p>
    </FormDialog>
  );
}
