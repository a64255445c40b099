import { navigate, useCan } from '../../lib/store';
import { Tabs } from '../../lib/ui';
import { ExpiringTab } from './ExpiringTab';
import { RecallTab } from './RecallTab';
import { StockTab } from './StockTab';

const tabs = [
  { id: 'stock', label: 'Stock' },
  { id: 'expiring', label: 'Expiring' },
  { id: 'recall', label: 'Lot recall', manage: true },
];

/** Inventory: products and what is on hand (low stock first), lots expiring soon, and the lot recall call list. */
export function Inventory({ tab }: { tab?: string }) {
  const can = useCan();
  const shown = tabs.filter((t) => !t.manage || can('inventory.manage'));
  const active = shown.find((t) => t.id === tab)?.id ?? 'stock';
  return (
    <section className="page" data-testid="inventory">
      <div className="page-head no-print">
        <h1>Inventory</h1>
      </div>
      <div className="no-print">
        <Tabs tabs={shown} active={active} onChange={(id) => navigate(`/inventory/${id}`)} label="Inventory" />
      </div>
      {active === 'stock' && <StockTab />}
      {active === 'expiring' && <ExpiringTab />}
      {active === 'recall' && <RecallTab />}
    </section>
  );
}
