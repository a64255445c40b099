import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { LumenError } from '../../src-shared/errors';
import { errorMessage } from './client';
import { useAction, type CallState } from './hooks';

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorBox({ error, onRetry, testId }: { error: unknown; onRetry?: () => void; testId?: string }) {
  return (
    <div className="state state-error" role="alert" data-testid={testId ?? 'error'}>
      <strong>{error instanceof LumenError && error.code === 'forbidden' ? 'Not allowed' : 'Could not load this'}</strong>
      <span>{errorMessage(error)}</span>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty">
      <span>{children}</span>
      {action}
    </div>
  );
}

/** Loading / error / content for one call. */
export function Async<T>({ state, children, loadingLabel }: { state: CallState<T>; children: (data: T) => ReactNode; loadingLabel?: string }) {
  if (state.error !== undefined && state.data === undefined) return <ErrorBox error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Spinner label={loadingLabel} />;
  return <>{children(state.data)}</>;
}

export function Field({ label, error, children, hint, className }: { label: string; error?: string; children: ReactNode; hint?: string; className?: string }) {
  return (
    <label className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !error && <span className="field-hint">{hint}</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert" data-testid="form-error">
      {message}
    </div>
  );
}

/**
 * The end of a form: its own error (a refusal not about one field) and its buttons: `before` (a Cancel), then the
 * submit button (`hidden`: none), which waits while saving.
 */
export function SubmitRow({
  error,
  busy,
  testId,
  hidden,
  danger,
  disabled,
  title,
  before,
  children,
}: {
  error?: string;
  busy: boolean;
  testId?: string;
  hidden?: boolean;
  danger?: boolean;
  disabled?: boolean;
  title?: string;
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <FormError message={error} />
      {(before || !hidden) && (
        <div className="actions">
          {before}
          {!hidden && (
            <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy || disabled} data-testid={testId} title={title}>
              {children}
            </button>
          )}
        </div>
      )}
    </>
  );
}

/** A labelled checkbox bound to a form field: `<Check label="Active" field={register('active')} />`. */
export function Check({ label, field, testId }: { label: string; field: UseFormRegisterReturn; testId?: string }) {
  return (
    <label className="inline checkbox">
      <input type="checkbox" {...field} data-testid={testId} /> {label}
    </label>
  );
}

/** A modal on the native <dialog>: focus stays inside, Esc closes. */
export function Dialog({ title, onClose, children, wide, testId }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${wide ? 'dialog-wide' : ''}`} aria-label={title} data-testid={testId}>
      <header className="dialog-head">
        <h2>{title}</h2>
        <button type="button" className="btn-icon" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onClose,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  testId?: string;
}) {
  const confirm = useAction();
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      {children}
      {confirm.error !== undefined && <FormError message={errorMessage(confirm.error)} />}
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`}
          disabled={confirm.busy}
          data-testid="confirm"
          autoFocus
          onClick={() =>
            confirm.run(async () => {
              await onConfirm();
              onClose();
            })
          }
        >
          {confirm.busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

export interface TabDef {
  id: string;
  label: string;
}

/** Tabs with arrow-key movement (WAI-ARIA pattern). */
export function Tabs({ tabs, active, onChange, label }: { tabs: TabDef[]; active: string; onChange: (id: string) => void; label: string }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(0, tabs.findIndex((t) => t.id === active));
  return (
    <div
      className="tabs"
      role="tablist"
      aria-label={label}
      onKeyDown={(e) => {
        const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!step) return;
        const next = (index + step + tabs.length) % tabs.length;
        onChange(tabs[next].id);
        refs.current[next]?.focus();
      }}
    >
      {tabs.map((t, i) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={t.id === active}
          tabIndex={t.id === active ? 0 : -1}
          className={`tab ${t.id === active ? 'tab-active' : ''}`}
          data-testid={`tab-${t.id}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function Badge({ kind = 'neutral', children, testId }: { kind?: 'neutral' | 'alert' | 'muted' | 'ok' | 'warn'; children: ReactNode; testId?: string }) {
  return (
    <span className={`badge badge-${kind}`} data-testid={testId}>
      {children}
    </span>
  );
}

export function TagChip({ name, color }: { name: string; color: string }) {
  return (
    <span className="tag-chip">
      <span className="tag-dot" style={{ background: color }} aria-hidden="true" />
      {name}
    </span>
  );
}

export function ProgressBar({ value, max, label, testId }: { value: number; max: number; label: string; testId?: string }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="progress" data-testid={testId}>
      <progress value={pct} max={100} aria-label={label} />
      <span className="progress-label">
        {label}: {pct}%
      </span>
    </div>
  );
}

/**
 * A type-ahead select over a known list: type to filter, arrows to move, Enter to pick.
 * Used for time zones and the sign-in user list.
 */
export function ComboBox<T>({
  options,
  value,
  onChange,
  toText,
  render,
  placeholder,
  testId,
  inputProps,
  freeText,
  limit = 50,
}: {
  options: T[];
  value: string;
  onChange: (text: string, option?: T) => void;
  toText: (option: T) => string;
  render?: (option: T) => ReactNode;
  placeholder?: string;
  testId?: string;
  inputProps?: React.InputHTMLAttributes<HTMLInputElement>;
  /** The typed text is a valid value on its own (a username typed in full). */
  freeText?: boolean;
  limit?: number;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const needle = value.trim().toLowerCase();
  const matches = options.filter((o) => !needle || toText(o).toLowerCase().includes(needle)).slice(0, limit);
  const pick = (option: T) => {
    onChange(toText(option), option);
    setOpen(false);
  };
  return (
    <div className="combo">
      <input
        {...inputProps}
        role="combobox"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        data-testid={testId}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 120)}
        onChange={(e) => {
          onChange(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && open && matches[active]) {
            const exact = matches.find((m) => toText(m).toLowerCase() === needle);
            if (freeText && exact) {
              setOpen(false);
              return;
            }
            e.preventDefault();
            pick(matches[active]);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      />
      {open && matches.length > 0 && (
        <ul className="combo-list" id={listId} role="listbox">
          {matches.map((o, i) => (
            <li
              key={toText(o)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
            >
              {render ? render(o) : toText(o)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
