import { useEffect } from 'react';
import { lockNow } from './session';

const activityEvents = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/** Locks the desk after `minutes` without keyboard or mouse activity (the server enforces it too). */
export function useIdleLock(minutes: number): void {
  useEffect(() => {
    if (!minutes || minutes <= 0) return;
    let timer = setTimeout(lockNow, minutes * 60_000);
    let last = 0;
    const bump = () => {
      const now = performance.now();
      if (now - last < 1000) return; // mousemove fires constantly; re-arming once a second is plenty
      last = now;
      clearTimeout(timer);
      timer = setTimeout(lockNow, minutes * 60_000);
    };
    for (const name of activityEvents) window.addEventListener(name, bump, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const name of activityEvents) window.removeEventListener(name, bump);
    };
  }, [minutes]);
}
