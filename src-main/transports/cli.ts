import type { Settled } from '../../src-shared/errors';
import type { Logger } from '../core/logger';
import { settle, type Registry } from '../core/registry';
import { newConnection } from '../core/session';

export interface CliCall {
  method: string;
  input: unknown;
  /** Sign in as this staff member first; methods without a permission (app.status, setup…) need nobody. */
  user?: string;
  password?: string;
}

/** Command-line transport: one Connection per run, signed in through auth.signIn like any desk, then one call. */
export async function callFromCli(registry: Pick<Registry, 'call'>, { method, input, user, password }: CliCall, logger: Logger): Promise<Settled<unknown>> {
  const conn = newConnection('cli');
  const onUnexpected = (error: unknown) => logger.error(`${method.slice(0, 60)} failed unexpectedly`, error);
  if (user !== undefined) {
    const signedIn = await settle(() => registry.call('auth.signIn', { username: user, password: password ?? '' }, conn), onUnexpected);
    if (!signedIn.ok) return signedIn;
  }
  return settle(() => registry.call(method, input, conn), onUnexpected);
}
