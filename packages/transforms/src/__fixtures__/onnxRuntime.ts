import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Frame } from '@mlops/frame';
import type { OnnxFeed } from '../onnx/onnxFeeds';

// Errors a test provokes on purpose would otherwise print coloured ORT logs.
ort.env.logLevel = 'fatal';

/** Every model the tests export lands here, so a failure can be inspected with netron or onnx.checker. */
export const exportDir = mkdtempSync(path.join(tmpdir(), 'mlops-transforms-'));

/** Writes `model` to `exportDir/file`, runs it in onnxruntime-node and returns its outputs. */
export async function runOnnx(model: Uint8Array, file: string, feeds: Record<string, OnnxFeed>): Promise<Record<string, { data: unknown; dims: readonly number[] }>> {
  writeFileSync(path.join(exportDir, file), model);
  // logSeverityLevel 4 (fatal): the env-wide level above does not reach a session's kernel errors.
  const session = await ort.InferenceSession.create(model, { logSeverityLevel: 4 });
  try {
    const tensors: Record<string, ort.Tensor> = {};
    for (const [name, feed] of Object.entries(feeds)) tensors[name] = new ort.Tensor(feed.type, feed.data, [...feed.dims]);
    const out = await session.run(tensors);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { data: v.data, dims: v.dims }]));
  } finally {
    await session.release();
  }
}

/** Runs an exported chain and returns `features` as a Float32Array with its dims. */
export async function runFeatures(model: Uint8Array, file: string, feeds: Record<string, OnnxFeed>): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const out = await runOnnx(model, file, feeds);
  return { data: out.features.data as Float32Array, dims: out.features.dims };
}

/** Asserts `actual` (float32 from ONNX) equals `expected` (float64 in-process) within `tol` relative to max(1, |expected|); NaN must match NaN. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  const bad: string[] = [];
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Number.isNaN(e) ? Number.isNaN(a) : Math.abs(a - e) <= tol * Math.max(1, Math.abs(e));
    if (!ok && bad.length < 10) bad.push(`[${i}] onnx ${a} vs in-process ${e}`);
  }
  expect(bad).toEqual([]);
}

/** Exports `chain`, runs it on `frame` and checks the ONNX features equal `chain.features(frame)`. */
export async function expectParity(
  chain: { toOnnx(): Uint8Array; features(f: Frame): { data: Float64Array; cols: number }; onnxFeeds(f: Frame): Record<string, OnnxFeed> },
  frame: Frame,
  file: string,
): Promise<Float64Array> {
  const expected = chain.features(frame);
  const { data, dims } = await runFeatures(chain.toOnnx(), file, chain.onnxFeeds(frame));
  expect(dims).toEqual([frame.rowCount, expected.cols]);
  expectClose(data, expected.data);
  return expected.data;
}
