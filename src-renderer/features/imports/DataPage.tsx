import { lazy, Suspense } from 'react';
import { navigate, useCan } from '../../lib/store';
import { Spinner, Tabs } from '../../lib/ui';
import { dataTabsFor } from './dataTabs';
import { ImportWizard } from './ImportWizard';
import { PastImports } from './PastImports';
import './imports.css';

const ExportPage = lazy(() => import('../exports/ExportPage').then((m) => ({ default: m.ExportPage })));

/** Data: bring a clinic's history in from its old system, and take everything out again. */
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
        {active === 'export' && (
          <Suspense fallback={<Spinner />}>
            <ExportPage />
          </Suspense>
        )}
      </div>
    </section>
  );
}
