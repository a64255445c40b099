import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract/index';
import { client } from './client';
import { useUi } from './store';

export interface CallState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Runs one read call whenever its input changes; `null` input skips it. Late answers to old inputs are dropped. */
export function useCall<N extends MethodName>(name: N, input: InputOf<N> | null): CallState<OutputOf<N>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data?: OutputOf<N>; error?: unknown; loading: boolean }>({ loading: key !== null });
  const [tick, setTick] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;

  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ data: s.data, loading: true }));
    client.call(name, inputRef.current as InputOf<N>).then(
      (data) => live && setState({ data, loading: false }),
      (error: unknown) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [name, key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/**
 * Busy flag and the last failure of a button that writes outside a form (a permission toggle, a consent, a
 * confirmation): `run(fn)` waits for `fn`, keeping what it throws in `error` until the next run.
 */
export function useAction(): { busy: boolean; error: unknown; run: (fn: () => Promise<unknown>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Calls `fn` every `ms` while `active`. Used only for progress: demo generation, backups, sync files. */
export function useInterval(fn: () => void, ms: number, active: boolean): void {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => ref.current(), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
}

/** True while the user is typing in a field, so single-key shortcuts stay out of the way. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * A page's single-key shortcuts on the window: `onKey` returns true when it used the key (its default is then
 * prevented). Keys are left alone while typing, with a modifier, or while a dialog or the palette is open.
 * The handler is swapped in a layout effect, before paint, so a key pressed as soon as a row shows acts on that row
 * (a passive effect could still hold the previous render's rows, e.g. none while the day was loading).
 */
export function usePageKeys(onKey: (e: KeyboardEvent) => boolean, active = true): void {
  const ref = useRef(onKey);
  useLayoutEffect(() => {
    ref.current = onKey;
  });
  useEffect(() => {
    if (!active) return;
    const listener = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]') || useUi.getState().paletteOpen) return;
      if (ref.current(e)) e.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [active]);
}

/**
 * The answer of a progress method (`queued: false`, taking no input) read every `ms` while `active`, i.e. while the
 * long call it reports on is pending; null again at the start of each run until the first answer.
 */
export function useProgress<N extends MethodName>(name: N, active: boolean, ms: number): OutputOf<N> | null {
  const [progress, setProgress] = useState<OutputOf<N> | null>(null);
  useEffect(() => {
    if (active) setProgress(null);
  }, [active]);
  useInterval(() => void client.call(name, {} as InputOf<N>).then(setProgress, () => undefined), ms, active);
  return progress;
}
