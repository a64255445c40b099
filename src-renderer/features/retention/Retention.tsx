import { navigate, useCan } from '../../lib/store';
import { Tabs } from '../../lib/ui';
import { DelinquencyReport } from './DelinquencyReport';
import { DueListTab } from './DueListTab';
import './retention.css';

const tabs = [
  { id: 'overdue', label: 'Overdue' },
  { id: 'soon', label: 'Due soon' },
  { id: 'report', label: 'Weekly report', manage: true },
];

/** Retention: who is overdue for their maintenance, who falls due soon, and the weekly delinquency report. */
export function Retention({ tab }: { tab?: string }) {
  const can = useCan();
  const shown = tabs.filter((t) => !t.manage || can('retention.results'));
  const active = shown.find((t) => t.id === tab)?.id ?? 'overdue';
  return (
    <section className="page" data-testid="retention">
      <div className="page-head no-print">
        <h1>Retention</h1>
      </div>
      <div className="no-print">
        <Tabs tabs={shown} active={active} onChange={(id) => navigate(`/retention/${id}`)} label="Retention" />
      </div>
      {active === 'overdue' && <DueListTab kind="overdue" />}
      {active === 'soon' && <DueListTab kind="dueSoon" />}
      {active === 'report' && <DelinquencyReport />}
    </section>
  );
}
