import { lazy, Suspense, useEffect, useState } from 'react';
import { roleLabels } from '../../src-shared/permissions';
import { client } from '../lib/client';
import { useInterval } from '../lib/hooks';
import { useCan, useClinic, useUi } from '../lib/store';
import { lockNow, signOut } from './session';
import { Empty, Spinner } from '../lib/ui';
import { PatientsList } from '../features/patients/PatientsList';
import { settingsTabsFor } from '../features/settings/tabs';
import { dataTabsFor } from '../features/imports/dataTabs';
import { CommandPalette } from './CommandPalette';
import { useIdleLock } from './useIdleLock';

// Screens beyond the list load on first use, so the shell and the zod schemas stay out of the first download.
const PatientProfile = lazy(() => import('../features/patients/PatientProfile').then((m) => ({ default: m.PatientProfile })));
const PatientForm = lazy(() => import('../features/patients/PatientForm').then((m) => ({ default: m.PatientForm })));
const Settings = lazy(() => import('../features/settings/Settings').then((m) => ({ default: m.Settings })));
const Calendar = lazy(() => import('../features/scheduling/Calendar').then((m) => ({ default: m.Calendar })));
const DayListPrint = lazy(() => import('../features/scheduling/DayListPrint').then((m) => ({ default: m.DayListPrint })));
const ChartPage = lazy(() => import('../features/charts/ChartPage').then((m) => ({ default: m.ChartPage })));
const Today = lazy(() => import('../features/today/Today').then((m) => ({ default: m.Today })));
const InvoicePage = lazy(() => import('../features/checkout/InvoicePage').then((m) => ({ default: m.InvoicePage })));
const ReceiptPrint = lazy(() => import('../features/checkout/ReceiptPrint').then((m) => ({ default: m.ReceiptPrint })));
const ReferralCardSheet = lazy(() => import('../features/referrals/ReferralCardSheet').then((m) => ({ default: m.ReferralCardSheet })));
const GiftCardVouchers = lazy(() => import('../features/prepaid/GiftCardVouchers').then((m) => ({ default: m.GiftCardVouchers })));
const PrepaidPage = lazy(() => import('../features/prepaid/PrepaidPage').then((m) => ({ default: m.PrepaidPage })));
const Promotions = lazy(() => import('../features/promotions/Promotions').then((m) => ({ default: m.Promotions })));
const DayClose = lazy(() => import('../features/closing/DayClose').then((m) => ({ default: m.DayClose })));
const ZReportPrint = lazy(() => import('../features/closing/ZReportPrint').then((m) => ({ default: m.ZReportPrint })));
const Commission = lazy(() => import('../features/closing/Commission').then((m) => ({ default: m.Commission })));
const Inventory = lazy(() => import('../features/inventory/Inventory').then((m) => ({ default: m.Inventory })));
const TasksPage = lazy(() => import('../features/tasks/TasksPage').then((m) => ({ default: m.TasksPage })));
const ReportSchedules = lazy(() => import('../features/report-schedules/ReportSchedules').then((m) => ({ default: m.ReportSchedules })));
const Segments = lazy(() => import('../features/segments/Segments').then((m) => ({ default: m.Segments })));
const Retention = lazy(() => import('../features/retention/Retention').then((m) => ({ default: m.Retention })));
const Reports = lazy(() => import('../features/reports/Reports').then((m) => ({ default: m.Reports })));
const InboxPage = lazy(() => import('../features/messages/InboxPage').then((m) => ({ default: m.InboxPage })));
const SatisfactionPage = lazy(() => import('../features/satisfaction/SatisfactionPage').then((m) => ({ default: m.SatisfactionPage })));
const DataPage = lazy(() => import('../features/imports/DataPage').then((m) => ({ default: m.DataPage })));
const AuditLog = lazy(() => import('../features/audit/AuditLog').then((m) => ({ default: m.AuditLog })));

