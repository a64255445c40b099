import { describe, expect, it } from 'vitest';
import { FollowUpRuleInput } from '../../../src-shared/contract/tasks';
import { parseOffsets, ruleDefaults, ruleInput, whenList } from '../../../src-renderer/features/tasks/ruleValues';

describe('the rule form’s values', () => {
  it('reads offsets as people type them, and a part it cannot read is refused by the contract beside the field', () => {
    expect(parseOffsets('24 hours, 7d, 3 months')).toEqual([
      { amount: 24, unit: 'hours' },
      { amount: 7, unit: 'days' },
      { amount: 3, unit: 'months' },
    ]);
    const input = ruleInput({ ...ruleDefaults(null), name: 'Check-ins', offsets: '24 hours, soon', categoryIds: ['3'] }, undefined);
    const parsed = FollowUpRuleInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['offsets.1.amount']);
  });

  it('round-trips a saved rule through the form', () => {
    const fields = { id: 4, name: 'Due soon', trigger: 'dueSoon' as const, enabled: true, titleTemplate: '{patient}', assignee: { kind: 'provider' as const, role: 'frontDesk' as const }, offsets: [{ amount: 14, unit: 'days' as const }], categoryIds: [2], slaHours: 72, catchUpDays: 7 };
    const rule = { ...fields, assigneeLabel: 'The provider (else Front desk)', activeSince: '2026-03-02' };
    expect(ruleInput(ruleDefaults(rule), rule.id)).toEqual(fields);
    expect(whenList(rule)).toBe('14 days before');
  });
});
