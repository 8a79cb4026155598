import type { IncomingMessage } from 'node:http';
import { ServingError } from '@mlops/serving';

/**
 * The request body as text, refusing more than `limit` bytes: at once from Content-Length, or
 * while streaming (chunked bodies). The rest of an oversized body is not read. A client that
 * closes the connection before the body is complete is `client_closed`, not a server fault.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return readBodyBytes(req, limit).then((bytes) => bytes.toString('utf8'));
}

/** The same, as the bytes received. */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => readBodyThen(req, limit, (error, bytes) => (error ? reject(error) : resolve(bytes!))));
}

/**
 * The same, calling `done` once, with the error or the bytes (`/predict` scans numeric rows from
 * them without decoding; no promise on its path). `done` may run before this returns (a declared
 * length over the limit).
 */
export function readBodyThen(req: IncomingMessage, limit: number, done: (error: ServingError | undefined, bytes?: Buffer) => void): void {
  const declared = contentLength(req.headers['content-length']);
  if (declared > limit) {
    done(tooLarge(limit, `${declared} bytes`));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  const settle = (error: ServingError | undefined, bytes?: Buffer) => {
    if (settled) return;
    settled = true;
    done(error, bytes);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      req.off('data', onData);
      settle(tooLarge(limit, `more than ${limit} bytes`));
      return;
    }
    chunks.push(chunk);
  };
  req.on('data', onData);
  req.on('end', () => settle(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  // Node reports an aborted body as an `error` (ECONNRESET "aborted"); `close` before `end` covers the rest.
  req.on('error', (err: Error & { code?: string }) => settle(new ServingError('client_closed', `the client closed the connection while sending the body (${err.code ?? err.message})`, null, { cause: err })));
  req.on('close', () => {
    if (!req.complete) settle(new ServingError('client_closed', 'the client closed the connection while sending the body'));
  });
}

/**
 * `Number(header)` (NaN when absent), with the digits node's parser lets through read in a loop:
 * `Number` of a string is a call into V8's runtime.
 */
export function contentLength(header: string | undefined): number {
  if (header === undefined) return NaN;
  const n = header.length;
  if (n === 0 || n > 15) return Number(header);
  let value = 0;
  for (let i = 0; i < n; i++) {
    const digit = header.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number(header);
    value = value * 10 + digit;
  }
  return value;
}

function tooLarge(limit: number, found: string): ServingError {
  return new ServingError('body_too_large', `the body limit is ${limit} bytes, found ${found}`);
}
