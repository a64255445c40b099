import { useState } from 'react';
import type { StaffRow } from '../../../src-shared/contract/staff';
import { roleLabels, roleRank, roles, type Role } from '../../../src-shared/permissions';
import { client } from '../../lib/client';
import { formatInstant } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { useCan, useClinic, useUi } from '../../lib/store';
import { Async, Badge, Dialog, Field, FormError } from '../../lib/ui';

export function StaffTab() {
  const can = useCan();
  const { timeZone } = useClinic();
  const myRole = useUi((s) => s.session?.role ?? 'frontDesk');
  const state = useCall('staff.list', { includeInactive: true });
  const [dialog, setDialog] = useState<{ kind: 'new' } | { kind: 'edit' | 'password'; row: StaffRow } | null>(null);
  const manage = can('staff.manage');
  return (
    <div className="panel" data-testid="staff">
      {manage && (
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary" onClick={() => setDialog({ kind: 'new' })} data-testid="staff-add">
            Add staff member
          </button>
        </div>
      )}
      <Async state={state}>
        {(rows) => (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Username</th>
                <th>Title</th>
                <th>Role</th>
                <th>Status</th>
                {manage && <th />}
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} className={s.active ? '' : 'inactive'} data-testid="staff-row">
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
                          <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'edit', row: s })}>
                            Edit
                          </button>{' '}
                          <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'password', row: s })} data-testid="staff-reset-password">
                            Reset password
                          </button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
      {dialog?.kind === 'new' && <StaffDialog onClose={() => setDialog(null)} onSaved={state.reload} myRole={myRole} />}
      {dialog?.kind === 'edit' && <StaffDialog row={dialog.row} onClose={() => setDialog(null)} onSaved={state.reload} myRole={myRole} />}
      {dialog?.kind === 'password' && <PasswordDialog row={dialog.row} onClose={() => setDialog(null)} onSaved={state.reload} />}
    </div>
  );
}

function StaffDialog({ row, onClose, onSaved, myRole }: { row?: StaffRow; onClose: () => void; onSaved: () => void; myRole: Role }) {
  const [v, setV] = useState({ username: row?.username ?? '', displayName: row?.displayName ?? '', title: row?.title ?? '', role: row?.role ?? ('frontDesk' as Role), password: '', active: row?.active ?? true });
  const save = useSave();
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setV({ ...v, [k]: e.target.type === 'checkbox' ? (e.target as HTMLInputElement).checked : e.target.value });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await save.run<unknown>(() =>
      row
        ? client.call('staff.update', { id: row.id, displayName: v.displayName, title: v.title, role: v.role, active: v.active })
        : client.call('staff.create', { username: v.username, displayName: v.displayName, title: v.title, role: v.role, password: v.password }),
    );
    if (ok) {
      onSaved();
      onClose();
    }
  };
  const f = save.fieldErrors;
  return (
    <Dialog title={row ? `Edit ${row.displayName}` : 'New staff member'} onClose={onClose} testId="staff-dialog">
      <form className="form" onSubmit={submit} noValidate>
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
        {row && (
          <label className="inline checkbox">
            <input type="checkbox" checked={v.active} onChange={set('active')} /> Active (can sign in)
          </label>
        )}
        <FormError message={save.formError} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="staff-save">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function PasswordDialog({ row, onClose, onSaved }: { row: StaffRow; onClose: () => void; onSaved: () => void }) {
  const [password, setPassword] = useState('');
  const save = useSave();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await save.run(() => client.call('staff.resetPassword', { id: row.id, newPassword: password }));
    if (ok) {
      useUi.getState().notify(`New password set for ${row.displayName}`);
      onSaved();
      onClose();
    }
  };
  return (
    <Dialog title={`Reset password for ${row.displayName}`} onClose={onClose} testId="password-dialog">
      <form className="form" onSubmit={submit} noValidate>
        <Field label="New password" error={save.fieldErrors.newPassword}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="new-password" data-testid="staff-new-password" />
        </Field>
        <p className="muted small">This also clears a lockout after too many wrong passwords.</p>
        <FormError message={save.formError} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="staff-password-save">
            Set password
          </button>
        </div>
      </form>
    </Dialog>
  );
}
