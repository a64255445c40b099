import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PatientSummary } from '../../../src-shared/contract/patients';
import { client } from '../../lib/client';
import { formatDate } from '../../lib/format';
import { useCall, isTyping } from '../../lib/hooks';
import { navigate, useCan, useUi, type PatientListFilters } from '../../lib/store';
import { Empty, ErrorBox, Spinner } from '../../lib/ui';
import { AllergyBadge, ArchivedBadge, PatientLine, usePhone } from './PatientBits';
import { usePatientSearch } from './usePatientSearch';

const PAGE = 100;
const ROW_HEIGHT = 40;

/** Pages of patients.list fetched by offset as they scroll into view; total comes with every page. */
function usePatientPages(filters: PatientListFilters) {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, PatientSummary[] | 'loading'>());
  const generation = useRef(0);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page)) return;
      pages.current.set(page, 'loading');
      const gen = generation.current;
      client
        .call('patients.list', { offset: page * PAGE, limit: PAGE, sort: filters.sort, includeArchived: filters.includeArchived, tagId: filters.tagId ?? undefined })
        .then(
          (res) => {
            if (gen !== generation.current) return;
            pages.current.set(page, res.rows);
            setTotal(res.total);
            setVersion((v) => v + 1);
          },
          (err: unknown) => {
            if (gen !== generation.current) return;
            pages.current.delete(page);
            setError(err);
          },
        );
    },
    [filters.sort, filters.includeArchived, filters.tagId],
  );

  const reset = useCallback(() => {
    generation.current += 1;
    pages.current = new Map();
    setTotal(null);
    setError(undefined);
    load(0);
  }, [load]);

  useEffect(reset, [reset]);

  const row = (index: number): PatientSummary | undefined => {
    const page = pages.current.get(Math.floor(index / PAGE));
    return Array.isArray(page) ? page[index % PAGE] : undefined;
  };
  return { total, error, row, load, reset };
}

export function PatientsList() {
  const can = useCan();
  const filters = useUi((s) => s.patientFilters);
  const setFilters = useUi((s) => s.setPatientFilters);
  const tags = useCall('tags.list', {});
  const [q, setQ] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const search = usePatientSearch(q, { includeArchived: filters.includeArchived, limit: 50 });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="page page-fill">
      <div className="page-head">
        <h1>Patients</h1>
        {can('patients.write') && (
          <button type="button" className="btn btn-primary" onClick={() => navigate('/patients/new')} data-testid="new-patient">
            New patient
          </button>
        )}
      </div>
      <div className="toolbar">
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          placeholder="Search name, phone, email or number  ( / )"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && search.rows[0]) navigate(`/patients/${search.rows[0].id}`);
            if (e.key === 'Escape') setQ('');
          }}
          data-testid="patient-search"
          aria-label="Search patients"
        />
        <label className="inline">
          Sort
          <select value={filters.sort} onChange={(e) => setFilters({ sort: e.target.value as PatientListFilters['sort'] })} data-testid="patient-sort">
            <option value="name">Name</option>
            <option value="newest">Newest</option>
            <option value="number">Number</option>
          </select>
        </label>
        <label className="inline">
          Tag
          <select value={filters.tagId ?? ''} onChange={(e) => setFilters({ tagId: e.target.value ? Number(e.target.value) : null })} data-testid="patient-tag-filter">
            <option value="">All</option>
            {tags.data?.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.patientCount})
              </option>
            ))}
          </select>
        </label>
        <label className="inline checkbox">
          <input type="checkbox" checked={filters.includeArchived} onChange={(e) => setFilters({ includeArchived: e.target.checked })} data-testid="patient-include-archived" />
          Include archived
        </label>
      </div>
      {q.trim() ? <SearchResults q={q} state={search} /> : <VirtualList filters={filters} canAdd={can('patients.write')} />}
    </section>
  );
}

