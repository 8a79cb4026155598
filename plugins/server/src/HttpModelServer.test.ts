import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoadedModel, ModelRuntime } from '@mlops/core';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { createTestContext } from '@mlops/testkit';
import { call, predict } from './__fixtures__/http';
import { memoryLogger, modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';

const row = { a: 1.5, b: -0.5, c: null };

describe('HttpModelServer endpoints', () => {
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let server: HttpModelServer;
  let url: string;
  const adminToken = 'a-very-secret-admin-token';
  beforeAll(async () => {
    files = await modelFiles();
    server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, adminToken, maxRows: 50, bodyLimitBytes: 4096 });
    url = server.url!;
  });
  afterAll(async () => {
    await server.close();
    await rm(files.dir, { recursive: true, force: true });
  });

  it('POST /predict answers one row and a batch with labels and probabilities by class', async () => {
    const one = await predict(url, { row });
    expect(one.status).toBe(200);
    expect(one.headers['x-request-id']).toEqual(expect.any(String));
    expect(one.json.predictions).toHaveLength(1);
    const p = one.json.predictions[0];
    expect(p.label).toBe('pos');
    expect(p.probabilities.neg + p.probabilities.pos).toBeCloseTo(1, 5);
    const batch = await predict(url, { rows: [row, { a: -2, b: 1.5, c: 0.3 }] });
    expect(batch.json.predictions.map((x: { label: string }) => x.label)).toEqual(['pos', 'neg']);
    // The same row alone and in a batch gets the same answer.
    expect(batch.json.predictions[0]).toEqual(p);
  });

  it('GET /health, /ready and /model describe the served model', async () => {
    expect((await call(url, 'GET', '/health')).json).toEqual({ status: 'ok', pid: process.pid });
    const ready = await call(url, 'GET', '/ready');
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: 'ready', checks: { model: { ok: true } } });
    const model = await call(url, 'GET', '/model');
    expect(model.json).toMatchObject({ name: 'model', version: null, alias: null, digest: expect.stringMatching(/^sha256:/), signature: { task: 'binary', classes: ['neg', 'pos'] } });
  });

  it('GET /metrics exposes latency, predictions per class, errors and the model version', async () => {
    await predict(url, { row: { a: 'x' } });
    const text = (await call(url, 'GET', '/metrics')).text;
    expect(text).toMatch(/mlops_http_request_duration_seconds_bucket\{le="[^"]+",route="\/predict",status="200"\}/);
    expect(text).toMatch(/mlops_predictions_total\{model="model",class="pos"\} \d+/);
    expect(text).toMatch(/mlops_errors_total\{code="wrong_type"\} 1/);
    expect(text).toMatch(/mlops_model_info\{role="primary",name="model",version="",alias="",digest="sha256:[0-9a-f]+"\} 1/);
    expect(text).toMatch(/mlops_inference_batch_rows_bucket/);
    expect(text).toMatch(/mlops_http_requests_in_flight 1/);
  });

  it.each([
    ['wrong content type', { raw: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type', null],
    ['no content type', { raw: '{}' }, 415, 'unsupported_media_type', null],
    ['invalid JSON', { raw: '{"row": {', headers: { 'content-type': 'application/json' } }, 400, 'bad_json', null],
    ['a JSON array', { body: [row] }, 400, 'invalid_body', null],
    ['no rows', { body: { rows: [] } }, 400, 'invalid_body', 'rows'],
    ['a missing feature', { body: { row: { a: 1, c: 2 } } }, 422, 'missing_feature', 'row.b'],
    ['a mistyped feature', { body: { rows: [row, { ...row, b: '3' }] } }, 422, 'wrong_type', 'rows[1].b'],
    ['null in a non-nullable feature', { body: { row: { ...row, a: null } } }, 422, 'null_value', 'row.a'],
    ['an unknown feature', { body: { row: { ...row, d: 1 } } }, 422, 'unknown_field', 'row.d'],
    ['too many rows', { body: { rows: Array(51).fill(row) } }, 413, 'batch_too_large', 'rows'],
    ['an oversized body', { raw: JSON.stringify({ row, pad: 'x'.repeat(5000) }), headers: { 'content-type': 'application/json' } }, 413, 'body_too_large', null],
  ])('%s → a 4xx JSON error, and the server stays up', async (_, options, status, code, field) => {
    const res = await call(url, 'POST', '/predict', options as never);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json.error).toMatchObject({ code, field, message: expect.any(String) });
    expect((await predict(url, { row })).status).toBe(200);
  });

  it('unknown paths get 404 and wrong methods 405, as JSON', async () => {
    expect((await call(url, 'GET', '/nope')).json.error.code).toBe('not_found');
    const r = await call(url, 'GET', '/predict');
    expect([r.status, r.json.error.code, r.json.error.message]).toEqual([405, 'method_not_allowed', '/predict takes POST, found GET']);
  });

  it('admin endpoints need the bearer token', async () => {
    expect((await call(url, 'POST', '/admin/reload')).status).toBe(401);
    expect((await call(url, 'POST', '/admin/reload', { headers: { authorization: 'Bearer wrong' } })).json.error.code).toBe('unauthorized');
    const ok = await call(url, 'POST', '/admin/reload', { headers: { authorization: `Bearer ${adminToken}` } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ changed: false, to: { name: 'model' } });
  });
});

