import { roleLabels, roles } from '../../../src-shared/permissions';
import { useCall } from '../../lib/hooks';

/**
 * The choices of a task's assignee as <option>s: values "provider:<role>" (the visit's provider, else anyone of the
 * role), "role:<role>" (anyone of the role) and "staff:<id>" (one active person).
 */
export function AssigneeOptions({ withProvider = false }: { withProvider?: boolean }) {
  const staff = useCall('staff.list', {});
  return (
    <>
      {withProvider &&
        roles.map((r) => (
          <option key={`provider:${r}`} value={`provider:${r}`}>
            The provider (else {roleLabels[r]})
          </option>
        ))}
      {roles.map((r) => (
        <option key={r} value={`role:${r}`}>
          {roleLabels[r]} (anyone)
        </option>
      ))}
      {(staff.data ?? [])
        .filter((s) => s.active)
        .map((s) => (
          <option key={s.id} value={`staff:${s.id}`}>
            {s.displayName}
          </option>
        ))}
    </>
  );
}
