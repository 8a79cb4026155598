import { z } from 'zod';
import * as path from 'node:path';
import { memoryArtifactStore, memoryMetadataStore } from '@mlops/testkit';
import { Frame, float64Column } from '@mlops/frame';
import { resolveConfig } from '../config/resolveConfig';
import { createRuntime, type Runtime } from '../plugins/createRuntime';
import { tokens } from '../tokens/tokens';
import { silentLogger } from '../util/logger';
import { pipeline } from '../pipeline/pipeline';
import { runPipeline } from '../pipeline/runPipeline';
import { step } from '../pipeline/step';
import { DatasetCatalog } from './DatasetCatalog';
import { parseDatasetRef } from './datasetRef';

let runtime: Runtime;
beforeEach(async () => {
  const config = await resolveConfig({ plugins: { artifactStore: memoryArtifactStore, metadataStore: memoryMetadataStore } }, path.join(process.cwd(), 'mlops.config.ts'), {});
  runtime = await createRuntime(config, { logger: silentLogger });
});
afterEach(() => runtime.close());

const frameOf = (scale: number) =>
  Frame.fromRows([{ x: 1 * scale, city: 'oslo' }, { x: 2 * scale, city: 'lima' }, { x: 3 * scale, city: 'oslo' }], { x: 'float64', city: 'category' });

// `make` registers a frame (whose content depends on `scale`) as an output; `use` loads it and registers a derived one.
const make = step({
  name: 'make',
  params: z.object({ scale: z.number() }),
  run: async (_i, ctx) => {
    const v = await ctx.datasets.register('sales/raw', frameOf(ctx.params.scale), { role: 'input' });
    return { version: v.version };
  },
});
async function clean(datasets: { load(ref: string): Promise<Frame>; register(name: string, frame: Frame): Promise<{ version: number }> }) {
  const frame = await datasets.load('sales/raw');
  const doubled = Frame.fromColumns({ x: float64Column(Array.from(frame.column('x').data as Float64Array, (v) => v * 2)) });
  return { clean: (await datasets.register('sales/clean', doubled)).version };
}
const use = step({ name: 'use', run: (_i: { version: number }, ctx) => clean(ctx.datasets) });
const readOnly = step({ name: 'read', run: (_i, ctx) => clean(ctx.datasets) });
const flow = pipeline({
  name: 'flow',
  params: z.object({ scale: z.number().default(1) }),
  build: (p, params) => {
    const m = p.add(make, { params: { scale: params.scale } });
    p.add(use, { inputs: { version: m.out.version } });
  },
});

describe('ctx.datasets', () => {
  it('numbers versions by content, records which runs produced and consumed them', async () => {
    const first = await runPipeline(runtime, flow, { params: { scale: 1 }, noCache: true });
    const again = await runPipeline(runtime, flow, { params: { scale: 1 }, noCache: true });
    const other = await runPipeline(runtime, flow, { params: { scale: 5 }, noCache: true });
    expect([first, again, other].map((r) => r.run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const metadata = runtime.get(tokens.metadataStore);
    expect((await metadata.listDatasetVersions('sales/raw')).map((v) => [v.version, v.rows, v.runId])).toEqual([
      [2, 3, other.run.id],
      [1, 3, first.run.id],
    ]);
    const raw1 = await metadata.getDatasetVersion('sales/raw', 1);
    expect(raw1?.schema).toEqual([{ name: 'x', dtype: 'float64' }, { name: 'city', dtype: 'category' }]);
    // Both runs with scale 1 registered (as their input) and loaded version 1.
    const uses = await metadata.listDatasetUses({ name: 'sales/raw', version: 1 });
    expect(uses.map((u) => [u.runId, u.role])).toEqual([
      [first.run.id, 'input'],
      [first.run.id, 'input'],
      [again.run.id, 'input'],
      [again.run.id, 'input'],
    ]);
    expect(new Set(uses.map((u) => u.stepRunId)).size).toBe(4);
    const clean = await metadata.listDatasetUses({ runId: other.run.id, name: 'sales/clean' });
    expect(clean.map((u) => [u.version, u.role])).toEqual([[2, 'output']]);
    const catalog = new DatasetCatalog(runtime.get(tokens.artifactStore), metadata);
    const loaded = await catalog.load('sales/clean@v2');
    expect(Array.from(loaded.frame.column('x').data as Float64Array)).toEqual([10, 20, 30]);
  });

  it('a cached step run records the dataset versions of the run it reuses', async () => {
    const first = await runPipeline(runtime, flow, { params: { scale: 2 } });
    const cached = await runPipeline(runtime, flow, { params: { scale: 2 } });
    expect(cached.steps.map((s) => s.status)).toEqual(['cached', 'cached']);
    const metadata = runtime.get(tokens.metadataStore);
    const strip = (u: { name: string; version: number; role: string }) => `${u.name}@v${u.version}:${u.role}`;
    expect((await metadata.listDatasetUses({ runId: cached.run.id })).map(strip).sort()).toEqual((await metadata.listDatasetUses({ runId: first.run.id })).map(strip).sort());
    expect((await metadata.listDatasetUses({ runId: cached.run.id })).map(strip).sort()).toEqual(['sales/clean@v1:output', 'sales/raw@v1:input', 'sales/raw@v1:input']);
  });

  it('a pin makes load(NAME) read the pinned version instead of the latest', async () => {
    await runPipeline(runtime, flow, { params: { scale: 1 }, noCache: true });
    await runPipeline(runtime, flow, { params: { scale: 3 }, noCache: true });
    const pinned = await runPipeline(runtime, pipeline({ name: 'reader', build: (p) => void p.add(readOnly) }), { noCache: true, datasetPins: { 'sales/raw': 1 } });
    expect(pinned.run.status).toBe('succeeded');
    const uses = await runtime.get(tokens.metadataStore).listDatasetUses({ runId: pinned.run.id });
    expect(uses.map((u) => `${u.name}@v${u.version}:${u.role}`)).toEqual(['sales/raw@v1:input', 'sales/clean@v1:output']);
  });

  it('names that could leave their folder, unknown versions and gone content fail naming the dataset', async () => {
    const catalog = new DatasetCatalog(runtime.get(tokens.artifactStore), runtime.get(tokens.metadataStore));
    await expect(catalog.register('../etc/passwd', frameOf(1))).rejects.toThrow('dataset name must not have a ".." segment, received "../etc/passwd"');
    await expect(catalog.register('/abs', frameOf(1))).rejects.toThrow('dataset name must not be an absolute path');
    await expect(catalog.register('a@b', frameOf(1))).rejects.toThrow('dataset name must not contain "@" or whitespace, received "a@b"');
    expect(() => parseDatasetRef('sales@latest')).toThrow('dataset "sales@latest": expected NAME or NAME@vN (e.g. customers@v3), found version "latest"');
    expect(parseDatasetRef('team/sales@v12')).toEqual({ name: 'team/sales', version: 12 });
    const v1 = await catalog.register('sales', frameOf(1));
    expect((await catalog.register('sales', frameOf(1))).version).toBe(1);
    await expect(catalog.resolve('sales@v4')).rejects.toThrow('dataset "sales" has no version 4 (versions: v1..v1)');
    await expect(catalog.resolve('nope')).rejects.toThrow('no dataset named "nope" (datasets: sales)');
    await runtime.get(tokens.artifactStore).delete(v1.blobDigest);
    await expect(catalog.load('sales@v1')).rejects.toThrow(`dataset sales@v1 (${v1.digest}) is gone: its content ${v1.blobDigest} is no longer in the artifact store`);
  });
});