describe('HttpModelServer failures', () => {
  it('a failing inference is a 500 with a request id that the log names, and the server keeps serving', async () => {
    const files = await modelFiles();
    const real = await onnxRuntime.create(createTestContext(onnxRuntime));
    let failNext = false;
    // A runtime whose model fails on demand: the unexpected-failure path with a real model otherwise.
    const flaky: ModelRuntime = {
      name: 'flaky',
      load: async (bytes) => {
        const m = await real.load(bytes);
        return { inputs: m.inputs, outputs: m.outputs, release: () => m.release(), run: (feeds) => (failNext ? Promise.reject(new Error('native crash')) : m.run(feeds)) } satisfies LoadedModel;
      },
    };
    const logger = memoryLogger();
    const server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile }, { runtime: flaky, logger });
    try {
      failNext = true;
      const res = await predict(server.url!, { row }, { 'x-request-id': 'req-42' });
      expect(res.status).toBe(500);
      expect(res.json.error).toEqual({ code: 'internal', message: 'internal error; quote request id req-42 to the operator', field: null, requestId: 'req-42' });
      expect(logger.lines.find((l) => l.startsWith('error /predict request req-42 failed'))).toMatch(/native crash/);
      failNext = false;
      expect((await predict(server.url!, { row })).status).toBe(200);
    } finally {
      await server.close();
      await rm(files.dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without a readable model, naming the file', async () => {
    await expect(startServer({ modelFile: '/nonexistent/model.onnx', signatureFile: '/nonexistent/s.json' })).rejects.toThrow('cannot read the model file /nonexistent/model.onnx');
  });
});

describe('HttpModelServer options', () => {
  it('needs a model, and one kind of model source', async () => {
    await expect(startServer({})).rejects.toThrow('no model to serve: set the server option model (NAME@ALIAS) or modelFile + signatureFile');
    const { httpServerOptions } = await import('./options');
    const issues = (raw: unknown) => httpServerOptions.safeParse(raw).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues({ model: 'churn@champion', modelFile: 'm.onnx', signatureFile: 's.json' })).toEqual(['model: give either model (a registry ref) or modelFile + signatureFile, not both']);
    expect(issues({ modelFile: 'm.onnx' })).toEqual(['signatureFile: modelFile and signatureFile go together']);
    expect(issues({ model: 'churn@@x' })).toEqual(['model: expected NAME@ALIAS, NAME:VERSION or NAME']);
    expect(issues({ model: 'm', adminToken: 'short' })).toEqual(['adminToken: use at least 16 characters']);
    expect(httpServerOptions.parse({ model: 'm' })).toMatchObject({ host: '127.0.0.1', port: 8080, bodyLimitBytes: 1048576, maxRows: 1000, microBatch: { enabled: true, maxRows: 64, maxWaitMs: 0 }, reloadIntervalMs: 10000 });
  });
});
