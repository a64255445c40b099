import { useEffect, useMemo, useRef, useState } from 'react';
import { navigate, useCan, useUi } from '../lib/store';
import { errorMessage } from '../lib/client';
import { usePatientSearch } from '../features/patients/usePatientSearch';
import { PatientLine } from '../features/patients/PatientBits';
import { settingsTabsFor } from '../features/settings/tabs';
import { useListKeys } from '../lib/useListKeys';
import { lockNow } from './session';

interface Item {
  key: string;
  kind: 'patient' | 'command';
  render: React.ReactNode;
  run: () => void;
}

/** Ctrl+K / Cmd+K: quick patient search plus a few commands, all from the keyboard. */
export function CommandPalette() {
  const open = useUi((s) => s.paletteOpen);
  if (!open) return null;
  return <Palette />;
}

function Palette() {
  const can = useCan();
  const [q, setQ] = useState('');
  const search = usePatientSearch(q, { includeArchived: true, limit: 12 });
  const close = () => useUi.getState().setPaletteOpen(false);
  const listRef = useRef<HTMLUListElement>(null);

  const commands = useMemo(() => {
    const all = [
      { key: 'new-patient', label: 'New patient', show: can('patients.write'), run: () => navigate('/patients/new') },
      { key: 'today', label: "Today — reception's day", show: can('checkout.sell'), run: () => navigate('/today') },
      { key: 'tasks', label: 'Tasks — my follow-ups', show: can('tasks.work'), run: () => navigate('/tasks') },
      { key: 'task-rules', label: 'Follow-up rules', show: can('tasks.manage'), run: () => navigate('/tasks/rules') },
      { key: 'task-sla', label: 'Tasks — SLA breaches', show: can('tasks.manage'), run: () => navigate('/tasks/sla') },
      { key: 'inbox', label: 'Inbox — messages waiting for an answer', show: can('messages.converse'), run: () => navigate('/inbox') },
      { key: 'calendar', label: 'Calendar — today', show: can('schedule.read'), run: () => navigate('/calendar') },
      { key: 'patients', label: 'Patients', show: can('patients.read'), run: () => navigate('/patients') },
      { key: 'prepaid', label: 'Packages, gift cards & top-ups', show: can('checkout.sell'), run: () => navigate('/prepaid') },
      { key: 'gift-card', label: 'Gift card balance — look up a code', show: can('checkout.sell'), run: () => navigate('/prepaid') },
      { key: 'promotions', label: 'Promotions — campaigns and coupons', show: can('promotions.manage'), run: () => navigate('/promotions') },
      { key: 'discount-limits', label: 'Discount limits by role', show: can('promotions.manage'), run: () => navigate('/promotions/limits') },
      { key: 'closing', label: 'End of day — Z report and close the till', show: can('closing.read'), run: () => navigate('/closing') },
      { key: 'commission', label: 'Commission statement', show: can('commission.read'), run: () => navigate('/commission') },
      { key: 'inventory', label: 'Inventory — stock on hand', show: can('inventory.read'), run: () => navigate('/inventory') },
      { key: 'expiring', label: 'Inventory — expiring lots', show: can('inventory.read'), run: () => navigate('/inventory/expiring') },
      { key: 'retention', label: 'Retention — overdue maintenance (call list)', show: can('retention.calls'), run: () => navigate('/retention') },
      { key: 'due-soon', label: 'Retention — maintenance due soon', show: can('retention.calls'), run: () => navigate('/retention/soon') },
      { key: 'delinquency-report', label: 'Retention — weekly delinquency report', show: can('retention.results'), run: () => navigate('/retention/report') },
      { key: 'recall', label: 'Lot recall', show: can('inventory.manage'), run: () => navigate('/inventory/recall') },
      { key: 'segments', label: 'Segments — search patients, call lists', show: can('segments.read'), run: () => navigate('/segments') },
      { key: 'saved-segments', label: 'Segments — saved segments', show: can('segments.read'), run: () => navigate('/segments/saved') },
      { key: 'cross-marketing', label: 'Cross-marketing — bought A, never B', show: can('segments.read'), run: () => navigate('/segments/cross') },
      { key: 'retention-figures', label: 'Retention figures — churn, lifetime value', show: can('segments.manage'), run: () => navigate('/segments/analytics') },
      { key: 'reports', label: 'Reports — projected sales (the weekly print)', show: can('reports.read'), run: () => navigate('/reports/projectedSales') },
      { key: 'sales-by-category', label: 'Reports — sales by category', show: can('reports.read'), run: () => navigate('/reports/salesByCategory') },
      { key: 'sales-by-provider', label: 'Reports — sales by provider', show: can('reports.read'), run: () => navigate('/reports/salesByProvider') },
      { key: 'coupon-roi', label: 'Reports — coupon ROI', show: can('reports.read'), run: () => navigate('/reports/couponRoi') },
      { key: 'referral-roi', label: 'Reports — referral-source ROI', show: can('reports.read'), run: () => navigate('/reports/referralRoi') },
      { key: 'cascade', label: 'Reports — conversion cascade', show: can('reports.read'), run: () => navigate('/reports/conversionCascade') },
      { key: 'stalled-consults', label: 'Reports — stalled consults (call list)', show: can('reports.read'), run: () => navigate('/reports/stalledConsults') },
      { key: 'open-quotes', label: 'Reports — quotes on the table', show: can('reports.read'), run: () => navigate('/reports/openQuotes') },
      { key: 'points-liability', label: 'Reports — points liability (loyalty)', show: can('reports.read') && can('loyalty.manage'), run: () => navigate('/reports/pointsLiability') },
      { key: 'report-schedules', label: 'Reports — scheduled reports and generated files', show: can('reports.schedule'), run: () => navigate('/report-schedules') },
      { key: 'settings', label: 'Settings', show: settingsTabsFor(can).length > 0, run: () => navigate('/settings') },
      { key: 'messaging-accounts', label: 'Messaging accounts — email, mailbox, SMS gateway', show: can('messages.manage'), run: () => navigate('/settings/messaging') },
      { key: 'outbox', label: 'Outbox — messages and their status', show: can('messages.manage'), run: () => navigate('/settings/outbox') },
      { key: 'loyalty-program', label: 'Loyalty program — points, redemption, tiers', show: can('loyalty.read'), run: () => navigate('/settings/loyalty') },
      { key: 'workstations', label: 'Workstations & sync', show: can('sync.exchange'), run: () => navigate('/settings/workstations') },
      { key: 'import', label: 'Import patients from the old system (CSV, Excel)', show: can('imports.run'), run: () => navigate('/data/import') },
      { key: 'past-imports', label: 'Past imports — reports and undo', show: can('imports.run'), run: () => navigate('/data/imports') },
      { key: 'export', label: 'Export — whole clinic, patient, sales and appointment lists', show: can('exports.lists') || can('exports.clinic'), run: () => navigate('/data/export') },
      { key: 'privacy', label: 'Privacy (GDPR) — retention of signed clinical records', show: can('privacy.manage') && can('settings.read'), run: () => navigate('/data/privacy') },
      { key: 'audit', label: 'Audit log', show: can('audit.read'), run: () => navigate('/audit') },
      { key: 'lock', label: 'Lock this desk', show: true, run: () => void lockNow() },
    ];
    return all.filter((c) => c.show);
  }, [can]);

  const needle = q.trim().toLowerCase();
  const items: Item[] = [
    ...search.rows.map((p) => ({
      key: `p${p.id}`,
      kind: 'patient' as const,
      render: <PatientLine p={p} />,
      run: () => navigate(`/patients/${p.id}`),
    })),
    ...commands
      .filter((c) => !needle || c.label.toLowerCase().includes(needle))
      .map((c) => ({ key: c.key, kind: 'command' as const, render: <span className="command-label">{c.label}</span>, run: c.run })),
  ];
  const pick = (item: Item | undefined) => {
    if (!item) return;
    close();
    item.run();
  };
  const { active, setActive, onKeyDown } = useListKeys(items.length, (i) => pick(items[Math.min(i, items.length - 1)]));
  const safeActive = Math.min(active, Math.max(items.length - 1, 0));

  useEffect(() => setActive(0), [search.rows]);
  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [safeActive]);

  return (
    <div className="palette-backdrop" onMouseDown={close}>
      <div className="palette" role="dialog" aria-label="Command palette" aria-modal="true" data-testid="command-palette" onMouseDown={(e) => e.stopPropagation()}>
        <input
          autoFocus
          className="palette-input"
          placeholder="Find a patient by name, phone, email or number — or type a command"
          value={q}
          data-testid="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          onChange={(e) => {
            setQ(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (!onKeyDown(e) && e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        />
        <ul className="palette-list" id="palette-list" role="listbox" ref={listRef} data-testid="palette-results">
          {items.map((item, i) => (
            <li
              key={item.key}
              role="option"
              aria-selected={i === safeActive}
              className={`palette-item palette-${item.kind} ${i === safeActive ? 'active' : ''}`}
              data-testid={item.kind === 'patient' ? 'palette-patient' : `palette-command-${item.key}`}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(item)}
            >
              {item.render}
            </li>
          ))}
        </ul>
        <div className="palette-foot muted">
          {search.loading ? 'Searching…' : search.error !== undefined ? errorMessage(search.error) : needle && search.query && !search.rows.length ? 'No patient matches' : '↑↓ to move · Enter to open · Esc to close'}
        </div>
      </div>
    </div>
  );
}
