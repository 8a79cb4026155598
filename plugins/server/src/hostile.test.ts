import { rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitUntil } from '@mlops/testkit';
import { call, type TestResponse } from './__fixtures__/http';
import { prng, randomBody, valid } from './__fixtures__/randomBodies';
import { rawExchange } from './__fixtures__/rawHttp';
import { realFeatureStore } from './__fixtures__/realFeatureStore';
import { memoryLogger, modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';

/**
 * Every class of hostile input the fuzz found (issue 12 §3), plus the existing fuzz's bodies,
 * against a real server (onnxruntime, a real feature store with its embedded online store) on
 * loopback: no 5xx, no `internal` error counted, and the server still serves afterwards.
 */
const requestTimeoutMs = 1000;
const metric = (text: string, code: string) => Number(new RegExp(`^mlops_errors_total\\{code="${code}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
const json = (body: unknown) => ({ raw: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('hostile clients against a real server', () => {
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let fs: Awaited<ReturnType<typeof realFeatureStore>>;
  let server: HttpModelServer;
  let port: number;
  const logger = memoryLogger();
  const statuses = new Map<number, number>();
  const fiveHundreds: string[] = [];
  beforeAll(async () => {
    fs = await realFeatureStore();
    files = await modelFiles();
    server = await startServer(
      { modelFile: files.modelFile, signatureFile: files.signatureFile, bodyLimitBytes: 64 * 1024, requestTimeoutMs, maxHeaderBytes: 8192, features: { service: 'vitals_svc', entityKeys: ['patient_id'] } },
      { featureStore: fs.store, logger },
    );
    port = Number(new URL(server.url!).port);
  });
  afterAll(async () => {
    await server?.close();
    await fs?.close();
    if (files) await rm(files.dir, { recursive: true, force: true });
  });

  /** One request; every answer is tallied, every 5xx kept with what caused it. */
  const send = async (what: string, options: { raw?: string | Buffer; headers?: Record<string, string>; method?: string; path?: string }): Promise<TestResponse> => {
    const res = await call(server.url!, options.method ?? 'POST', options.path ?? '/predict', { raw: options.raw, headers: options.headers });
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) fiveHundreds.push(`${res.status} for ${what}: ${res.text}`);
    if (res.status !== 200) expect({ what, code: typeof res.json?.error?.code }).toEqual({ what, code: 'string' });
    return res;
  };
  const inParallel = async <T>(items: readonly T[], f: (item: T) => Promise<unknown>, width = 16) => {
    for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(f));
  };

  it('the existing fuzz bodies: 1500 random, mutated, truncated and binary bodies', async () => {
    const r = prng(20261202);
    const bodies = Array.from({ length: 1500 }, () => randomBody(r));
    await inParallel(bodies, ({ raw, type }) => send(`fuzz body ${String(raw).slice(0, 80)}`, { raw, headers: type ? { 'content-type': type } : {} }));
    expect(statuses.get(422)).toBeGreaterThan(50);
    expect(statuses.get(400)).toBeGreaterThan(50);
  });

  it('entity keys with lone UTF-16 surrogates: 422 naming the field; well-formed ones are looked up', async () => {
    const bad = ['\ud800', '\udfff', 'a\ud83d', '\ude42b', '\ud800\ud800', `${'x'.repeat(100)}\udbff`];
    for (const [i, key] of bad.entries()) {
      const res = await send(`entity ${JSON.stringify(key)}`, json({ entities: [{ patient_id: 1 }, { patient_id: key }] }));
      expect([i, res.status, res.json.error.code, res.json.error.field]).toEqual([i, 422, 'invalid_value', 'entities[1].patient_id']);
    }
    expect((await send('known entity', json({ entities: [{ patient_id: '1' }] }))).status).toBe(200);
    for (const key of ['🙂', '\u0000', 'a&b=c', '%', 'x'.repeat(1000), -0, 1e308, 9007199254740993]) {
      expect((await send(`unknown entity ${JSON.stringify(key)}`, json({ entities: [{ patient_id: key }] }))).json.error.code).toBe('unknown_entity');
    }
  });

  it('numbers beyond float32: 422 naming the field; the largest float32 is served', async () => {
    for (const v of [3.4028235677973366e38, -3.5e38, 1e39, 1e308, -Number.MAX_VALUE]) {
      for (const [body, field] of [
        [{ row: { ...valid, a: v } }, 'row.a'],
        [{ rows: [valid, { ...valid, c: v }] }, 'rows[1].c'],
      ] as const) {
        const res = await send(`float32 overflow ${v}`, json(body));
        expect([res.status, res.json.error.code, res.json.error.field]).toEqual([422, 'invalid_value', field]);
      }
    }
    // JSON numbers beyond double's range parse to Infinity: not a number the schema accepts.
    expect((await send('1e400', { raw: '{"row":{"a":1e400,"b":0,"c":null}}', headers: { 'content-type': 'application/json' } })).json.error).toMatchObject({ code: 'wrong_type', field: 'row.a' });
    const edge = await send('float32 max', json({ row: { a: 3.4028234663852886e38, b: 0, c: -1e-45 } }));
    expect(edge.status).toBe(200);
  });

  it('content types: JSON in any case or as +json, UTF-8 only; everything else 415', async () => {
    const body = JSON.stringify({ row: valid });
    for (const type of ['APPLICATION/JSON', 'Application/Json; Charset="UTF-8"', 'application/problem+json', 'application/json;charset=utf-8']) {
      expect([type, (await send(`content-type ${type}`, { raw: body, headers: { 'content-type': type } })).status]).toEqual([type, 200]);
    }
    for (const type of ['application/jsonp', 'application/json; charset=utf-16', 'application/json; charset=UTF-16LE', 'application/json; charset=iso-8859-1', 'text/json', 'application/json, text/plain', 'application/json; charset="utf-8', '']) {
      const res = await send(`content-type ${type}`, { raw: body, headers: type ? { 'content-type': type } : {} });
      expect([type, res.status, res.json.error.code]).toEqual([type, 415, 'unsupported_media_type']);
    }
    // UTF-16 bytes declared as UTF-16: refused, not misread as UTF-8.
    expect((await send('utf-16 body', { raw: Buffer.from(body, 'utf16le'), headers: { 'content-type': 'application/json; charset=utf-16' } })).status).toBe(415);
  });

  it('clients that leave mid-body are counted as client_closed, not internal, and logged at debug level', async () => {
    const before = metric((await call(server.url!, 'GET', '/metrics')).text, 'client_closed');
    const head = 'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"rows":[';
    await inParallel(Array.from({ length: 24 }, (_, i) => i), (i) => rawExchange(port, [head + '{"a":1,"b":2,"c":3},'.repeat(i)], { destroyAfterMs: 20, reset: i % 2 === 0 }));
    const counted = await waitUntil(async () => metric((await call(server.url!, 'GET', '/metrics')).text, 'client_closed') - before, (n) => n >= 24);
    expect(counted).toBe(24);
  });

  it('slow requests get 408 with the JSON error near requestTimeoutMs; huge headers 431; non-HTTP 400', async () => {
    const slow = await Promise.all([
      rawExchange(port, ['POST /predict HTTP/1.1\r\nHost: x\r\n'], { giveUpMs: 5000 }),
      rawExchange(port, ['POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{"row":'], { giveUpMs: 5000 }),
      rawExchange(port, ['POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"row'], { giveUpMs: 5000 }),
    ]);
    for (const answer of slow) {
      expect([answer.status, answer.json?.error?.code]).toEqual([408, 'request_timeout']);
      // Node's default check interval (30 s) made this 1–31 s; the margin is for a loaded machine.
      expect(answer.ms).toBeLessThan(requestTimeoutMs * 1.1 + 500);
    }
    const big = await rawExchange(port, [`GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(9000)}\r\n\r\n`]);
    expect([big.status, big.json?.error?.code]).toEqual([431, 'headers_too_large']);
    const many = await rawExchange(port, [`GET /health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'v'.repeat(20)}\r\n`).join('')}\r\n`]);
    expect(many.status).toBe(431);
    for (const garbage of ['GARBAGE\r\n\r\n', 'POST /predict HTTP/1.1\r\nContent-Length: -5\r\n\r\n', 'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n', '\u0000\u0001\u0002\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n']) {
      const answer = await rawExchange(port, [garbage]);
      expect([JSON.stringify(garbage), answer.status, answer.json?.error?.code]).toEqual([JSON.stringify(garbage), 400, 'malformed_request']);
    }
  });

  it('odd request ids, field names and paths are answered, not crashed on', async () => {
    const head = (id: string) => `POST /predict HTTP/1.1\r\nHost: x\r\nX-Request-Id: ${id}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
    for (const id of ['\u00ff\u00fe', 'x'.repeat(129), '"quoted"', ' ']) {
      const answer = await rawExchange(port, [head(id)], { destroyAfterMs: 1000 });
      expect([answer.status, answer.json?.error?.code]).toEqual([400, 'invalid_body']);
    }
    const res = await send('surrogate field name', json({ row: { ...valid, '\ud800': 1 } }));
    expect([res.status, res.json.error.code]).toEqual([422, 'unknown_field']);
    for (const path of ['/predict?x=\u00ff', '/%2e%2e/%2e%2e/etc/passwd', '/predict/../admin/reload', `/${'a'.repeat(4000)}`]) {
      expect((await send(`path ${path.slice(0, 40)}`, { method: 'GET', path, raw: undefined })).status).toBeLessThan(500);
    }
  });

  it('afterwards: no 5xx, no internal error counted, no error logged, and the server still serves', async () => {
    expect(fiveHundreds).toEqual([]);
    const metrics = (await call(server.url!, 'GET', '/metrics', { agent: new Agent() })).text;
    expect(metric(metrics, 'internal')).toBe(0);
    expect(metrics).not.toMatch(/^mlops_http_request_duration_seconds_count\{route="[^"]*",status="5\d\d"\}/m);
    expect(logger.lines.filter((l) => l.startsWith('error '))).toEqual([]);
    expect((await call(server.url!, 'GET', '/health')).status).toBe(200);
    expect((await send('valid row', json({ row: valid }))).status).toBe(200);
    expect((await send('valid entity', json({ entities: [{ patient_id: 1 }] }))).status).toBe(200);
  });
});
