import { useState } from 'react';
import type { OutputOf } from '../../../src-shared/contract/index';
import { permissionLabels, permissions, roleLabels, type Permission, type Role } from '../../../src-shared/permissions';
import { client, errorMessage } from '../../lib/client';
import { useAction, useCall } from '../../lib/hooks';
import { useCan, useUi } from '../../lib/store';
import { Async, FormError } from '../../lib/ui';

type RoleRow = OutputOf<'roles.list'>[number];

export function RolesTab() {
  const state = useCall('roles.list', {});
  return <Async state={state}>{(rows) => <RoleGrid initial={rows} reload={state.reload} />}</Async>;
}

function RoleGrid({ initial, reload }: { initial: RoleRow[]; reload: () => void }) {
  const can = useCan();
  const manage = can('roles.manage');
  const [draft, setDraft] = useState(() => new Map(initial.map((r) => [r.role, new Set(r.permissions)])));
  const save = useAction();
  const dirty = (role: Role) => {
    const orig = initial.find((r) => r.role === role)!.permissions;
    const now = draft.get(role)!;
    return orig.length !== now.size || orig.some((p) => !now.has(p));
  };
  const toggle = (role: Role, p: Permission, on: boolean) => {
    const next = new Map(draft);
    const set = new Set(next.get(role));
    if (on) set.add(p);
    else set.delete(p);
    next.set(role, set);
    setDraft(next);
  };
  const store = (role: Role, perms: Permission[]) =>
    save.run(async () => {
      await client.call('roles.setPermissions', { role, permissions: perms });
      useUi.getState().notify(`${roleLabels[role]} permissions saved`);
      reload();
    });

  return (
    <div className="panel" data-testid="roles">
      <table className="table table-grid">
        <thead>
          <tr>
            <th>Permission</th>
            {initial.map((r) => (
              <th key={r.role} className="center">
                {roleLabels[r.role]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {permissions.map((p) => (
            <tr key={p}>
              <td>{permissionLabels[p]}</td>
              {initial.map((r) => {
                const never = r.neverAllowed.includes(p);
                return (
                  <td key={r.role} className="center">
                    <input
                      type="checkbox"
                      checked={draft.get(r.role)!.has(p)}
                      disabled={!manage || never}
                      title={never ? `${roleLabels[r.role]} can never have this` : undefined}
                      aria-label={`${roleLabels[r.role]}: ${permissionLabels[p]}`}
                      data-testid={`perm-${r.role}-${p}`}
                      onChange={(e) => toggle(r.role, p, e.target.checked)}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {manage && (
          <tfoot>
            <tr>
              <td />
              {initial.map((r) => (
                <td key={r.role} className="center">
                  <div className="stack">
                  <button type="button" className="btn btn-small btn-primary" disabled={save.busy || !dirty(r.role)} onClick={() => store(r.role, [...draft.get(r.role)!])} data-testid={`roles-save-${r.role}`}>
                    Save
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-link"
                    disabled={save.busy}
                    onClick={() => {
                      setDraft(new Map(draft).set(r.role, new Set(r.defaults)));
                      void store(r.role, [...r.defaults]);
                    }}
                    data-testid={`roles-reset-${r.role}`}
                  >
                    Reset to defaults
                  </button>
                  </div>
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
      {save.error !== undefined && <FormError message={errorMessage(save.error)} />}
    </div>
  );
}
