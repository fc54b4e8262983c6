import { useEffect, useRef } from 'react';

/**
 * Calls `refresh` now and every `everyMs` while `enabled`, skipping ticks while the window is
 * hidden (and refreshing as soon as it shows again). The newest `refresh` is always the one called.
 */
export function usePolling(refresh: () => unknown, everyMs: number, enabled = true): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!enabled) return;
    const tick = () => {
      if (document.visibilityState !== 'hidden') void latest.current();
    };
    tick();
    const timer = setInterval(tick, everyMs);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [everyMs, enabled]);
}
