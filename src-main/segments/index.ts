import type { segments } from '../../src-shared/contract/segments';
import type { HandlerMap } from '../core/registry';
import { crossSellHandlers } from './cross-sell';
import { metricsHandlers } from './metrics';
import { savedHandlers } from './saved';
import { searchHandlers } from './search';
import { settingsHandlers } from './settings';

/** Segments: activity tiers, RFM, the universal search and saved segments, cross-marketing, lifetime value and churn. */
export const segmentsHandlers: HandlerMap<keyof typeof segments> = {
  ...settingsHandlers,
  ...searchHandlers,
  ...savedHandlers,
  ...crossSellHandlers,
  ...metricsHandlers,
};

// For the bench and the demo: the compiled query's text and parameters, and the defaults.
export { compileSegment, segmentCountSql } from './queries';
export { defaultSegmentSettings, settingsOfRow } from './settings';
