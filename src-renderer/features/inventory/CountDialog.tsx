import { useState } from 'react';
import type { Product } from '../../../src-shared/contract/inventory';
import { client, errorMessage } from '../../lib/client';
import { useAction, useCall } from '../../lib/hooks';
import { Async, Dialog, SubmitRow } from '../../lib/ui';

/** Count one product lot by lot: each difference to the expected stock is recorded with the count. */
export function CountDialog({ product, onClose, onSaved }: { product: Product; onClose: () => void; onSaved: () => void }) {
  const lots = useCall('stock.onHand', { productId: product.id, includeEmpty: true });
  const [counted, setCounted] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const save = useAction();
  const keyOf = (lotId: number | null) => String(lotId ?? 'none');
  const submit = (rows: { lotId: number | null }[]) =>
    save.run(async () => {
      const entered = rows.filter((r) => (counted[keyOf(r.lotId)] ?? '').trim() !== '');
      await client.call('stock.count', { productId: product.id, note, lots: entered.map((r) => ({ lotId: r.lotId, counted: Number(counted[keyOf(r.lotId)]) })) });
      onSaved();
      onClose();
    });
  return (
    <Dialog title={`Count ${product.name}`} onClose={onClose} testId="count-dialog">
      <Async state={lots}>
        {(rows) => {
          const all = rows.length ? rows : [{ lotId: null, lotNumber: null, expiry: null, onHand: 0 }];
          return (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void submit(all);
              }}
            >
              <table className="table">
                <thead>
                  <tr>
                    <th>Lot</th>
                    <th>Expiry</th>
                    <th className="num">Expected</th>
                    <th className="num">Counted</th>
                  </tr>
                </thead>
                <tbody>
                  {all.map((r) => (
                    <tr key={keyOf(r.lotId)}>
                      <td>{r.lotNumber ?? 'Without a lot'}</td>
                      <td>{r.expiry ?? '—'}</td>
                      <td className="num">{r.onHand}</td>
                      <td className="num">
                        <input type="number" min={0} className="input-short" aria-label={`Counted, lot ${r.lotNumber ?? 'without a lot'}`} value={counted[keyOf(r.lotId)] ?? ''} onChange={(e) => setCounted({ ...counted, [keyOf(r.lotId)]: e.target.value })} data-testid="count-input" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <label className="field">
                <span className="field-label">Note</span>
                <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
              </label>
              <SubmitRow
                error={save.error ? errorMessage(save.error) : undefined}
                busy={save.busy}
                testId="count-save"
                before={
                  <button type="button" className="btn" onClick={onClose}>
                    Cancel
                  </button>
                }
              >
                Record count
              </SubmitRow>
            </form>
          );
        }}
      </Async>
    </Dialog>
  );
}
