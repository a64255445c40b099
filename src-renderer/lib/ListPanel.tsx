import { useState, type ReactNode } from 'react';
import { errorMessage } from './client';
import type { CallState } from './hooks';
import { Async, Empty, FormError } from './ui';

/** Loading / error for one list call, then the rows, or `empty` when there are none (no `empty`: the rows anyway). */
export function AsyncList<T>({ state, empty, children }: { state: CallState<T[]>; empty?: ReactNode; children: (rows: T[]) => ReactNode }) {
  return <Async state={state}>{(rows) => (rows.length || empty === undefined ? children(rows) : <Empty>{empty}</Empty>)}</Async>;
}

/** A settings list: an "Add" button for those who may add (no `add`: none), the rows, and the dialog open on top. */
export function ListPanel<T>({
  testId,
  add,
  state,
  empty,
  children,
  dialog,
}: {
  testId: string;
  add?: { label: string; testId: string; onClick: () => void };
  state: CallState<T[]>;
  empty?: ReactNode;
  children: (rows: T[]) => ReactNode;
  dialog?: ReactNode;
}) {
  return (
    <div className="panel" data-testid={testId}>
      {add && (
        <div className="actions actions-start">
          <button type="button" className="btn btn-primary" onClick={add.onClick} data-testid={add.testId}>
            {add.label}
          </button>
        </div>
      )}
      <AsyncList state={state} empty={empty}>
        {children}
      </AsyncList>
      {dialog}
    </div>
  );
}

/** A plain table of rows; `inactive` greys out the rows it picks. */
export function RowsTable<T extends { id: number }>({
  head,
  rows,
  rowTestId,
  inactive,
  children,
}: {
  head?: ReactNode;
  rows: T[];
  rowTestId: string;
  inactive?: (row: T) => boolean;
  children: (row: T) => ReactNode;
}) {
  return (
    <table className="table">
      {head && (
        <thead>
          <tr>{head}</tr>
        </thead>
      )}
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={inactive && (inactive(r) ? 'inactive' : '')} data-testid={rowTestId}>
            {children(r)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EditButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="btn btn-small" onClick={onClick}>
      Edit
    </button>
  );
}

export function EditCell({ onClick }: { onClick: () => void }) {
  return (
    <td>
      <EditButton onClick={onClick} />
    </td>
  );
}

/**
 * Rows that can be removed one by one (`onRemove` absent: no Remove buttons, the cell stays). After a remove the
 * list reloads; a refusal shows under the list.
 */
export function RemovableList<T extends { id: number }>({
  state,
  empty,
  rowTestId,
  removeTestId,
  onRemove,
  children,
}: {
  state: CallState<T[]>;
  empty: ReactNode;
  rowTestId: string;
  removeTestId: string;
  onRemove?: (row: T) => Promise<unknown>;
  children: (row: T) => ReactNode;
}) {
  const [error, setError] = useState<string>();
  const remove = (row: T) => onRemove?.(row).then(state.reload, (e: unknown) => setError(errorMessage(e)));
  return (
    <>
      <AsyncList state={state} empty={empty}>
        {(rows) => (
          <RowsTable rows={rows} rowTestId={rowTestId}>
            {(row) => (
              <>
                {children(row)}
                <td>
                  {onRemove && (
                    <button type="button" className="btn btn-small" data-testid={removeTestId} onClick={() => remove(row)}>
                      Remove
                    </button>
                  )}
                </td>
              </>
            )}
          </RowsTable>
        )}
      </AsyncList>
      <FormError message={error} />
    </>
  );
}
