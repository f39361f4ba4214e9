import { useEffect } from 'react';

/** What counts as someone being at the till. */
export const ACTIVITY_EVENTS = [
  'keydown',
  'pointerdown',
  'pointermove',
  'mousedown',
  'mousemove',
  'wheel',
  'touchstart',
] as const;

/**
 * Calls `onIdle` once after `seconds` without keyboard, mouse or touch activity.
 * Activity only records a timestamp; one timer re-arms itself for the time remaining, so
 * mouse movement costs nothing. The backend enforces the same limit on its side.
 */
export function useIdleLock(seconds: number, onIdle: () => void, enabled = true): void {
  useEffect(() => {
    if (!enabled || !(seconds > 0)) return;
    const limitMs = seconds * 1000;
    let last = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;

    const check = () => {
      const idle = Date.now() - last;
      if (idle >= limitMs) {
        onIdle();
      } else {
        timer = setTimeout(check, limitMs - idle);
      }
    };
    const activity = () => {
      last = Date.now();
    };

    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, activity, { passive: true, capture: true });
    timer = setTimeout(check, limitMs);
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS)
        window.removeEventListener(name, activity, { capture: true });
    };
  }, [seconds, onIdle, enabled]);
}
