import { lazy, Suspense } from 'react';
import { navigate, useCan } from '../../lib/store';
import { Spinner, Tabs } from '../../lib/ui';
import { dataTabsFor } from './dataTabs';
import { ImportWizard } from './ImportWizard';
import { PastImports } from './PastImports';
import './imports.css';

const ExportPage = lazy(() => import('../exports/ExportPage').then((m) => ({ default: m.ExportPage })));
const RetentionSettings = lazy(() => import('../privacy/RetentionSettings').then((m) => ({ default: m.RetentionSettings })));

/** Data: bring a clinic's history in from its old system, take everything out again, and the rules for patients' data requests. */
export function DataPage({ tab }: { tab?: string }) {
  const can = useCan();
  const tabs = dataTabsFor(can);
  const active = tabs.find((t) => t.id === tab)?.id ?? tabs[0]?.id ?? 'import';
  return (
    <section className="page" data-testid="data-page">
      <div className="page-head">
        <h1>Data</h1>
      </div>
      <Tabs tabs={tabs} active={active} onChange={(t) => navigate(`/data/${t}`)} label="Data sections" />
      <div className="tab-panel" role="tabpanel">
        {active === 'import' && <ImportWizard />}
        {active === 'imports' && <PastImports />}
        <Suspense fallback={<Spinner />}>
          {active === 'export' && <ExportPage />}
          {active === 'privacy' && <RetentionSettings />}
        </Suspense>
      </div>
    </section>
  );
}