function Page({ route }: { route: string }) {
  const can = useCan();
  const parts = route.split('/').filter(Boolean);
  if (parts[0] === 'today' && can('checkout.sell')) return <Today date={parts[1]} />;
  if (parts[0] === 'patients' && can('patients.read')) {
    if (parts[1] === 'new') return <PatientForm key="new" />;
    const id = Number(parts[1]);
    if (Number.isInteger(id) && id > 0) {
      if (parts[2] === 'edit') return <PatientForm key={`edit-${id}`} id={id} />;
      if (parts[2] === 'referral-card' && can('referrals.read')) return <ReferralCardSheet key={id} patientId={id} />;
      return <PatientProfile key={id} id={id} tab={parts[2]} />;
    }
    return <PatientsList />;
  }
  if (parts[0] === 'calendar' && can('schedule.read')) {
    const id = Number(parts[4]);
    if (parts[2] === 'print' && (parts[3] === 'staff' || parts[3] === 'room') && Number.isInteger(id) && id > 0) return <DayListPrint key={route} date={parts[1]} by={parts[3]} id={id} />;
    return <Calendar date={parts[1]} />;
  }
  if (parts[0] === 'appointments' && parts[2] === 'chart' && Number(parts[1]) > 0) return <ChartPage key={parts[1]} appointmentId={Number(parts[1])} />;
  if (parts[0] === 'invoices' && can('checkout.sell') && Number(parts[1]) > 0) {
    const id = Number(parts[1]);
    if (parts[2] === 'vouchers') return <GiftCardVouchers key={id} id={id} />;
    return parts[2] === 'print' ? <ReceiptPrint key={id} id={id} /> : <InvoicePage key={id} id={id} />;
  }
  if (parts[0] === 'prepaid' && can('checkout.sell')) return <PrepaidPage />;
  if (parts[0] === 'closing' && can('closing.read')) {
    const scope = parts.includes('clinic') ? 'clinic' : 'till';
    return parts[2] === 'print' && parts[1] ? <ZReportPrint key={route} date={parts[1]} scope={scope} /> : <DayClose key={route} date={parts[1]} scope={scope} />;
  }
  if (parts[0] === 'commission' && can('commission.read')) return <Commission />;
  if (parts[0] === 'settings' && settingsTabsFor(can).length) return <Settings tab={parts[1]} />;
  if (parts[0] === 'promotions' && can('checkout.sell')) return <Promotions tab={parts[1]} />;
  if (parts[0] === 'inventory' && can('inventory.read')) return <Inventory tab={parts[1]} />;
  if (parts[0] === 'tasks' && can('tasks.work')) return <TasksPage tab={parts[1]} />;
  if (parts[0] === 'inbox' && can('messages.converse')) return <InboxPage view={parts[1]} />;
  if (parts[0] === 'segments' && can('segments.read')) return <Segments tab={parts[1]} />;
  if (parts[0] === 'retention' && can('retention.calls')) return <Retention tab={parts[1]} />;
  if (parts[0] === 'reports' && can('reports.read')) return <Reports report={parts[1]} />;
  if (parts[0] === 'satisfaction' && can('satisfaction.manage')) return <SatisfactionPage tab={parts[1]} />;
  if (parts[0] === 'report-schedules' && can('reports.schedule')) return <ReportSchedules />;
  if (parts[0] === 'data' && dataTabsFor(can).length) return <DataPage tab={parts[1]} />;
  if (parts[0] === 'audit' && can('audit.read')) return <AuditLog />;
  return <Empty>There is nothing here for your role. Pick a section on the left.</Empty>;
}

/** Patients' messages waiting for an answer, for the nav: read each minute and whenever the page changes. */
function useUnansweredCount(active: boolean, route: string): number | null {
  const [count, setCount] = useState<number | null>(null);
  const read = () => {
    if (active) void client.call('messages.inbox', { view: 'unanswered', limit: 1 }).then((r) => setCount(r.counts.unanswered), () => setCount(null));
  };
  useInterval(read, 60_000, active);
  // Again on each page change: answering a message elsewhere changes the count.
  useEffect(read, [active, route]);
  return count;
}

