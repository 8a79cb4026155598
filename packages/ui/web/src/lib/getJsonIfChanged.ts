import { ApiError } from './api';

const remembered = new Map<string, { etag: string; body: unknown }>();
const maxRemembered = 50;

/**
 * GET `/api/<path>` with the ETag of the previous answer in If-None-Match: while nothing changed the
 * server answers a bodiless 304 and this resolves to the very same object as before, so a page that
 * polls re-renders nothing (charts keep their canvas).
 */
export async function getJsonIfChanged<T>(path: string, query: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const q = qs.toString();
  const url = `/api/${path}${q ? `?${q}` : ''}`;
  const known = remembered.get(url);
  const res = await fetch(url, { signal, cache: 'no-store', headers: known ? { 'if-none-match': known.etag } : {} });
  if (res.status === 304 && known) return known.body as T;
  const body = await res.json().catch(() => ({ error: { code: 'E_UI_RESPONSE', message: `HTTP ${res.status}` } }));
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? 'E_UI_RESPONSE', body.error?.message ?? `HTTP ${res.status}`);
  const etag = res.headers.get('etag');
  remembered.delete(url);
  if (etag) remembered.set(url, { etag, body });
  if (remembered.size > maxRemembered) remembered.delete(remembered.keys().next().value!);
  return body as T;
}
