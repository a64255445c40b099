import { navigate, useCan } from '../../lib/store';
import { Tabs } from '../../lib/ui';
import { InboxTab } from './InboxTab';
import { RulesTab } from './RulesTab';
import { SlaTab } from './SlaTab';

const tabs = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'rules', label: 'Follow-up rules', manage: true },
  { id: 'sla', label: 'SLA breaches', manage: true },
];

/** Follow-up tasks: the inbox for everyone; the rules and SLA breaches for managers. Route #/tasks/:tab? */
export function TasksPage({ tab }: { tab?: string }) {
  const can = useCan();
  const shown = tabs.filter((t) => !t.manage || can('tasks.manage'));
  const active = shown.find((t) => t.id === tab)?.id ?? 'inbox';
  return (
    <section className="page" data-testid="tasks">
      <div className="page-head no-print">
        <h1>Tasks</h1>
      </div>
      <div className="no-print">
        <Tabs tabs={shown} active={active} onChange={(id) => navigate(`/tasks/${id}`)} label="Tasks" />
      </div>
      {active === 'inbox' && <InboxTab />}
      {active === 'rules' && <RulesTab />}
      {active === 'sla' && <SlaTab />}
    </section>
  );
}
