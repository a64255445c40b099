import { useCall } from '../../lib/hooks';
import { useCan, useClinic } from '../../lib/store';
import { paperFor } from './paper';

/**
 * The paper reports print on: the clinic's setting (the same as the main process's PDFs and the scheduled reports),
 * or the country's paper for someone who may not read the setting.
 */
export function useReportPaper(): 'a4' | 'letter' {
  const can = useCan();
  const { country } = useClinic();
  const settings = useCall('reports.outputSettings', can('reports.export') ? {} : null);
  const chosen = settings.data?.paperSize;
  return chosen === undefined ? paperFor(country) : chosen === 'Letter' ? 'letter' : 'a4';
}
