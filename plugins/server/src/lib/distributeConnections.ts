import type { Worker } from 'node:cluster';
import { createServer, type Server, type Socket } from 'node:net';
import type { Logger } from '@mlops/core';

/** IPC message types between the primary and its workers. */
export const workerReady = 'mlops-server:ready';
export const connectionHandoff = 'mlops-server:connection';

/** The primary's listener: accepts connections and hands each to a ready worker. */
export interface ConnectionDistributor {
  /** Resolves once listening (rejects on EADDRINUSE and the like). */
  listening: Promise<void>;
  /** A worker said it serves (model loaded): it takes connections from now on. */
  ready(worker: Worker): void;
  /** A worker is gone: no more connections for it. */
  gone(worker: Worker): void;
  /**
   * Stops accepting and resolves when every connection accepted so far is in a worker's hands;
   * connections no worker could take get a 503 JSON answer.
   */
  close(): Promise<void>;
}

/**
 * Why the primary accepts, not node:cluster: its round-robin listener lives in the primary and
 * closes only when the last worker stops listening, with the connections it had accepted and
 * queued for a worker (reset), and it keeps accepting while the first workers drain. Here the
 * primary stops accepting first, then the workers drain what they were given: every accepted
 * connection is answered. Connections go round-robin to ready workers, paused so that no byte is
 * read before the worker's HTTP parser has the socket.
 */
export function distributeConnections(host: string, port: number, waitMs: number, logger: Logger): ConnectionDistributor {
  const ready: Worker[] = [];
  /** Connections waiting for a ready worker (starting, or all crashed and restarting), with their give-up timers. */
  const waiting = new Map<Socket, NodeJS.Timeout>();
  const wait = (socket: Socket) => {
    waiting.set(
      socket,
      setTimeout(() => {
        waiting.delete(socket);
        refuse(socket);
      }, waitMs).unref(),
    );
  };
  let next = 0;
  let sending = 0;
  let flushed: (() => void) | undefined;
  const handOff = (socket: Socket) => {
    const live = ready.filter((w) => !w.isDead() && w.isConnected());
    if (live.length === 0) return wait(socket);
    const worker = live[next++ % live.length]!;
    sending++;
    worker.send({ type: connectionHandoff }, socket, (err: Error | null) => {
      sending--;
      if (err) {
        logger.warn(`could not hand a connection to worker ${worker.process.pid}: ${err.message}`);
        socket.destroy();
      }
      if (sending === 0) flushed?.();
    });
  };
  // noDelay as node:http sets it on the connections it accepts itself (a handed socket skips that):
  // without it, Nagle's algorithm may hold a response back until the previous one is acknowledged.
  const server: Server = createServer({ pauseOnConnect: true, noDelay: true }, handOff);
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    listening,
    ready(worker) {
      if (!ready.includes(worker)) ready.push(worker);
      const queued = [...waiting];
      waiting.clear();
      for (const [socket, timer] of queued) {
        clearTimeout(timer);
        handOff(socket);
      }
    },
    gone(worker) {
      const at = ready.indexOf(worker);
      if (at >= 0) ready.splice(at, 1);
    },
    async close() {
      // The listening socket closes at once; close's callback would wait for the workers to close
      // every connection they were given, which they do only once they drain, after this.
      server.close();
      if (sending > 0) await new Promise<void>((resolve) => (flushed = resolve));
      for (const [socket, timer] of waiting) {
        clearTimeout(timer);
        refuse(socket);
      }
      waiting.clear();
    },
  };
}

/** A 503 `not_ready` JSON answer on a connection no worker could take, then close. */
function refuse(socket: Socket): void {
  const body = JSON.stringify({ error: { code: 'not_ready', message: 'no worker is serving the model yet', field: null } });
  socket.end(`HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
