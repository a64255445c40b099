import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract/index';
import { LumenError, type Settled } from '../../src-shared/errors';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    lumen?: { invoke(name: string, input: unknown): Promise<Settled<unknown>> };
  }
}

type ErrorListener = (error: LumenError, method: MethodName) => void;
const listeners = new Set<ErrorListener>();

async function transport(name: MethodName, input: unknown): Promise<Settled<unknown>> {
  if (window.lumen?.invoke) return window.lumen.invoke(name, input);
  let response: Response;
  try {
    response = await fetch('/api/call/' + name, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ input }),
    });
  } catch {
    return { ok: false, error: { code: 'unavailable', message: 'Lumen is not reachable. Is the app still running?' } };
  }
  try {
    return (await response.json()) as Settled<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: `Unexpected answer from Lumen (HTTP ${response.status})` } };
  }
}

async function call<N extends MethodName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  const settled = await transport(name, input);
  if (settled.ok) return settled.value as OutputOf<N>;
  const error = LumenError.is(settled.error) ? LumenError.from(settled.error) : new LumenError('internal', 'Something went wrong');
  for (const listener of listeners) listener(error, name);
  throw error;
}

export const client = {
  call,
  /** The app shell listens here to switch to the lock or sign-in screen whatever call noticed it. */
  onError(listener: ErrorListener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function errorMessage(error: unknown): string {
  if (error instanceof LumenError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

export { LumenError };
