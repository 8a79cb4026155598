import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { UiError, uiErrorCodes } from '../errors';

/**
 * Actions need the configured token in a header (`Authorization: Bearer …` or `X-Mlops-Token`).
 * Never a cookie: a cross-site page cannot set either header, so it cannot trigger an action.
 */
export function checkToken(req: IncomingMessage, configured: string | null): void {
  if (!configured) {
    throw new UiError(uiErrorCodes.forbidden, 'the dashboard is read-only: start `mlops ui` with MLOPS_UI_TOKEN set (or ui.token in the config) to allow promote and rollback');
  }
  const auth = req.headers.authorization;
  const given = typeof auth === 'string' && /^Bearer /i.test(auth) ? auth.slice(7).trim() : headerValue(req.headers['x-mlops-token']);
  if (!given) throw new UiError(uiErrorCodes.unauthenticated, 'this action needs the token: send it as "Authorization: Bearer TOKEN" or "X-Mlops-Token: TOKEN"');
  // Compare digests so the comparison takes the same time whatever the length of the guess.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(configured).digest();
  if (!timingSafeEqual(a, b)) throw new UiError(uiErrorCodes.forbidden, 'wrong token');
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
