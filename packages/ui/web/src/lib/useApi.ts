import { useEffect, useState } from 'preact/hooks';

/** Loads data for a page; reloads when `key` changes and drops answers to superseded requests. */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): { data: T | undefined; error: unknown; reload: () => void; loadedKey: string } {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown }>({ key: '' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal).then(
      // The same answer again (a poll's 304) keeps the state as it is: nothing re-renders.
      (data) => !ctrl.signal.aborted && setState((s) => (s.key === key && s.data === data && !s.error ? s : { key, data })),
      (error) => !ctrl.signal.aborted && setState({ key, error }),
    );
    return () => ctrl.abort();
  }, [key, tick]);
  // `loadedKey` says which request `data` answers: until the next answer arrives, the previous data
  // stays on screen (no flicker while paging), and the page can tell the two apart.
  return { data: state.data, error: state.error, reload: () => setTick((t) => t + 1), loadedKey: state.key };
}
