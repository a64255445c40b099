import type { SavedSegment } from '../../../src-shared/contract/segments';
import { useCall } from '../../lib/hooks';
import { Async, Empty } from '../../lib/ui';
import { useListKeys } from '../../lib/useListKeys';

/** "Bought A, never B": one click opens the builder with that pair, largest audiences first. */
export function CrossSellTab({ onOpen }: { onOpen: (query: SavedSegment['query'], title: string) => void }) {
  const state = useCall('segments.crossSell', { limit: 60 });
  const pairs = state.data ?? [];
  const open = (i: number) => {
    const p = pairs[i];
    if (p) onOpen({ categories: { any: [p.boughtCategoryId], all: [], never: [p.neverCategoryId] } }, `Bought ${p.boughtCategory}, never ${p.neverCategory}`);
  };
  const { active, onKeyDown } = useListKeys(pairs.length, open);
  return (
    <Async state={state}>
      {(list) =>
        list.length === 0 ? (
          <Empty>No purchases yet to suggest pairs from.</Empty>
        ) : (
          <div className="panel">
            <p className="muted">Patients who bought the first category and never the second: the natural audience for an introduction offer.</p>
            <table className="table" tabIndex={0} onKeyDown={onKeyDown} data-testid="cross-sell">
              <thead>
                <tr>
                  <th>Bought</th>
                  <th>Never bought</th>
                  <th className="num">Patients</th>
                </tr>
              </thead>
              <tbody>
                {list.map((p, i) => (
                  <tr key={`${p.boughtCategoryId}-${p.neverCategoryId}`} className={i === active ? 'row-active' : ''} data-testid="cross-sell-pair">
                    <td>
                      <button type="button" className="link" onClick={() => open(i)}>
                        {p.boughtCategory}
                      </button>
                    </td>
                    <td>{p.neverCategory}</td>
                    <td className="num">{p.count.toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </Async>
  );
}
