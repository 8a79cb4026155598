import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `refresh` every `ms` while `active` (a running run on screen) and the tab is visible. The
 * timer starts over whenever `resetKey` changes, so a poll never lands right after the user paged
 * or sorted.
 */
export function usePolling(refresh: () => void, ms: number, active: boolean, resetKey = ''): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') latest.current();
    }, ms);
    return () => clearInterval(timer);
  }, [active, ms, resetKey]);
}
