import { connect } from 'node:net';

/** What came back on a raw connection: the status, the JSON body (if any), and when the connection closed. */
export interface RawAnswer {
  text: string;
  status: number | null;
  json: any;
  ms: number;
}

/**
 * Writes `parts` on a fresh connection (`pauseMs` between them), keeps the connection open and
 * collects everything until the server closes it (or `giveUpMs`).
 */
export function rawExchange(port: number, parts: string[], options: { pauseMs?: number; giveUpMs?: number; destroyAfterMs?: number; reset?: boolean } = {}): Promise<RawAnswer> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      const body = text.split('\r\n\r\n').slice(1).join('\r\n\r\n');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      resolve({ text, status: status ? Number(status) : null, json, ms: Date.now() - started });
    };
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', done);
    socket.on('error', () => undefined);
    void (async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0 && options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
        if (!socket.destroyed) socket.write(part);
      }
      // `reset`: leave with a TCP RST (a killed client) rather than a FIN.
      if (options.destroyAfterMs !== undefined) setTimeout(() => (options.reset ? socket.resetAndDestroy() : socket.destroy()), options.destroyAfterMs);
    })();
    setTimeout(() => socket.destroy(), options.giveUpMs ?? 10_000).unref();
  });
}
