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

/** The same, as the bytes received (`/predict` scans numeric rows from them without decoding). */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(limit, `${declared} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        reject(tooLarge(limit, `more than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    // Node reports an aborted body as an `error` (ECONNRESET "aborted"); `close` before `end` covers the rest.
    req.on('error', (err: Error & { code?: string }) => reject(new ServingError('client_closed', `the client closed the connection while sending the body (${err.code ?? err.message})`, null, { cause: err })));
    req.on('close', () => {
      if (!req.complete) reject(new ServingError('client_closed', 'the client closed the connection while sending the body'));
    });
  });
}

function tooLarge(limit: number, found: string): ServingError {
  return new ServingError('body_too_large', `the body limit is ${limit} bytes, found ${found}`);
}
