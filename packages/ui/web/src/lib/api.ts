/** The dashboard's JSON API, with the structured errors it answers. */

const tokenKey = 'mlops-ui-token';

/** The token the user typed for actions; kept for this tab only (sessionStorage), never in a cookie. */
export const token = {
  get: (): string => sessionStorage.getItem(tokenKey) ?? '',
  set: (value: string): void => (value ? sessionStorage.setItem(tokenKey, value) : sessionStorage.removeItem(tokenKey)),
};

/** An API error as the server describes it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => ({ error: { code: 'E_UI_RESPONSE', message: `HTTP ${res.status}` } }));
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? 'E_UI_RESPONSE', body.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

/** GET `/api/<path>` with query parameters (empty ones left out). */
export async function getJson<T>(path: string, query: Record<string, string | number | undefined> = {}, signal?: AbortSignal): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') qs.set(k, String(v));
  const q = qs.toString();
  return parse<T>(await fetch(`/api/${path}${q ? `?${q}` : ''}`, { signal }));
}

/** POST an action with the token in the Authorization header. */
export async function postAction<T>(path: string, body: unknown): Promise<T> {
  const t = token.get();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (t) headers.authorization = `Bearer ${t}`;
  return parse<T>(await fetch(`/api/${path}`, { method: 'POST', headers, body: JSON.stringify(body) }));
}

/** A path segment (model names may contain `/`). */
export const seg = (s: string): string => encodeURIComponent(s);
