import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ServingError } from '@mlops/serving';

/** Throws `unauthorized` unless the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function checkBearer(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ServingError('unauthorized', header ? 'the bearer token is not the admin token' : 'admin endpoints need an "Authorization: Bearer <token>" header');
  }
}
