import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRuntime, resolveConfig, silentLogger, tokens, type Runtime } from '@mlops/core';
import { FeedbackStore, monitor, windowPerformance, type PredictionLog, type WithFeedback } from '@mlops/monitor';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { openSqlMetadataStore, sqlHandleOf } from '@mlops/sql-metadata';
import { sqliteMetadataStore } from '@mlops/storage-local';
import { memoryArtifactStore } from '@mlops/testkit';
import { call, predict } from './__fixtures__/http';
import { modelFiles, startServer } from './__fixtures__/startServer';
import { signature } from './__fixtures__/servingModel';
import { httpServer } from './plugin';
import type { HttpServerUserOptions } from './options';

const token = 'feedback-admin-token-0123';
const auth = { authorization: `Bearer ${token}` };
const rowOf = (a: number) => ({ a, b: 0.5, c: null });

/** A runtime as `mlops serve` builds it: the SQLite metadata store, the real monitor plugin, the ONNX runtime and the server. */
async function serve(dir: string, files: { modelFile: string; signatureFile: string }, options: HttpServerUserOptions): Promise<Runtime> {
  const config = await resolveConfig(
    {
      stateDir: dir,
      plugins: {
        artifactStore: memoryArtifactStore,
        metadataStore: { use: sqliteMetadataStore, options: { path: join(dir, 'metadata.sqlite') } },
        monitor,
        modelRuntime: onnxRuntime,
        server: { use: httpServer, options: { modelFile: files.modelFile, signatureFile: files.signatureFile, port: 0, workers: 1, ...options } },
      },
    },
    join(dir, 'mlops.config.ts'),
  );
  const runtime = await createRuntime(config, { logger: silentLogger });
  await runtime.get(tokens.server).listen();
  return runtime;
}

