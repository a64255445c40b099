import { useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from './client';
import type { CallState } from './hooks';
import { Async, Dialog, Empty, FormError } from './ui';
import { useSave } from './useSave';

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

export function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className="inline checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/** useSave for an edit dialog: `submit` runs the call and, when it answers, calls `done` (refresh the list, close). */
export function useDialogSave(done: () => void) {
  const save = useSave();
  const submit = async <T,>(call: () => Promise<T>) => {
    if (await save.run(call)) done();
  };
  return { ...save, submit };
}

/** An edit dialog: the fields, the form's own error, Cancel and Save. */
export function FormDialog({
  title,
  testId,
  onClose,
  onSubmit,
  busy,
  formError,
  saveTestId,
  saveLabel = 'Save',
  children,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  onSubmit: () => unknown;
  busy: boolean;
  formError: string | undefined;
  saveTestId: string;
  saveLabel?: string;
  children: ReactNode;
}) {
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form
        className="form"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        {children}
        <FormError message={formError} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid={saveTestId}>
            {saveLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
