import type { Permission } from '../../../src-shared/permissions';

/** The Data section's tabs by what a role may do; kept apart from the screens so the shell stays a small download. */
export const dataTabs: { id: string; label: string; needs: (can: (p: Permission) => boolean) => boolean }[] = [
  { id: 'import', label: 'Import', needs: (can) => can('imports.run') },
  { id: 'imports', label: 'Past imports', needs: (can) => can('imports.run') },
  { id: 'export', label: 'Export', needs: (can) => can('exports.lists') || can('exports.clinic') },
  { id: 'privacy', label: 'Privacy (GDPR)', needs: (can) => can('privacy.manage') && can('settings.read') },
];

export function dataTabsFor(can: (p: Permission) => boolean) {
  return dataTabs.filter((t) => t.needs(can));
}
