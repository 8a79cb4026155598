import { createConnection, createServer, type Socket } from 'node:net';

/** A TCP relay in front of a real server whose link a test can cut and restore. */
export interface CuttableLink {
  /** The port on 127.0.0.1 that reaches the target while the link is up. */
  readonly port: number;
  /** How many connections the relay has accepted so far. */
  readonly accepted: number;
  /**
   * Cuts the link: every open connection is reset, and each new one is reset as it arrives (what a
   * client sees when a server, or the network to it, goes away), until {@link restore}.
   */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * Starts a relay on a free port of 127.0.0.1 to `target`: an outage of a shared server (Postgres,
 * Redis) for the clients pointed at the relay only, while other tests keep using the server itself.
 */
export async function startCuttableLink(target: { host: string; port: number }): Promise<CuttableLink> {
  const open = new Set<Socket>();
  let up = true;
  let accepted = 0;
  const server = createServer((client) => {
    accepted++;
    if (!up) return void client.resetAndDestroy();
    const upstream = createConnection(target);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    port,
    get accepted() {
      return accepted;
    },
    cut() {
      up = false;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    restore() {
      up = true;
    },
    close() {
      for (const s of open) s.destroy();
      open.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
