import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitUntil } from '@mlops/testkit';
import { call } from './__fixtures__/http';
import { rawExchange } from './__fixtures__/rawHttp';
import { memoryLogger, modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';
import { httpServerSettings } from './lib/httpServerSettings';

const metric = (text: string, code: string) => Number(new RegExp(`^mlops_errors_total\\{code="${code}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
const head = (extra = '') => `POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${extra}`;

describe('requests node:http cannot read: structured answers, on time', () => {
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let server: HttpModelServer;
  let port: number;
  const logger = memoryLogger();
  beforeAll(async () => {
    files = await modelFiles();
    server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, requestTimeoutMs: 1500, maxHeaderBytes: 4096 }, { logger });
    port = Number(new URL(server.url!).port);
  });
  afterAll(async () => {
    await server.close();
    await rm(files.dir, { recursive: true, force: true });
  });
  const errors = async () => (await call(server.url!, 'GET', '/metrics')).text;

  it('checks timeouts every tenth of requestTimeoutMs (node checks every 30 s by default)', () => {
    expect(httpServerSettings({ requestTimeoutMs: 10_000, keepAliveTimeoutMs: 5000, maxHeaderBytes: 16384 })).toEqual({
      keepAliveTimeout: 5000,
      requestTimeout: 10_000,
      headersTimeout: 10_000,
      connectionsCheckingInterval: 1000,
      maxHeaderSize: 16384,
    });
  });

  it('a request whose headers or body do not arrive in time gets 408 with the JSON error, within 10 % of the timeout', async () => {
    const [slowHeaders, slowBody] = await Promise.all([
      rawExchange(port, [head()], { giveUpMs: 8000 }),
      rawExchange(port, [`${head('Content-Length: 100\r\n')}\r\n{"row":`], { giveUpMs: 8000 }),
    ]);
    for (const answer of [slowHeaders, slowBody]) {
      expect(answer.status).toBe(408);
      expect(answer.json.error).toMatchObject({ code: 'request_timeout', message: 'the request was not received within 1500 ms', field: null, requestId: expect.stringMatching(/^\w+-\w+$/) });
      expect(answer.text).toMatch(/\r\ncontent-type: application\/json; charset=utf-8\r\n/);
      expect(answer.ms).toBeGreaterThanOrEqual(1450);
      expect(answer.ms).toBeLessThan(1500 + 150 + 500);
    }
    const text = await errors();
    expect(metric(text, 'request_timeout')).toBe(2);
    expect(metric(text, 'internal')).toBe(0);
  });

  it('headers beyond maxHeaderBytes get 431 with the JSON error', async () => {
    const answer = await rawExchange(port, [`${head(`X-Big: ${'x'.repeat(5000)}\r\n`)}Content-Length: 2\r\n\r\n{}`]);
    expect(answer.status).toBe(431);
    expect(answer.json.error).toMatchObject({ code: 'headers_too_large', message: 'the request headers exceed 4096 bytes' });
  });

  it('bytes that are not HTTP get 400 malformed_request with the JSON error', async () => {
    const answer = await rawExchange(port, ['GARBAGE\r\n\r\n']);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'malformed_request', message: expect.stringMatching(/^malformed HTTP request \(HPE_/) });
  });

  it('a client that leaves mid-body is counted as client_closed and logged at debug level, without a stack', async () => {
    const before = logger.lines.length;
    const errorsBefore = metric(await errors(), 'client_closed');
    // Two leave with a FIN, two with a RST.
    await Promise.all(Array.from({ length: 4 }, (_, i) => rawExchange(port, [`${head('Content-Length: 1000\r\n')}\r\n{"row":{"a":1`], { destroyAfterMs: 50, reset: i % 2 === 1 })));
    const text = await waitUntil(errors, (t) => metric(t, 'client_closed') - errorsBefore >= 4 && logger.lines.slice(before).filter((l) => l.includes('client closed the connection')).length >= 4);
    expect(metric(text, 'client_closed') - errorsBefore).toBe(4);
    expect(metric(text, 'internal')).toBe(0);
    const lines = logger.lines.slice(before);
    expect(lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
    expect(lines.filter((l) => l.includes('client closed the connection'))).toHaveLength(4);
    expect(lines.some((l) => l.includes('    at '))).toBe(false);
    expect((await call(server.url!, 'GET', '/health')).status).toBe(200);
  });

  it('a client that hangs up an idle keep-alive connection (even with a reset) is not an error', async () => {
    const before = metric(await errors(), 'client_closed');
    const answers = await Promise.all([
      rawExchange(port, ['GET /health HTTP/1.1\r\nHost: x\r\n\r\n'], { destroyAfterMs: 150, reset: true }),
      rawExchange(port, ['GET /health HTTP/1.1\r\nHost: x\r\n\r\n'], { destroyAfterMs: 150 }),
      rawExchange(port, [], { destroyAfterMs: 150, reset: true }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, null]);
    await new Promise((r) => setTimeout(r, 100));
    expect(metric(await errors(), 'client_closed')).toBe(before);
  });
});
