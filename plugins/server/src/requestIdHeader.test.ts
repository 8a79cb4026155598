import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call, predict, type TestResponse } from './__fixtures__/http';
import { rawExchange } from './__fixtures__/rawHttp';
import { modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';

// Every answer's headers are written in one writeHead call (nothing set earlier with setHeader):
// these pin what that call must carry, for answers and for errors.
const row = { a: 1.5, b: -0.5, c: null };
const json = 'application/json; charset=utf-8';

/** The headers every answer has: the request id, the type, and the body's exact length in bytes. */
function expectHeaders(res: TestResponse, requestId: string | RegExp, type = json): void {
  if (typeof requestId === 'string') expect(res.headers['x-request-id']).toBe(requestId);
  else expect(res.headers['x-request-id']).toMatch(requestId);
  expect(res.headers['content-type']).toBe(type);
  expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.text)));
}

describe('response headers: x-request-id, content-type, content-length', () => {
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let server: HttpModelServer;
  let url: string;
  beforeAll(async () => {
    files = await modelFiles();
    server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, bodyLimitBytes: 1024 });
    url = server.url!;
  });
  afterAll(async () => {
    await server.close();
    await rm(files.dir, { recursive: true, force: true });
  });

  it('a prediction echoes the client request id; without one, each answer gets a new id', async () => {
    const given = await predict(url, { row }, { 'x-request-id': 'client-id-7' });
    expect(given.status).toBe(200);
    expectHeaders(given, 'client-id-7');
    expect(given.json.predictions).toHaveLength(1);
    const [one, two] = [await predict(url, { rows: [row, row] }), await predict(url, { row })];
    expectHeaders(one, /^\w+-\w+$/);
    expectHeaders(two, /^\w+-\w+$/);
    expect(one.headers['x-request-id']).not.toBe(two.headers['x-request-id']);
    // An id longer than 128 characters is not echoed.
    const long = await predict(url, { row }, { 'x-request-id': 'x'.repeat(129) });
    expectHeaders(long, /^\w+-\w+$/);
  });

  it('error answers carry the same headers, and the id in the body is the header', async () => {
    const cases: [Promise<TestResponse>, number, string][] = [
      [predict(url, { row: { a: 'x', b: 0, c: 0 } }, { 'x-request-id': 'bad-1' }), 422, 'wrong_type'],
      [call(url, 'POST', '/predict', { raw: '{"row":', headers: { 'content-type': 'application/json', 'x-request-id': 'bad-2' } }), 400, 'bad_json'],
      [call(url, 'GET', '/predict', { headers: { 'x-request-id': 'bad-3' } }), 405, 'method_not_allowed'],
      [call(url, 'GET', '/nowhere', { headers: { 'x-request-id': 'bad-4' } }), 404, 'not_found'],
      [call(url, 'POST', '/predict', { raw: '{}', headers: { 'content-type': 'text/plain', 'x-request-id': 'bad-5' } }), 415, 'unsupported_media_type'],
    ];
    for (const [i, [pending, status, code]] of cases.entries()) {
      const res = await pending;
      expect([res.status, res.json.error.code]).toEqual([status, code]);
      expectHeaders(res, `bad-${i + 1}`);
      expect(res.json.error.requestId).toBe(`bad-${i + 1}`);
      expect(res.headers.connection).toBe('keep-alive');
    }
  });

  it('an oversized body gets 413 with the headers and connection: close', async () => {
    const res = await predict(url, { rows: Array.from({ length: 40 }, () => row) }, { 'x-request-id': 'big-1' });
    expect([res.status, res.json.error.code]).toEqual([413, 'body_too_large']);
    expectHeaders(res, 'big-1');
    expect(res.headers.connection).toBe('close');
  });

  it('/metrics, /health, /ready and /model answers carry them too; the in-flight gauge counts the scrape itself', async () => {
    const metrics = await call(url, 'GET', '/metrics', { headers: { 'x-request-id': 'm-1' } });
    expectHeaders(metrics, 'm-1', 'text/plain; version=0.0.4; charset=utf-8');
    expect(metrics.text).toMatch(/^mlops_http_requests_in_flight 1$/m);
    for (const path of ['/health', '/ready', '/model']) {
      const res = await call(url, 'GET', path, { headers: { 'x-request-id': `g${path}` } });
      expect(res.status).toBe(200);
      expectHeaders(res, `g${path}`);
    }
  });

  it('on the wire: each header once, nothing else but date and connection', async () => {
    const body = JSON.stringify({ row });
    for (const [text, status] of [[body, 200], ['{"row":{}}', 422]] as const) {
      const answer = await rawExchange(Number(new URL(url).port), [`POST /predict HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nx-request-id: raw-${status}\r\nContent-Length: ${text.length}\r\n\r\n${text}`]);
      expect(answer.status).toBe(status);
      const names = answer.text.split('\r\n\r\n')[0]!.split('\r\n').slice(1).map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
      expect(names.sort()).toEqual(['connection', 'content-length', 'content-type', 'date', 'x-request-id']);
      expect(answer.text).toContain(`\r\nx-request-id: raw-${status}\r\n`);
    }
  });
});
