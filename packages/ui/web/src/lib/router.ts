import { useEffect, useState } from 'preact/hooks';

/** The page being shown: the hash's path (`/runs/abc`) and its query (`?filter=…`). */
export interface Route {
  path: string;
  query: URLSearchParams;
}

function current(): Route {
  const hash = location.hash.replace(/^#/, '') || '/runs';
  const [path, q] = hash.split('?', 2) as [string, string | undefined];
  return { path, query: new URLSearchParams(q ?? '') };
}

/** The current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const on = () => setRoute(current());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** A hash link to `path` with query parameters (empty ones left out). */
export function href(path: string, query: Record<string, string | number | undefined> = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const q = qs.toString();
  return `#${path}${q ? `?${q}` : ''}`;
}

/** Goes to a page (adds a history entry). */
export function navigate(path: string, query: Record<string, string | number | undefined> = {}): void {
  location.hash = href(path, query).slice(1);
}
