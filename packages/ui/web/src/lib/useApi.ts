import { useEffect, useState } from 'preact/hooks';

/** Loads data for a page; reloads when `key` changes and drops answers to superseded requests. */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): { data: T | undefined; error: unknown; reload: () => void } {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown }>({ key: '' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ key, data }),
      (error) => !ctrl.signal.aborted && setState({ key, error }),
    );
    return () => ctrl.abort();
  }, [key, tick]);
  return { data: state.data, error: state.error, reload: () => setTick((t) => t + 1) };
}
