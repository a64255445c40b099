import { client } from '../lib/client';
import { useUi } from '../lib/store';

export async function lockNow(): Promise<void> {
  useUi.getState().setLocked(true);
  useUi.getState().setPaletteOpen(false);
  await client.call('auth.lock', {}).catch(() => undefined);
}

export async function signOut(): Promise<void> {
  await client.call('auth.signOut', {}).catch(() => undefined);
  useUi.getState().setSession(null);
  useUi.getState().setPaletteOpen(false);
  window.location.hash = '/patients';
}
