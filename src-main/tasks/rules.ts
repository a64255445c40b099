import type { z } from 'zod';
import { type Assignee, type FollowUpRule, type FollowUpRuleInput, type Offset, triggersBefore, triggersWithoutProvider } from '../../src-shared/contract/tasks';
import { fieldError, LumenError } from '../../src-shared/errors';
import { roleLabels } from '../../src-shared/permissions';
import { localDate } from '../../src-shared/time';
import { flag } from '../core/db';
import type { HandlerContext, HandlerMap } from '../core/registry';
import type { FollowUpRuleTable } from '../core/schema-tasks';

type RuleRow = FollowUpRuleTable & { staffName: string | null };

export function assigneeOf(row: Pick<FollowUpRuleTable, 'assigneeKind' | 'assigneeRole' | 'assigneeStaffId'>): Assignee {
  if (row.assigneeKind === 'staff') return { kind: 'staff', staffId: row.assigneeStaffId! };
  return { kind: row.assigneeKind, role: row.assigneeRole! };
}

function ruleOf(row: RuleRow): FollowUpRule {
  const assignee = assigneeOf(row);
  const assigneeLabel = assignee.kind === 'staff' ? (row.staffName ?? 'Former staff') : assignee.kind === 'role' ? roleLabels[assignee.role] : `The provider (else ${roleLabels[assignee.role]})`;
  return {
    id: row.id,
    name: row.name,
    trigger: row.trigger,
    enabled: row.enabled === 1,
    titleTemplate: row.titleTemplate,
    assignee,
    assigneeLabel,
    offsets: JSON.parse(row.offsets) as Offset[],
    categoryIds: JSON.parse(row.categoryIds) as number[],
    slaHours: row.slaHours,
    catchUpDays: row.catchUpDays,
    activeSince: row.activeSince,
  };
}

export async function loadRules(ctx: HandlerContext, id?: number): Promise<FollowUpRule[]> {
  let query = ctx.db.selectFrom('followUpRule as r').leftJoin('staff as s', 's.id', 'r.assigneeStaffId').selectAll('r').select('s.displayName as staffName').orderBy('r.trigger').orderBy('r.id');
  if (id !== undefined) query = query.where('r.id', '=', id);
  return (await query.execute()).map(ruleOf);
}

const HOURS_IN: Record<Offset['unit'], number> = { hours: 1, days: 24, months: 24 * 31 };
const offsetText = (o: Offset) => `${o.amount} ${o.unit}`;

/** What the schema cannot say alone: offsets, categories and assignee that fit the trigger. Throws beside the field. */
async function checkRule(input: z.output<typeof FollowUpRuleInput>, ctx: HandlerContext): Promise<void> {
  const { trigger, offsets, categoryIds, assignee } = input;
  if (offsets.length > 1 && trigger !== 'afterTreatment') throw fieldError('invalid_input', 'Only an after-treatment rule has several offsets; make one rule per offset.', 'offsets');
  if (new Set(offsets.map(offsetText)).size !== offsets.length) throw fieldError('invalid_input', 'An offset is listed twice.', 'offsets');
  if (triggersBefore.includes(trigger) && offsets.some((o) => o.unit !== 'days')) throw fieldError('invalid_input', 'Give the days before the date.', 'offsets');
  if (trigger === 'satisfaction' && offsets.some((o) => o.amount * HOURS_IN[o.unit] > 7 * 24)) throw fieldError('invalid_input', 'A satisfaction check is due within 7 days of the visit.', 'offsets');
  if (trigger === 'afterTreatment' && !categoryIds.length) throw fieldError('invalid_input', 'Name the treatment categories this rule follows up.', 'categoryIds');
  const categorised = ['afterTreatment', 'satisfaction', 'packageUnused', 'dueSoon'];
  if (categoryIds.length && !categorised.includes(trigger)) throw fieldError('invalid_input', 'This trigger is not about a category; leave the categories empty.', 'categoryIds');
  if (categoryIds.length) {
    const found = await ctx.db.selectFrom('serviceCategory').select('id').where('id', 'in', categoryIds).execute();
    if (found.length !== new Set(categoryIds).size) throw fieldError('not_found', 'One of the categories does not exist.', 'categoryIds');
  }
  if (assignee.kind === 'provider' && triggersWithoutProvider.includes(trigger)) throw fieldError('invalid_input', 'There is no provider to assign for this trigger; choose a role or a person.', 'assignee');
  if (assignee.kind === 'staff' && !(await ctx.db.selectFrom('staff').select('id').where('id', '=', assignee.staffId).where('active', '=', 1).executeTakeFirst())) {
    throw fieldError('not_found', 'There is no such active staff member.', 'assignee');
  }
}

/** Configuring the rules: managers only (the contract's permission). */
export const ruleHandlers: HandlerMap<'tasks.rules' | 'tasks.saveRule' | 'tasks.setRuleEnabled'> = {
  'tasks.rules': (_input, ctx) => loadRules(ctx),

  'tasks.saveRule': async (input, ctx) => {
    await checkRule(input, ctx);
    const before = input.id === undefined ? undefined : (await loadRules(ctx, input.id))[0];
    if (input.id !== undefined && !before) throw new LumenError('not_found', 'There is no such rule.');
    const today = localDate(ctx.now.toISOString(), ctx.clinic().timeZone);
    const at = ctx.now.toISOString();
    const values = {
      name: input.name,
      trigger: input.trigger,
      enabled: flag(input.enabled),
      titleTemplate: input.titleTemplate,
      assigneeKind: input.assignee.kind,
      assigneeRole: input.assignee.kind === 'staff' ? null : input.assignee.role,
      assigneeStaffId: input.assignee.kind === 'staff' ? input.assignee.staffId : null,
      offsets: JSON.stringify(input.offsets),
      categoryIds: JSON.stringify([...new Set(input.categoryIds)]),
      slaHours: input.slaHours,
      catchUpDays: input.catchUpDays,
      // Switched on now (new, or from off): tasks start from today, not from events long past.
      activeSince: before && (before.enabled || !input.enabled) ? before.activeSince : today,
      updatedAt: at,
    };
    const id = input.id ?? ctx.newId('followUpRule');
    if (before) await ctx.db.updateTable('followUpRule').set(values).where('id', '=', id).execute();
    else await ctx.db.insertInto('followUpRule').values({ id, ...values, createdAt: at }).execute();
    const [saved] = await loadRules(ctx, id);
    ctx.audit({ action: before ? 'update' : 'create', entity: 'followUpRule', entityId: id, summary: `${before ? 'Changed' : 'Added'} the follow-up rule ${saved.name}`, details: { before, after: saved } });
    return saved;
  },

  'tasks.setRuleEnabled': async ({ id, enabled }, ctx) => {
    const [rule] = await loadRules(ctx, id);
    if (!rule) throw new LumenError('not_found', 'There is no such rule.');
    if (rule.enabled === enabled) return rule;
    const activeSince = enabled ? localDate(ctx.now.toISOString(), ctx.clinic().timeZone) : rule.activeSince;
    await ctx.db.updateTable('followUpRule').set({ enabled: flag(enabled), activeSince, updatedAt: ctx.now.toISOString() }).where('id', '=', id).execute();
    ctx.audit({ action: 'update', entity: 'followUpRule', entityId: id, summary: `${enabled ? 'Switched on' : 'Switched off'} the follow-up rule ${rule.name}`, details: { enabled } });
    return (await loadRules(ctx, id))[0];
  },
};
