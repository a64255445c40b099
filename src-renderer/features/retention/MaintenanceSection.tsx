import { formatDate } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { useCan } from '../../lib/store';
import { Badge, ErrorBox, Spinner } from '../../lib/ui';

/** The profile's "Maintenance": each category bought, its last service and when it is due again. */
export function MaintenanceSection({ patientId }: { patientId: number }) {
  const can = useCan();
  const state = useCall('retention.outreachFor', can('retention.calls') ? { patientId } : null);
  if (!can('retention.calls')) return null;
  if (state.error !== undefined) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (!state.data) return <Spinner />;
  const rows = state.data.maintenance.filter((m) => m.intervalDays !== null);
  return (
    <section className="panel" data-testid="maintenance">
      <h2>Maintenance</h2>
      {!rows.length ? (
        <p className="muted">No treatment with a maintenance interval bought yet.</p>
      ) : (
        <table className="table">
          <tbody>
            {rows.map((m) => (
              <tr key={m.categoryId}>
                <th>{m.categoryName}</th>
                <td>{m.lastServiceName}</td>
                <td>last {formatDate(m.lastPurchaseDate)}</td>
                <td>
                  due {formatDate(m.dueDate)}{' '}
                  {m.daysOverdue !== null && m.daysOverdue > 0 && <Badge kind="alert">{m.daysOverdue} days overdue</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
