import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { connectionHandoff, workerReady } from './distributeConnections';

/**
 * In a cluster worker: serves the connections the primary accepted and hands over (see
 * `distributeConnections`), also while draining, and tells the primary it is ready for them.
 */
export function serveHandedConnections(server: Server): void {
  process.on('message', (msg: { type?: string } | undefined, socket?: Socket) => {
    if (msg?.type !== connectionHandoff || !socket) return;
    server.emit('connection', socket);
  });
  process.send!({ type: workerReady });
}
