import type { Cell } from '../../../src-shared/reports/document';

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  key: string;
  direction: SortDirection;
}

/** A click on a header: a new column sorts its natural way (numbers high first), the same column flips. */
export function nextSort(current: SortState | null, key: string, numeric: boolean): SortState {
  if (current?.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: numeric ? 'desc' : 'asc' };
}

function compareCells(a: Cell, b: Cell): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/**
 * The rows in a column's order, without touching the given array. Empty cells (null, "") go last whichever way
 * the column is sorted, so a "—" never heads a ranking; equal cells keep their report order (a stable sort).
 */
export function sortRows<R extends Record<string, Cell>>(rows: readonly R[], sort: SortState | null): R[] {
  if (!sort) return [...rows];
  const sign = sort.direction === 'asc' ? 1 : -1;
  const empty = (cell: Cell | undefined) => cell === null || cell === undefined || cell === '';
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const a = x.row[sort.key];
      const b = y.row[sort.key];
      if (empty(a) || empty(b)) return empty(a) === empty(b) ? x.index - y.index : empty(a) ? 1 : -1;
      return sign * compareCells(a, b) || x.index - y.index;
    })
    .map(({ row }) => row);
}
