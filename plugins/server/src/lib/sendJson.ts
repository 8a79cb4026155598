import type { ServerResponse } from 'node:http';

const jsonType = 'application/json; charset=utf-8';

/**
 * Writes a whole answer, its request id, type and length (and `connection: close` when `close`) in
 * one `writeHead` with a flat header list, then one `end` (one write syscall for small bodies).
 * Nothing may call `setHeader` before: once a header is set that way, node merges every writeHead
 * header into it one `setHeader` at a time (its slow path).
 */
export function sendText(res: ServerResponse, status: number, text: string, contentType: string, requestId: string, close = false): void {
  const length = Buffer.byteLength(text);
  res.writeHead(
    status,
    close
      ? ['x-request-id', requestId, 'content-type', contentType, 'content-length', length, 'connection', 'close']
      : ['x-request-id', requestId, 'content-type', contentType, 'content-length', length],
  );
  res.end(text);
}

/** A body already written as JSON text. */
export function sendJsonText(res: ServerResponse, status: number, text: string, requestId: string, close = false): void {
  sendText(res, status, text, jsonType, requestId, close);
}

/** A value as JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string, close = false): void {
  sendText(res, status, JSON.stringify(body), jsonType, requestId, close);
}
