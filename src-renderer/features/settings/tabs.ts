import type { Permission } from '../../../src-shared/permissions';

/** Which settings tabs a role sees; kept apart from the tab bodies so the shell stays a small download. */
export const settingsTabs: { id: string; label: string; needs: (can: (p: Permission) => boolean) => boolean }[] = [
  { id: 'clinic', label: 'Clinic', needs: (can) => can('settings.read') },
  { id: 'hours', label: 'Opening hours', needs: (can) => can('settings.read') },
  { id: 'tax', label: 'Tax rates', needs: (can) => can('settings.read') },
  { id: 'staff', label: 'Staff', needs: (can) => can('staff.read') },
  { id: 'roles', label: 'Roles', needs: (can) => can('staff.read') },
  { id: 'catalog', label: 'Catalog', needs: (can) => can('settings.read') || can('catalog.manage') },
  { id: 'referral', label: 'Referral sources', needs: (can) => can('settings.read') || can('catalog.manage') },
  { id: 'backup', label: 'Backup', needs: (can) => can('backup.run') },
  { id: 'scheduler', label: 'Scheduler', needs: (can) => can('settings.read') },
  { id: 'workstations', label: 'Workstations', needs: (can) => can('sync.exchange') },
  { id: 'tags', label: 'Tags', needs: (can) => can('patients.read') },
  { id: 'rooms', label: 'Rooms', needs: (can) => can('schedule.read') },
  { id: 'devices', label: 'Devices', needs: (can) => can('schedule.read') },
  { id: 'provider-hours', label: 'Provider hours', needs: (can) => can('schedule.read') && can('staff.read') },
  { id: 'service-rules', label: 'Service rules', needs: (can) => can('schedule.read') },
  { id: 'blocks', label: 'Blocks & closures', needs: (can) => can('schedule.read') },
  { id: 'calendar', label: 'Calendar', needs: (can) => can('settings.read') },
  { id: 'messages', label: 'Messages', needs: (can) => can('messages.manage') },
  { id: 'outbox', label: 'Outbox', needs: (can) => can('messages.manage') },
  { id: 'messaging', label: 'Messaging accounts', needs: (can) => can('messages.manage') },
  { id: 'loyalty', label: 'Loyalty program', needs: (can) => can('loyalty.read') },
  { id: 'referral-program', label: 'Referral program', needs: (can) => can('referrals.read') },
  { id: 'satisfaction', label: 'Satisfaction & reviews', needs: (can) => can('satisfaction.manage') },
];

export function settingsTabsFor(can: (p: Permission) => boolean) {
  return settingsTabs.filter((t) => t.needs(can));
}