describe('POST /feedback with the monitor plugin on SQLite', () => {
  let dir: string;
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let runtime: Runtime;
  let url: string;
  const post = (body: unknown, headers: Record<string, string> = auth) => call(url, 'POST', '/feedback', { body, headers });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlops-feedback-'));
    files = await modelFiles();
    runtime = await serve(dir, files, { adminToken: token });
    url = runtime.get(tokens.server).url!;
  });
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
    await rm(files.dir, { recursive: true, force: true });
  });

  it('stores labels (single and batch, rows of a multi-row request) before the log is flushed; they join the logged predictions', async () => {
    const one = await predict(url, { row: rowOf(1.5) }, { 'x-request-id': 'fb-one' });
    const two = await predict(url, { rows: [rowOf(-1.5), rowOf(1.2)] }, { 'x-request-id': 'fb-two' });
    expect([one.status, two.status]).toEqual([200, 200]);
    // The log flushes every second: these labels reach the store before their predictions do.
    expect(await post({ requestId: 'fb-one', label: 'pos' })).toMatchObject({ status: 200, json: { received: 1, inserted: 1, updated: 0, unchanged: 0 } });
    // Rows of a multi-row request are named by index; a retried batch changes nothing.
    const batch = { labels: [{ requestId: 'fb-two', row: 0, label: 'pos' }, { requestId: 'fb-two', row: 1, label: 'pos' }] };
    expect((await post(batch)).json).toEqual({ received: 2, inserted: 2, updated: 0, unchanged: 0 });
    expect((await post(batch)).json).toEqual({ received: 2, inserted: 0, updated: 0, unchanged: 2 });
    const served = [...one.json.predictions, ...two.json.predictions].map((p: { label: string }) => p.label);
    // Through the monitor service too (what alert rules and reports call), once the log has flushed.
    const service = runtime.get(tokens.monitor) as unknown as WithFeedback<PredictionLog>;
    await runtime.hooks.flush();
    await service.flush();
    expect(await service.windowPerformance({ model: 'model', signature })).toMatchObject({ rows: 3, labelled: 3 });
    await runtime.close();
    const store = openSqlMetadataStore({ kind: 'sqlite', path: join(dir, 'metadata.sqlite') });
    await store.start();
    try {
      const sql = sqlHandleOf(store.database, 'test');
      const perf = await windowPerformance(sql, new FeedbackStore(sql), { model: 'model', signature });
      expect(perf).toMatchObject({ rows: 3, labelled: 3, realized: { rows: 3 } });
      // Every label is "pos": accuracy is the share of rows the server answered "pos" for.
      expect((perf.realized!.metrics as { accuracy: number }).accuracy).toBe(served.filter((l) => l === 'pos').length / 3);
      expect(served).toContain('neg');
    } finally {
      await store.close();
    }
    runtime = await serve(dir, files, { adminToken: token });
    url = runtime.get(tokens.server).url!;
  });

  type BadRequest = { body?: unknown; raw?: string; headers?: Record<string, string>; method?: string };
  const bad: [string, number, string, string | null, RegExp, BadRequest][] = [
    ['no token', 401, 'unauthorized', null, /Authorization: Bearer/, { body: { requestId: 'x', label: 'pos' }, headers: {} }],
    ['a wrong token', 401, 'unauthorized', null, /not the admin token/, { body: { requestId: 'x', label: 'pos' }, headers: { authorization: 'Bearer nope' } }],
    ['GET', 405, 'method_not_allowed', null, /^\/feedback takes POST, found GET$/, { method: 'GET' }],
    ['text/plain', 415, 'unsupported_media_type', null, /found "text\/plain"/, { raw: '{"requestId":"x","label":"pos"}', headers: { ...auth, 'content-type': 'text/plain' } }],
    ['invalid JSON', 400, 'bad_json', null, /^the body is not valid JSON/, { raw: '{"requestId":', headers: { ...auth, 'content-type': 'application/json' } }],
    ['an array body', 400, 'invalid_body', null, /found an array$/, { body: [{ requestId: 'x', label: 'pos' }] }],
    ['no request id', 400, 'invalid_body', 'requestId', /^requestId: expected the request id the server answered with \(x-request-id\), found nothing$/, { body: { label: 'pos' } }],
    ['a numeric request id', 422, 'wrong_type', 'requestId', /^requestId: expected a string, found number 7$/, { body: { requestId: 7, label: 'pos' } }],
    ['an empty request id', 422, 'invalid_value', 'requestId', /expected a non-empty string/, { body: { requestId: '', label: 'pos' } }],
    ['a 129-character request id', 422, 'invalid_value', 'requestId', /expected at most 128 characters, found 129$/, { body: { requestId: 'x'.repeat(129), label: 'pos' } }],
    ['a lone surrogate', 422, 'invalid_value', 'requestId', /lone UTF-16 surrogate at index 1$/, { raw: '{"requestId":"a\\ud800b","label":"pos"}', headers: { ...auth, 'content-type': 'application/json' } }],
    ['a NUL in the label (Postgres text cannot hold it)', 422, 'invalid_value', 'label', /^label: expected text without NUL characters or lone UTF-16 surrogates, found a NUL character \(U\+0000\) at index 3$/, { raw: '{"requestId":"x","label":"pos\\u0000"}', headers: { ...auth, 'content-type': 'application/json' } }],
    ['a null label', 400, 'invalid_body', 'label', /^label: expected a class name or a number, found null$/, { body: { requestId: 'x', label: null } }],
    ['an object label', 422, 'wrong_type', 'label', /found an object$/, { body: { requestId: 'x', label: { a: 1 } } }],
    ['a fractional row', 422, 'invalid_value', 'row', /^row: expected an integer from 0 to 2147483647, found 1\.5$/, { body: { requestId: 'x', label: 'pos', row: 1.5 } }],
    ['a string row', 422, 'wrong_type', 'row', /found string "1"$/, { body: { requestId: 'x', label: 'pos', row: '1' } }],
    ['a typo', 422, 'unknown_field', 'requestID', /only requestId, label, row/, { body: { requestID: 'x', label: 'pos' } }],
    ['labels not an array', 422, 'wrong_type', 'labels', /^labels: expected an array/, { body: { labels: { requestId: 'x' } } }],
    ['no labels', 400, 'invalid_body', 'labels', /empty array$/, { body: { labels: [] } }],
    ['labels and a request id', 422, 'unknown_field', 'requestId', /a batch body has only "labels"/, { body: { labels: [], requestId: 'x' } }],
    ['a bad entry in a batch', 400, 'invalid_body', 'labels[1].label', /^labels\[1\]\.label: expected/, { body: { labels: [{ requestId: 'x', label: 'pos' }, { requestId: 'y' }] } }],
    ['10,001 labels', 413, 'batch_too_large', 'labels', /at most 10000 labels per request, found 10001$/, { body: { labels: Array.from({ length: 10_001 }, (_, i) => ({ requestId: `r${i}`, label: 'pos' })) } }],
  ];
  it.each(bad)('answers %s with a structured %d, never a 5xx, and stores nothing', async (_, status, code, field, message, req) => {
    const res = req.method ? await call(url, req.method, '/feedback', { headers: auth }) : req.raw !== undefined ? await call(url, 'POST', '/feedback', { raw: req.raw, headers: req.headers }) : await post(req.body, req.headers);
    expect(res.status).toBe(status);
    expect(res.json.error).toMatchObject({ code, field, requestId: res.headers['x-request-id'] });
    expect(res.json.error.message).toMatch(message);
    const monitorService = runtime.get(tokens.monitor) as unknown as { feedback: FeedbackStore };
    expect(await monitorService.feedback.labelsOf(['x', 'y', 'r0'])).toEqual(new Map());
  });
});

describe('POST /feedback without a monitor, or without a token', () => {
  it('answers 404 naming what to configure', async () => {
    const files = await modelFiles();
    const server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, adminToken: token });
    try {
      const res = await call(server.url!, 'POST', '/feedback', { body: { requestId: 'x', label: 'pos' }, headers: auth });
      expect(res.status).toBe(404);
      expect(res.json.error).toMatchObject({ code: 'not_found', message: 'POST /feedback needs a monitor: configure plugins.monitor (e.g. @mlops/monitor) to store labels' });
    } finally {
      await server.close();
      await rm(files.dir, { recursive: true, force: true });
    }
  });

  it("is closed without an adminToken unless feedbackAuth is 'none', which takes labels from anyone", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlops-feedback-open-'));
    const files = await modelFiles();
    let runtime = await serve(dir, files, {});
    try {
      const closed = await call(runtime.get(tokens.server).url!, 'POST', '/feedback', { body: { requestId: 'x', label: 'pos' } });
      expect(closed.status).toBe(404);
      expect(closed.json.error.message).toMatch(/protected by the admin token and none is set/);
      await runtime.close();
      runtime = await serve(dir, files, { feedbackAuth: 'none' });
      const open = await call(runtime.get(tokens.server).url!, 'POST', '/feedback', { body: { requestId: 'x', label: 'pos' } });
      expect(open).toMatchObject({ status: 200, json: { received: 1, inserted: 1 } });
    } finally {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
      await rm(files.dir, { recursive: true, force: true });
    }
  });
});
