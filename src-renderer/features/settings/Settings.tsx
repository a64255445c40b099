import { navigate, useCan } from '../../lib/store';
import { Tabs } from '../../lib/ui';
import { ClinicTab } from './ClinicTab';
import { HoursTab } from './HoursTab';
import { TaxTab } from './TaxTab';
import { StaffTab } from './StaffTab';
import { RolesTab } from './RolesTab';
import { CatalogTab } from './CatalogTab';
import { ReferralTab } from './ReferralTab';
import { BackupPanel } from './BackupPanel';
import { SchedulerTab } from './SchedulerTab';
import { TagsTab } from './TagsTab';
import { settingsTabsFor } from './tabs';
import { DevicesTab, RoomsTab } from '../scheduling/settings/ResourcesTabs';
import { ProviderHoursTab } from '../scheduling/settings/ProviderHoursTab';
import { BlocksTab, CalendarSettingsTab, ServiceRulesTab } from '../scheduling/settings/RulesTabs';
import { TemplatesTab } from '../messages/TemplatesTab';
import { OutboxTab } from '../messages/OutboxTab';
import { AccountsTab } from '../messages/AccountsTab';
import { WorkstationsTab } from '../sync/WorkstationsTab';
import { ProgramSettings } from '../loyalty/ProgramSettings';
import { ReferralProgramTab } from '../referrals/ReferralProgramTab';
import { SatisfactionSettingsTab } from '../satisfaction/SatisfactionSettingsTab';

const bodies: Record<string, () => React.ReactNode> = {
  clinic: ClinicTab,
  hours: HoursTab,
  tax: TaxTab,
  staff: StaffTab,
  roles: RolesTab,
  catalog: CatalogTab,
  referral: ReferralTab,
  'referral-program': ReferralProgramTab,
  backup: BackupPanel,
  scheduler: SchedulerTab,
  workstations: WorkstationsTab,
  tags: TagsTab,
  rooms: RoomsTab,
  devices: DevicesTab,
  'provider-hours': ProviderHoursTab,
  'service-rules': ServiceRulesTab,
  blocks: BlocksTab,
  calendar: CalendarSettingsTab,
  messages: TemplatesTab,
  outbox: OutboxTab,
  messaging: AccountsTab,
  loyalty: ProgramSettings,
  satisfaction: SatisfactionSettingsTab,
};

export function Settings({ tab }: { tab?: string }) {
  const can = useCan();
  const tabs = settingsTabsFor(can);
  const active = tabs.find((t) => t.id === tab) ?? tabs[0];
  const Body = bodies[active.id];
  return (
    <section className="page" data-testid="settings">
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <Tabs tabs={tabs} active={active.id} onChange={(id) => navigate(`/settings/${id}`)} label="Settings sections" />
      <div className="tab-panel" role="tabpanel" key={active.id}>
        <Body />
      </div>
    </section>
  );
}
