import { useEffect, useState } from 'react';
import type { PatientSummary } from '../../../src-shared/contract/patients';
import { client } from '../../lib/client';
import { useDebounced } from '../../lib/hooks';

export interface SearchState {
  rows: PatientSummary[];
  loading: boolean;
  error: unknown;
  /** The query these rows answer (debounced). */
  query: string;
}

/** patients.search as you type, debounced; answers to stale queries are dropped. */
export function usePatientSearch(q: string, options: { includeArchived?: boolean; limit?: number; delayMs?: number } = {}): SearchState {
  const { includeArchived = false, limit = 20, delayMs = 120 } = options;
  const query = useDebounced(q.trim(), delayMs);
  const [state, setState] = useState<SearchState>({ rows: [], loading: false, error: undefined, query: '' });
  useEffect(() => {
    if (!query) {
      setState({ rows: [], loading: false, error: undefined, query });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    client.call('patients.search', { q: query, limit, includeArchived }).then(
      (rows) => live && setState({ rows, loading: false, error: undefined, query }),
      (error: unknown) => live && setState({ rows: [], loading: false, error, query }),
    );
    return () => {
      live = false;
    };
  }, [query, includeArchived, limit]);
  return state;
}
