import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { Category } from '../../../src-shared/contract/catalog';
import { followUpTriggers, FollowUpRuleInput, titlePlaceholders, triggersWithoutProvider, type FollowUpRule } from '../../../src-shared/contract/tasks';
import { client } from '../../lib/client';
import { DialogForm } from '../../lib/DialogForm';
import { contractResolver } from '../../lib/forms';
import { Check, Dialog, Field } from '../../lib/ui';
import { AssigneeOptions } from './AssigneeOptions';
import { offsetHints, triggerLabels } from './labels';
import { ruleDefaults, ruleInput, type RuleValues } from './ruleValues';

/** The first message of a field's errors, nested ones too (offsets.0.amount shows beside "Due"). */
function firstMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  if ('message' in error && typeof error.message === 'string' && error.message) return error.message;
  for (const [key, value] of Object.entries(error)) {
    const message = key === 'ref' ? undefined : firstMessage(value);
    if (message) return message;
  }
  return undefined;
}

/** Add or change a follow-up rule: trigger, offsets, categories, the task's title, who gets it and its SLA. */
export function RuleDialog({ rule, categories, onClose, onSaved }: { rule: FollowUpRule | null; categories: Category[]; onClose: () => void; onSaved: () => void }) {
  const form = useForm<RuleValues, unknown, z.output<typeof FollowUpRuleInput>>({
    resolver: contractResolver(FollowUpRuleInput, (v: RuleValues) => ruleInput(v, rule?.id)),
    defaultValues: ruleDefaults(rule),
  });
  const { register, formState, watch } = form;
  const e = formState.errors as Partial<Record<keyof RuleValues, { message?: string }>>;
  const trigger = watch('trigger');
  const provider = !triggersWithoutProvider.includes(trigger);
  return (
    <Dialog title={rule ? `Edit ${rule.name}` : 'New follow-up rule'} onClose={onClose} wide testId="rule-dialog">
      <DialogForm form={form} onSubmit={(input) => client.call('tasks.saveRule', input).then(onSaved).then(onClose)} onCancel={onClose} submit={{ label: 'Save rule', testId: 'rule-save' }}>
        <div className="row">
          <Field label="Name" error={e.name?.message}>
            <input {...register('name')} autoFocus data-testid="rule-name-input" />
          </Field>
          <Field label="When this happens" error={e.trigger?.message}>
            <select {...register('trigger')} data-testid="rule-trigger">
              {followUpTriggers.map((t) => (
                <option key={t} value={t}>
                  {triggerLabels[t]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Due" hint={`e.g. 24 hours, 7 days, 3 months — ${offsetHints[trigger]}`} error={firstMessage(e.offsets)}>
          <input {...register('offsets')} data-testid="rule-offsets" />
        </Field>
        <Field label="Categories" hint="Hold Ctrl to pick several; none: any category" error={e.categoryIds?.message}>
          <select multiple size={4} {...register('categoryIds')} data-testid="rule-categories">
            {categories.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Task title" hint={`May use ${titlePlaceholders.join(' ')}`} error={e.titleTemplate?.message}>
          <input {...register('titleTemplate')} data-testid="rule-title" />
        </Field>
        <div className="row">
          <Field label="For" error={firstMessage((formState.errors as Record<string, unknown>).assignee)}>
            <select {...register('assignee')} data-testid="rule-assignee">
              <AssigneeOptions withProvider={provider} />
            </select>
          </Field>
          <Field label="SLA (hours past due)" error={e.slaHours?.message}>
            <input {...register('slaHours')} inputMode="numeric" className="input-short" data-testid="rule-sla-input" />
          </Field>
          <Field label="Catch up (days)" hint="How far back a missed day still gets its task" error={e.catchUpDays?.message}>
            <input {...register('catchUpDays')} inputMode="numeric" className="input-short" />
          </Field>
        </div>
        <Check label="On" field={register('enabled')} testId="rule-enabled-input" />
      </DialogForm>
    </Dialog>
  );
}
