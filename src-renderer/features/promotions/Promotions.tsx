import { navigate, useCan } from '../../lib/store';
import { Tabs } from '../../lib/ui';
import { CampaignsTab } from './CampaignsTab';
import { DealTab } from './DealTab';
import { LimitsTab } from './LimitsTab';
import './promotions.css';

const tabs = [
  { id: 'campaigns', label: 'Campaigns and coupons' },
  { id: 'limits', label: 'Discount limits' },
  { id: 'deals', label: 'Deals' },
];

/** Promotions: campaigns with their coupons, how much each role may discount alone, and what counts as a deal. */
export function Promotions({ tab }: { tab?: string }) {
  const can = useCan();
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  const manage = can('promotions.manage');
  return (
    <div className="page" data-testid="promotions-page">
      <header className="page-head">
        <h1>Promotions</h1>
      </header>
      <Tabs tabs={tabs} active={active.id} onChange={(id) => navigate(`/promotions/${id}`)} label="Promotions sections" />
      <div className="tab-panel" role="tabpanel" key={active.id}>
        {active.id === 'campaigns' && <CampaignsTab manage={manage} />}
        {active.id === 'limits' && <LimitsTab manage={manage} />}
        {active.id === 'deals' && <DealTab manage={manage} />}
      </div>
    </div>
  );
}
