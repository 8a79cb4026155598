import { Agent, request as httpRequest } from 'node:http';

/** A response as the tests look at it. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP request over a keep-alive agent; `body` objects are sent as JSON. */
export function call(base: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; raw?: string | Buffer; agent?: Agent; timeoutMs?: number } = {}): Promise<TestResponse> {
  const url = new URL(path, base);
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers };
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: options.agent ?? keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    // A connection handed to a worker that was just killed never answers; fail it instead of hanging.
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error(`no response within ${options.timeoutMs ?? 10_000} ms`)));
    req.end(payload);
  });
}

/** POST /predict with a JSON body. */
export const predict = (base: string, body: unknown, headers?: Record<string, string>) => call(base, 'POST', '/predict', { body, headers });
