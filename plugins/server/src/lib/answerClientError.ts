import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@mlops/core';
import { ServingError } from '@mlops/serving';
import { requestIdOf } from './requestId';
import type { ServerMetrics } from './ServerMetrics';

/**
 * Sockets whose request was answered (or found closed) by {@link answerClientError}: the request
 * handler, which may still be reading that request's body, must not answer or count it again.
 */
export const settledByClientError = new WeakSet<Duplex>();

/** Errors that mean the client went away, not that it sent something wrong. */
const clientGone = new Set(['ECONNRESET', 'EPIPE', 'HPE_INVALID_EOF_STATE', 'ERR_STREAM_PREMATURE_CLOSE']);

/** What a node:http `clientError` means for the client, as a serving error. */
export function clientErrorOf(err: Error & { code?: string }, limits: { requestTimeoutMs: number; maxHeaderBytes: number }): ServingError {
  switch (err.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ServingError('request_timeout', `the request was not received within ${limits.requestTimeoutMs} ms`);
    case 'HPE_HEADER_OVERFLOW':
      return new ServingError('headers_too_large', `the request headers exceed ${limits.maxHeaderBytes} bytes`);
    default:
      if (clientGone.has(err.code ?? '')) return new ServingError('client_closed', `the client closed the connection before the request was complete (${err.code})`);
      return new ServingError('malformed_request', `malformed HTTP request (${err.code ?? 'parse error'}: ${err.message})`);
  }
}

/**
 * node:http's `clientError` handler: the request could not be read (timed out, headers too large,
 * not HTTP, the client left). Node's default answers a bare 400 without a body; this writes the
 * same structured JSON error as every other answer (408, 431, 400), counts it under its code and
 * closes the connection. A client that left gets no answer and is logged at debug level only.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex, deps: { metrics: ServerMetrics; logger: Logger; limits: { requestTimeoutMs: number; maxHeaderBytes: number } }): void {
  const error = clientErrorOf(err, deps.limits);
  const first = !settledByClientError.has(socket);
  settledByClientError.add(socket);
  // The response being written on this socket, if a request is being handled (null between requests).
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (error.code === 'client_closed') {
    // A reset on an idle keep-alive connection is a client hanging up between requests, not a
    // request lost: count only a request being received (EOF mid-message) or being handled.
    if (first && (err.code === 'HPE_INVALID_EOF_STATE' || inFlight)) {
      deps.metrics.errors.inc({ code: error.code });
      deps.logger.debug(`client closed the connection mid-request (${err.code})`);
    }
    socket.destroy();
    return;
  }
  if (first) deps.metrics.errors.inc({ code: error.code });
  // Like node's own handler: write only if no response of this socket has started, or the bytes would corrupt it.
  if (socket.writable && !inFlight?.headersSent) {
    const requestId = requestIdOf(undefined);
    const body = JSON.stringify(error.toBody(requestId));
    socket.write(
      `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
    deps.logger.debug(`${error.code}: ${error.message} (request ${requestId})`);
  }
  // end() flushes the answer before closing; destroy() right away could cut it.
  if (socket.writable) socket.end();
  setTimeout(() => socket.destroy(), 1000).unref();
}
