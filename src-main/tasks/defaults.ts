import type { FollowUpRuleInput } from '../../src-shared/contract/tasks';
import { localDate } from '../../src-shared/time';
import { appendAudit } from '../core/audit';
import type { Sqlite } from '../core/db';
import { newId } from '../core/workstation';

type DefaultRule = Omit<FollowUpRuleInput, 'categoryIds'> & { categoryNames?: string[] };

/**
 * The rules a clinic starts with: the follow-ups most clinics make, on; birthday calls and stored-value nudges, which
 * not every clinic wants, off. A manager changes them on the Tasks page.
 */
export const DEFAULT_RULES: DefaultRule[] = [
  { name: 'Welcome call', trigger: 'newPatient', enabled: true, titleTemplate: 'Welcome call: {patient}', assignee: { kind: 'role', role: 'frontDesk' }, offsets: [{ amount: 1, unit: 'days' }], slaHours: 48 },
  { name: 'Missed visit', trigger: 'noShow', enabled: true, titleTemplate: 'Call {patient} about the missed visit', assignee: { kind: 'role', role: 'frontDesk' }, offsets: [{ amount: 2, unit: 'hours' }], slaHours: 24 },
  { name: 'Visit not paid', trigger: 'visitedNotPaid', enabled: true, titleTemplate: 'Settle the unpaid visit of {patient}', assignee: { kind: 'role', role: 'frontDesk' }, offsets: [{ amount: 4, unit: 'hours' }], slaHours: 24 },
  { name: 'Package not used', trigger: 'packageUnused', enabled: true, titleTemplate: '{patient} has not used {category}: book a session', assignee: { kind: 'role', role: 'frontDesk' }, offsets: [{ amount: 30, unit: 'days' }], slaHours: 72 },
  { name: 'Credit not used', trigger: 'storedValueUnused', enabled: false, titleTemplate: '{patient} holds unused credit: offer a visit', assignee: { kind: 'role', role: 'frontDesk' }, offsets: [{ amount: 60, unit: 'days' }], slaHours: 72 },
  {
    name: 'Injectables check-ins',
    trigger: 'afterTreatment',
    enabled: true,
    titleTemplate: '{category} check-in ({when}): {patient}',
    assignee: { kind: 'provider', role: 'frontDesk' },
    offsets: [{ amount: 24, unit: 'hours' }, { amount: 14, unit: 'days' }],
    categoryNames: ['Neurotoxin', 'Dermal filler'],
    slaHours: 24,
  },
  { name: 'Satisfaction check', trigger: 'satisfaction', enabled: true, titleTemplate: 'How was the visit? Call {patient}', assignee: { kind: 'role', role: 'frontDesk' }, offsets: [{ amount: 3, unit: 'days' }], slaHours: 48 },
  { name: 'Repurchase reminder', trigger: 'dueSoon', enabled: true, titleTemplate: '{patient} is due for {category} in {when}', assignee: { kind: 'role', role: 'frontDesk' }, offsets: [{ amount: 14, unit: 'days' }], slaHours: 72 },
  { name: 'Birthday wishes', trigger: 'birthday', enabled: false, titleTemplate: 'Birthday wishes for {patient}', assignee: { kind: 'role', role: 'frontDesk' }, offsets: [{ amount: 0, unit: 'days' }], slaHours: 24 },
];

/**
 * Adds the default rules when the clinic has none (first-run setup, the demo, and the rules workstation of a clinic
 * that had Lumen before follow-ups). Raw SQL: the demo calls it inside its own synchronous transaction. A category
 * rule whose categories the clinic does not have is left out.
 */
export function seedFollowUpRules(sqlite: Sqlite, at: Date, activeSince?: string): number {
  if (sqlite.prepare('SELECT 1 FROM followUpRule LIMIT 1').get()) return 0;
  const timeZone = (sqlite.prepare('SELECT timeZone FROM clinic').pluck().get() as string | undefined) ?? 'UTC';
  const since = activeSince ?? localDate(at.toISOString(), timeZone);
  const categoryId = sqlite.prepare('SELECT id FROM serviceCategory WHERE name = ? COLLATE NOCASE').pluck();
  const insert = sqlite.prepare(
    `INSERT INTO followUpRule (id, name, trigger, enabled, titleTemplate, assigneeKind, assigneeRole, assigneeStaffId, offsets, categoryIds, slaHours, catchUpDays, activeSince, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 7, ?, ?, ?)`,
  );
  let added = 0;
  for (const rule of DEFAULT_RULES) {
    const categoryIds = (rule.categoryNames ?? []).map((name) => categoryId.get(name) as number | undefined).filter((id) => id !== undefined);
    if (rule.categoryNames && !categoryIds.length) continue;
    const role = rule.assignee.kind === 'staff' ? null : rule.assignee.role;
    const id = newId(sqlite, 'followUpRule');
    insert.run(id, rule.name, rule.trigger, rule.enabled ? 1 : 0, rule.titleTemplate, rule.assignee.kind, role, JSON.stringify(rule.offsets), JSON.stringify(categoryIds), rule.slaHours, since, at.toISOString(), at.toISOString());
    appendAudit(sqlite, at, { staffId: null, name: 'system' }, { action: 'create', entity: 'followUpRule', entityId: id, summary: `Added the follow-up rule ${rule.name}`, details: { ...rule, categoryIds } });
    added++;
  }
  return added;
}
