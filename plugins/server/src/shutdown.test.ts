import { rm } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { createTestContext } from '@mlops/testkit';
import { Agent } from 'node:http';
import { call } from './__fixtures__/http';
import { slowRuntime } from './__fixtures__/slowRuntime';
import { modelFiles, startServer } from './__fixtures__/startServer';

const row = { a: 1, b: 2, c: 3 };

describe('graceful shutdown', () => {
  it('answers every in-flight request, then refuses new connections', async () => {
    const files = await modelFiles();
    const runtime = slowRuntime(await onnxRuntime.create(createTestContext(onnxRuntime)), 300);
    // Micro-batching off: five separate slow runs, all in flight when close() is called.
    const server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, microBatch: { enabled: false } }, { runtime });
    const url = server.url!;
    try {
      const agent = new Agent({ keepAlive: true });
      const inFlight = Array.from({ length: 5 }, () => call(url, 'POST', '/predict', { body: { row }, agent }));
      // Until all five are running (a fixed sleep let a loaded CI machine close a connection whose request had not arrived yet).
      while (runtime.runs < 5) await new Promise((r) => setTimeout(r, 5));
      const closing = server.close();
      const answers = await Promise.all(inFlight);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      // Responses sent while draining tell keep-alive clients to reconnect elsewhere.
      expect(answers.map((a) => a.headers.connection)).toEqual(['close', 'close', 'close', 'close', 'close']);
      expect(new Set(answers.map((a) => a.headers['x-request-id'])).size).toBe(5);
      await closing;
      await expect(call(url, 'GET', '/health', { agent: new Agent() })).rejects.toThrow(/ECONNREFUSED/);
      agent.destroy();
    } finally {
      await server.close();
      await rm(files.dir, { recursive: true, force: true });
    }
  });

  it('answers 503 timeout when a prediction takes longer than requestTimeoutMs', async () => {
    const files = await modelFiles();
    const runtime = slowRuntime(await onnxRuntime.create(createTestContext(onnxRuntime)), 400);
    const server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile, requestTimeoutMs: 150 }, { runtime });
    try {
      const res = await call(server.url!, 'POST', '/predict', { body: { row } });
      expect([res.status, res.json.error.code]).toEqual([503, 'timeout']);
      // The late answer (the run ends at 400 ms) is dropped: the request is counted once, as a 503, and is no longer in flight.
      await new Promise((r) => setTimeout(r, 500));
      const metrics = (await call(server.url!, 'GET', '/metrics')).text;
      expect(metrics).toMatch(/^mlops_http_request_duration_seconds_count\{route="\/predict",status="503"\} 1$/m);
      expect(metrics).not.toMatch(/route="\/predict",status="200"/);
      // In flight: only this scrape.
      expect(metrics).toMatch(/^mlops_http_requests_in_flight 1$/m);
      expect(metrics).not.toMatch(/^mlops_predictions_total\{/m);
      expect((await call(server.url!, 'GET', '/health')).status).toBe(200);
    } finally {
      await server.close();
      await rm(files.dir, { recursive: true, force: true });
    }
  });
});
