import { create } from 'zustand';

const KEY = 'lumen.tablet';

/**
 * The check-out tablet's lock: while it holds a visit, the app shows only the patient-facing score screen, whatever the
 * route, until a staff member unlocks it. Kept in sessionStorage so a reload of the page comes back to the tablet.
 */
export const useTablet = create<{ appointmentId: number | null }>(() => ({ appointmentId: Number(sessionStorage.getItem(KEY)) || null }));

export function startTablet(appointmentId: number): void {
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
