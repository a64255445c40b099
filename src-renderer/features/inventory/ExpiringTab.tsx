import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { useCall } from '../../lib/hooks';
import { AsyncList } from '../../lib/ListPanel';
import { Badge } from '../../lib/ui';

/** Lots with stock that expire within the chosen days, and those already expired (to write off or return). */
export function ExpiringTab() {
  const [days, setDays] = useState(60);
  const state = useCall('stock.expiring', { withinDays: days });
  return (
    <div className="panel" data-testid="expiring">
      <div className="actions actions-start no-print">
        <label className="field">
          <span className="field-label">Expiring within</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="expiring-days">
            {[30, 60, 90, 180, 365].map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <AsyncList state={state} empty={`No lot in stock expires within ${days} days.`}>
        {(rows) => (
          <table className="table">
            <thead>
              <tr>
                <th>Product</th>
                <th>Lot</th>
                <th>Expiry</th>
                <th className="num">On hand</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.productId}-${r.lotId}`} data-testid="expiring-row">
                  <td>{r.productName}</td>
                  <td>{r.lotNumber}</td>
                  <td>{formatDate(r.expiry)}</td>
                  <td className="num">
                    {r.onHand} {r.unit}
                  </td>
                  <td>{r.expired ? <Badge kind="alert">Expired</Badge> : <Badge kind="warn">{r.daysLeft} days left</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncList>
    </div>
  );
}
