import type { FollowUpRule, FollowUpRuleInput, Offset } from '../../../src-shared/contract/tasks';
import { triggersBefore } from '../../../src-shared/contract/tasks';
import type { Role } from '../../../src-shared/permissions';
import { readWhole } from '../../lib/format';

/** The rule form's fields as the inputs hold them: offsets as text ("24 hours, 7 days, 3 months"). */
export interface RuleValues {
  name: string;
  trigger: FollowUpRule['trigger'];
  enabled: boolean;
  titleTemplate: string;
  /** "role:frontDesk", "provider:frontDesk" or "staff:12". */
  assignee: string;
  offsets: string;
  categoryIds: string[];
  slaHours: string;
  catchUpDays: string;
}

const UNITS: Record<string, Offset['unit']> = { h: 'hours', hour: 'hours', hours: 'hours', d: 'days', day: 'days', days: 'days', m: 'months', month: 'months', months: 'months' };

/** "24 hours, 7 days" → offsets; a part that does not read becomes an amount the contract refuses, beside the field. */
export function parseOffsets(text: string): Offset[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(-?\d+)\s*([a-z]+)$/i.exec(part);
      const unit = match && UNITS[match[2].toLowerCase()];
      return match && unit ? { amount: Number(match[1]), unit } : { amount: NaN, unit: 'days' as const };
    });
}

export const offsetsText = (offsets: Offset[]) => offsets.map((o) => `${o.amount} ${o.unit}`).join(', ');

/** "24 hours, 7 days after" / "14 days before". */
export function whenList(rule: Pick<FollowUpRule, 'offsets' | 'trigger'>): string {
  return `${offsetsText(rule.offsets)} ${triggersBefore.includes(rule.trigger) ? 'before' : 'after'}`;
}

export function ruleDefaults(rule: FollowUpRule | null): RuleValues {
  const a = rule?.assignee;
  return {
    name: rule?.name ?? '',
    trigger: rule?.trigger ?? 'afterTreatment',
    enabled: rule?.enabled ?? true,
    titleTemplate: rule?.titleTemplate ?? 'Check-in: {patient}',
    assignee: !a ? 'provider:frontDesk' : a.kind === 'staff' ? `staff:${a.staffId}` : `${a.kind}:${a.role}`,
    offsets: rule ? offsetsText(rule.offsets) : '24 hours, 7 days',
    categoryIds: (rule?.categoryIds ?? []).map(String),
    slaHours: String(rule?.slaHours ?? 24),
    catchUpDays: String(rule?.catchUpDays ?? 7),
  };
}

export function ruleInput(v: RuleValues, id: number | undefined): FollowUpRuleInput {
  const [kind, value] = v.assignee.split(':');
  const assignee = kind === 'staff' ? { kind: 'staff' as const, staffId: Number(value) } : { kind: kind as 'role' | 'provider', role: value as Role };
  return {
    ...(id === undefined ? {} : { id }),
    name: v.name,
    trigger: v.trigger,
    enabled: v.enabled,
    titleTemplate: v.titleTemplate,
    assignee,
    offsets: parseOffsets(v.offsets),
    categoryIds: v.categoryIds.map(Number),
    slaHours: readWhole(v.slaHours),
    catchUpDays: readWhole(v.catchUpDays),
  };
}
