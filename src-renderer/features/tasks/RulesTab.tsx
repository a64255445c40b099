import { useState } from 'react';
import type { FollowUpRule } from '../../../src-shared/contract/tasks';
import { client } from '../../lib/client';
import { useAction, useCall } from '../../lib/hooks';
import { EditButton, ListPanel, RowsTable } from '../../lib/ListPanel';
import { ErrorBox } from '../../lib/ui';
import { triggerLabels } from './labels';
import { RuleDialog } from './RuleDialog';
import { RunPanel } from './RunPanel';
import { whenList } from './ruleValues';

/** The follow-up rules: what each reacts to, when its task is due and for whom; a manager edits and switches them. */
export function RulesTab() {
  const rules = useCall('tasks.rules', {});
  const categories = useCall('catalog.categories', {});
  const [open, setOpen] = useState<{ rule: FollowUpRule | null } | null>(null);
  const toggle = useAction();
  const categoryName = (id: number) => categories.data?.find((c) => c.id === id)?.name ?? '…';
  return (
    <>
      <RunPanel onRan={rules.reload} />
      {toggle.error !== undefined && <ErrorBox error={toggle.error} />}
      <ListPanel
        testId="task-rules"
        add={{ label: 'Add rule', testId: 'rule-add', onClick: () => setOpen({ rule: null }) }}
        state={rules}
        empty="No rules yet."
        dialog={open && <RuleDialog rule={open.rule} categories={categories.data ?? []} onClose={() => setOpen(null)} onSaved={rules.reload} />}
      >
        {(rows) => (
          <RowsTable
            rows={rows}
            rowTestId="rule-row"
            inactive={(r) => !r.enabled}
            head={
              <>
                <th>Rule</th>
                <th>When</th>
                <th>For</th>
                <th className="num">SLA</th>
                <th>On</th>
                <th />
              </>
            }
          >
            {(r) => (
              <>
                <td>
                  <div data-testid="rule-name">{r.name}</div>
                  <div className="muted small">
                    {triggerLabels[r.trigger]}
                    {r.categoryIds.length > 0 && ` · ${r.categoryIds.map(categoryName).join(', ')}`}
                  </div>
                </td>
                <td>{whenList(r)}</td>
                <td>{r.assigneeLabel}</td>
                <td className="num" data-testid="rule-sla">{r.slaHours} h</td>
                <td>
                  <input
                    type="checkbox"
                    checked={r.enabled}
                    disabled={toggle.busy}
                    aria-label={`${r.name} on`}
                    onChange={(e) => void toggle.run(() => client.call('tasks.setRuleEnabled', { id: r.id, enabled: e.target.checked }).then(rules.reload))}
                    data-testid="rule-enabled"
                  />
                </td>
                <td className="actions">
                  <EditButton onClick={() => setOpen({ rule: r })} />
                </td>
              </>
            )}
          </RowsTable>
        )}
      </ListPanel>
    </>
  );
}
