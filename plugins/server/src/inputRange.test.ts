import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { onnxRuntime } from '@mlops/runtime-onnx';
import { createTestContext } from '@mlops/testkit';
import { call, predict } from './__fixtures__/http';
import { nanRuntime } from './__fixtures__/nanRuntime';
import { memoryLogger, modelFiles, startServer } from './__fixtures__/startServer';
import type { HttpModelServer } from './HttpModelServer';

const metric = (text: string, line: string) => Number(new RegExp(`^${line.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);

describe('inputs beyond the model tensor type, and non-finite outputs', () => {
  let files: Awaited<ReturnType<typeof modelFiles>>;
  let server: HttpModelServer;
  const logger = memoryLogger();
  beforeAll(async () => {
    files = await modelFiles();
    const runtime = nanRuntime(await onnxRuntime.create(createTestContext(onnxRuntime)), 7);
    server = await startServer({ modelFile: files.modelFile, signatureFile: files.signatureFile }, { runtime, logger });
  });
  afterAll(async () => {
    await server.close();
    await rm(files.dir, { recursive: true, force: true });
  });

  it('a finite double that float32 rounds to ±Infinity is a 422 naming the field (the graph takes float32)', async () => {
    const one = await predict(server.url!, { row: { a: 1e39, b: 0, c: null } });
    expect([one.status, one.json.error.code, one.json.error.field]).toEqual([422, 'invalid_value', 'row.a']);
    expect(one.json.error.message).toBe("row.a: 1e+39 is beyond the range of the model's float32 input (±3.4028234663852886e+38)");
    const many = await predict(server.url!, { rows: [{ a: 0, b: 0, c: 0 }, { a: 0, b: 0, c: -3.4028235677973366e38 }] });
    expect([many.status, many.json.error.field]).toEqual([422, 'rows[1].c']);
    // The largest float32 itself is a value the model can take.
    expect((await predict(server.url!, { row: { a: 3.4028234663852886e38, b: 0, c: 0 } })).status).toBe(200);
  });

  it('float32 inputs whose arithmetic overflows inside the real model (∞ − ∞) get a 500 non_finite_output, not a made-up label', async () => {
    const max = 3.4028234663852886e38;
    const res = await predict(server.url!, { row: { a: max, b: max, c: max } });
    expect([res.status, res.json.error.code]).toEqual([500, 'non_finite_output']);
    expect((await predict(server.url!, { row: { a: max, b: -max, c: 0 } })).json.predictions).toEqual([{ label: 'pos', probabilities: { neg: 0, pos: 1 } }]);
  });

  it('never answers a prediction from NaN outputs: 500 non_finite_output with the request id, logged and counted', async () => {
    const res = await predict(server.url!, { rows: [{ a: 1, b: 0, c: 0 }, { a: 7, b: 0, c: 0 }] }, { 'x-request-id': 'nan-request-1' });
    expect(res.status).toBe(500);
    expect(res.json.error).toEqual({
      code: 'non_finite_output',
      field: null,
      requestId: 'nan-request-1',
      message: 'the model returned a non-finite output (NaN or ±Infinity) for row 1; no prediction is returned; quote request id nan-request-1 to the operator',
    });
    expect(logger.lines.some((l) => l.startsWith('error /predict request nan-request-1 failed: ServingError: the model returned a non-finite output'))).toBe(true);
    // Other rows of the same micro-batch are unaffected.
    expect((await predict(server.url!, { row: { a: 1, b: 0, c: 0 } })).status).toBe(200);
    const metrics = (await call(server.url!, 'GET', '/metrics')).text;
    expect(metric(metrics, 'mlops_errors_total{code="non_finite_output"}')).toBe(2);
    expect(metric(metrics, 'mlops_errors_total{code="internal"}')).toBe(0);
  });
});
