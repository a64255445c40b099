import { useState } from 'react';
import type { SavedSegment, SegmentQuery } from '../../../src-shared/contract/segments';
import { navigate, useCan, useClinic } from '../../lib/store';
import { Tabs } from '../../lib/ui';
import { AnalyticsTab } from './AnalyticsTab';
import { CrossSellTab } from './CrossSellTab';
import { QueryBuilder } from './QueryBuilder';
import { type QueryValues, rowsOf } from './queryForm';
import { SavedTab } from './SavedTab';
import { SegmentResults } from './SegmentResults';
import { SettingsTab } from './SettingsTab';
import './segments.css';

const tabs = [
  { id: 'search', label: 'Search' },
  { id: 'saved', label: 'Saved segments' },
  { id: 'cross', label: 'Cross-marketing' },
  { id: 'analytics', label: 'Retention figures', manage: true },
  { id: 'settings', label: 'Tiers and RFM', manage: true },
];

interface Opened {
  /** Remounts the builder with these rows. */
  key: number;
  values: QueryValues;
  title: string;
  savedId?: number;
}

/** Segments: the universal search and its call list, saved segments, cross-marketing presets, retention figures. */
export function Segments({ tab }: { tab?: string }) {
  const can = useCan();
  const { currency } = useClinic();
  const shown = tabs.filter((t) => !t.manage || can('segments.manage'));
  const active = shown.find((t) => t.id === tab)?.id ?? 'search';
  const [opened, setOpened] = useState<Opened>({ key: 0, values: { rows: [] }, title: 'Segment' });
  const [ran, setRan] = useState<SegmentQuery | null>(null);
  const open = (query: SavedSegment['query'], title: string, savedId?: number, run = false) => {
    setOpened((o) => ({ key: o.key + 1, values: { rows: rowsOf(query, currency) }, title, savedId }));
    setRan(run ? query : null);
    navigate('/segments/search');
  };
  return (
    <section className="page" data-testid="segments">
      <div className="page-head no-print">
        <h1>Segments</h1>
      </div>
      <div className="no-print">
        <Tabs tabs={shown} active={active} onChange={(id) => navigate(`/segments/${id}`)} label="Segments" />
      </div>
      {active === 'search' && (
        <>
          <QueryBuilder key={opened.key} initial={opened.values} onRun={setRan} />
          {ran && <SegmentResults key={JSON.stringify(ran)} query={ran} title={opened.title} savedId={opened.savedId} />}
        </>
      )}
      {active === 'saved' && <SavedTab onOpen={(s) => open(s.query, s.name, s.id, true)} />}
      {active === 'cross' && <CrossSellTab onOpen={(query, title) => open(query, title)} />}
      {active === 'analytics' && <AnalyticsTab />}
      {active === 'settings' && <SettingsTab />}
    </section>
  );
}
