import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { Logger } from '@mlops/core';

/** How {@link drainServer} paces a shutdown. */
export interface DrainOptions {
  /** Keep-alive connections still idle this long after the drain began are closed. */
  idleGraceMs: number;
  /** After this, requests still running lose their connections. */
  timeoutMs: number;
  logger: Logger;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops a node:http server so that every connection it accepted gets its answers:
 *
 * 1. Stop accepting: `net.Server#close`, not `http.Server#close`, which (Node ≥ 19) also destroys
 *    every keep-alive connection idle at that instant, including those whose next request already
 *    sits unread in the socket buffer: under load those clients saw a reset.
 * 2. Responses written from now on get `connection: close` (the request handler adds it to every
 *    answer once the server is draining), so each busy keep-alive connection closes after its current answer.
 * 3. After `idleGraceMs`, close the connections that stayed idle all along (a client that had a
 *    request on its way has sent it and been answered by then).
 * 4. Wait for the in-flight requests, up to `timeoutMs`; then cut what is left.
 */
export async function drainServer(server: Server, inFlight: () => number, options: DrainOptions): Promise<void> {
  const closed = new Promise<void>((ok) => NetServer.prototype.close.call(server, () => ok()));
  const deadline = Date.now() + options.timeoutMs;
  await sleep(Math.min(options.idleGraceMs, options.timeoutMs));
  server.closeIdleConnections();
  while (inFlight() > 0 && Date.now() < deadline) await sleep(10);
  if (inFlight() > 0) options.logger.warn(`shutdown: ${inFlight()} requests still running after ${options.timeoutMs} ms; closing their connections`);
  server.closeAllConnections();
  await closed;
  // http.Server#close now only stops its timeout-checking timer: the listener is already closed.
  server.close();
}
