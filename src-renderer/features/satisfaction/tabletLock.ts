import { create } from 'zustand';
import { client, errorMessage } from '../../lib/client';
import { useUi } from '../../lib/store';

const KEY = 'lumen.tablet';

/**
 * The check-out tablet's lock: while it holds a visit, the app shows only the patient-facing score screen, whatever the
 * route, until a staff member unlocks it. Kept in sessionStorage so a reload of the page comes back to the tablet.
 * The main process holds the same lock (`satisfaction.handTablet`): until `auth.unlock`, this connection may only
 * show and score that visit, whatever the screen sends.
 */
export const useTablet = create<{ appointmentId: number | null }>(() => ({ appointmentId: Number(sessionStorage.getItem(KEY)) || null }));

export async function startTablet(appointmentId: number): Promise<void> {
  try {
    await client.call('satisfaction.handTablet', { appointmentId });
  } catch (e) {
    useUi.getState().notify(errorMessage(e));
    return;
  }
  sessionStorage.setItem(KEY, String(appointmentId));
  useTablet.setState({ appointmentId });
  window.location.hash = `/tablet/${appointmentId}`;
  // Full screen where the browser allows it (Electron does); the lock holds without it.
  void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

export function endTablet(): void {
  sessionStorage.removeItem(KEY);
  useTablet.setState({ appointmentId: null });
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  window.location.hash = '/today';
}
