import { navigate } from '../../lib/store';
import { Tabs } from '../../lib/ui';
import { ComplaintsLog } from './ComplaintsLog';
import { NpsReport } from './NpsReport';
import { HappyNeverReferred, PositivePosters, ReviewRequests } from './ReputationLists';
import './satisfaction.css';

export const satisfactionTabs = [
  { id: 'nps', label: 'NPS', body: NpsReport },
  { id: 'complaints', label: 'Complaints log', body: ComplaintsLog },
  { id: 'reviews', label: 'Review requests', body: ReviewRequests },
  { id: 'posters', label: 'Positive posters', body: PositivePosters },
  { id: 'happy', label: 'Happy, never referred', body: HappyNeverReferred },
];

/** Satisfaction for managers: NPS, the complaints log, review requests, positive posters and happy patients to invite. */
export function SatisfactionPage({ tab }: { tab?: string }) {
  const active = satisfactionTabs.find((t) => t.id === tab) ?? satisfactionTabs[0];
  const Body = active.body;
  return (
    <section className="page" data-testid="satisfaction">
      <div className="page-head no-print">
        <h1>Satisfaction</h1>
      </div>
      <div className="no-print">
        <Tabs tabs={satisfactionTabs} active={active.id} onChange={(id) => navigate(`/satisfaction/${id}`)} label="Satisfaction sections" />
      </div>
      <h2 className="print-only">{active.label}</h2>
      <div className="tab-panel" role="tabpanel" key={active.id}>
        <Body />
      </div>
    </section>
  );
}
