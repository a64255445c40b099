import { useMemo } from 'react';
import type { DocumentMeta } from '../../../src-shared/reports/meta';
import { useClinic } from '../../lib/store';

/**
 * Who a document is for and when it was made: the time the answer `data` arrived (so a re-asked report shows its
 * own generation time, and re-rendering the same answer does not change it).
 */
export function useDocumentMeta(data: unknown): DocumentMeta {
  const { name, timeZone } = useClinic();
  return useMemo(() => ({ clinicName: name, timeZone, generatedAt: new Date().toISOString() }), [data, name, timeZone]);
}
