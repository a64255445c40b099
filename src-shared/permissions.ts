/** Roles and what each may do. The main process enforces this table; the renderer only uses it to hide what would be refused. */
export const roles = ['owner', 'manager', 'practitioner', 'frontDesk'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  practitioner: 'Practitioner',
  frontDesk: 'Front desk',
};

export const permissions = [
  'patients.read',
  'patients.write',
  'patients.merge',
  'clinical.read',
  'clinical.write',
  'staff.read',
  'staff.manage',
  'roles.manage',
  'settings.read',
  'settings.manage',
  'catalog.manage',
  'audit.read',
  'audit.export',
  'backup.run',
  'backup.restore',
  'schedule.read',
  'schedule.write',
  'schedule.override',
  'messages.manage',
  'messages.converse',
  'sync.exchange',
  'sync.manage',
  'checkout.sell',
  'checkout.refund',
  'checkout.void',
  'prepaid.manage',
  'promotions.manage',
  'closing.read',
  'closing.close',
  'commission.read',
  'commission.manage',
  'inventory.read',
  'inventory.manage',
  'tasks.work',
  'tasks.manage',
  'segments.read',
  'segments.manage',
  'retention.calls',
  'retention.results',
  'reports.read',
  'reports.export',
  'reports.schedule',
  'loyalty.read',
  'loyalty.manage',
  'referrals.read',
  'referrals.manage',
  'satisfaction.record',
  'satisfaction.manage',
  'imports.run',
  'exports.clinic',
  'exports.lists',
  'privacy.manage',
] as const;
export type Permission = (typeof permissions)[number];

export const permissionLabels: Record<Permission, string> = {
  'patients.read': 'Find and view patients',
  'patients.write': 'Add and edit patients',
  'patients.merge': 'Merge duplicate patients',
  'clinical.read': 'Read clinical details (history, allergies, medications)',
  'clinical.write': 'Record clinical details',
  'staff.read': 'See the staff list',
  'staff.manage': 'Add and edit staff',
  'roles.manage': 'Change what each role may do',
  'settings.read': 'See clinic settings',
  'settings.manage': 'Change clinic settings and the scheduler',
  'catalog.manage': 'Edit the service catalog and referral sources',
  'audit.read': 'Read the audit log',
  'audit.export': 'Export the audit log',
  'backup.run': 'Run backups',
  'backup.restore': 'Restore a backup',
  'schedule.read': 'See the calendar',
  'schedule.write': 'Book, move and cancel appointments',
  'schedule.override': 'Book over a conflict (double-book, outside hours)',
  'messages.manage': 'Edit reminder templates, messaging accounts and rules; see the outbox',
  'messages.converse': 'Read and answer patients’ messages (conversation, inbox of replies)',
  'sync.exchange': 'Exchange change files with other workstations',
  'sync.manage': 'Manage workstations, the shared folder and sync conflicts',
  'checkout.sell': 'Make invoices and take payments',
  'checkout.refund': 'Refund with credit notes',
  'checkout.void': 'Void an issued invoice',
  'prepaid.manage': 'Define packages and top-ups, gift-card validity; transfer packages',
  'promotions.manage': 'Manage campaigns, coupons, discount limits and the deal definition',
  'closing.read': 'See the day’s takings and Z report of this till',
  'closing.close': 'Close the day (drawer count, Z report)',
  'commission.read': 'See commission statements',
  'commission.manage': 'Set commission rates',
  'inventory.read': 'See products and stock',
  'inventory.manage': 'Edit products, receive and count stock, lot recall',
  'tasks.work': 'Work the follow-up task inbox: complete, reassign and add tasks',
  'tasks.manage': 'Configure follow-up rules, see every task and SLA breaches',
  'segments.read': 'Search patients by segment, see tiers, RFM and patient metrics, work call lists',
  'segments.manage': 'Save segments, export them, set tier and RFM thresholds, see clinic retention figures',
  'retention.calls': 'Work the maintenance call lists and log outreach',
  'retention.results': 'See outreach results (conversions and revenue)',
  'reports.read': 'See manager reports (sales, ROI, pipeline) and the rows behind their figures',
  'reports.export': 'Export manager reports as CSV and PDF files',
  'reports.schedule': 'Schedule reports to be generated as PDFs, see the generated files',
  'loyalty.read': 'See a patient’s points, tier and statement, and the program’s rules',
  'loyalty.manage': 'Set the loyalty program (earning, redemption, expiry, tiers), adjust points, see the points liability',
  'referrals.read': 'See referral codes, who referred whom and referral rewards; print referral cards',
  'referrals.manage': 'Set the referral program (reward percent, points or store credit)',
  'satisfaction.record': 'Record a patient’s score (desk or check-out tablet), ask about a visit, see a patient’s latest scores',
  'satisfaction.manage': 'Set satisfaction surveys and review sites, see NPS, the complaints log and review requests, confirm reviews',
  'imports.run': 'Import patients, clinical details and balances from another system’s files, and undo an import',
  'exports.clinic': 'Export the whole clinic (every table, clinical notes and photos) as one archive',
  'exports.lists': 'Export the patient, sales and appointment lists as CSV or Excel files',
  'privacy.manage': 'Answer patients’ data requests: export a patient’s complete record, erase a patient, set the retention period',
};

const everything = [...permissions];
const basics: Permission[] = ['patients.read', 'patients.write', 'staff.read', 'settings.read', 'schedule.read', 'schedule.write', 'sync.exchange', 'checkout.sell', 'inventory.read', 'tasks.work', 'messages.converse', 'loyalty.read', 'referrals.read', 'satisfaction.record'];
/** Front desk counts its own till and sees the day's report; closing the day is a manager's or owner's. */
const frontDeskOnly: Permission[] = ['closing.read', 'segments.read', 'retention.calls'];

export const defaultRolePermissions: Record<Role, readonly Permission[]> = {
  owner: everything,
  // The whole-clinic archive holds every clinical note: the owner's, like restoring a backup.
  manager: everything.filter((p) => !p.startsWith('clinical.') && p !== 'backup.restore' && p !== 'exports.clinic'),
  practitioner: [...basics, 'clinical.read', 'clinical.write'],
  frontDesk: [...basics, ...frontDeskOnly],
};

/** Permissions a role can never be given, whoever customises it: front desk never reads clinical data. */
export const forbiddenForRole: Record<Role, readonly Permission[]> = {
  owner: [],
  manager: [],
  practitioner: [],
  frontDesk: ['clinical.read', 'clinical.write', 'backup.restore', 'roles.manage', 'imports.run', 'exports.clinic', 'privacy.manage'],
};

/** Higher rank may manage lower: front desk < practitioner < manager < owner. */
export const roleRank: Record<Role, number> = { frontDesk: 0, practitioner: 1, manager: 2, owner: 3 };
