import type { UiRoute } from '../UiSection';

/** A route and its decoded path parameters, or undefined. `*` as the last pattern segment takes the rest. */
export function matchRoute(routes: readonly UiRoute[], method: string, path: string): { route: UiRoute; params: Record<string, string> } | { methodMismatch: true } | undefined {
  const segments = path.split('/').filter(Boolean);
  let methodMismatch = false;
  for (const route of routes) {
    const params = matchPath(route.path.split('/').filter(Boolean), segments);
    if (!params) continue;
    if (route.method === method) return { route, params };
    methodMismatch = true;
  }
  return methodMismatch ? { methodMismatch: true } : undefined;
}

function matchPath(pattern: string[], segments: string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    let s: string;
    try {
      s = decodeURIComponent(segments[i]!);
    } catch {
      return undefined;
    }
    if (p.startsWith(':')) params[p.slice(1)] = s;
    else if (p !== s) return undefined;
  }
  return params;
}
