import type { IncomingMessage } from 'node:http';
import { badParam, UiError, uiErrorCodes } from '../errors';

const maxBodyBytes = 64 * 1024;

/** The JSON object of a POST body (at most 64 KiB); anything else is a 400 naming what was wrong. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/json')) throw badParam('content-type', 'application/json', type || undefined);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBodyBytes) throw badParam('body', `at most ${maxBodyBytes} bytes`, `${size}+ bytes`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof UiError) throw error;
    // Node ends the iteration with "aborted" (ECONNRESET) when the client goes away mid-body: the
    // client's doing, answered as a 400 (if it still listens), not logged as a server fault.
    throw new UiError(uiErrorCodes.input, `body: the client closed the connection after ${size} bytes, before the body ended`, { path: 'body', cause: error });
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = text ? JSON.parse(text) : {};
  } catch {
    throw badParam('body', 'a JSON object', text.slice(0, 80));
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badParam('body', 'a JSON object', value);
  return value as Record<string, unknown>;
}
