import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describeWithMotoServer, uniqueTestName } from '@mlops/testkit';
import { expectedP1, logisticOnnx, sampleCsv, signature } from '../../serving/src/batch/__fixtures__/logisticModel';

// End-to-end through the built CLI against moto_server: a project whose only S3 setting is
// `plugins.dataLocations`, reading a feature view's file source and `mlops predict`'s input from
// s3:// and writing predictions back to s3://. Objects are put with plain HTTP (moto accepts
// unsigned path-style PUTs) and read back with the raw SDK, not through the code under test.
const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'packages/cli/bin/mlops.js');
const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 1);

describeWithMotoServer((moto) => {
  let project: string;
  let bucket: string;
  const object = (key: string) => `${moto().endpoint}/${bucket}/${key}`;
  const mlops = (args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', S3_KEY: 'test', S3_SECRET: 'test', ...env }, timeout: 120_000 });

  beforeAll(async () => {
    bucket = uniqueTestName('mlops-cli').replace(/_/g, '-').toLowerCase();
    expect((await fetch(`${moto().endpoint}/${bucket}`, { method: 'PUT' })).status).toBe(200);
    const events = `customer_id,ts,spend,segment\n1,${t0 + 1000},10.5,a\n1,${t0 + day},12.5,b\n2,${t0 + 2 * day},3,a\n3,${t0 + 5 * day},7,c\n`;
    await fetch(object('features/events.csv'), { method: 'PUT', body: events });
    await fetch(object('batch/in.csv'), { method: 'PUT', body: sampleCsv(3000) });
    project = mkdtempSync(path.join(tmpdir(), 'mlops-cli-s3-'));
    symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    writeFileSync(path.join(project, 'model.onnx'), logisticOnnx());
    writeFileSync(path.join(project, 'signature.json'), JSON.stringify(signature));
    writeFileSync(
      path.join(project, 'features.ts'),
      `import { entity, featureService, featureView, fileSource } from '@mlops/feature-store';
export const customer = entity({ name: 'customer', joinKeys: ['customer_id'] });
export const stats = featureView({
  name: 'customer_stats',
  entities: [customer],
  source: fileSource({ path: 's3://${bucket}/features/events.csv', format: 'csv', timestampColumn: 'ts' }),
  ttl: '30d',
  features: { spend: 'float', segment: 'string' },
});
export const scoring = featureService({ name: 'scoring', features: [stats] });
`,
    );
    writeFileSync(
      path.join(project, 'mlops.config.ts'),
      `import { defineConfig, env } from '@mlops/core';
import * as features from './features';
export default defineConfig({
  plugins: {
    featureStore: { use: '@mlops/feature-store', options: { definitions: features } },
    modelRuntime: '@mlops/runtime-onnx',
    // The SDK-free entry (the exampleS3 test uses the package's main entry).
    dataLocations: {
      use: '@mlops/storage-s3/data-locations',
      options: { endpoint: '${moto().endpoint}', forcePathStyle: true, credentials: { accessKeyId: env('S3_KEY'), secretAccessKey: env('S3_SECRET') } },
    },
  },
});
`,
    );
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('materializes a feature view whose file source is an s3:// object', () => {
    expect(mlops(['features', 'apply']).status).toBe(0);
    const r = mlops(['features', 'materialize', '--start', new Date(t0).toISOString(), '--end', String(t0 + 10 * day), '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ views: [{ view: 'customer_stats', start: t0, end: t0 + 10 * day, written: 3 }] });
  });

  it('the DuckDB offline engine materializes the same s3:// file source', () => {
    // Same project, the columnar engine: it reads the object through the same data-location handler.
    const duck = readFileSync(path.join(project, 'mlops.config.ts'), 'utf8').replace('options: { definitions: features }', "options: { definitions: features, offlineEngine: 'duckdb' }");
    expect(duck).toContain("offlineEngine: 'duckdb'");
    writeFileSync(path.join(project, 'duckdb.config.ts'), duck);
    const r = mlops(['--config', 'duckdb.config.ts', 'features', 'materialize', '--start', new Date(t0).toISOString(), '--end', String(t0 + 10 * day), '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ views: [{ view: 'customer_stats', start: t0, end: t0 + 10 * day, written: 3 }] });
  });

  it('predict reads --input from s3:// and writes --output to s3://, leaving no local copy behind', async () => {
    const r = mlops(['predict', '--model-file', 'model.onnx', '--signature', 'signature.json', '--input', `s3://${bucket}/batch/in.csv`, '--output', `s3://${bucket}/batch/out.csv`, '--id-column', 'id', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ input: `s3://${bucket}/batch/in.csv`, output: `s3://${bucket}/batch/out.csv`, rows: 3000, complete: true });
    const client = new S3Client({ endpoint: moto().endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'batch/out.csv' }));
    const lines = (await answer.Body!.transformToString()).trimEnd().split('\n');
    client.destroy();
    expect(lines).toHaveLength(3001);
    const inputs = sampleCsv(3000).split('\n')[2].split(',').slice(1, 4).map(Number);
    const [id, , , p1] = lines[2].split(',');
    expect(id).toBe('id-1');
    expect(Number(p1)).toBeCloseTo(expectedP1(inputs), 5);
    expect(existsSync(path.join(project, '.mlops', 'predict', 'inputs'))).toBe(true);
    expect(readdirSync(path.join(project, '.mlops', 'predict', 'inputs'))).toEqual([]);
    expect(readdirSync(path.join(project, '.mlops', 'predict', 'outputs'))).toEqual([]);
  });

  it('a missing input object fails with exit 2 (wrong input, as a missing file) naming the URI', () => {
    const r = mlops(['predict', '--model-file', 'model.onnx', '--signature', 'signature.json', '--input', `s3://${bucket}/batch/missing.csv`, '--output', 'local.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`s3://${bucket}/batch/missing.csv: read failed: no such object at ${moto().endpoint}`);
  });

  it('without dataLocations configured, an s3:// input says how to configure it', () => {
    writeFileSync(path.join(project, 'plain.config.ts'), `export default { plugins: { modelRuntime: '@mlops/runtime-onnx' } };\n`);
    const r = mlops(['--config', 'plain.config.ts', 'predict', '--model-file', 'model.onnx', '--signature', 'signature.json', '--input', `s3://${bucket}/batch/in.csv`, '--output', 'local.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`s3://${bucket}/batch/in.csv: unknown URI scheme "s3://"`);
    expect(r.stderr).toContain("plugins.dataLocations: '@mlops/storage-s3'");
  });
});