export function Shell() {
  const session = useUi((s) => s.session)!;
  const route = useUi((s) => s.route);
  const notice = useUi((s) => s.notice);
  const { name, timeZone } = useClinic();
  const isDemo = useUi((s) => s.status?.isDemo);
  const clockWarning = useUi((s) => s.status?.clockWarning);
  const can = useCan();
  const unanswered = useUnansweredCount(can('messages.converse'), route);
  useIdleLock(session.idleLockMinutes);
  // Another workstation's file may tell this one its clock is wrong; the shared folder brings files every minute.
  useInterval(() => void client.call('app.status', {}).then((status) => useUi.getState().setStatus(status), () => undefined), 60_000, true);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        useUi.getState().setPaletteOpen(!useUi.getState().paletteOpen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => useUi.getState().notify(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  const section = route.split('/')[1] ?? 'patients';
  const nav = [
    { id: 'today', label: 'Today', show: can('checkout.sell') },
    { id: 'tasks', label: 'Tasks', show: can('tasks.work') },
    { id: 'inbox', label: 'Inbox', show: can('messages.converse'), count: unanswered },
    { id: 'calendar', label: 'Calendar', show: can('schedule.read') },
    { id: 'patients', label: 'Patients', show: can('patients.read') },
    { id: 'prepaid', label: 'Prepaid', show: can('checkout.sell') },
    { id: 'promotions', label: 'Promotions', show: can('promotions.manage') },
    { id: 'closing', label: 'End of day', show: can('closing.read') },
    { id: 'commission', label: 'Commission', show: can('commission.read') },
    { id: 'inventory', label: 'Inventory', show: can('inventory.read') },
    { id: 'segments', label: 'Segments', show: can('segments.read') },
    { id: 'retention', label: 'Retention', show: can('retention.calls') },
    { id: 'reports', label: 'Reports', show: can('reports.read') },
    { id: 'satisfaction', label: 'Satisfaction', show: can('satisfaction.manage') },
    { id: 'settings', label: 'Settings', show: settingsTabsFor(can).length > 0 },
    { id: 'data', label: 'Data', show: dataTabsFor(can).length > 0 },
    { id: 'audit', label: 'Audit log', show: can('audit.read') },
  ].filter((n) => n.show);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-clinic" data-testid="clinic-name">
          {name}
          {isDemo && <span className="badge badge-warn">Demo</span>}
        </div>
        <button type="button" className="palette-hint" onClick={() => useUi.getState().setPaletteOpen(true)} data-testid="open-palette">
          Search patients or commands… <kbd>Ctrl K</kbd>
        </button>
        <div className="topbar-user">
          <span data-testid="current-user" title={`Times shown in ${timeZone}`}>
            {session.displayName} <span className="muted">· {roleLabels[session.role]}</span>
          </span>
          <button type="button" className="btn btn-small" onClick={lockNow} data-testid="lock">
            Lock
          </button>
          <button type="button" className="btn btn-small" onClick={signOut} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Main">
        {nav.map((n) => (
          <a key={n.id} href={`#/${n.id}`} className={section === n.id ? 'active' : ''} aria-current={section === n.id ? 'page' : undefined} data-testid={`nav-${n.id}`}>
            {n.label}
            {'count' in n && !!n.count && (
              <span className="nav-count" aria-label={`${n.count} waiting for an answer`} data-testid={`nav-${n.id}-count`}>
                {n.count}
              </span>
            )}
          </a>
        ))}
      </nav>
      <main className="content" id="content">
        {clockWarning && (
          <div className="banner banner-alert" role="alert" data-testid="clock-warning-banner">
            {clockWarning}
          </div>
        )}
        <Suspense fallback={<Spinner />}>
          <Page route={route} />
        </Suspense>
      </main>
      {notice && (
        <div className="toast" role="status" data-testid="toast">
          {notice}
        </div>
      )}
      <CommandPalette />
    </div>
  );
}