function SearchResults({ q, state }: { q: string; state: ReturnType<typeof usePatientSearch> }) {
  if (state.error !== undefined) return <ErrorBox error={state.error} />;
  if (state.query !== q.trim() && !state.rows.length) return <Spinner label="Searching…" />;
  if (!state.rows.length) return <Empty>No patient matches “{q.trim()}”.</Empty>;
  return (
    <ul className="result-list" data-testid="patient-search-results">
      {state.rows.map((p) => (
        <li key={p.id}>
          <a href={`#/patients/${p.id}`} className="result-row" data-testid="patient-search-result">
            <PatientLine p={p} />
          </a>
        </li>
      ))}
    </ul>
  );
}

function VirtualList({ filters, canAdd }: { filters: PatientListFilters; canAdd: boolean }) {
  const { total, error, row, load, reset } = usePatientPages(filters);
  const phone = usePhone();
  const parentRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    if (!items.length) return;
    const first = Math.floor(items[0].index / PAGE);
    const last = Math.floor(items[items.length - 1].index / PAGE);
    for (let p = first; p <= last; p++) load(p);
  }, [items, load]);

  useEffect(() => setActive(0), [filters]);

  if (error !== undefined && total === null) return <ErrorBox error={error} onRetry={reset} />;
  if (total === null) return <Spinner label="Loading patients…" />;
  if (total === 0) {
    return (
      <Empty
        action={
          canAdd && (
            <button type="button" className="btn btn-primary" onClick={() => navigate('/patients/new')} data-testid="add-first-patient">
              Add the first patient
            </button>
          )
        }
      >
        {filters.tagId || filters.includeArchived ? 'No patients match these filters.' : 'No patients yet.'}
      </Empty>
    );
  }

  const open = (index: number) => {
    const p = row(index);
    if (p) navigate(`/patients/${p.id}`);
  };

  return (
    <div className="vlist-wrap">
      <div className="vlist-head" aria-hidden="true">
        <span>Number</span>
        <span>Name</span>
        <span>Date of birth</span>
        <span>Phone</span>
        <span>Email</span>
        <span />
      </div>
      <div
        ref={parentRef}
        className="vlist"
        tabIndex={0}
        role="listbox"
        aria-label={`Patients, ${total} in all`}
        aria-activedescendant={`prow-${active}`}
        data-testid="patient-list"
        onKeyDown={(e) => {
          const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 15, PageUp: -15 }[e.key];
          if (step) {
            e.preventDefault();
            const next = Math.max(0, Math.min(total - 1, active + step));
            setActive(next);
            virtualizer.scrollToIndex(next, { align: 'auto' });
          } else if (e.key === 'Home' || e.key === 'End') {
            e.preventDefault();
            const next = e.key === 'Home' ? 0 : total - 1;
            setActive(next);
            virtualizer.scrollToIndex(next);
          } else if (e.key === 'Enter') {
            open(active);
          }
        }}
      >
        <div className="vlist-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const p = row(item.index);
            return (
              <div
                key={item.key}
                id={`prow-${item.index}`}
                role="option"
                aria-selected={item.index === active}
                className={`vrow ${item.index === active ? 'active' : ''} ${p?.archived ? 'archived' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(item.index);
                  open(item.index);
                }}
                data-testid={p ? 'patient-row' : 'patient-row-loading'}
              >
                {p ? (
                  <>
                    <span className="patient-number">{p.number}</span>
                    <span className="patient-name">
                      {p.name}
                      {p.preferredName && <span className="muted"> “{p.preferredName}”</span>}
                    </span>
                    <span>{p.dateOfBirth ? formatDate(p.dateOfBirth) : ''}</span>
                    <span>{phone(p.phone)}</span>
                    <span className="ellipsis">{p.email ?? ''}</span>
                    <span className="patient-flags">
                      {p.allergyAlert && <AllergyBadge />}
                      {p.archived && <ArchivedBadge />}
                    </span>
                  </>
                ) : (
                  <span className="skeleton" />
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="vlist-foot muted" data-testid="patient-total">
        {total.toLocaleString()} patient{total === 1 ? '' : 's'}
      </div>
    </div>
  );
}
